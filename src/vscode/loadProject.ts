import * as path from 'node:path';
import * as vscode from 'vscode';
import { nodeFiles } from '../core/files';
import { findRepository } from '../core/git';
import { planRelease } from '../core/publish';
import type { PlanOptions, ReleasePlan } from '../core/publish/types';
import { readPyprojectFile } from '../core/pyproject';
import type { ProjectFacts } from '../core/pyproject/types';
import { locatePackage, type PackageLocation } from '../core/setup/packageLocation';
import { planOptionsFrom, readSettings } from './settings';

export interface LoadedProject {
  facts: ProjectFacts;
  location: PackageLocation;
  /** False when the package is in no git repository: the workflow then goes beside the package. */
  inRepository: boolean;
}

/** Reads the project facts and where the repository root is; on failure tells the user with one useful button. */
export async function loadProject(pyprojectPath: string, log: vscode.LogOutputChannel): Promise<LoadedProject | undefined> {
  const facts = await readPyprojectFile(pyprojectPath, nodeFiles);
  if (!facts.ok) {
    log.warn(facts.error.message);
    const open = 'Open pyproject.toml';
    const choice = await vscode.window.showErrorMessage(facts.error.message, ...(facts.error.kind === 'NotFound' ? [] : [open]));
    if (choice === open) {
      const position = facts.error.kind === 'TomlSyntax' ? new vscode.Position(facts.error.line - 1, facts.error.column - 1) : new vscode.Position(0, 0);
      await vscode.window.showTextDocument(vscode.Uri.file(pyprojectPath), { selection: new vscode.Range(position, position) });
    }
    return undefined;
  }
  const repository = await findRepository(path.dirname(pyprojectPath), nodeFiles);
  const location = locatePackage(pyprojectPath, repository.ok ? repository.value.root : undefined);
  log.info(`Project ${facts.value.name} (${facts.value.backendName}, ${facts.value.build.kind}) at ${location.packageDir} of ${location.repositoryRoot}`);
  return { facts: facts.value, location, inRepository: repository.ok };
}

/** The release plan for a project: its settings, then the caller's choices; the package folder from where it is. */
export function planFor(project: LoadedProject, options: PlanOptions = {}): ReleasePlan {
  const settings = readSettings(vscode.Uri.file(project.location.pyprojectPath));
  return planRelease(project.facts, { ...planOptionsFrom(settings), ...options, packageDir: project.location.packageDir });
}
