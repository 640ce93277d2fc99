import * as vscode from 'vscode';

/**
 * The editor's dialogs and notifications as "Release…" uses them, injected so that a host test can answer them as a
 * person would (a modal dialog cannot be clicked from a test) without any way around them in the command itself.
 */
export interface ReleaseUi {
  window: Pick<typeof vscode.window, 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage' | 'showQuickPick' | 'showInputBox' | 'withProgress'>;
  openExternal(uri: vscode.Uri): Thenable<boolean>;
}

export const editorUi: ReleaseUi = { window: vscode.window, openExternal: (uri) => vscode.env.openExternal(uri) };
