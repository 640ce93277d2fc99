import * as vscode from 'vscode';

export const PREVIEW_SCHEME = 'trusted-publishing-preview';

/**
 * Read-only documents holding proposed file contents, shown before anything is written (and on the right of a
 * diff against an existing file). Nothing here touches the disk.
 */
export class PreviewDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Stores `text` as the proposal for `fileName` and returns the preview document's URI. */
  propose(fileName: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/proposed/${fileName}` });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Closes every editor tab showing a preview (after the user decided). */
  async closeTabs(): Promise<void> {
    const isPreview = (input: unknown) =>
      (input instanceof vscode.TabInputText && input.uri.scheme === PREVIEW_SCHEME) ||
      (input instanceof vscode.TabInputTextDiff && input.modified.scheme === PREVIEW_SCHEME);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => isPreview(t.input));
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
  }

  dispose(): void {
    this.changed.dispose();
    this.contents.clear();
  }
}
