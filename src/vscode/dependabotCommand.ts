import * as path from 'node:path';
import * as vscode from 'vscode';
import { nodeFiles } from '../core/files';
import { findRepository } from '../core/git';
import { dependabotConfig } from '../core/publish';
import { commandArgs, pickPyproject } from './pickPackage';
import { applyOffsetEdits, readText, writeWithWorkspaceEdit } from './workspaceFiles';

/**
 * Adds a `github-actions` entry to `.github/dependabot.yml` so the SHA pins of the release workflow get update
 * pull requests. Creates the file, or inserts only the new entry into an existing one (comments kept).
 */
export class DependabotCommand {
  static readonly id = 'trustedPublishing.addDependabot';

  constructor(private readonly log: vscode.LogOutputChannel) {}

  async run(args?: { pyproject?: vscode.Uri | string } | vscode.Uri): Promise<vscode.Uri | undefined> {
    const scripted = commandArgs<{ pyproject?: vscode.Uri | string }>(args);
    const pyprojectPath = await pickPyproject(scripted.pyproject, 'Keep Action Pins Fresh with Dependabot');
    if (!pyprojectPath) return undefined;
    const repository = await findRepository(path.dirname(pyprojectPath), nodeFiles);
    if (!repository.ok) {
      void vscode.window.showErrorMessage(repository.error.message);
      return undefined;
    }
    const github = path.join(repository.value.root, '.github');
    const yaml = vscode.Uri.file(path.join(github, 'dependabot.yaml'));
    const uri = (await readText(yaml)) !== undefined ? yaml : vscode.Uri.file(path.join(github, 'dependabot.yml'));
    const plan = dependabotConfig(await readText(uri));
    const relative = vscode.workspace.asRelativePath(uri);
    if (plan.kind === 'present') {
      void vscode.window.showInformationMessage(`${relative} already updates GitHub Actions.`);
      return uri;
    }
    const document =
      plan.kind === 'create' ? await writeWithWorkspaceEdit(uri, plan.text) : await applyOffsetEdits(uri, [{ start: plan.offset, end: plan.offset, newText: plan.text }]);
    await vscode.window.showTextDocument(document, { preview: false });
    this.log.info(`${plan.kind === 'create' ? 'Created' : 'Updated'} ${uri.fsPath} with a github-actions entry`);
    return uri;
  }
}
