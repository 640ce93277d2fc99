import * as vscode from 'vscode';
import { summarizePublishing, type WorkflowPublishing, type WorkspaceWorkflow } from '../core/lint';

/**
 * The other workflow files of a `.github/workflows/` folder, summarized, for the checks that compare workflows. Each
 * folder is read from disk once (through `workspace.fs`) and kept until a file of it changes; open documents count
 * with their current text, summarized once per version. So a keystroke re-summarizes only the file being edited.
 */
/** Reads what a workflow publishes: on this thread for ordinary files, in the check worker for large ones. */
export type Summarize = (file: string, text: string) => WorkflowPublishing | Promise<WorkflowPublishing>;

export class SiblingWorkflows {
  private readonly folders = new Map<string, Promise<Map<string, WorkspaceWorkflow>>>();
  /** Summaries of open documents by URI, for the version they were made from. */
  private readonly open = new Map<string, { version: number; workflow: WorkspaceWorkflow }>();

  constructor(private readonly summarize: Summarize = summarizePublishing) {}

  /**
   * The workflows of the folder of `uri`, the file itself taken from `text` (its current, maybe unsaved, text) and
   * `summary` when known (a large file's, made in the check worker).
   */
  async around(uri: vscode.Uri, text: string, summary?: WorkflowPublishing): Promise<WorkspaceWorkflow[]> {
    const folder = vscode.Uri.joinPath(uri, '..');
    const self: WorkspaceWorkflow = { file: uri.toString(), text, summary: summary ?? summarizePublishing(uri.toString(), text) };
    if (!/\/\.github\/workflows$/i.test(folder.path)) return [self];
    const onDisk = await this.folder(folder);
    const others = await Promise.all([...onDisk.values()].filter((w) => w.file !== self.file).map((w) => this.current(w)));
    return [self, ...others];
  }

  /** Forgets what was read of the folder holding `uri` (a workflow file there was created, changed or deleted). */
  forget(uri: vscode.Uri): void {
    this.folders.delete(vscode.Uri.joinPath(uri, '..').toString());
    this.open.delete(uri.toString());
  }

  /** Forgets every folder at or under `uri` (a `.github` or `.github/workflows` folder was deleted as a whole). */
  forgetUnder(uri: vscode.Uri): void {
    const prefix = uri.toString();
    const under = (key: string) => key === prefix || key.startsWith(`${prefix}/`);
    for (const key of [...this.folders.keys()]) if (under(key)) this.folders.delete(key);
    for (const key of [...this.open.keys()]) if (under(key)) this.open.delete(key);
  }

  forgetAll(): void {
    this.folders.clear();
    this.open.clear();
  }

  /** An open document's text wins over the file on disk. */
  private async current(onDisk: WorkspaceWorkflow): Promise<WorkspaceWorkflow> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === onDisk.file);
    if (!document || !document.isDirty) return onDisk;
    const known = this.open.get(onDisk.file);
    if (known?.version === document.version) return known.workflow;
    const text = document.getText();
    const workflow = { file: onDisk.file, text, summary: await this.summarize(onDisk.file, text) };
    this.open.set(onDisk.file, { version: document.version, workflow });
    return workflow;
  }

  private folder(folder: vscode.Uri): Promise<Map<string, WorkspaceWorkflow>> {
    const key = folder.toString();
    let read = this.folders.get(key);
    if (!read) {
      read = readFolder(folder, this.summarize);
      this.folders.set(key, read);
      // A failed read is not kept: the next check tries again.
      read.catch(() => this.folders.delete(key));
    }
    return read;
  }
}

async function readFolder(folder: vscode.Uri, summarize: Summarize): Promise<Map<string, WorkspaceWorkflow>> {
  const workflows = new Map<string, WorkspaceWorkflow>();
  let entries: Array<[string, vscode.FileType]>;
  try {
    entries = await vscode.workspace.fs.readDirectory(folder);
  } catch {
    return workflows;
  }
  for (const [name, type] of entries.sort(([a], [b]) => a.localeCompare(b))) {
    if (type !== vscode.FileType.File || !/\.ya?ml$/i.test(name)) continue;
    const uri = vscode.Uri.joinPath(folder, name);
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      workflows.set(uri.toString(), { file: uri.toString(), text, summary: await summarize(uri.toString(), text) });
    } catch {
      // Deleted between the listing and the read: it no longer publishes anything.
    }
  }
  return workflows;
}
