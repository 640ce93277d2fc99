import * as path from 'node:path';
import * as vscode from 'vscode';
import { nodeFiles } from '../core/files';
import { findPyprojects, readPyprojectFile } from '../core/pyproject';

/**
 * The pyproject.toml to work on: the one the command was invoked on, else the only one in the workspace, else the
 * user's pick among all of them (every folder of a multi-root workspace, every package of a monorepo).
 * Undefined when there is none (the user was told) or the user cancelled.
 */
export async function pickPyproject(given: vscode.Uri | string | undefined, title: string): Promise<string | undefined> {
  const invokedOn = typeof given === 'string' ? vscode.Uri.file(given) : given;
  if (invokedOn?.scheme === 'file' && path.basename(invokedOn.fsPath) === 'pyproject.toml') return invokedOn.fsPath;

  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  const found: string[] = [];
  for (const folder of folders) found.push(...(await findPyprojects(folder.uri.fsPath, nodeFiles)));
  const unique = [...new Set(found)];

  if (unique.length === 0) {
    const open = 'Open Folder…';
    const choice = await vscode.window.showErrorMessage(
      folders.length === 0
        ? 'Open the folder of your Python project first: trusted publishing is set up per project.'
        : 'No pyproject.toml in this workspace. Trusted publishing needs a Python project built from a pyproject.toml.',
      open,
    );
    if (choice === open) await vscode.commands.executeCommand('workbench.action.files.openFolder');
    return undefined;
  }
  if (unique.length === 1) return unique[0];

  const items = await Promise.all(
    unique.map(async (pyprojectPath) => {
      const facts = await readPyprojectFile(pyprojectPath, nodeFiles);
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(pyprojectPath));
      const relative = folder ? path.relative(folder.uri.fsPath, path.dirname(pyprojectPath)) || '.' : path.dirname(pyprojectPath);
      return {
        label: facts.ok ? facts.value.name : path.basename(path.dirname(pyprojectPath)),
        description: folders.length > 1 && folder ? `${folder.name}/${relative}` : relative,
        detail: facts.ok ? `${facts.value.backendName} · ${facts.value.build.kind === 'pure' ? 'pure Python' : 'compiled'}` : facts.error.message,
        pyprojectPath,
      };
    }),
  );
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: 'Which Python package? Each package on PyPI needs its own publisher.',
    matchOnDescription: true,
  });
  return picked?.pyprojectPath;
}

/**
 * A command's argument as an object: the explorer's context menu passes the file's Uri, the palette nothing, and
 * scripted callers (tests, other commands) an object naming the pyproject and their choices.
 */
export function commandArgs<T extends { pyproject?: vscode.Uri | string }>(args: T | vscode.Uri | undefined): T {
  return (args instanceof vscode.Uri ? { pyproject: args } : (args ?? {})) as T;
}
