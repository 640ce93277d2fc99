import * as path from 'node:path';
import * as vscode from 'vscode';
import { refuseWriteTarget } from '../core/writeTarget';

/**
 * Writes `text` to `uri` through a WorkspaceEdit, so Undo works and open editors follow, then saves and returns
 * the document. An existing file is replaced in full only when the caller decided so with the user.
 */
export async function writeWithWorkspaceEdit(uri: vscode.Uri, text: string): Promise<vscode.TextDocument> {
  const refused = await refusedTarget(uri);
  if (refused) throw new Error(refused);
  const edit = new vscode.WorkspaceEdit();
  if (await exists(uri)) {
    const document = await vscode.workspace.openTextDocument(uri);
    edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  } else {
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), text);
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not write ${vscode.workspace.asRelativePath(uri)}`);
  const document = await vscode.workspace.openTextDocument(uri);
  await document.save();
  return document;
}

/**
 * Why a file of the (untrusted) repository may not be written: a symbolic link on the way, or a place outside its
 * folder (for a workflow outside every workspace folder, the repository is the folder above .github/workflows).
 */
async function refusedTarget(uri: vscode.Uri): Promise<string | undefined> {
  if (uri.scheme !== 'file') return undefined;
  const root = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(path.dirname(path.dirname(uri.fsPath)));
  return refuseWriteTarget(uri.fsPath, root);
}

/** Applies a set of text edits (character offsets into the file's current text) and saves. */
export async function applyOffsetEdits(
  uri: vscode.Uri,
  edits: Array<{ start: number; end: number; newText: string }>,
): Promise<vscode.TextDocument> {
  const refused = await refusedTarget(uri);
  if (refused) throw new Error(refused);
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not edit ${vscode.workspace.asRelativePath(uri)}`);
  await document.save();
  return document;
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The text of a file, from its open editor when there is one (unsaved changes count), else from disk. */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
