import * as path from 'node:path';
import * as vscode from 'vscode';
import { failedLatestReleaseRun, readDiagnoseContext, runLabel } from '../../core/diagnose';
import { nodeFiles } from '../../core/files';
import type { WorkflowRunFacts } from '../../core/github/types';
import { summarizePublishing, uploadsTo } from '../../core/lint';
import type { Services } from '../services';
import { readSettings } from '../settings';
import { WORKFLOW_SELECTOR } from '../workflowFiles';
import { DiagnosePanel, type RunArgument } from './diagnosePanel';

/** At most one look at GitHub in this time, the saves of workflow files aside. */
export const REFRESH_MS = 5 * 60_000;
/** The runs already notified (globalState): one notification per failed run, across windows and restarts. */
export const NOTIFIED_KEY = 'trustedPublishing.failedRuns.notified';
const MAX_NOTIFIED = 200;

interface FailedWorkflow {
  uri: vscode.Uri;
  workflow: string;
  repository: string;
  run: WorkflowRunFacts;
}

export interface FailedRunWatchDeps {
  log: vscode.LogOutputChannel;
  services: Services;
  /** Where the notified runs are remembered (the extension's globalState). */
  memento: vscode.Memento;
}

/**
 * "Latest release run failed" on each workflow file that publishes to PyPI, when the user turned
 * `trustedPublishing.releaseRuns.watch` on and is already signed in to GitHub: a CodeLens that opens the diagnosis
 * of that run, and one notification per failed run. Looks again when a workflow file is saved and every few
 * minutes; one look at a time (a save during a look asks for one more after it); nothing after dispose.
 */
export class FailedRunWatch implements vscode.CodeLensProvider, vscode.Disposable {
  private failed = new Map<string, FailedWorkflow>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer?: ReturnType<typeof setInterval>;
  private running?: Promise<void>;
  private again = false;
  private disposed = false;

  constructor(private readonly deps: FailedRunWatchDeps) {}

  /** Registers the provider and the triggers; the first look waits for the next tick (no network in activate). */
  register(): vscode.Disposable {
    this.subscriptions.push(
      vscode.languages.registerCodeLensProvider(WORKFLOW_SELECTOR, this),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (/[\\/]\.github[\\/]workflows[\\/][^\\/]+\.ya?ml$/i.test(document.uri.fsPath)) this.refresh('a workflow file was saved');
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('trustedPublishing.releaseRuns.watch')) this.restart();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.restart()),
      vscode.authentication.onDidChangeSessions(() => this.refresh('the GitHub sessions changed')),
    );
    setTimeout(() => this.restart(), 0);
    return this;
  }

  static readonly debugCommandId = 'trustedPublishing.failedRunsDebugState';

  /** For host tests (`trustedPublishing.failedRunsDebugState`): what the last look found and which runs were notified. */
  async debugState(): Promise<{ failed: Array<{ workflow: string; runId: number }>; notified: unknown }> {
    while (this.running) await this.running;
    return { failed: [...this.failed.values()].map((f) => ({ workflow: f.workflow, runId: f.run.id })), notified: this.deps.memento.get<unknown>(NOTIFIED_KEY) };
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const failed = this.failed.get(document.uri.toString());
    if (!failed) return [];
    const argument: RunArgument = { runId: failed.run.id, workflow: failed.workflow };
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title: `$(error) Latest release run failed (${runLabel(failed.run, Date.now())}) — Diagnose`,
        tooltip: `Run "${failed.run.title}" of ${failed.workflow} in ${failed.repository} failed: diagnose its log`,
        command: DiagnosePanel.commandId,
        arguments: [argument],
      }),
    ];
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
    this.failed.clear();
  }

  /** The setting or the trust changed: start or stop the timer, and look (or clear) at once. */
  private restart(): void {
    if (this.disposed) return;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.enabled()) {
      this.timer = setInterval(() => this.refresh('timer'), REFRESH_MS);
      this.refresh('turned on');
    } else {
      this.show(new Map());
    }
  }

  private enabled(): boolean {
    return readSettings().watchReleaseRuns && this.deps.services.networkAllowed();
  }

  /** One look at a time: asked during a look, one more look follows it. */
  private refresh(reason: string): void {
    if (this.disposed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.look(reason)
      .catch((error: unknown) => this.deps.log.warn(`Failed release runs: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.disposed) {
          this.again = false;
          this.refresh('asked again during a look');
        }
      });
  }

  private async look(reason: string): Promise<void> {
    if (!this.enabled()) return this.show(new Map());
    // Never a sign-in prompt: only a session the user already gave this extension.
    const client = await this.deps.services.github({ createIfNone: false });
    if (this.disposed) return;
    if (!client) return this.show(new Map());
    const found = new Map<string, FailedWorkflow>();
    for (const folder of (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file')) {
      const { root, context } = await readDiagnoseContext(folder.uri.fsPath, nodeFiles);
      const repository = context.repository;
      if (!repository) continue;
      for (const workflow of context.workflows ?? []) {
        const fileName = path.posix.basename(workflow.file);
        const summary = summarizePublishing(fileName, workflow.text);
        if (uploadsTo(summary, 'pypi').length + uploadsTo(summary, 'testpypi').length === 0) continue;
        // One request after the other (GitHub asks clients not to fire requests concurrently).
        const runs = await client.workflowFileRuns(repository.owner, repository.repo, fileName);
        if (this.disposed) return;
        if (!runs.ok) {
          this.deps.log.info(`Failed release runs: ${fileName} of ${repository.owner}/${repository.repo}: ${runs.error.message}`);
          continue;
        }
        const run = failedLatestReleaseRun(runs.value, summary);
        const uri = vscode.Uri.file(path.join(root, workflow.file));
        if (run) found.set(uri.toString(), { uri, workflow: fileName, repository: `${repository.owner}/${repository.repo}`, run });
      }
    }
    this.deps.log.info(`Failed release runs (${reason}): ${found.size === 0 ? 'none' : [...found.values()].map((f) => `${f.workflow} run ${f.run.id}`).join(', ')}`);
    this.show(found);
    for (const failed of found.values()) await this.notifyOnce(failed);
  }

  private show(found: Map<string, FailedWorkflow>): void {
    if (this.disposed) return;
    const before = [...this.failed.entries()].map(([k, v]) => `${k}#${v.run.id}`).join();
    this.failed = found;
    if ([...found.entries()].map(([k, v]) => `${k}#${v.run.id}`).join() !== before) this.changed.fire();
  }

  /** One notification per failed run, remembered before it is shown (two windows do not both ask). */
  private async notifyOnce(failed: FailedWorkflow): Promise<void> {
    const key = `${failed.repository}#${failed.run.id}`;
    const notified = this.deps.memento.get<unknown>(NOTIFIED_KEY);
    const list = Array.isArray(notified) ? notified.filter((k): k is string => typeof k === 'string') : [];
    if (list.includes(key)) return;
    await this.deps.memento.update(NOTIFIED_KEY, [...list, key].slice(-MAX_NOTIFIED));
    const diagnose = 'Diagnose';
    // Not awaited: the notification can stay open while the watch goes on.
    void vscode.window
      .showWarningMessage(`The latest release run of ${failed.workflow} failed (${runLabel(failed.run, Date.now())}): "${failed.run.title}".`, diagnose)
      .then((choice) => {
        if (choice === diagnose) void vscode.commands.executeCommand(DiagnosePanel.commandId, { runId: failed.run.id, workflow: failed.workflow } satisfies RunArgument);
      });
  }
}
