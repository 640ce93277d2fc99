import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const workspaceRoot = (): string => {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the host tests need a workspace folder (the hello-pypi fixture)');
  return folder.uri.fsPath;
};

export const workflowsDir = (): string => path.join(workspaceRoot(), '.github', 'workflows');

/** Closes every editor and removes what a test wrote, so tests do not see each other's files. */
export async function resetWorkspace(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await fs.rm(path.join(workspaceRoot(), '.github'), { recursive: true, force: true });
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `ms`. */
export async function eventually<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, ms = 10000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A release workflow that publishes with trusted publishing (environment pypi, id-token), as the recorded failed run presented it. */
export const TRUSTED_RELEASE_WORKFLOW = `name: Release
on:
  release:
    types: [published]
jobs:
  publish:
    runs-on: ubuntu-latest
    environment: pypi
    permissions:
      id-token: write
    steps:
      - uses: actions/download-artifact@v4
      - uses: pypa/gh-action-pypi-publish@release/v1
`;
