import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventually, resetWorkspace, workflowsDir } from './workspaceHelpers';

const workflow = `name: Release
on:
  release:
    types: [published]
jobs:
  publish:
    runs-on: ubuntu-latest
    environment:
      name: pypi
      url: https://pypi.org/p/hello-pypi
    steps:
      - uses: actions/setup-python@v5
        with:
          python-version: 3.10  # oldest supported
      - uses: pypa/gh-action-pypi-publish@release/v1
`;

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'trusted-publishing');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

let opened = 0;

/** Asks for the one Fix All action of the document, as the editor does on save, and applies it. */
async function applyFixAll(document: vscode.TextDocument): Promise<void> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    new vscode.Range(0, 0, document.lineCount, 0),
    'source.fixAll.trustedPublishing',
  );
  assert.equal(actions.length, 1, actions.map((a) => a.title).join(', '));
  assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
}

/** Writes and opens a workflow under a name no earlier test used, so no document is still loaded with old text. */
async function openWorkflow(text: string): Promise<vscode.TextDocument> {
  const name = `checked-${++opened}.yml`;
  await fs.mkdir(workflowsDir(), { recursive: true });
  const file = path.join(workflowsDir(), name);
  await fs.writeFile(file, text);
  const document = await vscode.workspace.openTextDocument(file);
  // A document still loaded from an earlier test reloads from disk asynchronously: wait for the new text.
  await eventually(`${name} to show the text just written`, () => document.getText() === text);
  await vscode.window.showTextDocument(document);
  return document;
}

