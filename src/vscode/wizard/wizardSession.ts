import * as path from 'node:path';
import * as vscode from 'vscode';
import { failedLatestReleaseRun } from '../../core/diagnose/latestRun';
import { nodeFiles } from '../../core/files';
import { findRepository, resolveGitHubRepository } from '../../core/git';
import type { GitHubClient } from '../../core/github/types';
import { lintProjectOf } from '../../core/lint/analysis/projectForWorkflow';
import { publisherValues } from '../../core/publish/publisherValues';
import type { PypiClient } from '../../core/pypi/types';
import { findPyprojects, readPyprojectFile } from '../../core/pyproject';
import type { ProjectFacts } from '../../core/pyproject/types';
import { defaultChoices } from '../../core/setup/choices';
import { packageCandidate, remotesOf, type LoadedPackage, type PackageCandidate } from '../../core/setup/detect';
import { githubView, PYPI_TOKEN_PAGE, reviewerIds, tagPatternOf } from '../../core/setup/githubReport';
import { inspectWorkflow, type InspectOptions, type WorkflowInspection } from '../../core/setup/inspectWorkflow';
import { Cancellation, raceSignIn, SIGN_IN_TIMEOUT_MS } from '../../core/setup/signInRace';
import { locatePackage, workflowPath } from '../../core/setup/packageLocation';
import { existenceOf, INDEX_LABEL, valueOf, type IndexCheck } from '../../core/setup/pypiReport';
import {
  blockerOf,
  environmentsOf,
  existingSource,
  failedRunOf,
  publisherOriginOf,
  indexesOf,
  initialModel,
  oldSecrets,
  planOf,
  proposedText,
  reduce,
  releaseWorkflowOf,
  remoteRepositoryOf,
  repositoryOf,
  restore,
  targetOf,
  writtenOf,
  type WizardEvent,
  type WizardModel,
} from '../../core/setup/wizardModel';
import { linksOf, wizardView } from '../../core/setup/wizardView';
import { isWebviewMessage, type IndexId, type SavedWizard, type ValueField, type WebviewMessage, type WizardView } from '../../shared/protocol';
import type { RunArgument } from '../diagnose/diagnosePanel';
import type { PreviewDocuments } from '../previewDocuments';
import { DIAGNOSE_COMMAND } from '../release/diagnosisHandOver';
import type { Services } from '../services';
import { planOptionsFrom, readSettings, type Settings } from '../settings';
import { applyOffsetEdits, exists, readText, writeWithWorkspaceEdit } from '../workspaceFiles';

export interface WizardDeps {
  log: vscode.LogOutputChannel;
  previews: PreviewDocuments;
  services: Services;
  /** Where the host keeps the wizard's step and choices across reloads (the workspace state). */
  memento?: vscode.Memento;
}

export interface WizardStart {
  /** The pyproject.toml the command was invoked on (explorer context menu). */
  pyproject?: string;
  /** Where the wizard was before a reload. */
  saved?: SavedWizard;
}

/** Work that goes on after a message was handled (network requests), so the wizard stays responsive. */
type Background = { background: Promise<void> } | void;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * One wizard panel's host side: holds the model, turns checked messages into events or effects (reads, writes,
 * requests) and posts the new view after every change. Messages are handled one at a time, in order.
 */
