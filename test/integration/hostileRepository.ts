// Shared by the host suites whose workspace was opened with a hostile .vscode/settings.json (test/harness/run.ts writes
// it before the workbench opens, pointing every request-steering setting at a recorder the harness runs).
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RECORDED_PATH } from '../harness/recorder';
import { LOG_NAME } from '../../src/vscode/log';
import { eventually, workflowsDir, workspaceRoot } from './workspaceHelpers';

export interface WorkspaceRecorder {
  url: string;
  /** What reached the workspace-chosen server so far: `METHOD /path`. */
  requests(): Promise<string[]>;
}

/** The recorder the workspace settings point at, read from the workspace's own .vscode/settings.json. */
export async function workspaceRecorder(): Promise<WorkspaceRecorder> {
  const settings = JSON.parse(await fs.readFile(path.join(workspaceRoot(), '.vscode', 'settings.json'), 'utf8')) as Record<string, string>;
  const url = settings['trustedPublishing.pypiUrl'];
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url ?? '')) throw new Error(`the workspace settings name no recorder: ${JSON.stringify(settings)}`);
  for (const key of ['testPypiUrl', 'githubApiUrl']) {
    if (settings[`trustedPublishing.${key}`] !== url) throw new Error(`trustedPublishing.${key} does not point at the recorder`);
  }
  return {
    url,
    requests: () =>
      new Promise((resolve, reject) => {
        http
          .get(`${url}${RECORDED_PATH}`, (response) => {
            let body = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (body += chunk));
            response.on('end', () => resolve(JSON.parse(body) as string[]));
          })
          .on('error', reject);
      }),
  };
}

/**
 * Waits until VS Code has read the workspace settings file: `checks.enabled`, a window-scoped setting that Restricted
 * Mode does not hold back, shows its workspace value (true, as by default).
 */
export async function workspaceSettingsRead(): Promise<void> {
  const settings = vscode.workspace.getConfiguration('trustedPublishing');
  await eventually('VS Code to read the workspace settings file', () => settings.inspect('checks.enabled')?.workspaceValue === true, 20_000);
}

/**
 * A release workflow for hello-pypi (the fixture's project) that publishes with trusted publishing, in no environment:
 * one missing-environment warning shows that the checks ran.
 */
export const RELEASE_WORKFLOW = `on:
  release:
    types: [published]
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: pypa/gh-action-pypi-publish@release/v1
`;

/** Writes `name` into .github/workflows and opens it in an editor. */
export async function openWorkflow(name: string, text = RELEASE_WORKFLOW): Promise<vscode.TextDocument> {
  await fs.mkdir(workflowsDir(), { recursive: true });
  const file = path.join(workflowsDir(), name);
  await fs.writeFile(file, text);
  const document = await vscode.workspace.openTextDocument(file);
  await vscode.window.showTextDocument(document);
  return document;
}

/** Waits until the extension has published diagnostics for `document` (its checks ran). */
export function checked(document: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
  return eventually(
    `the checks of ${path.basename(document.uri.fsPath)}`,
    () => {
      const diagnostics = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'trusted-publishing');
      return diagnostics.length > 0 ? diagnostics : undefined;
    },
    20_000,
  );
}

/** The extension's log, once it holds `expected`, read from the Output view's document for it. */
export async function extensionLog(expected: string): Promise<string> {
  await vscode.commands.executeCommand('trustedPublishing.showLog');
  const logDocument = () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && decodeURIComponent(d.uri.toString()).includes(LOG_NAME));
  try {
    // The Output view loads the log file a moment after it opens.
    return await eventually(`"${expected}" in the log`, () => (logDocument()?.getText().includes(expected) ? logDocument()!.getText() : undefined), 10_000);
  } catch (error) {
    const documents = vscode.workspace.textDocuments.map((d) => d.uri.toString()).join(', ');
    throw new Error(`${String(error)}; log document: ${JSON.stringify(logDocument()?.getText())}; open documents: ${documents}`);
  }
}
