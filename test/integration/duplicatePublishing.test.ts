import * as assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventually, resetWorkspace, workflowsDir } from './workspaceHelpers';

// Real files (see SOURCES.tsv next to them): 0xarchit/tg-logging-handler's publish-pypi.yml, which uploads to PyPI on
// `release: published`, and the release.yml that the generator writes.
const fixture = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'lint', 'duplicate-publishing-workflow', 'bad-release-yml-next-to-publish-yml');
const publishPypi = readFileSync(path.join(fixture, 'publish-pypi.yml'), 'utf8');
const releaseYml = readFileSync(path.join(fixture, 'release.yml'), 'utf8');

const RULE = 'duplicate-publishing-workflow';
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const duplicates = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'trusted-publishing' && codeOf(d) === RULE);

async function write(name: string, text: string): Promise<vscode.Uri> {
  await fs.mkdir(workflowsDir(), { recursive: true });
  const file = path.join(workflowsDir(), name);
  await fs.writeFile(file, text);
  return vscode.Uri.file(file);
}

describe('Two workflows that publish the same release (in VS Code)', () => {
  beforeEach(resetWorkspace);
  after(resetWorkspace);

  it('warns on the open release.yml at its upload, pointing at the upload in publish-pypi.yml, with an "Open" action', async () => {
    const other = await write('publish-pypi.yml', publishPypi);
    const release = await write('release.yml', releaseYml);
    const document = await vscode.workspace.openTextDocument(release);
    await vscode.window.showTextDocument(document);

    const [diagnostic] = await eventually('the duplicate-publishing diagnostic on release.yml', () => (duplicates(release).length > 0 ? duplicates(release) : undefined));
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(diagnostic.range.start.line, 70, 'on the upload step (line 71)');
    assert.match(document.getText(diagnostic.range), /^pypa\/gh-action-pypi-publish@/);
    assert.match(diagnostic.message, /^publish-pypi\.yml also uploads to PyPI on a published release: the second upload fails with "File already exists"\./);
    assert.match(String((diagnostic.code as { target: vscode.Uri }).target), /docs\/rules\.md#duplicate-publishing-workflow$/);
    const related = diagnostic.relatedInformation?.[0];
    assert.equal(related?.location.uri.fsPath, other.fsPath);
    assert.equal(related?.location.range.start.line, 36, 'the upload of publish-pypi.yml (line 37)');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', release, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const open = actions.find((a) => a.title === 'Open publish-pypi.yml');
    assert.ok(open?.command, `an Open action among: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(!open.edit, 'opening the other file changes nothing');
    assert.ok(actions.some((a) => a.title === `Ignore ${RULE} on this line`), 'it can be silenced like any rule');
    await vscode.commands.executeCommand(open.command.command, ...(open.command.arguments ?? []));
    await eventually('publish-pypi.yml in the active editor', () => vscode.window.activeTextEditor?.document.uri.fsPath === other.fsPath);
    assert.equal(vscode.window.activeTextEditor!.selection.start.line, 36);
  });

  it('an open publishing workflow gets the warning once another one is written next to it, and loses it when that one goes', async () => {
    // Names no other test uses: a document an earlier test opened may still be loaded with its old diagnostics.
    const publish = await write('upload-to-pypi.yml', publishPypi);
    const document = await vscode.workspace.openTextDocument(publish);
    await vscode.window.showTextDocument(document);
    await eventually('upload-to-pypi.yml to be checked', () => vscode.languages.getDiagnostics(publish).some((d) => d.source === 'trusted-publishing'));
    await eventually('no duplicate warning while it is the only publisher', () => duplicates(publish).length === 0);

    const release = await write('release-from-wizard.yml', releaseYml);
    const [diagnostic] = await eventually('the warning on upload-to-pypi.yml once release-from-wizard.yml is written', () => (duplicates(publish).length > 0 ? duplicates(publish) : undefined));
    assert.equal(diagnostic.range.start.line, 36);
    assert.match(diagnostic.message, /^upload-to-pypi\.yml and release-from-wizard\.yml both upload to PyPI|^release-from-wizard\.yml also uploads to PyPI/);
    assert.equal(diagnostic.relatedInformation?.[0].location.uri.fsPath, release.fsPath);

    await fs.rm(release.fsPath);
    await eventually('the warning to go with release-from-wizard.yml', () => duplicates(publish).length === 0);
  });

  it('Check All Workflows reports it on both files, open or not, and the rules setting turns it off', async () => {
    // Names no other test uses, as above: a document the first test opened may still be loaded, and reload from disk
    // while the checks run.
    const publish = await write('pypi-upload.yml', publishPypi);
    const release = await write('release-checked-all.yml', releaseYml);
    const summary = await vscode.commands.executeCommand<Array<{ file: string; findings: number }>>('trustedPublishing.checkAllWorkflows');
    assert.ok(summary.some((s) => s.file === release.fsPath && s.findings >= 1));
    assert.deepEqual(duplicates(publish).map((d) => d.range.start.line), [36]);
    assert.deepEqual(duplicates(release).map((d) => d.range.start.line), [70]);

    // The setting as a user would write it in the workspace's .vscode/settings.json (removed afterwards).
    const settingsDir = path.join(path.dirname(path.dirname(workflowsDir())), '.vscode');
    const rules = () => vscode.workspace.getConfiguration('trustedPublishing').inspect<Record<string, string>>('rules')?.workspaceValue;
    try {
      await fs.mkdir(settingsDir, { recursive: true });
      await fs.writeFile(path.join(settingsDir, 'settings.json'), JSON.stringify({ 'trustedPublishing.rules': { [RULE]: 'off' } }));
      await eventually('VS Code to read the workspace settings', () => rules()?.[RULE] === 'off');
      await vscode.commands.executeCommand('trustedPublishing.checkAllWorkflows');
      assert.deepEqual([...duplicates(publish), ...duplicates(release)], []);
    } finally {
      await fs.rm(settingsDir, { recursive: true, force: true });
      await eventually('VS Code to forget the workspace settings', () => rules() === undefined);
    }
  });
});