describe('Workflow diagnostics (in VS Code)', () => {
  beforeEach(resetWorkspace);
  after(resetWorkspace);

  it('shows findings at the right lines with the rule id, a docs link and our source', async () => {
    const document = await openWorkflow(workflow);
    const diagnostics = await eventually('diagnostics on release.yml', () => (ours(document.uri).length >= 2 ? ours(document.uri) : undefined));
    const idToken = diagnostics.find((d) => codeOf(d) === 'missing-id-token')!;
    assert.equal(idToken.range.start.line, 5, 'on the job key `publish:` (line 6)');
    assert.equal(idToken.severity, vscode.DiagnosticSeverity.Error);
    assert.match(String((idToken.code as { target: vscode.Uri }).target), /docs\/rules\.md#missing-id-token$/);
    const version = diagnostics.find((d) => codeOf(d) === 'float-python-version')!;
    assert.equal(version.range.start.line, 13);
    assert.equal(document.getText(version.range), '3.10');
  });

  it('a quick fix from the code action provider removes its diagnostic and keeps the comment', async () => {
    const document = await openWorkflow(workflow);
    // The diagnostic and its fix are asked for together until both are of the document's latest check (a check of an
    // earlier version can still be on screen for a moment, and its range then matches no current finding).
    let offered: string[] = [];
    const fix = await eventually('the quick fix of the diagnostic', async () => {
      const version = ours(document.uri).find((d) => codeOf(d) === 'float-python-version');
      if (!version) return undefined;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, version.range, vscode.CodeActionKind.QuickFix.value);
      offered = actions.map((a) => a.title);
      return actions.find((a) => a.title === "Quote the version: '3.10'" && a.edit);
    });
    assert.ok(fix.edit, `the quick fix among: ${offered.join(', ')}`);
    assert.equal(fix.isPreferred, true, 'the fix is the preferred action (Ctrl+. Enter, auto fix)');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /python-version: '3\.10'  # oldest supported/);
    await eventually('the diagnostic to go away', () => !ours(document.uri).some((d) => codeOf(d) === 'float-python-version'));
    assert.ok(ours(document.uri).some((d) => codeOf(d) === 'missing-id-token'), 'the other finding stays');
    await document.save();
  });

  it('"ignore this rule here" silences the finding with a comment', async () => {
    const document = await openWorkflow(workflow);
    const idToken = await eventually('the id-token diagnostic', () => ours(document.uri).find((d) => codeOf(d) === 'missing-id-token'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, idToken.range);
    const ignore = actions.find((a) => a.title === 'Ignore missing-id-token on this line');
    assert.ok(ignore?.edit);
    await vscode.workspace.applyEdit(ignore.edit);
    assert.match(document.getText(), /\n  # trusted-publishing: ignore\[missing-id-token\]\n  publish:/);
    await eventually('the finding to be suppressed', () => !ours(document.uri).some((d) => codeOf(d) === 'missing-id-token'));
    await document.save();
  });

  it('Fix All (source.fixAll.trustedPublishing) applies the mechanical fixes only', async () => {
    const document = await openWorkflow(workflow);
    await eventually('diagnostics', () => ours(document.uri).some((d) => codeOf(d) === 'float-python-version'));
    await applyFixAll(document);
    await document.save();
    assert.match(document.getText(), /python-version: '3\.10'  # oldest supported/);
    assert.match(document.getText(), /id-token: write/, 'missing-id-token is a safe fix');
    await eventually('fixed findings to clear', () => !ours(document.uri).some((d) => ['float-python-version', 'missing-id-token'].includes(codeOf(d))));
  });

  it('"ignore this rule here" inside a run: | script puts the comment above run:, in the file\'s CRLF line endings', async () => {
    const script = [
      'on:',
      '  release:',
      '    types: [published]',
      'jobs:',
      '  publish:',
      '    runs-on: ubuntu-latest',
      '    environment: pypi',
      '    permissions:',
      '      id-token: write',
      '    steps:',
      '      - name: Announce',
      '        run: >-',
      '          echo "${{ github.event.release.name }}"',
      '          && make build',
      '      - uses: pypa/gh-action-pypi-publish@release/v1',
      '',
    ].join('\r\n');
    const document = await openWorkflow(script);
    const injection = await eventually('the template-injection diagnostic', () => ours(document.uri).find((d) => codeOf(d) === 'template-injection'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, injection.range);
    const ignore = actions.find((a) => a.title === 'Ignore template-injection on this line');
    assert.ok(ignore?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.ok(document.getText().includes('      - name: Announce\r\n        # trusted-publishing: ignore[template-injection]\r\n        run: >-\r\n'), document.getText());
    assert.doesNotMatch(document.getText(), /(^|[^\r])\n/, 'no LF-only line');
    await eventually('the finding to be suppressed', () => !ours(document.uri).some((d) => codeOf(d) === 'template-injection'));
    await document.save();
  });

  it('Fix All with an empty permissions: applies one of two fixes that insert at the same offset', async () => {
    const empty = workflow.replace('    steps:\n', '    permissions:\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n');
    const document = await openWorkflow(empty);
    await eventually('diagnostics', () => ours(document.uri).some((d) => codeOf(d) === 'missing-id-token'));
    await applyFixAll(document);
    assert.match(document.getText(), /\n {4}permissions: \{ [a-z-]+: [a-z]+ \}\n {4}steps:/, document.getText());
    await document.save();
  });

  it('clears diagnostics when the file closes', async () => {
    const document = await openWorkflow(workflow);
    await eventually('diagnostics', () => ours(document.uri).length > 0);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await eventually('diagnostics to clear on close', () => ours(document.uri).length === 0, 15000);
  });

  it('Check All Workflows fills the Problems panel for files that are not open', async () => {
    await fs.mkdir(workflowsDir(), { recursive: true });
    const file = path.join(workflowsDir(), 'publish.yml');
    await fs.writeFile(file, workflow);
    const summary = await vscode.commands.executeCommand<Array<{ file: string; findings: number }>>('trustedPublishing.checkAllWorkflows');
    assert.ok(summary.find((s) => s.file === file && s.findings >= 2));
    assert.ok(ours(vscode.Uri.file(file)).some((d) => codeOf(d) === 'missing-id-token'));
  });

  it('Check All findings stay when the workflows folder is deleted and written back at once (as a branch switch does), and go when it is gone', async () => {
    const file = path.join(workflowsDir(), 'switched.yml');
    const uri = vscode.Uri.file(file);
    const writeBack = async () => {
      await fs.mkdir(workflowsDir(), { recursive: true });
      await fs.writeFile(file, workflow);
    };
    await writeBack();
    await vscode.commands.executeCommand('trustedPublishing.checkAllWorkflows');
    assert.ok(ours(uri).some((d) => codeOf(d) === 'missing-id-token'));

    // The folder's delete event comes after the file is back: the file on disk, not the event, decides.
    await fs.rm(path.dirname(workflowsDir()), { recursive: true, force: true });
    await writeBack();
    const until = Date.now() + 3000;
    while (Date.now() < until) {
      assert.ok(ours(uri).some((d) => codeOf(d) === 'missing-id-token'), 'the findings of a file that is back stay');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    await fs.rm(path.dirname(workflowsDir()), { recursive: true, force: true });
    await eventually('the findings to go with the folder', () => ours(uri).length === 0, 15000);
  });

  it('checks the generated release workflow with zero findings', async () => {
    const result = await vscode.commands.executeCommand<{ uri: vscode.Uri }>('trustedPublishing.generateWorkflow', { confirm: true });
    const findings = await vscode.commands.executeCommand<Array<{ file: string; findings: number }>>('trustedPublishing.checkAllWorkflows');
    assert.deepEqual(findings.filter((s) => s.file === result.uri.fsPath).map((s) => s.findings), [0]);
  });

  it('advice (unpinned-action) is a hint until its severity is set; messages show no raw backticks', async () => {
    const document = await openWorkflow(workflow);
    const unpinned = await eventually('the unpinned-action hint', () => ours(document.uri).find((d) => codeOf(d) === 'unpinned-action'));
    assert.equal(unpinned.severity, vscode.DiagnosticSeverity.Hint, 'dotted, not counted in Problems');
    for (const d of ours(document.uri)) assert.doesNotMatch(d.message, /`/, `${codeOf(d)}: ${d.message}`);
    const config = vscode.workspace.getConfiguration('trustedPublishing');
    await config.update('rules', { 'unpinned-action': 'warning' }, vscode.ConfigurationTarget.Workspace);
    try {
      await eventually('unpinned-action raised to a warning', () => ours(document.uri).find((d) => codeOf(d) === 'unpinned-action' && d.severity === vscode.DiagnosticSeverity.Warning));
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
