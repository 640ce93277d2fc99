import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { eventually, resetWorkspace, workflowsDir } from './workspaceHelpers';

/** One job with two findings that have fixes: float-python-version (a safe fix) and missing-id-token. */
const job = (id: string) => `  ${id}:
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

/** A generated workflow of about `bytes` characters: the same job again and again, under new ids. */
function largeWorkflow(bytes: number): { text: string; jobs: number } {
  let text = 'name: Release\non:\n  release:\n    types: [published]\njobs:\n';
  let jobs = 0;
  while (text.length + job(`publish-${jobs}`).length <= bytes) text += job(`publish-${jobs++}`);
  return { text, jobs };
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'trusted-publishing');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const count = (uri: vscode.Uri, rule: string) => ours(uri).filter((d) => codeOf(d) === rule).length;

async function open(name: string, text: string): Promise<vscode.TextDocument> {
  await fs.mkdir(workflowsDir(), { recursive: true });
  const file = path.join(workflowsDir(), name);
  await fs.writeFile(file, text);
  const document = await vscode.workspace.openTextDocument(file);
  await eventually(`${name} to show the text just written`, () => document.getText() === text);
  await vscode.window.showTextDocument(document);
  return document;
}

describe('Large workflows are checked in a worker (in VS Code)', function () {
  this.timeout(120_000);
  beforeEach(resetWorkspace);
  after(resetWorkspace);

  it('a workflow of 150 KB gets its diagnostics, quick fixes, "ignore" and Fix All', async () => {
    const { text, jobs } = largeWorkflow(150_000);
    const document = await open('large.yml', text);
    await eventually('a diagnostic per job and rule', () => count(document.uri, 'float-python-version') === jobs && count(document.uri, 'missing-id-token') === jobs, 60_000);

    const last = ours(document.uri).filter((d) => codeOf(d) === 'float-python-version').pop()!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, last.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.title === "Quote the version: '3.10'");
    assert.ok(fix?.edit, `the quick fix among: ${titles.join(', ')}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(titles.includes('Ignore float-python-version on this line'), titles.join(', '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await eventually('one diagnostic fewer', () => count(document.uri, 'float-python-version') === jobs - 1, 60_000);

    const fixAll = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(0, 0, document.lineCount, 0), 'source.fixAll.trustedPublishing');
    assert.equal(fixAll.length, 1, fixAll.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fixAll[0].edit!));
    await eventually('Fix All to clear the safe findings', () => count(document.uri, 'float-python-version') === 0 && count(document.uri, 'missing-id-token') === 0, 60_000);
    assert.doesNotMatch(document.getText(), /python-version: 3\.10/);
    await document.save();
  });

  it("a workflow of 1 MB is checked without holding the extension host's event loop", async () => {
    const { text, jobs } = largeWorkflow(1_000_000);
    const started = Date.now();
    // Opening a megabyte costs the host too (the document's text comes over from the editor): measured apart.
    const opening = monitorEventLoopDelay({ resolution: 10 });
    opening.enable();
    const document = await open('generated.yml', text);
    opening.disable();
    const checking = monitorEventLoopDelay({ resolution: 10 });
    checking.enable();
    await eventually('a diagnostic per job', () => count(document.uri, 'missing-id-token') === jobs, 90_000);
    checking.disable();
    const heldMs = checking.max / 1e6;
    console.log(
      `1 MB workflow (${jobs} jobs, ${ours(document.uri).length} diagnostics) opened and checked in ${Date.now() - started} ms; ` +
        `the extension host's loop was held at most ${(opening.max / 1e6).toFixed(0)} ms while it opened, ${heldMs.toFixed(0)} ms while it was checked`,
    );
    // Generous, so that a busy machine cannot fail it: checked on this thread, the file held the loop for about 9 s.
    assert.ok(heldMs < 1500, `the extension host's event loop was held ${heldMs.toFixed(0)} ms`);
  });
});
