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
  private readonly folders = new Map<string, Promise<FolderRead>>();
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
    const onDisk = (await this.folder(folder)).workflows;
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

  /**
   * A workflow file of `folder` that is not as it was when the folder was read (created, changed or deleted since),
   * if any; undefined too when the folder has not been read (the next check reads it as it is).
   */
  async changedSince(folder: vscode.Uri): Promise<vscode.Uri | undefined> {
    const read = this.folders.get(folder.toString());
    if (!read) return undefined;
    const { stamps } = await read;
    const now = await stampsOf(folder);
    const names = new Set([...stamps.keys(), ...now.keys()]);
    const changed = [...names].find((name) => stamps.get(name) !== now.get(name));
    return changed === undefined ? undefined : vscode.Uri.joinPath(folder, changed);
  }

  private folder(folder: vscode.Uri): Promise<FolderRead> {
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

/** The folder's workflows, and each file's size and modification time as they were before it was read. */
interface FolderRead {
  workflows: Map<string, WorkspaceWorkflow>;
  stamps: Map<string, string>;
}

/** Size and modification time of each workflow file of a folder, by name. */
async function stampsOf(folder: vscode.Uri): Promise<Map<string, string>> {
  const stamps = new Map<string, string>();
  let entries: Array<[string, vscode.FileType]>;
  try {
    entries = await vscode.workspace.fs.readDirectory(folder);
  } catch {
    return stamps;
  }
  for (const [name, type] of entries.sort(([a], [b]) => a.localeCompare(b))) {
    if (type !== vscode.FileType.File || !/\.ya?ml$/i.test(name)) continue;
    try {
      const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, name));
      stamps.set(name, `${stat.size}:${stat.mtime}`);
    } catch {
      // Gone between the listing and the stat.
    }
  }
  return stamps;
}

async function readFolder(folder: vscode.Uri, summarize: Summarize): Promise<FolderRead> {
  const workflows = new Map<string, WorkspaceWorkflow>();
  // Stamped before reading: a file written while it is read looks changed at the next look, and is read again then.
  const stamps = await stampsOf(folder);
  for (const name of stamps.keys()) {
    const uri = vscode.Uri.joinPath(folder, name);
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      workflows.set(uri.toString(), { file: uri.toString(), text, summary: await summarize(uri.toString(), text) });
    } catch {
      // Deleted between the listing and the read: it no longer publishes anything.
    }
  }
  return { workflows, stamps };
}