export class WizardSession implements vscode.Disposable {
  private model: WizardModel;
  private view?: WizardView;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly running = new Set<Promise<void>>();
  private github?: GitHubClient;
  private pypiRun = 0;
  /** The sign-in under way, which Cancel stops waiting for. */
  private signingIn?: Cancellation;
  /** The repository and workflow whose runs were last asked for: one look each (and one log line when it fails). */
  private runsLookedUp?: string;
  private disposed = false;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: WizardDeps,
    start: WizardStart,
    private readonly remember: (saved: SavedWizard) => void = () => undefined,
  ) {
    const settings = readSettings();
    this.model = initialModel(defaultChoices(planOptionsFrom(settings), undefined), settings.workflowFileName);
    this.subscriptions.push(panel.webview.onDidReceiveMessage((received: unknown) => void this.handle(received)));
    void this.enqueue(() => this.detect(start.pyproject, start.saved));
  }

  /** The last view posted to the webview. */
  get lastView(): WizardView | undefined {
    return this.view;
  }

  /**
   * Handles one message from the webview. Resolves to false, having changed nothing, when the message is malformed;
   * to true once it was handled (including the requests it started).
   */
  handle(received: unknown): Promise<boolean> {
    if (!isWebviewMessage(received)) {
      this.deps.log.warn(`Set Up Trusted Publishing: ignored a malformed message from the wizard (${shapeOf(received)})`);
      return Promise.resolve(false);
    }
    return this.enqueue(() => this.process(received)).then(async (result) => {
      if (result) await result.background;
      return true;
    });
  }

  /** Switches to another package (the command run again on another pyproject.toml). */
  selectPyproject(pyprojectPath: string): Promise<void> {
    return this.enqueue(() => this.detect(pyprojectPath));
  }

  /** Resolves when no message is waiting and no request is under way, a sign-in waiting on the user aside (for tests). */
  async settled(): Promise<void> {
    for (;;) {
      const queue = this.queue;
      await queue;
      await Promise.all([...this.running]);
      if (queue === this.queue && this.running.size === 0) return;
    }
  }

  dispose(): void {
    this.disposed = true;
    this.signingIn?.cancel();
    this.subscriptions.forEach((s) => s.dispose());
  }

  // -------------------------------------------------------------------------------------------------------------

  private enqueue<T>(work: () => Promise<T>): Promise<T | undefined> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run.catch((error: unknown) => {
      this.deps.log.error(`Set Up Trusted Publishing: ${message(error)}`);
      this.dispatch({ type: 'busy' });
      this.dispatch({ type: 'notice', notice: { tone: 'error', text: `Something went wrong: ${message(error)} (details in the log).` } });
      return undefined;
    });
  }

  /**
   * Runs `work` after the message that started it was handled. `settled()` waits for it, unless it waits on the
   * user (a sign-in prompt can stay open for minutes while the wizard goes on).
   */
  private background(work: () => Promise<void>, options: { waitsOnUser?: boolean } = {}): Background {
    const promise = work().catch((error: unknown) => {
      this.deps.log.error(`Set Up Trusted Publishing: ${message(error)}`);
      this.dispatch({ type: 'busy' });
      this.dispatch({ type: 'notice', notice: { tone: 'error', text: `Something went wrong: ${message(error)} (details in the log).` } });
    });
    if (!options.waitsOnUser) {
      this.running.add(promise);
      void promise.finally(() => this.running.delete(promise));
    }
    return { background: promise };
  }

  private dispatch(event: WizardEvent): void {
    this.model = reduce(this.model, event);
    this.post();
  }

  private post(): void {
    if (this.disposed) return;
    const view = wizardView(this.model);
    const changed = view.step !== this.view?.step || JSON.stringify(view.session) !== JSON.stringify(this.view?.session);
    this.view = view;
    void this.panel.webview.postMessage({ type: 'state', view });
    if (changed && this.model.project) this.remember({ step: view.step, session: view.session });
  }

  /** Applies an intent; one that does not fit the current state (a locked step...) is logged and left out. */
  private apply(event: WizardEvent, received: WebviewMessage): void {
    const before = this.model;
    this.dispatch(event);
    if (this.model === before) this.ignored(received);
  }

  private ignored(received: WebviewMessage): void {
    this.deps.log.info(`Set Up Trusted Publishing: "${received.type}" does not apply now; ignored`);
    this.post(); // the webview may have moved a control on its own (a radio button): show the state as it is
  }

  private async process(received: WebviewMessage): Promise<Background> {
    switch (received.type) {
      case 'ready':
        this.post();
        return;
      case 'redetect':
        return this.detect(this.currentPyproject());
      case 'selectPackage': {
        const chosen = this.model.packages.find((p) => p.id === received.id);
        if (!chosen) return this.ignored(received);
        if (chosen.id !== this.model.packageId) await this.detect(chosen.pyprojectPath);
        return;
      }
      case 'selectRemote':
        return this.apply({ type: 'selectRemote', name: received.name }, received);
      case 'navigate':
        this.apply({ type: 'navigate', step: received.step }, received);
        if (this.model.step === 'pypi' && !this.model.pypiChecking && indexesOf(this.model).some((i) => !this.model.pypi[i])) return this.checkPypi();
        // Back from writing or choosing another workflow: the one the wizard is about now may have failed too.
        return this.model.step === 'github' || this.model.step === 'done' ? this.background(() => this.lookUpFailedRun()) : undefined;
      case 'setChoices':
        return this.apply({ type: 'setChoices', choices: received.choices }, received);
      case 'setExistingAction':
        return this.apply({ type: 'setExistingAction', action: received.action }, received);
      case 'setMode':
        return this.apply(received.mode === 'new' ? { type: 'setMode', mode: 'new' } : { type: 'setMode', mode: received.mode, fileName: received.fileName }, received);
      case 'showDiff':
        return this.showDiff(received);
      case 'write':
        return this.write(received);
      case 'openWritten':
        return this.openWritten(received);
      case 'copy':
        return this.copy(received.index, received.field, received);
      case 'openLink':
        return this.openLink(received.id, received);
      case 'checkPypi':
        return this.model.pypiChecking ? this.ignored(received) : this.checkPypi();
      case 'signIn':
        return this.signIn(received);
      case 'cancelSignIn':
        if (!this.signingIn) return this.ignored(received);
        this.signingIn.cancel();
        return;
      case 'applyFix':
        return this.applyFix(received.fileName, received.finding, received);
      case 'openFinding':
        return this.openFinding(received.fileName, received.finding, received);
      case 'ensureEnvironment':
        return this.ensureEnvironment(received.name, received);
      case 'deleteSecret':
        return this.deleteSecret(received.name, received);
      case 'diagnoseRun':
        return this.diagnoseRun(received);
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Step 1: detection

  private currentPyproject(): string | undefined {
    return this.model.packages.find((p) => p.id === this.model.packageId)?.pyprojectPath;
  }

  private async detect(preferred?: string, saved?: SavedWizard): Promise<void> {
    this.dispatch({ type: 'busy', text: 'Looking at the workspace…' });
    this.pypiRun += 1; // answers about another package must not land here
    const settings = readSettings(preferred ? vscode.Uri.file(preferred) : undefined);
    // The wheels question and Review only show the platforms it knows: say which names were left out.
    if (settings.wheelPlatformsIgnored) this.deps.log.warn(`Set Up Trusted Publishing: ${settings.wheelPlatformsIgnored}`);
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    const found: Array<{ pyprojectPath: string; folder: vscode.WorkspaceFolder }> = [];
    for (const folder of folders) {
      for (const pyprojectPath of await findPyprojects(folder.uri.fsPath, nodeFiles)) {
        if (!found.some((f) => f.pyprojectPath === pyprojectPath)) found.push({ pyprojectPath, folder });
      }
    }
    const packages: PackageCandidate[] = await Promise.all(
      found.map(async ({ pyprojectPath, folder }) => {
        const relative = path.relative(folder.uri.fsPath, path.dirname(pyprojectPath)).split(path.sep).join('/') || '.';
        const location = folders.length > 1 ? `${folder.name}/${relative}` : relative;
        return packageCandidate(`${folder.index}:${relative}`, pyprojectPath, location, await readPyprojectFile(pyprojectPath, nodeFiles), path.basename(path.dirname(pyprojectPath)));
      }),
    );
    const same = (a: string | undefined, b: string) => a !== undefined && path.resolve(a) === path.resolve(b);
    const restoring = saved?.session.packageId ? packages.find((p) => p.id === saved.session.packageId)?.pyprojectPath : undefined;
    const chosen =
      packages.find((p) => same(preferred ?? restoring, p.pyprojectPath)) ??
      packages.find((p) => same(this.currentPyproject(), p.pyprojectPath)) ??
      packages.find((p) => !p.error) ??
      packages[0];
    const base = {
      packages,
      choices: defaultChoices(planOptionsFrom(settings), undefined),
      workflowFileName: settings.workflowFileName,
      platforms: settings.wheelPlatforms,
      remotes: [],
      workflows: [],
    };
    if (!chosen) {
      // The repository and its workflows are still worth showing: the checks look at them with or without a project.
      const folder = folders[0];
      this.dispatch({
        type: 'detected',
        ...base,
        ...(folder ? await this.repositoryFacts(folder.uri.fsPath, undefined, settings) : {}),
        projectError:
          folders.length === 0
            ? 'Open the folder of your Python project first: trusted publishing is set up per project.'
            : 'No pyproject.toml in this workspace. The extension reads the project\'s name and build from a pyproject.toml to generate a release workflow; trusted publishing itself works for any project PyPI can build and upload.',
      });
      return;
    }
    const facts = await readPyprojectFile(chosen.pyprojectPath, nodeFiles);
    if (!facts.ok) {
      this.deps.log.warn(`Set Up Trusted Publishing: ${facts.error.message}`);
      this.dispatch({ type: 'detected', ...base, ...(await this.repositoryFacts(path.dirname(chosen.pyprojectPath), undefined, settings)), packageId: chosen.id, projectError: facts.error.message });
      return;
    }
    const packageFolder = path.dirname(chosen.pyprojectPath);
    const repository = await findRepository(packageFolder, nodeFiles);
    const location = locatePackage(chosen.pyprojectPath, repository.ok ? repository.value.root : undefined);
    const workflowsDir = path.dirname(workflowPath(location, 'x.yml'));
    const project: LoadedPackage = { facts: facts.value, location, inRepository: repository.ok, workflowsFolder: vscode.workspace.asRelativePath(workflowsDir) };
    const remotes = remotesOf(await resolveGitHubRepository(packageFolder, nodeFiles, settings.remoteName));
    if (remotes.repositoryError) this.deps.log.warn(`Set Up Trusted Publishing: ${remotes.repositoryError}`);
    const workflows = await this.inspectWorkflows(workflowsDir, inspectOptions(facts.value, settings));
    this.dispatch({
      type: 'detected',
      ...base,
      packageId: chosen.id,
      project,
      ...remotes,
      workflows,
      workflowsFolder: project.workflowsFolder,
      choices: defaultChoices(planOptionsFrom(settings), facts.value),
    });
    this.deps.log.info(
      `Set Up Trusted Publishing: ${facts.value.name} at ${location.packageDir}, ${remotes.remoteName ? `remote ${remotes.remoteName}` : 'no remote chosen'}, ${workflows.length} workflow(s)`,
    );
    if (saved) {
      this.model = restore(this.model, saved);
      this.post();
      const written = saved.session.written;
      const onDisk = written && this.model.workflows.find((w) => w.fileName === written.fileName);
      this.deps.log.info(
        `Set Up Trusted Publishing: back at step ${this.model.step} (saved at ${saved.step}${written ? `; ${written.fileName} ${this.model.written ? 'is as written' : onDisk ? 'changed since' : 'is gone'}` : ''})`,
      );
      if (this.model.step === 'pypi') void this.checkPypi();
    }
  }

  /** The git remote and the workflows of the repository around `folder`, for a workspace without a usable project. */
  private async repositoryFacts(folder: string, facts: ProjectFacts | undefined, settings: Settings) {
    const repository = await findRepository(folder, nodeFiles);
    const root = repository.ok ? repository.value.root : folder;
    const workflowsDir = path.join(root, '.github', 'workflows');
    return {
      ...remotesOf(await resolveGitHubRepository(folder, nodeFiles, settings.remoteName)),
      workflows: await this.inspectWorkflows(workflowsDir, inspectOptions(facts, settings)),
      workflowsFolder: vscode.workspace.asRelativePath(workflowsDir),
    };
  }

  private async inspectWorkflows(dir: string, options: InspectOptions): Promise<WorkflowInspection[]> {
    const names = (await nodeFiles.list(dir))
      .filter((entry) => !entry.isDirectory && /\.ya?ml$/i.test(entry.name))
      .map((entry) => entry.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const inspections: WorkflowInspection[] = [];
    for (const name of names) {
      const text = await readText(vscode.Uri.file(path.join(dir, name)));
      if (text !== undefined) inspections.push(inspectWorkflow(name, text, options));
    }
    return inspections;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Steps 3 and 4: diff and write

  private async showDiff(received: WebviewMessage): Promise<void> {
    const target = targetOf(this.model);
    const text = proposedText(this.model);
    const project = this.model.project;
    if (!target || text === undefined || !project) return this.ignored(received);
    const proposal = this.deps.previews.propose(target.fileName, text);
    const compareWith = vscode.Uri.file(workflowPath(project.location, target.action === 'rename' ? this.model.workflowFileName : target.fileName));
    const options: vscode.TextDocumentShowOptions = { viewColumn: vscode.ViewColumn.Beside, preview: true };
    if (await exists(compareWith)) {
      await vscode.commands.executeCommand('vscode.diff', compareWith, proposal, `${path.basename(compareWith.fsPath)} ↔ proposed ${target.fileName}`, options);
    } else {
      await vscode.window.showTextDocument(proposal, options);
    }
  }

  private async write(received: WebviewMessage): Promise<void> {
    const model = this.model;
    const target = targetOf(model);
    const text = proposedText(model);
    const project = model.project;
    if (model.step !== 'write' || blockerOf(model, 'write') || writtenOf(model) || !target || text === undefined || !project) return this.ignored(received);
    const uri = vscode.Uri.file(workflowPath(project.location, target.fileName));
    const relative = vscode.workspace.asRelativePath(uri);
    this.dispatch({ type: 'busy', text: `Writing ${relative}…` });
    try {
      // What is on disk (or in an open editor) must still be what the review showed.
      const current = await readText(uri);
      if (target.exists ? current !== target.existing?.text : await exists(uri)) {
        this.dispatch({ type: 'writeFailed', message: `${relative} changed since the wizard read it. Detect again (step Detect) and review it before writing.` });
        return;
      }
      const document =
        target.action === 'migrate' && target.existing?.migration
          ? await applyOffsetEdits(uri, target.existing.migration.edits)
          : await writeWithWorkspaceEdit(uri, text);
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
      const written = document.getText();
      const settings = readSettings(uri);
      // The proposal shown before writing is now the file itself: its tab (or diff) goes.
      await this.deps.previews.closeTabs();
      this.dispatch({
        type: 'written',
        file: { fileName: target.fileName, text: written, migrated: target.action === 'migrate', upToDate: false, secrets: target.action === 'migrate' ? (target.existing?.secrets ?? []) : [] },
        inspection: inspectWorkflow(target.fileName, written, inspectOptions(project.facts, settings)),
      });
      this.deps.log.info(`Set Up Trusted Publishing: ${target.action === 'migrate' ? 'migrated' : 'wrote'} ${uri.fsPath}`);
    } catch (error) {
      this.deps.log.error(`Set Up Trusted Publishing: writing ${uri.fsPath} failed: ${message(error)}`);
      this.dispatch({ type: 'writeFailed', message: `Could not write ${relative}: ${message(error)}` });
    }
  }

  /** Applies a finding's fix to the kept workflow, through the same WorkspaceEdit path as writing (Undo works). */
  private async applyFix(fileName: string, index: number, received: WebviewMessage): Promise<void> {
    const kept = existingSource(this.model);
    const project = this.model.project;
    const fix = kept?.fileName === fileName ? kept.findings[index]?.fix : undefined;
    if (!kept || !fix || !project || this.model.busy) return this.ignored(received);
    const uri = vscode.Uri.file(workflowPath(project.location, kept.fileName));
    const relative = vscode.workspace.asRelativePath(uri);
    if ((await readText(uri)) !== kept.text) {
      this.dispatch({ type: 'notice', notice: { tone: 'warning', text: `${relative} changed since the wizard read it: detect again, then apply the fix.` } });
      return;
    }
    this.dispatch({ type: 'busy', text: `Fixing ${relative}…` });
    try {
      const document = await applyOffsetEdits(uri, fix.edits);
      const inspection = inspectWorkflow(kept.fileName, document.getText(), inspectOptions(project.facts, readSettings(uri)));
      this.dispatch({ type: 'inspected', inspection });
      this.dispatch({ type: 'notice', notice: { tone: 'ok', text: `${fix.title}: done in ${relative}. Undo (Ctrl+Z) in its editor takes it back.` } });
      this.deps.log.info(`Set Up Trusted Publishing: applied "${fix.title}" to ${uri.fsPath}`);
    } catch (error) {
      this.dispatch({ type: 'busy' });
      this.dispatch({ type: 'notice', notice: { tone: 'error', text: `Could not fix ${relative}: ${message(error)}` } });
    }
  }

  /** Opens the kept workflow with the finding selected, where the editor offers its quick fixes. */
  private async openFinding(fileName: string, index: number, received: WebviewMessage): Promise<void> {
    const kept = existingSource(this.model);
    const finding = kept?.fileName === fileName ? kept.findings[index] : undefined;
    const project = this.model.project;
    if (!kept || !finding || !project) return this.ignored(received);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(workflowPath(project.location, kept.fileName)));
    const selection = new vscode.Range(document.positionAt(finding.range.start), document.positionAt(finding.range.end));
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, selection, preview: false });
  }

  private async openWritten(received: WebviewMessage): Promise<void> {
    const written = writtenOf(this.model);
    const project = this.model.project;
    if (!written || !project) return this.ignored(received);
    await vscode.window.showTextDocument(vscode.Uri.file(workflowPath(project.location, written.fileName)), { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Step 5: PyPI

  private async copy(index: IndexId, field: ValueField, received: WebviewMessage): Promise<void> {
    const plan = planOf(this.model);
    const repository = repositoryOf(this.model);
    if (!plan || !repository || !indexesOf(this.model).includes(index)) return this.ignored(received);
    const values = publisherValues(plan, repository, existenceOf(this.model.pypi[index]), index, publisherOriginOf(this.model, index));
    const text = valueOf(values, field);
    const label = this.view?.pypi?.indexes.find((i) => i.index === index)?.values.find((v) => v.field === field)?.label ?? field;
    try {
      await vscode.env.clipboard.writeText(text);
      // The button itself says "Copied": no banner pushing the page down.
      this.dispatch({ type: 'copied', index, field });
    } catch (error) {
      // A browser may refuse the clipboard (no permission, no focus): the value is on screen to select by hand.
      this.deps.log.warn(`Set Up Trusted Publishing: could not copy ${label}: ${message(error)}`);
      this.dispatch({ type: 'notice', notice: { tone: 'warning', text: `Could not copy ${label} (${message(error)}): select the value and copy it.` } });
    }
  }

  private async openLink(id: string, received: WebviewMessage): Promise<void> {
    const url = this.view ? linksOf(this.view).get(id) : undefined;
    if (!url || !url.startsWith('https://')) return this.ignored(received);
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
  }

  private checkPypi(): Background {
    const plan = planOf(this.model);
    if (!plan) return;
    const run = ++this.pypiRun;
    const indexes = indexesOf(this.model);
    const enabled = readSettings().pypiChecksEnabled;
    this.dispatch({ type: 'pypiChecking' });
    return this.background(async () => {
      await Promise.all(
        indexes.map(async (index) => {
          const check = await this.checkIndex(index, plan.normalizedName, enabled);
          if (run === this.pypiRun) this.dispatch({ type: 'pypiChecked', index, check });
        }),
      );
      if (run === this.pypiRun) this.dispatch({ type: 'pypiDone' });
    });
  }

  private async checkIndex(index: IndexId, name: string, latestToo: boolean): Promise<IndexCheck> {
    let client: PypiClient;
    try {
      client = this.deps.services.pypi(index);
    } catch (error) {
      this.deps.log.warn(`Set Up Trusted Publishing: no ${INDEX_LABEL[index]} client: ${message(error)}`);
      return { failure: message(error) };
    }
    try {
      const project = await client.project(name);
      if (!project.ok) this.deps.log.info(`Set Up Trusted Publishing: ${INDEX_LABEL[index]} project ${name}: ${project.error.kind} (${project.error.message})`);
      const check: IndexCheck = { project };
      if (project.ok && latestToo) check.latest = await client.latestPublisher(name);
      return check;
    } catch (error) {
      return { failure: message(error) };
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Step 6: GitHub

  private signIn(received: WebviewMessage): Background {
    const remote = remoteRepositoryOf(this.model);
    if (this.model.github.status === 'working' || !remote || blockerOf(this.model, 'github')) return this.ignored(received);
    this.dispatch({
      type: 'github',
      update: { status: 'working', cancellable: true, message: "Signing in to GitHub… VS Code asks whether the extension may use your GitHub account: answer its prompt (a dialog, or the Accounts menu at the bottom left)." },
    });
    const cancellation = new Cancellation();
    this.signingIn = cancellation;
    return this.background(async () => {
      const outcome = await raceSignIn(this.deps.services.github({ createIfNone: true }), { cancellation });
      if (this.signingIn === cancellation) this.signingIn = undefined;
      if (outcome.kind !== 'answer') {
        // getSession cannot be stopped: its answer, if one ever comes, is ignored.
        this.deps.log.info(`Set Up Trusted Publishing: GitHub sign-in ${outcome.kind === 'cancelled' ? 'cancelled' : 'timed out'}`);
        this.dispatch({
          type: 'github',
          update: {
            status: outcome.kind === 'cancelled' ? 'skipped' : 'error',
            cancellable: false,
            message:
              outcome.kind === 'cancelled'
                ? 'Sign-in cancelled: nothing was changed on GitHub. If VS Code still shows its sign-in prompt, close it before you try again.'
                : `GitHub sign-in did not finish within ${SIGN_IN_TIMEOUT_MS / 60_000} minutes, so the wizard stopped waiting. Answer VS Code's sign-in prompt if it is still open (or close it), then try again.`,
          },
        });
        return;
      }
      const client = outcome.value;
      if (client) this.dispatch({ type: 'github', update: { cancellable: false, message: 'Signed in; reading the repository on GitHub…' } });
      if (!client) {
        this.dispatch({
          type: 'github',
          update: {
            status: 'skipped',
            cancellable: false,
            message: `GitHub sign-in was skipped (declined, or not available in this editor), so nothing was changed on GitHub. Create the environment yourself in ${remote.owner}/${remote.repo}'s Settings > Environments, limited to tags v*.`,
          },
        });
        return;
      }
      this.github = client;
      const viewer = await client.viewer();
      if (!viewer.ok) {
        this.dispatch({ type: 'github', update: { status: 'error', message: `GitHub did not accept the sign-in: ${viewer.error.message}` } });
        return;
      }
      const repository = await client.repository(remote.owner, remote.repo);
      if (!repository.ok) {
        const text =
          repository.error.kind === 'NotFound'
            ? `GitHub has no repository ${remote.owner}/${remote.repo} that ${viewer.value.login} can see. Check the git remote, or sign in with an account that has access.`
            : `Could not read ${remote.owner}/${remote.repo}: ${repository.error.message}`;
        this.dispatch({ type: 'github', update: { status: 'error', viewer: viewer.value, message: text } });
        return;
      }
      const facts = repository.value;
      const environments = await client.environments(facts.owner, facts.repo);
      const secrets = oldSecrets(this.model).length > 0 ? await client.secretNames(facts.owner, facts.repo) : undefined;
      this.dispatch({
        type: 'github',
        update: {
          status: 'signed-in',
          message: undefined,
          viewer: viewer.value,
          repository: facts,
          environments: environments.ok ? environments.value : undefined,
          environmentsError: environments.ok ? undefined : `Could not list the environments: ${environments.error.message}`,
          secretNames: secrets?.ok ? secrets.value : undefined,
        },
      });
      this.deps.log.info(`Set Up Trusted Publishing: signed in as ${viewer.value.login}; ${facts.owner}/${facts.repo} (${facts.visibility}${facts.admin ? ', admin' : ''})`);
      this.runsLookedUp = undefined; // a new sign-in looks again
      await this.lookUpFailedRun();
    }, { waitsOnUser: true });
  }

  /**
   * Whether the latest release run of the workflow the wizard is about failed, with the session the user gave the
   * wizard (never a prompt of its own). Asked once per repository and workflow; an answer GitHub does not give
   * (no runs yet, a network error) leaves the line out.
   */
  private async lookUpFailedRun(): Promise<void> {
    const client = this.github;
    const facts = this.model.github.repository;
    const workflow = releaseWorkflowOf(this.model);
    if (!client || !facts || !workflow || this.model.github.status !== 'signed-in' || !this.deps.services.networkAllowed()) return;
    const key = `${facts.owner}/${facts.repo}/${workflow.fileName}`;
    if (this.runsLookedUp === key) return;
    this.runsLookedUp = key;
    const runs = await client.workflowFileRuns(facts.owner, facts.repo, workflow.fileName).catch((error: unknown) => ({ ok: false as const, error: { message: message(error) } }));
    if (!runs.ok) {
      this.deps.log.info(`Set Up Trusted Publishing: could not read the runs of ${workflow.fileName}: ${runs.error.message}`);
      return;
    }
    const run = failedLatestReleaseRun(runs.value, workflow.publishing);
    if (this.model.github.repository !== facts) return; // signed in again, or another repository, meanwhile
    this.dispatch({ type: 'github', update: { failedRun: run ? { workflow: workflow.fileName, runId: run.id, number: run.number, createdAt: run.createdAt } : undefined } });
    this.deps.log.info(`Set Up Trusted Publishing: the latest release run of ${workflow.fileName} ${run ? `failed (run ${run.id})` : 'did not fail'}`);
  }

  /** "Diagnose failed release": the run the wizard found and shows, never one the message names. */
  private diagnoseRun(received: WebviewMessage): Background {
    const run = failedRunOf(this.model);
    if (!run || !this.view?.failedRun || !this.deps.services.networkAllowed()) return this.ignored(received);
    const argument: RunArgument = { runId: run.runId, workflow: run.workflow };
    this.deps.log.info(`Set Up Trusted Publishing: diagnosing run ${run.runId} of ${run.workflow}`);
    return this.background(async () => {
      await vscode.commands.executeCommand(DIAGNOSE_COMMAND, argument);
    });
  }

  private ensureEnvironment(name: string, received: WebviewMessage): Background {
    const client = this.github;
    const facts = this.model.github.repository;
    const wanted = environmentsOf(this.model).find((e) => e.name === name);
    const shown = githubView(this.model).environments.find((e) => e.name === name);
    if (!client || !facts || !wanted || !shown?.enabled || this.model.busy) return this.ignored(received);
    const reviewers = reviewerIds(facts, this.model.github.viewer);
    const tagPattern = tagPatternOf(this.model);
    this.dispatch({ type: 'busy', text: `Setting up the environment ${name} on GitHub…` });
    return this.background(async () => {
      const result = await client.ensureEnvironment(facts.owner, facts.repo, { name, tagPattern, ...(reviewers ? { reviewerIds: reviewers } : {}) });
      this.dispatch({ type: 'busy' });
      this.dispatch({ type: 'environmentEnsured', name, result: result.ok ? { ok: true, value: result.value } : { ok: false, message: result.error.message } });
      this.deps.log.info(
        `Set Up Trusted Publishing: environment ${name}: ${result.ok ? (result.value.changes.join(', ') || 'unchanged') : `failed (${result.error.kind}: ${result.error.message})`}`,
      );
    });
  }

  private async deleteSecret(name: string, received: WebviewMessage): Promise<Background> {
    const client = this.github;
    const facts = this.model.github.repository;
    if (!client || !facts || !oldSecrets(this.model).includes(name) || this.model.github.deleted[name]?.ok || this.model.busy) return this.ignored(received);
    const confirm = 'Delete Secret';
    const choice = await vscode.window.showWarningMessage(
      `Delete the secret ${name} from ${facts.owner}/${facts.repo}?`,
      {
        modal: true,
        detail: `Workflows that still read ${name} will fail. Deleting the secret does not revoke the token it holds: revoke it on PyPI as well (${PYPI_TOKEN_PAGE}).`,
      },
      confirm,
    );
    if (choice !== confirm) {
      this.deps.log.info(`Set Up Trusted Publishing: kept the secret ${name}`);
      return;
    }
    this.dispatch({ type: 'busy', text: `Deleting the secret ${name}…` });
    return this.background(async () => {
      const result = await client.deleteSecret(facts.owner, facts.repo, name);
      this.dispatch({ type: 'busy' });
      this.dispatch({ type: 'secretDeleted', name, result: result.ok ? { ok: true, value: true } : { ok: false, message: result.error.message } });
      this.deps.log.info(`Set Up Trusted Publishing: secret ${name} ${result.ok ? 'deleted' : `not deleted (${result.error.kind})`}`);
    });
  }
}

/** How the wizard inspects workflows: with the project's facts, the user's rule settings and environment names. */
function inspectOptions(facts: ProjectFacts | undefined, settings: Settings): InspectOptions {
  return {
    ...(facts ? { project: lintProjectOf(facts) } : {}),
    rules: settings.rules,
    environments: { pypi: settings.environment, testpypi: settings.testPypiEnvironment },
  };
}


/** A short description of a rejected message for the log: its type and keys, never its values. */
function shapeOf(value: unknown): string {
  if (value === null || typeof value !== 'object') return typeof value;
  if (Array.isArray(value)) return 'array';
  const record = value as Record<string, unknown>;
  const type = typeof record.type === 'string' ? record.type.slice(0, 40) : typeof record.type;
  return `type ${JSON.stringify(type)}, keys ${Object.keys(record).slice(0, 10).join(', ') || 'none'}`;
}
