import * as path from 'node:path';
import * as vscode from 'vscode';
import { nodeFiles } from '../core/files';
import { resolveGitHubRepository } from '../core/git';
import { docsUrl, lintWorkflow, plainMessage, projectForWorkflow, type Finding, type LintLocation, type LintOptions, type LintProject, type PublishedRelease } from '../core/lint';
import type { Services } from './services';
import { readSettings, type Settings } from './settings';
import { isWorkflowDocument, WORKFLOW_GLOB } from './workflowFiles';

const DEBOUNCE_MS = 250;
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
  private readonly findings = new Map<string, { version: number; findings: Finding[]; project?: LintProject; options: LintOptions }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Files checked by "Check All Workflows": they keep their diagnostics when their editor closes. */
  private readonly checkedAll = new Set<string>();
  /** Project facts per workflow folder; dropped when a pyproject.toml changes. */
  private readonly projects = new Map<string, Promise<LintProject | undefined>>();
  /** The GitHub repository per workflow folder, from the git remote. */
  private readonly repositories = new Map<string, Promise<LintLocation['repository']>>();
  /** What the index says published the latest release, per index and project; filled in the background. */
  private readonly published = new Map<string, { at: number; releases?: PublishedRelease[] }>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly services?: Services,
  ) {
    const pyprojects = vscode.workspace.createFileSystemWatcher('**/pyproject.toml');
    const forgetProjects = () => {
      this.projects.clear();
      this.repositories.clear();
      this.recheckOpen();
    };
    this.subscriptions.push(
      this.collection,
      pyprojects,
      pyprojects.onDidChange(forgetProjects),
      pyprojects.onDidCreate(forgetProjects),
      pyprojects.onDidDelete(forgetProjects),
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
    if (!entry) return undefined;
    if (entry.version === document.version) return entry;
    const options: LintOptions = { ...entry.options, rules: readSettings(document.uri).rules };
    const { findings } = lintWorkflow(document.getText(), options);
    return { findings, project: entry.project, options };
  }

  /** Checks one document now and publishes its diagnostics. */
  async check(document: vscode.TextDocument): Promise<Finding[]> {
    return this.publish(document.uri, document.getText(), document.version);
  }

  /** Checks every workflow file of the workspace, open or not, and returns how many findings each has. */
  async checkAll(): Promise<Array<{ uri: vscode.Uri; findings: Finding[] }>> {
    const uris = await vscode.workspace.findFiles(WORKFLOW_GLOB, '**/node_modules/**');
    const results: Array<{ uri: vscode.Uri; findings: Finding[] }> = [];
    for (const uri of uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const text = open?.getText() ?? new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      this.checkedAll.add(uri.toString());
      results.push({ uri, findings: await this.publish(uri, text, open?.version ?? -1) });
    }
    return results;
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
  }

  private async publish(uri: vscode.Uri, text: string, version: number): Promise<Finding[]> {
    const settings = readSettings(uri);
    const project = await this.projectFor(uri);
    const location: LintLocation = { fileName: path.basename(uri.fsPath), repository: await this.repositoryFor(uri, settings.remoteName) };
    const published = settings.pypiChecksEnabled && project ? this.publishedFor(project, text, settings, () => this.republish(uri, version)) : undefined;
    const options: LintOptions = { project, location, published, rules: settings.rules };
    const { findings } = lintWorkflow(text, options);
    this.findings.set(uri.toString(), { version, findings, project, options });
    this.collection.set(uri, findings.map((f) => toDiagnostic(uri, text, f, settings.hints)));
    return findings;
  }

  /** Checks a file again once the index has answered, if it still has the text that was checked. */
  private republish(uri: vscode.Uri, version: number): void {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
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
      void this.services
        .pypi(index)
        .latestPublisher(project.normalizedName)
        .then((result) => {
          const releases = result.ok && result.value?.publisher ? [{ index, version: result.value.version, publisher: result.value.publisher }] : [];
          if (!result.ok) this.log.info(`Could not ask ${index} about ${project.normalizedName}: ${result.error.message}`);
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

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.subscriptions.forEach((s) => s.dispose());
  }
}

/** Offsets to a position, without needing an open TextDocument (Check All reads files from disk). */
export function positionAt(text: string, offset: number): vscode.Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return new vscode.Position(line, offset - (before.lastIndexOf('\n') + 1));
}

function toDiagnostic(uri: vscode.Uri, text: string, finding: Finding, hints: ReadonlySet<string>): vscode.Diagnostic {
  const range = new vscode.Range(positionAt(text, finding.range.start), positionAt(text, finding.range.end));
  // Advice is a hint (dotted, not counted in Problems) unless the user set the rule's severity.
  const severity = hints.has(finding.ruleId) ? vscode.DiagnosticSeverity.Hint : severities[finding.severity];
  const diagnostic = new vscode.Diagnostic(range, plainMessage(finding.message), severity);
  diagnostic.source = 'trusted-publishing';
  diagnostic.code = { value: finding.ruleId, target: vscode.Uri.parse(docsUrl(finding.ruleId)) };
  diagnostic.relatedInformation = finding.related?.map(
    (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, new vscode.Range(positionAt(text, r.range.start), positionAt(text, r.range.end))), plainMessage(r.message)),
  );
  return diagnostic;
}
