import * as vscode from 'vscode';

export const LOG_NAME = 'PyPI Trusted Publishing';

/** The extension's one log. Never give it tokens, headers or remote URLs with credentials (use redactUrl). */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(LOG_NAME, { log: true });
}
