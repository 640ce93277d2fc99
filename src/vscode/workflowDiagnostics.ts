import * as path from 'node:path';
import * as vscode from 'vscode';
import { nodeFiles } from '../core/files';
import { resolveGitHubRepository } from '../core/git';
import {
  docsUrl,
  lintWorkflow,
  locate,
  plainMessage,
  projectForWorkflow,
  rememberingWorkspaceFindings,
  summarizePublishing,
  twoLineMessage,
  WORKSPACE_RULES,
  YAML_SYNTAX,
  type Finding,
  type LintLocation,
  type LintOptions,
  type LintProject,
  type PublishedRelease,
  type WorkflowPublishing,
  type WorkspaceWorkflow,
} from '../core/lint';
import { WORKER_THRESHOLD, WorkerChecks } from '../core/lint/worker/workerChecks';
import type { NewEnvironments } from '../core/lint/engine/types';
import { inTurns, nextTurn } from '../core/turns';
import type { PublisherProof } from '../core/provenance';
import type { Services } from './services';
import { readSettings, type Settings } from './settings';
import { WorkflowFolderLook } from './workflowFolderLook';
import { SiblingWorkflows } from './siblingWorkflows';
import { isWorkflowDocument, WORKFLOW_GLOB } from './workflowFiles';

const DEBOUNCE_MS = 250;
/** Findings made into diagnostics in one turn of the event loop (about 20 ms); real workflows have a few dozen. */
const DIAGNOSTICS_PER_TURN = 1000;
/** How long PyPI's answer about the last release is trusted before asking again. */
const PUBLISHED_TTL_MS = 10 * 60 * 1000;

const severities: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/**
 * Keeps the Problems panel in step with workflow files: checks a workflow when it opens and as it changes
 * (debounced), clears it when it closes, and remembers the findings behind each diagnostic for the quick fixes.
 */
