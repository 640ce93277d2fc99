import * as vscode from 'vscode';

/** How often the folders of the workflows on screen are looked at. */
export const FOLDER_LOOK_MS = 3000;

/**
 * A second way to notice a workflow file created, changed or deleted next to one on screen: file system events do
 * not always come (a folder deleted and made again, network and container file systems, a busy machine), and then
 * the comparison with the other workflows would stay as it was until the next edit. While a workflow is visible, its
 * folder is looked at every few seconds (`changedFile`: one directory listing and a stat per file, against what the
 * comparison was read from), and a file found changed is handed to `changed` as if its event had come.
 */
export class WorkflowFolderLook implements vscode.Disposable {
  private readonly timer: ReturnType<typeof setInterval>;
  private looking = false;

  constructor(
    private readonly folders: () => vscode.Uri[],
    private readonly changedFile: (folder: vscode.Uri) => Promise<vscode.Uri | undefined>,
    private readonly changed: (file: vscode.Uri) => void,
    every = FOLDER_LOOK_MS,
  ) {
    this.timer = setInterval(() => void this.look(), every);
    // Never the reason a process stays up (the command line and the bench load this module too).
    this.timer.unref?.();
  }

  /** Looks once; never two looks at a time. */
  async look(): Promise<void> {
    if (this.looking) return;
    this.looking = true;
    try {
      const shown = new Map(this.folders().map((folder) => [folder.toString(), folder]));
      for (const folder of shown.values()) {
        const file = await this.changedFile(folder);
        if (file) this.changed(file);
      }
    } catch {
      // A folder that cannot be read now is looked at again next time.
    } finally {
      this.looking = false;
    }
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
