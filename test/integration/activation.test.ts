// Runs inside the extension host on a fresh hello-pypi workspace (pyproject.toml, git remote on GitHub):
// the extension is there, activates by itself, and registers every command its package.json contributes.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

interface Manifest {
  name: string;
  publisher: string;
  contributes?: { commands?: ReadonlyArray<{ command: string; title: string }> };
}

// out/test/integration/ -> the repository root
const manifest = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8'),
) as Manifest;
const extensionId = `${manifest.publisher}.${manifest.name}`;

/** Polls `probe` until it returns true, failing with `what` at the deadline. */
async function waitUntil(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('activation', () => {
  it('opens the hello-pypi fixture workspace', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    const found = await vscode.workspace.findFiles('pyproject.toml', undefined, 1);
    assert.strictEqual(found.length, 1, 'pyproject.toml at the workspace root');
    assert.ok(fs.existsSync(path.join(folder.uri.fsPath, '.git', 'config')), 'the workspace is a git repository');
  });

  it(`has the extension ${extensionId}`, () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not among ${vscode.extensions.all.map((e) => e.id).join(', ')}`);
  });

  it('activates by itself on a Python project with a GitHub remote', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    // workspaceContains:**/pyproject.toml activates it without any command being run
    await waitUntil(`${extensionId} is active`, () => extension.isActive);
    await extension.activate(); // resolves at once when active; throws when activate() failed
  });

  it('registers every command in contributes.commands', async () => {
    const contributed = (manifest.contributes?.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes commands');
    const missing = async (): Promise<string[]> => {
      const registered = new Set(await vscode.commands.getCommands(true));
      return contributed.filter((command) => !registered.has(command));
    };
    await waitUntil('every contributed command is registered', async () => (await missing()).length === 0, 10_000).catch(
      async () => assert.fail(`commands not registered: ${(await missing()).join(', ')}`),
    );
  });
});
