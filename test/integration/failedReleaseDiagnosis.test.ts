// "Diagnose Failed Release" in the extension host: the command opens the panel on a log, the diagnosis compares it
// with the workspace's workflow, and the offered edit is applied through a WorkspaceEdit and saved.
import * as assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventually, resetWorkspace, workflowsDir } from './workspaceHelpers';

interface DebugState {
  open: boolean;
  html?: string;
  accepted?: boolean;
  view?: {
    notice?: { tone: string; text: string };
    source?: string;
    result?: { recognised: boolean; diagnoses: Array<{ kind: string; summary: string; edits: Array<{ title: string; file: string }> }> };
  };
}

// out/test/integration/ -> test/fixtures/diagnose/
const fixture = (name: string) => readFileSync(path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'diagnose', name), 'utf8');
const state = (args?: object) => vscode.commands.executeCommand<DebugState>('trustedPublishing.diagnoseDebugState', args);

const withoutIdToken = `name: Release
on:
  release:
    types: [published]
jobs:
  publish:
    runs-on: ubuntu-latest
    # the release job
    environment: pypi
    steps:
      - uses: actions/download-artifact@v4
      - uses: pypa/gh-action-pypi-publish@release/v1
`;

describe('Diagnose Failed Release (in VS Code)', () => {
  beforeEach(resetWorkspace);
  // The edited workflow opens beside the panel, in a second editor group: close the groups too, or the next suite's
  // editors open in a layout it does not expect.
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllGroups');
    await resetWorkspace();
  });

  it('diagnoses a log given to the command, and applies the offered edit to the workflow', async () => {
    // A name no other test uses: a document an earlier test left loaded (or unsaved) would stand for the file.
    const file = path.join(workflowsDir(), 'diagnosed-release.yml');
    await fs.mkdir(workflowsDir(), { recursive: true });
    await fs.writeFile(file, withoutIdToken);

    await vscode.commands.executeCommand('trustedPublishing.diagnoseFailedRelease', fixture('missing-id-token.log'));
    const diagnosed = await eventually('the diagnosis', async () => {
      const s = await state();
      return s.view?.result ? s : undefined;
    });
    assert.ok(diagnosed.open);
    const [first] = diagnosed.view!.result!.diagnoses;
    assert.equal(first.kind, 'missing-id-token');
    assert.deepEqual(first.edits.map((e) => e.file), ['.github/workflows/diagnosed-release.yml']);
    // The panel's page: strict CSP with a nonce, its own script.
    assert.match(diagnosed.html ?? '', /script-src 'nonce-[^']+'/);
    assert.match(diagnosed.html ?? '', /diagnose\.js/);

    const applied = await state({ message: { type: 'applyEdit', diagnosis: 0, edit: 0 } });
    assert.equal(applied.accepted, true);
    const text = await fs.readFile(file, 'utf8');
    assert.match(text, /id-token: write/);
    assert.match(text, /# the release job/, 'comments are kept');
    assert.equal(applied.view?.notice?.tone, 'ok');
    assert.deepEqual(applied.view?.result?.diagnoses[0].edits, [], 'the applied edit is no longer offered');
  });

  it('refuses a malformed message from the panel', async () => {
    await vscode.commands.executeCommand('trustedPublishing.diagnoseFailedRelease');
    const refused = await state({ message: { type: 'openLink', url: 'https://example.com' } });
    assert.equal(refused.accepted, false);
  });
});
