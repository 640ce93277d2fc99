import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnoseLog, MAX_LOG_CHARS, readDiagnoseContext, type DiagnoseContext, type DiagnoseReport } from '../../core/diagnose';
import { nodeFiles } from '../../core/files';
import { failedReleaseOfRun, latestFailedRelease, type FailedRelease } from '../../core/github/failedRelease';
import { summarizePublishing, uploadsTo } from '../../core/lint';
import {
  isDiagnosePersistedState,
  isDiagnoseWebviewMessage,
  MAX_KEPT_LOG_CHARS,
  type DiagnoseHostMessage,
  type DiagnoseView,
  type DiagnoseWebviewMessage,
  type KeptLog,
} from '../../shared/diagnoseProtocol';
import type { Services } from '../services';
import { SAVED_KEY } from '../wizard/setUpWizard';
import { newNonce, wizardHtml } from '../wizard/wizardHtml';
import { applyOffsetEdits } from '../workspaceFiles';
import { reportView, wizardValues } from './diagnoseView';

export interface DiagnoseDeps {
  log: vscode.LogOutputChannel;
  services: Services;
  /** The workspace state, where the wizard keeps its session (the values it showed). */
  memento?: vscode.Memento;
}

/** What the internal command `trustedPublishing.diagnoseDebugState` returns (for host tests; no token is ever in it). */
export interface DiagnoseDebugState {
  open: boolean;
  view?: DiagnoseView;
  html?: string;
  accepted?: boolean;
}

/** The diagnosed log and what it was compared with, kept so that edits and copies refer to this exact report. */
interface Diagnosed {
  text: string;
  source: string;
  jobUrl?: string;
  root?: string;
  /** The workflow texts the report's edit offsets refer to, by the report's file names. */
  workflows: Map<string, string>;
  report: DiagnoseReport;
}

/**
 * "PyPI Trusted Publishing: Diagnose Failed Release": one panel in the wizard's style. The log comes from the
 * latest failed run on GitHub (signed in, trusted workspace), a paste or a file; the diagnosis is the core's; the
 * panel offers the core's edits as WorkspaceEdits, copy buttons and the prefilled PyPI page.
 */
export class DiagnosePanel implements vscode.WebviewPanelSerializer, vscode.Disposable {
  static readonly commandId = 'trustedPublishing.diagnoseFailedRelease';
  static readonly debugCommandId = 'trustedPublishing.diagnoseDebugState';
  static readonly viewType = 'trustedPublishing.diagnose';
  static readonly title = 'Diagnose Failed Release';