export class WorkflowDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('trusted-publishing');
  /** Per file: the findings behind its diagnostics; `across` are those that compare it with its sibling workflows. */
  private readonly findings = new Map<
    string,
    { version: number; findings: Finding[]; across: Finding[]; project?: LintProject; options: LintOptions; inWorker: boolean }
  >();
  /** Checks of large workflows, off the extension host's thread; the worker starts with the first large file. */
  private workerChecks: WorkerChecks | undefined;
  /** The other workflows of each `.github/workflows/` folder, read once and refreshed when one of them changes. */
  private readonly siblings = new SiblingWorkflows((file, text) => this.summaryOf(file, text));
  /** Folders whose workflow files changed on disk, waiting to be checked again (debounced). */
  private readonly changedFolders = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Files checked by "Check All Workflows": they keep their diagnostics when their editor closes. */
  private readonly checkedAll = new Set<string>();
  /** Project facts per workflow folder; dropped when a pyproject.toml changes. */
  private readonly projects = new Map<string, Promise<LintProject | undefined>>();
  /** The GitHub repository per workflow folder, from the git remote. */
  private readonly repositories = new Map<string, Promise<LintLocation['repository']>>();
  /** What the index says published the latest release, per index and project; filled in the background. */
  private readonly published = new Map<string, { at: number; releases?: PublishedRelease[] }>();
  /** The comparison of a folder's workflows, kept while they stay the same (Check All asks once per file). */
  private readonly workspaceFindings = rememberingWorkspaceFindings();
  /**
   * Per file, the last check started. Checks of one file can overlap (an edit, a sibling written on disk, Check All),
   * each waiting on the folder's other workflows; one started earlier may end later with what the folder held before,
   * at the same document version. Only the last one started may publish.
   */
  private readonly latestCheck = new Map<string, { ticket: number; done: Promise<Finding[]> }>();
  private checksStarted = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly services?: Services,
    /** The check worker's script (dist/extension.js, which serves checks when started as one). */
    private readonly workerScript?: string,
  ) {
    const pyprojects = vscode.workspace.createFileSystemWatcher('**/pyproject.toml');
    const workflowFiles = vscode.workspace.createFileSystemWatcher(WORKFLOW_GLOB);
    const workflowChanged = (uri: vscode.Uri) => this.workflowChanged(uri);
    // Deleting a whole folder reports the folder only, not each workflow file in it.
    const folderWatchers = ['**/.github', '**/.github/workflows'].map((glob) => vscode.workspace.createFileSystemWatcher(glob, true, true, false));
    const forgetProjects = () => {
      this.projects.clear();
      this.repositories.clear();
      this.recheckOpen();
    };
    // When a file event does not come, the folders of the workflows on screen are looked at every few seconds.
    const folderLook = new WorkflowFolderLook(
      () => vscode.window.visibleTextEditors.map((e) => e.document).filter(isWorkflowDocument).map((d) => vscode.Uri.joinPath(d.uri, '..')),
      (folder) => this.siblings.changedSince(folder),
      workflowChanged,
    );
    this.subscriptions.push(
      this.collection,
      folderLook,
      pyprojects,
      pyprojects.onDidChange(forgetProjects),
      pyprojects.onDidCreate(forgetProjects),
      pyprojects.onDidDelete(forgetProjects),
      workflowFiles,
      workflowFiles.onDidCreate(workflowChanged),
      workflowFiles.onDidChange(workflowChanged),
      workflowFiles.onDidDelete(workflowChanged),
      ...folderWatchers,
      ...folderWatchers.map((watcher) => watcher.onDidDelete((uri) => this.folderDeleted(uri))),
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => this.closed(d.uri)),
      // A document can stay loaded long after its last editor tab closed: clear when the tab goes.
      vscode.window.tabGroups.onDidChangeTabs((e) => e.closed.forEach((tab) => this.tabClosed(tab))),
      // ...and such a document coming back into an editor fires no open event: check it when it is shown.
      vscode.window.onDidChangeVisibleTextEditors((editors) =>
        editors.forEach((editor) => !this.findings.has(editor.document.uri.toString()) && this.schedule(editor.document, 0)),
      ),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('trustedPublishing') && this.recheckOpen()),
      // Trusting the workspace allows the PyPI look-ups that Restricted Mode held back.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.recheckOpen()),
    );
    this.recheckOpen();
  }

  /**
   * The findings for a document's current text, for quick fixes: the ones behind its diagnostics when they match its
   * version, else a fresh check (cheap, and code actions can be asked for before the debounced check has run).
   */
  findingsOf(document: vscode.TextDocument): { findings: Finding[]; project?: LintProject; options: LintOptions } | undefined {
    const entry = this.findings.get(document.uri.toString());
    if (!entry || entry.inWorker) return undefined;
    if (entry.version === document.version) return entry;
    const settings = readSettings(document.uri);
    const options: LintOptions = { ...entry.options, rules: settings.rules, environments: environmentsOf(settings) };
    const { findings } = lintWorkflow(document.getText(), options);
    return { findings: [...findings, ...entry.across], project: entry.project, options };
  }

  /** The text is large enough to be checked in the worker (so are its code actions). */
  checkedInWorker(document: vscode.TextDocument): boolean {
    // The length without copying the text out (code actions are asked for on every move of the cursor).
    return this.usesWorker(document.offsetAt(document.lineAt(document.lineCount - 1).range.end));
  }

  /**
   * For a document checked in the worker: the findings behind its diagnostics (without fixes; the worker builds
   * those on request) when they are for its current version. None while a newer check is on its way.
   */
  workerFindingsOf(document: vscode.TextDocument): { findings: Finding[]; across: Finding[]; options: LintOptions; version: number; worker: WorkerChecks } | undefined {
    const entry = this.findings.get(document.uri.toString());
    const worker = this.workerChecks;
    if (!entry?.inWorker || entry.version !== document.version || !worker) return undefined;
    return { findings: entry.findings, across: entry.across, options: entry.options, version: entry.version, worker };
  }

  /** Checks one document now and publishes its diagnostics (its own checks and the comparison in separate turns). */
  async check(document: vscode.TextDocument): Promise<Finding[]> {
    return this.publish(document.uri, document.getText(), document.version, nextTurn);
  }

  /**
   * Checks every workflow file of the workspace, open or not, and returns how many findings each has. One file per
   * turn of the event loop, and a turn between a file's own checks and the comparison with its folder: the extension
   * host (shared by every extension) is never held for a whole workspace, only for one step of one file.
   */
  async checkAll(): Promise<Array<{ uri: vscode.Uri; findings: Finding[] }>> {
    const uris = await vscode.workspace.findFiles(WORKFLOW_GLOB, '**/node_modules/**');
    // Files may have changed on disk without an event yet: compare workflows as they are now.
    this.siblings.forgetAll();
    return inTurns(
      uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath)),
      async (uri, turn) => {
        const open = openDocument(uri.toString());
        const text = open?.getText() ?? new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        this.checkedAll.add(uri.toString());
        return { uri, findings: await this.publish(uri, text, open?.version ?? -1, turn) };
      },
    );
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!isWorkflowDocument(document) || !readSettings(document.uri).checksEnabled) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.check(document).catch((error) => this.log.error(`Checking ${document.uri.fsPath} failed: ${String(error)}`));
      }, delay),
    );
  }

  /**
   * A workflow file was created, changed or deleted on disk: the workflows of its folder are compared again, the open
   * ones and those "Check All Workflows" reported (debounced, as a save or the wizard's write can fire several events).
   */
  private workflowChanged(uri: vscode.Uri): void {
    const folder = vscode.Uri.joinPath(uri, '..');
    const key = folder.toString();
    // Forget at once (a check before the debounced one must not use what was read before), check again a bit later.
    this.siblings.forget(uri);
    clearTimeout(this.changedFolders.get(key));
    this.changedFolders.set(
      key,
      setTimeout(() => {
        this.changedFolders.delete(key);
        const inFolder = (other: vscode.Uri) => vscode.Uri.joinPath(other, '..').toString() === key;
        for (const document of vscode.workspace.textDocuments) {
          if (isWorkflowDocument(document) && inFolder(document.uri) && readSettings(document.uri).checksEnabled) this.schedule(document, 0);
        }
        for (const checked of this.checkedAll) {
          const other = vscode.Uri.parse(checked);
          if (inFolder(other) && !openDocument(checked)) this.recheckFromDisk(other);
        }
      }, DEBOUNCE_MS),
    );
  }

  /**
   * A file "Check All Workflows" reported, not open, whose folder changed: checked again as it is on disk now, or
   * forgotten if it is gone. The disk decides, not the event: events come late, and a branch switch deletes a
   * workflow and writes it again before its delete event arrives.
   */
  private recheckFromDisk(uri: vscode.Uri): void {
    void vscode.workspace.fs.readFile(uri).then(
      (bytes) => this.publish(uri, new TextDecoder().decode(bytes), -1).catch((error) => this.log.error(`Checking ${uri.fsPath} failed: ${String(error)}`)),
      () => {
        // Deleted: nothing left to report on it.
        this.checkedAll.delete(uri.toString());
        this.forget(uri);
      },
    );
  }

  /**
   * A `.github` or `.github/workflows` folder went away with its files: the files Check All reported are forgotten
   * (or checked again, if the folder is back by the time the event comes), the open ones are checked again.
   */
  private folderDeleted(folder: vscode.Uri): void {
    this.siblings.forgetUnder(folder);
    const prefix = `${folder.toString()}/`;
    for (const checked of [...this.checkedAll]) {
      if (!checked.startsWith(prefix)) continue;
      const uri = vscode.Uri.parse(checked);
      if (!openDocument(checked)) this.recheckFromDisk(uri);
      // An open one is checked again below from its editor; once closed, it keeps its diagnostics only if its file is back.
      else void vscode.workspace.fs.stat(uri).then(undefined, () => this.checkedAll.delete(checked));
    }
    for (const document of vscode.workspace.textDocuments) {
      if (isWorkflowDocument(document) && document.uri.toString().startsWith(prefix) && readSettings(document.uri).checksEnabled) this.schedule(document, DEBOUNCE_MS);
    }
  }

  private recheckOpen(): void {
    for (const document of vscode.workspace.textDocuments) {
      if (!isWorkflowDocument(document)) continue;
      if (readSettings(document.uri).checksEnabled) this.schedule(document, 0);
      else this.forget(document.uri);
    }
  }

  private closed(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (!this.checkedAll.has(key)) this.forget(uri);
  }

  private tabClosed(tab: vscode.Tab): void {
    if (!(tab.input instanceof vscode.TabInputText)) return;
    const uri = tab.input.uri;
    const stillShown = vscode.window.tabGroups.all.some((group) =>
      group.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()),
    );
    if (!stillShown && this.findings.has(uri.toString())) this.closed(uri);
  }

  private forget(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.findings.delete(uri.toString());
    // A check still on its way must not bring the diagnostics back.
    this.latestCheck.set(uri.toString(), { ticket: ++this.checksStarted, done: Promise.resolve([]) });
  }

  /** Checks a file and shows its findings; `turn`, when given, runs between its own checks and the comparison. */
  private publish(uri: vscode.Uri, text: string, version: number, turn?: () => Promise<void>): Promise<Finding[]> {
    const key = uri.toString();
    const ticket = ++this.checksStarted;
    const overtaken = () => this.latestCheck.get(key)?.ticket !== ticket;
    const done = this.checkAndShow(uri, text, version, overtaken, turn).then((findings) => {
      // Overtaken: whoever asked gets what the newer check shows, once it is shown (Check All reports what is on screen).
      const newer = this.latestCheck.get(key);
      if (newer && newer.ticket !== ticket) return newer.done;
      if (newer?.ticket === ticket) this.latestCheck.delete(key);
      return findings;
    });
    this.latestCheck.set(key, { ticket, done });
    return done;
  }

  private async checkAndShow(uri: vscode.Uri, text: string, version: number, overtaken: () => boolean, turn?: () => Promise<void>): Promise<Finding[]> {
    const settings = readSettings(uri);
    const project = await this.projectFor(uri);
    const location: LintLocation = { fileName: path.basename(uri.fsPath), repository: await this.repositoryFor(uri, settings.remoteName) };
    const published = settings.pypiChecksEnabled && project ? this.publishedFor(project, text, settings, () => this.republish(uri, version)) : undefined;
    const options: LintOptions = { project, location, published, rules: settings.rules, environments: environmentsOf(settings) };
    const inWorker = this.usesWorker(text.length);
    let own: Finding[];
    let summary: WorkflowPublishing | undefined;
    if (inWorker) {
      const outcome = await this.worker().check(uri.toString(), text, options);
      // A newer text of the file is on its way (or already shown): this result is stale.
      if (outcome.kind === 'superseded' || this.isStale(uri, version) || overtaken()) return this.findings.get(uri.toString())?.findings ?? [];
      if (outcome.kind === 'failed') {
        this.log.error(`Checking ${uri.fsPath} in the background failed (${outcome.message}); only a note is shown for it.`);
        own = [notChecked(text, outcome.message)];
        summary = { fileName: uri.toString(), uploads: [], triggers: [], reusable: false, localCalls: [], invalid: true };
      } else {
        own = outcome.findings;
        summary = outcome.summary;
      }
    } else {
      own = lintWorkflow(text, options).findings;
    }
    await turn?.();
    const workflows = WORKSPACE_RULES.some((r) => settings.rules[r.meta.id] !== 'off') ? await this.siblings.around(uri, text, summary) : [];
    const across = workflows.length > 1 ? (this.workspaceFindings(workflows, { rules: settings.rules }).get(uri.toString()) ?? []) : [];
    const findings = [...own, ...across].sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
    // A generated workflow can have thousands of findings: made into diagnostics a thousand per turn of the loop.
    const diagnostics: vscode.Diagnostic[] = [];
    for (let from = 0; from < findings.length; from += DIAGNOSTICS_PER_TURN) {
      if (findings.length > DIAGNOSTICS_PER_TURN) {
        await nextTurn();
        if (this.isStale(uri, version) || overtaken()) return findings;
      }
      for (const finding of findings.slice(from, from + DIAGNOSTICS_PER_TURN)) diagnostics.push(toDiagnostic(uri, text, finding, settings.hints, workflows));
    }
    if (overtaken()) return findings;
    this.findings.set(uri.toString(), { version, findings, across, project, options, inWorker });
    this.collection.set(uri, diagnostics);
    return findings;
  }

  /** Checks a file again once the index has answered, if it still has the text that was checked. */
  private republish(uri: vscode.Uri, version: number): void {
    const open = openDocument(uri.toString());
    if (open && open.version === version) void this.check(open);
    else if (!open && this.checkedAll.has(uri.toString())) {
      void vscode.workspace.fs.readFile(uri).then((bytes) => this.publish(uri, new TextDecoder().decode(bytes), -1), () => undefined);
    }
  }

  /**
   * The index's record of the latest release, if known; otherwise asks for it in the background (the network is
   * never awaited while checking) and calls `whenKnown` once it is there.
   */
  private publishedFor(project: LintProject, text: string, settings: Settings, whenKnown: () => void): PublishedRelease[] | undefined {
    if (!this.services?.networkAllowed()) return undefined;
    const indexes: Array<'pypi' | 'testpypi'> = /test\.pypi\.org/.test(text) ? ['pypi', 'testpypi'] : ['pypi'];
    const known: PublishedRelease[] = [];
    let pending = false;
    for (const index of indexes) {
      // The base URL is part of the key: pointing the setting at a mirror asks again.
      const key = `${index === 'pypi' ? settings.pypiUrl : settings.testPypiUrl}/${project.normalizedName}`;
      const entry = this.published.get(key);
      if (entry && Date.now() - entry.at < PUBLISHED_TTL_MS) {
        if (entry.releases) known.push(...entry.releases);
        else pending = true;
        continue;
      }
      pending = true;
      this.published.set(key, { at: Date.now() });
      void this.latestRelease(index, project.normalizedName)
        .then((releases) => {
          this.published.set(key, { at: Date.now(), releases });
          if (releases.length > 0) whenKnown();
        })
        .catch((error) => {
          this.log.warn(`Asking ${index} about ${project.normalizedName} failed: ${String(error)}`);
          this.published.set(key, { at: Date.now(), releases: [] });
        });
    }
    return pending && known.length === 0 ? undefined : known;
  }

  /**
   * The publisher of the index's latest release, from its verified provenance when one file's provenance verifies
   * (the verifier is loaded for it, offline); when it does not verify, the rule says so instead of trusting the
   * index's unsigned publisher field; when nothing could be checked, that field is all there is.
   */
  private async latestRelease(index: 'pypi' | 'testpypi', name: string): Promise<PublishedRelease[]> {
    const pypi = this.services!.pypi(index);
    const latest = await pypi.latestPublisher(name);
    if (!latest.ok) this.log.info(`Could not ask ${index} about ${name}: ${latest.error.message}`);
    if (!latest.ok || !latest.value?.publisher) return [];
    const { version, publisher } = latest.value;
    let proof: PublisherProof;
    try {
      proof = await this.services!.provenance().proveLatestPublisher(pypi, name, latest.value);
    } catch (error) {
      proof = { kind: 'unavailable', reason: `the verifier could not be loaded: ${error instanceof Error ? error.message : String(error)}` };
    }
    switch (proof.kind) {
      case 'verified':
        this.log.info(`${index}: ${name} ${version} was published by ${proof.publisher.repository ?? proof.publisher.kind} ${proof.publisher.workflow ?? ''} (verified provenance of ${proof.file})`);
        return [{ index, version, publisher: proof.publisher, proof: { kind: 'verified', file: proof.file } }];
      case 'failed':
        this.log.warn(`${index}: the provenance of ${proof.file} (${name} ${version}) did not verify: ${proof.reason}`);
        return [{ index, version, publisher, proof: { kind: 'failed', file: proof.file, reason: proof.reason } }];
      case 'unavailable':
        this.log.info(`${index}: ${name} ${version}'s provenance was not verified (${proof.reason}); using the publisher the index records`);
        return [{ index, version, publisher }];
    }
  }

  private repositoryFor(uri: vscode.Uri, remoteName: string): Promise<LintLocation['repository']> {
    const folder = vscode.Uri.joinPath(uri, '..').fsPath;
    let repository = this.repositories.get(folder);
    if (!repository) {
      repository = resolveGitHubRepository(folder, nodeFiles, remoteName).then((r) => (r.kind === 'ok' ? { owner: r.repository.owner, repo: r.repository.repo } : undefined));
      this.repositories.set(folder, repository);
    }
    return repository;
  }

  private projectFor(uri: vscode.Uri): Promise<LintProject | undefined> {
    const folder = vscode.Uri.joinPath(uri, '..').fsPath;
    let project = this.projects.get(folder);
    if (!project) {
      project = projectForWorkflow(uri.fsPath, nodeFiles).then((r) => r.project);
      this.projects.set(folder, project);
    }
    return project;
  }

  /** A text of this length is checked in the worker. */
  private usesWorker(length: number): boolean {
    return length >= WORKER_THRESHOLD && this.workerScript !== undefined;
  }

  /** What a sibling workflow publishes; a large one is read in the worker (a file it cannot read is compared with nothing). */
  private async summaryOf(file: string, text: string): Promise<WorkflowPublishing> {
    if (!this.usesWorker(text.length)) return summarizePublishing(file, text);
    return (await this.worker().summary(text, file)) ?? { fileName: file, uploads: [], triggers: [], reusable: false, localCalls: [], invalid: true };
  }

  private worker(): WorkerChecks {
    this.workerChecks ??= new WorkerChecks({ script: this.workerScript!, log: (line) => this.log.warn(line) });
    return this.workerChecks;
  }

  /** The open document has moved past the version that was checked. */
  private isStale(uri: vscode.Uri, version: number): boolean {
    if (version === -1) return false;
    const open = openDocument(uri.toString());
    return !!open && open.version !== version;
  }

  dispose(): void {
    this.workerChecks?.dispose();
    this.timers.forEach((t) => clearTimeout(t));
    this.changedFolders.forEach((t) => clearTimeout(t));
    this.subscriptions.forEach((s) => s.dispose());
  }
}

/** The open document of a file, by its URI as a string (the key of every per-file map here). */
function openDocument(key: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

/** Offsets to a position, without needing an open TextDocument (Check All reads files from disk). */
export function positionAt(text: string, offset: number): vscode.Position {
  const { line, column } = locate(text, offset);
  return new vscode.Position(line - 1, column - 1);
}

function toDiagnostic(uri: vscode.Uri, text: string, finding: Finding, hints: ReadonlySet<string>, workflows: readonly WorkspaceWorkflow[]): vscode.Diagnostic {
  const range = new vscode.Range(positionAt(text, finding.range.start), positionAt(text, finding.range.end));
  // Advice is a hint (dotted, not counted in Problems) unless the user set the rule's severity.
  const severity = hints.has(finding.ruleId) ? vscode.DiagnosticSeverity.Hint : severities[finding.severity];
  // What is wrong on the first line (the Problems row next to the rule id), why and how on the next (the hover).
  const diagnostic = new vscode.Diagnostic(range, twoLineMessage(plainMessage(finding.message)), severity);
  diagnostic.source = 'trusted-publishing';
  diagnostic.code = { value: finding.ruleId, target: vscode.Uri.parse(docsUrl(finding.ruleId)) };
  diagnostic.relatedInformation = finding.related?.flatMap((r) => {
    // A place in another workflow: `file` is that workflow's URI, as given to the workspace rules.
    const other = r.file === undefined ? { file: uri.toString(), text } : workflows.find((w) => w.file === r.file);
    if (!other) return [];
    const range = new vscode.Range(positionAt(other.text, r.range.start), positionAt(other.text, r.range.end));
    return [new vscode.DiagnosticRelatedInformation(new vscode.Location(r.file === undefined ? uri : vscode.Uri.parse(other.file), range), plainMessage(r.message))];
  });
  return diagnostic;
}

/** What a large workflow shows when its check in the worker failed: a note on its first line, saying why. */
function notChecked(text: string, reason: string): Finding {
  const firstLine = text.indexOf('\n');
  return {
    ruleId: YAML_SYNTAX.id,
    severity: 'info',
    message: `This workflow was not checked: its check stopped before it finished. At ${(text.length / 1024).toFixed(0)} KiB it is checked in the background, and there ${reason} (see the PyPI Trusted Publishing log). The checks run again on the next edit.`,
    range: { start: 0, end: Math.max(1, firstLine === -1 ? text.length : firstLine) },
  };
}

/** The environment names a quick fix gives a job it switches to trusted publishing: the user's settings. */
function environmentsOf(settings: Settings): NewEnvironments {
  return { pypi: settings.environment, testpypi: settings.testPypiEnvironment };
}