  private panel?: vscode.WebviewPanel;
  private view: DiagnoseView = { networkAllowed: false };
  private diagnosed?: Diagnosed;
  private work: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly deps: DiagnoseDeps,
  ) {}

  /**
   * The command; a log given as text (another command's, or a test's) is diagnosed at once, and so is a run named as
   * `{ runId, workflow }` (the CodeLens on a workflow, the wizard): its failed jobs' logs are fetched from the
   * workspace's repository.
   */
  open(argument?: unknown): void {
    if (!this.panel) this.adopt(vscode.window.createWebviewPanel(DiagnosePanel.viewType, DiagnosePanel.title, vscode.ViewColumn.Active, this.options()));
    else this.panel.reveal();
    const run = runArgument(argument);
    if (run) this.queue(() => this.fetchRun(run));
    else if (typeof argument === 'string' && argument.trim() !== '') this.queue(() => this.diagnoseText(argument, 'the log given to the command'));
    else this.post();
  }

  /**
   * WebviewPanelSerializer: the panel was open when the window reloaded. The webview kept the diagnosed log; it is
   * diagnosed again (the workspace may have changed, and the edits' offsets must be of the files as they are now).
   * The state comes from the webview, so it is checked like any message: anything else gives an empty panel that
   * says so.
   */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (this.panel) {
      // Opened by the command while the window was restoring: keep that one.
      panel.dispose();
      return;
    }
    this.adopt(panel);
    if (state === undefined || state === null) {
      this.post();
      return;
    }
    if (!isDiagnosePersistedState(state)) {
      this.deps.log.warn('Diagnose Failed Release: the saved state of the panel is not usable; starting empty');
      this.update({ notice: { tone: 'warning', text: 'The diagnosis shown before the window reloaded could not be restored. Fetch, paste or open the log again.' } });
      return;
    }
    const kept = state.kept;
    if (!kept) {
      this.post();
      return;
    }
    this.deps.log.info(`Diagnose Failed Release: restoring the diagnosis of ${kept.source}`);
    this.queue(async () => {
      await this.diagnoseText(kept.log, kept.source, kept.jobUrl);
      this.update({ notice: { tone: 'info', text: 'Restored after the window reloaded, and diagnosed again against the workspace as it is now.' } });
    });
    await this.work;
  }

  async debugState(args?: unknown): Promise<DiagnoseDebugState> {
    let accepted: boolean | undefined;
    if (typeof args === 'object' && args !== null && 'message' in args) accepted = await this.handle((args as { message: unknown }).message);
    await this.work;
    return { open: !!this.panel, view: this.view, ...(this.panel ? { html: this.panel.webview.html } : {}), ...(accepted !== undefined ? { accepted } : {}) };
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    // A restored panel keeps the options it was created with only in part: set them again.
    panel.webview.options = this.options();
    panel.webview.html = this.renderHtml(panel.webview);
    panel.webview.onDidReceiveMessage((message: unknown) => void this.handle(message));
    panel.onDidDispose(() => {
      if (this.panel !== panel) return;
      this.panel = undefined;
      this.diagnosed = undefined;
    });
    this.diagnosed = undefined;
    this.view = { networkAllowed: this.deps.services.networkAllowed() };
  }

  private renderHtml(webview: vscode.Webview): string {
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    return wizardHtml({
      cspSource: webview.cspSource,
      nonce: newNonce(),
      title: DiagnosePanel.title,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'diagnose.js')).toString(),
      styleUris: [
        webview.asWebviewUri(vscode.Uri.joinPath(dist, 'codicons', 'codicon.css')).toString(),
        webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'wizard.css')).toString(),
      ],
    });
  }

  /** Validates and runs one message from the webview; false when it was refused. */
  private async handle(message: unknown): Promise<boolean> {
    if (!isDiagnoseWebviewMessage(message)) {
      this.deps.log.warn('Diagnose Failed Release: ignored a malformed message from the panel');
      return false;
    }
    this.queue(() => this.run(message));
    await this.work;
    return true;
  }

  /** One thing at a time: a second click waits for the first. */
  private queue(task: () => Promise<void>): void {
    this.work = this.work.then(task).catch((error: unknown) => {
      const text = error instanceof Error ? error.message : String(error);
      this.deps.log.error(`Diagnose Failed Release: ${text}`);
      this.update({ busy: undefined, notice: { tone: 'error', text } });
    });
  }

  private async run(message: DiagnoseWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        // A (re)loaded webview has only what it kept itself: it is sent the log it is to keep, too.
        this.view = { ...this.view, networkAllowed: this.deps.services.networkAllowed() };
        this.post(true);
        return;
      case 'clear':
        this.diagnosed = undefined;
        this.view = { networkAllowed: this.deps.services.networkAllowed() };
        this.post(true);
        return;
      case 'diagnoseText':
        return this.diagnoseText(message.text, 'the log you pasted');
      case 'pickFile':
        return this.pickFile();
      case 'fetchGitHub':
        return this.fetchGitHub();
      case 'applyEdit':
        return this.applyEdit(message.diagnosis, message.edit);
      case 'copy': {
        const value = this.diagnosed?.report.diagnoses[message.diagnosis]?.values[message.value];
        if (!value) return;
        await vscode.env.clipboard.writeText(value.value);
        this.update({ notice: { tone: 'ok', text: `Copied ${value.label}: ${value.value === '' ? '(empty)' : value.value}` } });
        return;
      }
      case 'openLink': {
        const link = this.diagnosed?.report.diagnoses[message.diagnosis]?.links[message.link];
        if (!link || !/^https:\/\//.test(link.url)) return;
        await vscode.env.openExternal(vscode.Uri.parse(link.url, true));
        return;
      }
    }
  }

  private async pickFile(): Promise<void> {
    const [uri] =
      (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Diagnose', filters: { 'Job logs': ['log', 'txt'], 'All files': ['*'] } })) ?? [];
    if (!uri) return;
    const bytes = await vscode.workspace.fs.readFile(uri);
    const text = new TextDecoder().decode(bytes.byteLength > MAX_LOG_CHARS * 2 ? bytes.subarray(bytes.byteLength - MAX_LOG_CHARS * 2) : bytes);
    await this.diagnoseText(text, path.basename(uri.fsPath));
  }

  /** The latest failed run of the workspace's publishing workflow, its failed jobs and their logs; the first known failure wins. */
  private async fetchGitHub(): Promise<void> {
    if (!this.deps.services.networkAllowed()) {
      this.update({ networkAllowed: false, notice: { tone: 'warning', text: 'This workspace is in Restricted Mode: nothing is fetched from GitHub. Trust the workspace, or paste the log.' } });
      return;
    }
    const { root, context } = await this.workspaceContext();
    const repository = context.repository;
    if (!root || !repository) {
      this.update({ notice: { tone: 'warning', text: 'No GitHub repository found for this workspace (its git remote). Paste the log instead.' } });
      return;
    }
    const workflow = await this.chooseWorkflow(context);
    if (!workflow) return;
    const client = await this.deps.services.github({ createIfNone: true });
    if (!client) {
      this.update({ notice: { tone: 'warning', text: 'Not signed in to GitHub: paste the log, or pick it from disk.' } });
      return;
    }
    this.update({ busy: `Fetching the latest failed run of ${workflow} in ${repository.owner}/${repository.repo}…`, notice: undefined });
    const release = await latestFailedRelease(client, repository.owner, repository.repo, workflow);
    if (!release.ok) {
      this.update({ busy: undefined, notice: { tone: 'error', text: `GitHub: ${release.error.message}` } });
      return;
    }
    if (!release.value) {
      this.update({ busy: undefined, notice: { tone: 'info', text: `${workflow} has no failed run on GitHub.` } });
      return;
    }
    await this.diagnoseRelease(release.value, workflow);
  }

  /** The failed jobs of one run of the workspace's repository (named by the CodeLens or the wizard), diagnosed. */
  private async fetchRun(named: RunArgument): Promise<void> {
    if (!this.deps.services.networkAllowed()) {
      this.update({ networkAllowed: false, notice: { tone: 'warning', text: 'This workspace is in Restricted Mode: nothing is fetched from GitHub. Trust the workspace, or paste the log.' } });
      return;
    }
    const { context } = await this.workspaceContext();
    const repository = context.repository;
    const client = repository ? await this.deps.services.github({ createIfNone: true }) : undefined;
    if (!repository || !client) {
      this.update({ notice: { tone: 'warning', text: repository ? 'Not signed in to GitHub: paste the log, or pick it from disk.' : 'No GitHub repository found for this workspace (its git remote). Paste the log instead.' } });
      return;
    }
    this.update({ busy: `Fetching run ${named.runId} of ${named.workflow} in ${repository.owner}/${repository.repo}…`, notice: undefined });
    const run = await client.runFacts(repository.owner, repository.repo, named.runId);
    const release = run.ok ? await failedReleaseOfRun(client, repository.owner, repository.repo, run.value) : run;
    if (!release.ok) {
      this.update({ busy: undefined, notice: { tone: 'error', text: `GitHub: ${release.error.message}` } });
      return;
    }
    await this.diagnoseRelease(release.value, named.workflow);
  }

  private async diagnoseRelease({ run, jobs }: FailedRelease, workflow: string): Promise<void> {
    if (jobs.length === 0) {
      this.update({ busy: undefined, notice: { tone: 'info', text: `Run "${run.title}" of ${workflow} has no failed job on GitHub.` } });
      return;
    }
    const job = jobs.find((j) => diagnoseLog(j.log).recognised) ?? jobs[0];
    this.deps.log.info(`Diagnose Failed Release: run ${run.id} of ${workflow}, job ${job.id} (${job.name})`);
    await this.diagnoseText(job.log, `run "${run.title}" of ${workflow}, job "${job.name}"${job.failedStep ? `, step "${job.failedStep}"` : ''}`, job.url || run.url);
  }

  private async chooseWorkflow(context: DiagnoseContext): Promise<string | undefined> {
    const files = (context.workflows ?? []).map((w) => path.posix.basename(w.file));
    const publishing = (context.workflows ?? []).filter((w) => {
      const summary = summarizePublishing(path.posix.basename(w.file), w.text);
      return uploadsTo(summary, 'pypi').length + uploadsTo(summary, 'testpypi').length > 0;
    });
    if (publishing.length === 1) return path.posix.basename(publishing[0].file);
    if (files.length === 0) {
      this.update({ notice: { tone: 'warning', text: 'This workspace has no .github/workflows files: paste the log instead.' } });
      return undefined;
    }
    const publishingNames = new Set(publishing.map((w) => path.posix.basename(w.file)));
    const picked = await vscode.window.showQuickPick(
      files.map((name) => ({ label: name, description: publishingNames.has(name) ? 'publishes to PyPI' : undefined })),
      { title: 'Diagnose the latest failed run of which workflow?' },
    );
    return picked?.label;
  }

  /** The repository around the first workspace folder, with open editors' unsaved text for the workflows. */
  private async workspaceContext(): Promise<{ root?: string; context: DiagnoseContext }> {
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
    if (!folder) return { context: {} };
    const { root, context } = await readDiagnoseContext(folder.uri.fsPath, nodeFiles);
    const shown = wizardValues(this.deps.memento?.get<unknown>(SAVED_KEY), context.repository);
    if (shown.length > 0) context.shown = shown;
    // An editor's unsaved text is what the user sees; a loaded document that is not dirty may lag behind the disk.
    const workflows = (context.workflows ?? []).map((w) => {
      const document = loadedDocument(vscode.Uri.file(path.join(root, w.file)));
      return document?.isDirty ? { file: w.file, text: document.getText() } : w;
    });
    return { root, context: { ...context, workflows } };
  }

  private async diagnoseText(text: string, source: string, jobUrl?: string): Promise<void> {
    if (text.trim() === '') {
      this.update({ notice: { tone: 'warning', text: 'The log is empty.' } });
      return;
    }
    this.update({ busy: 'Reading the log…', notice: undefined });
    const { root, context } = await this.workspaceContext();
    const base: DiagnoseContext = { ...context, ...(jobUrl ? { jobUrl } : {}) };
    let report = diagnoseLog(text, base);
    const extra = await this.indexFacts(report, context);
    if (extra) report = diagnoseLog(text, { ...base, ...extra });
    this.diagnosed = { text, source, jobUrl, root, workflows: new Map((context.workflows ?? []).map((w) => [w.file, w.text])), report };
    this.deps.log.info(`Diagnose Failed Release: ${report.diagnoses.map((d) => d.kind).join(', ')} (from ${source})`);
    this.view = { ...this.view, source, result: reportView(report) };
    delete this.view.busy;
    this.post(true);
  }

  /**
   * What the index and GitHub know that makes the diagnosis exact, asked only in a trusted workspace and only when it
   * matters: for invalid-publisher the publisher PyPI accepted last (the Integrity API provenance) and the
   * repository's owner id on GitHub (only with a GitHub session the user already gave: never a sign-in prompt); for
   * File already exists every released version. A failed request leaves the diagnosis as the log and the workspace
   * make it.
   */
  private async indexFacts(report: DiagnoseReport, context: DiagnoseContext): Promise<Partial<DiagnoseContext> | undefined> {
    const project = context.project;
    const kind = report.diagnoses[0].kind;
    if (!this.deps.services.networkAllowed() || (kind !== 'invalid-publisher' && kind !== 'file-exists')) return undefined;
    if (kind === 'invalid-publisher') {
      const published = project ? await this.publishedRelease(report.index, project.normalizedName) : undefined;
      const repository = context.repository ? await this.withOwnerId(context.repository) : undefined;
      return published || repository ? { ...(published ? { published } : {}), ...(repository ? { repository } : {}) } : undefined;
    }
    if (!project) return undefined;
    const pypi = this.deps.services.pypi(report.index);
    const info = await pypi.project(project.normalizedName);
    if (!info.ok) return undefined;
    const { latestVersion, releasedVersions } = info.value;
    const versions = releasedVersions ?? (latestVersion ? [latestVersion] : undefined);
    return versions ? { releasedVersions: versions, ...(latestVersion ? { latestVersion } : {}) } : undefined;
  }

  private async publishedRelease(index: 'pypi' | 'testpypi', project: string): Promise<DiagnoseContext['published']> {
    const latest = await this.deps.services.pypi(index).latestPublisher(project);
    if (!latest.ok) this.deps.log.info(`Diagnose Failed Release: no publisher from the index (${latest.error.message})`);
    return latest.ok && latest.value?.publisher ? [{ index, version: latest.value.version, publisher: latest.value.publisher }] : undefined;
  }

  /**
   * The workspace's repository with the id of the account that owns it now (`GET /repos/{owner}/{repo}`): a run
   * whose `repository_owner_id` differs came from before a transfer, or from an owner whose name was taken again.
   */
  private async withOwnerId(repository: NonNullable<DiagnoseContext['repository']>): Promise<DiagnoseContext['repository']> {
    const client = await this.deps.services.github({ createIfNone: false });
    if (!client) return undefined;
    const facts = await client.repository(repository.owner, repository.repo);
    if (!facts.ok) {
      this.deps.log.info(`Diagnose Failed Release: no owner id from GitHub (${facts.error.message})`);
      return undefined;
    }
    return { ...repository, ownerId: facts.value.ownerId };
  }

  private async applyEdit(diagnosisIndex: number, editIndex: number): Promise<void> {
    const diagnosed = this.diagnosed;
    const edit = diagnosed?.report.diagnoses[diagnosisIndex]?.edits[editIndex];
    if (!diagnosed || !edit || !diagnosed.root) return;
    const uri = vscode.Uri.file(path.join(diagnosed.root, edit.file));
    // The edit's offsets are into the text the diagnosis read: a file changed since then is diagnosed again first.
    // A document loaded before the file last changed on disk reloads by itself, shortly: it is given that time.
    const expected = diagnosed.workflows.get(edit.file);
    const document = await vscode.workspace.openTextDocument(uri);
    for (let waited = 0; document.getText() !== expected && !document.isDirty && waited < 2000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (document.getText() !== expected) {
      await this.diagnoseText(diagnosed.text, diagnosed.source, diagnosed.jobUrl);
      this.update({ notice: { tone: 'warning', text: `${edit.file} changed since the diagnosis; here it is again for the file as it is now.` } });
      return;
    }
    await applyOffsetEdits(uri, edit.edits);
    await vscode.window.showTextDocument(document, { preview: false, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside });
    this.deps.log.info(`Diagnose Failed Release: applied "${edit.title}" to ${edit.file}`);
    // Diagnosed again against the edited file: the edit is no longer offered, the rest of the advice stays.
    await this.diagnoseText(diagnosed.text, diagnosed.source, diagnosed.jobUrl);
    this.update({ notice: { tone: 'ok', text: `${edit.title}: done (${edit.file}, saved; Undo reverts it).` } });
  }

  private update(change: Partial<DiagnoseView>): void {
    this.view = { ...this.view, ...change };
    for (const key of Object.keys(change) as Array<keyof DiagnoseView>) if (change[key] === undefined) delete this.view[key];
    this.post();
  }

  /** Posts the view; with `withKept`, also the diagnosed log for the webview to keep (or null: nothing to keep). */
  private post(withKept = false): void {
    const diagnosed = this.diagnosed;
    const kept: KeptLog | null = diagnosed
      ? { log: diagnosed.text.slice(-MAX_KEPT_LOG_CHARS), source: diagnosed.source.slice(0, 1000), ...(diagnosed.jobUrl && diagnosed.jobUrl.length <= 1000 && /^https:\/\/\S+$/.test(diagnosed.jobUrl) ? { jobUrl: diagnosed.jobUrl } : {}) }
      : null;
    const message: DiagnoseHostMessage = { type: 'state', view: this.view, ...(withKept ? { kept } : {}) };
    void this.panel?.webview.postMessage(message);
  }
}

/** The document VS Code has loaded for `uri`, open in an editor or not. */
function loadedDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

/** A run named to the command: its id and the workflow file it belongs to, checked (a command can be run by anyone). */
export interface RunArgument {
  runId: number;
  workflow: string;
}

export function runArgument(value: unknown): RunArgument | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { runId, workflow } = value as Record<string, unknown>;
  if (typeof runId !== 'number' || !Number.isSafeInteger(runId) || runId <= 0) return undefined;
  if (typeof workflow !== 'string' || !/^[A-Za-z0-9._-]{1,100}\.ya?ml$/.test(workflow)) return undefined;
  return { runId, workflow };
}
