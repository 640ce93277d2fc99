import * as path from 'node:path';
import * as vscode from 'vscode';
import { nodeFiles } from '../../core/files';
import type { GitHubClient } from '../../core/github/types';
import type { WorkflowPublishing } from '../../core/lint';
import { readWorkflowSummaries } from '../../core/publish';
import type { PypiClient } from '../../core/pypi/types';
import { confirmationDetail, describeAction } from '../../core/release/describe';
import { gatherPreflight, publishEnvironment, versionChoice, type PreflightResult } from '../../core/release/gather';
import { readyToRelease } from '../../core/release/preflight';
import { chooseTrigger, releaseWorkflows } from '../../core/release/trigger';
import { publishJobNames } from '../../core/release/runStage';
import type { FixId, LocalGitState, PreflightItem, ReleaseAction } from '../../core/release/types';
import { isReleaseVersion } from '../../core/release/version';
import { isSavedWizard } from '../../shared/protocol';
import { loadProject, type LoadedProject } from '../loadProject';
import { commandArgs, pickPyproject } from '../pickPackage';
import { pickRepository } from '../pickRepository';
import type { Services } from '../services';
import { readSettings } from '../settings';
import type { WorkflowDiagnostics } from '../workflowDiagnostics';
import { pushBranch, readGitState } from './gitState';
import type { ReleaseTracker } from './releaseTracker';
import type { ReleaseUi } from './releaseUi';

export interface ReleaseArgs {
  pyproject?: vscode.Uri | string;
  /** The version to release, when pyproject.toml does not say (versions from git tags or files). */
  version?: string;
}

interface Target {
  project: LoadedProject;
  owner: string;
  repo: string;
  workflow: WorkflowPublishing & { text: string; uri: vscode.Uri };
  pyprojectUri: vscode.Uri;
}

/** The version to release, where it comes from, and the prefix of the repository's version tags when known. */
interface ChosenVersion {
  value: string;
  from: string;
  tagPrefix?: string;
}

const WIZARD_SAVED_KEY = 'trustedPublishing.wizard.saved';
const ICON: Record<PreflightItem['status'], string> = { pass: '$(pass)', warn: '$(warning)', fail: '$(error)' };
const FIX_LABELS: Record<FixId, string> = {
  openWorkflow: 'Open the workflow',
  setUp: 'Set Up Trusted Publishing',
  editVersion: 'Open pyproject.toml',
  openSourceControl: 'Open Source Control',
  push: 'Push',
  createEnvironment: 'Set Up Trusted Publishing (creates the environment)',
  registerPublisher: 'Show PyPI Publisher Values',
  openPypiProject: 'Open the project on PyPI',
  retry: 'Check again',
};

/**
 * "PyPI Trusted Publishing: Release…": preflight, one confirmation showing exactly what is created, the release (or
 * tag) on GitHub, then the tracker follows the run to PyPI. Nothing is created without the confirmation, and nothing
 * runs in an untrusted workspace.
 */
export class ReleaseCommand {
  static readonly id = 'trustedPublishing.release';
  /** A release being prepared (preflight, confirmation, creation): a second one waits for it to end. */
  private preparing = false;

  constructor(
    private readonly deps: {
      log: vscode.LogOutputChannel;
      services: Services;
      diagnostics: Pick<WorkflowDiagnostics, 'check'>;
      tracker: ReleaseTracker;
      memento?: vscode.Memento;
      ui: ReleaseUi;
    },
  ) {}

  async run(args?: ReleaseArgs | vscode.Uri): Promise<void> {
    const { tracker } = this.deps;
    if (!vscode.workspace.isTrusted) {
      this.deps.log.warn('Release…: refused in Restricted Mode; nothing was asked of GitHub or PyPI');
      const manage = 'Manage Workspace Trust';
      const choice = await this.deps.ui.window.showErrorMessage('Releasing talks to GitHub and PyPI, which Restricted Mode does not allow. Trust this workspace first.', manage);
      if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
      return;
    }
    if (tracker.active) {
      const stop = 'Stop Following';
      const open = 'Open Run';
      const choice = await this.deps.ui.window.showWarningMessage(`${tracker.active.project} ${tracker.active.tag} is still being followed. One release at a time.`, ...(tracker.runUrl ? [open] : []), stop);
      if (choice === stop) tracker.stop();
      if (choice === open && tracker.runUrl) await this.deps.ui.openExternal(vscode.Uri.parse(tracker.runUrl));
      return;
    }

    if (this.preparing) {
      await this.deps.ui.window.showWarningMessage('A release is being prepared already. Finish or cancel it first.');
      return;
    }
    this.preparing = true;
    let prepared: Parameters<ReleaseTracker['track']>[0] | undefined;
    try {
      prepared = await this.prepare(commandArgs<ReleaseArgs>(args));
    } finally {
      this.preparing = false;
    }
    if (prepared) await tracker.track(prepared);
  }

  /** Preflight, confirmation and creation; what the tracker is to follow, or undefined when nothing was created. */
  private async prepare(scripted: ReleaseArgs): Promise<Parameters<ReleaseTracker['track']>[0] | undefined> {
    const { log, services } = this.deps;
    const target = await this.target(scripted);
    if (!target) return undefined;
    const github = await services.github({ createIfNone: true });
    if (!github) {
      await this.deps.ui.window.showErrorMessage('Releasing needs a GitHub sign-in (to create the release and follow its run). Nothing was created.');
      return;
    }
    const settings = readSettings(target.pyprojectUri);
    const pypi = services.pypi('pypi');

    const version = await this.version(target, github, pypi, scripted.version);
    if (version === undefined) return undefined;

    let checked: PreflightResult;
    for (;;) {
      checked = await this.preflight(target, version, github, pypi, settings.pypiUrl);
      if (readyToRelease(checked.items) && checked.action) break;
      const fix = await this.showProblems(checked.items, target, version.value);
      if (fix !== 'retry') {
        if (fix) await this.applyFix(fix, target);
        return;
      }
    }
    const action = checked.action;

    // The one confirmation: exactly what is created, and the warnings the preflight had.
    const { title, button } = describeAction(action);
    const answer = await this.deps.ui.window.showWarningMessage(title, { modal: true, detail: confirmationDetail(action, checked.items) }, button);
    if (answer !== button) {
      log.info(`Release ${action.tag}: cancelled, nothing was created`);
      return;
    }

    const created = await this.create(action, github);
    if (!created) return undefined;
    return {
      action,
      github,
      pypi,
      publishJobs: publishJobNames(target.workflow.fileName, target.workflow.text),
      environment: publishEnvironment(target.workflow),
      indexUrl: settings.pypiUrl,
      since: created.at,
      ...(created.url ? { releaseUrl: created.url } : {}),
    };
  }

  /** The package, its GitHub repository and the workflow that publishes it. */
  private async target(args: ReleaseArgs): Promise<Target | undefined> {
    const { log } = this.deps;
    const pyprojectPath = await pickPyproject(args.pyproject, 'Release which package?');
    if (!pyprojectPath) return undefined;
    const project = await loadProject(pyprojectPath, log);
    if (!project) return undefined;
    const pyprojectUri = vscode.Uri.file(pyprojectPath);
    const settings = readSettings(pyprojectUri);
    const repository = await pickRepository(path.dirname(pyprojectPath), settings.remoteName, log);
    if (!repository) return undefined;
    const summaries = project.inRepository ? await readWorkflowSummaries(project.location.repositoryRoot, nodeFiles) : [];
    const candidates = releaseWorkflows(summaries, settings.workflowFileName);
    if (candidates.length === 0) {
      const setUp = 'Set Up Trusted Publishing';
      const choice = await this.deps.ui.window.showErrorMessage('No workflow in .github/workflows publishes this project to PyPI. Set one up first.', setUp);
      if (choice === setUp) await vscode.commands.executeCommand('trustedPublishing.setUpTrustedPublishing', pyprojectUri);
      return undefined;
    }
    let workflow = candidates[0]?.fileName === settings.workflowFileName || candidates.length === 1 ? candidates[0] : undefined;
    if (!workflow) {
      const picked = await this.deps.ui.window.showQuickPick(
        candidates.map((c) => ({ label: c.fileName, summary: c })),
        { title: 'Release with which workflow?', placeHolder: 'Several workflows upload to PyPI' },
      );
      if (!picked) return undefined;
      workflow = picked.summary;
    }
    const uri = vscode.Uri.file(path.join(project.location.repositoryRoot, '.github', 'workflows', workflow.fileName));
    return { project, owner: repository.owner, repo: repository.repo, workflow: { ...workflow, uri }, pyprojectUri };
  }

  /**
   * The version: pyproject.toml's, or the user's answer for versions from git tags or files. The next one is
   * suggested from the repository's version tags (for versions from tags), else from PyPI, and the prompt says which.
   */
  private async version(target: Target, github: GitHubClient, pypi: PypiClient, given: string | undefined): Promise<ChosenVersion | undefined> {
    const { facts } = target.project;
    const trigger = chooseTrigger(target.workflow);
    const tagPatterns = trigger.ok ? trigger.tagPatterns : undefined;
    const choice = await this.deps.ui.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Finding the next version of ${facts.name}…` }, () =>
      versionChoice({ pypi, github }, { owner: target.owner, repo: target.repo, project: facts.name, source: facts.version, tagPatterns }),
    );
    if (choice.kind === 'fixed') return { value: choice.version, from: choice.from };
    const tagPrefix = choice.kind === 'nextTag' ? choice.tagPrefix : undefined;
    const chosen = (value: string): ChosenVersion => ({ value, from: choice.from, ...(tagPrefix !== undefined ? { tagPrefix } : {}) });
    if (given !== undefined) return chosen(given);
    if (choice.basis) this.deps.log.info(`Release ${facts.name}: suggesting ${choice.suggestion}, ${choice.basis}`);
    const decides = choice.kind === 'nextTag' ? 'the new tag decides it' : 'make sure the build will have this version';
    const value = await this.deps.ui.window.showInputBox({
      title: `Release ${facts.name}: which version?`,
      prompt: `The version comes from ${choice.from}: ${decides}.${choice.basis ? ` Suggested: ${choice.basis}.` : ''}`,
      value: choice.suggestion ?? '',
      validateInput: (text) => (isReleaseVersion(text) ? undefined : 'A PEP 440 release version, such as 1.2.3 or 2.0rc1'),
      ignoreFocusOut: true,
    });
    return value ? chosen(value.trim()) : undefined;
  }

  private async preflight(target: Target, version: ChosenVersion, github: GitHubClient, pypi: PypiClient, indexUrl: string): Promise<PreflightResult> {
    const { workflow } = target;
    return this.deps.ui.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Checking before releasing ${target.project.facts.name} ${version.value}…` }, async () => {
      const errors = await this.workflowErrors(workflow.uri);
      const git: LocalGitState | undefined = await readGitState(target.pyprojectUri);
      return gatherPreflight(
        {
          owner: target.owner,
          repo: target.repo,
          project: target.project.facts.name,
          version: version.value,
          versionFrom: version.from,
          ...(version.tagPrefix !== undefined ? { tagPrefix: version.tagPrefix } : {}),
          workflow: { fileName: workflow.fileName, text: workflow.text, ...(errors ? { errors } : {}) },
          git,
          wizardShowedPublisher: this.wizardShowedPublisher(workflow.fileName),
          indexUrl,
        },
        { github, pypi },
      );
    });
  }

  /** The checks' errors on the workflow, as the Problems view shows them (the text of an open editor included). */
  private async workflowErrors(uri: vscode.Uri): Promise<string[] | undefined> {
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      const findings = await this.deps.diagnostics.check(document);
      return findings.filter((f) => f.severity === 'error').map((f) => f.message);
    } catch (error) {
      this.deps.log.warn(`Release: could not check ${uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** Whether Set Up Trusted Publishing got past its PyPI step for this workflow (it then showed the pending publisher). */
  private wizardShowedPublisher(fileName: string): boolean {
    const saved = this.deps.memento?.get<unknown>(WIZARD_SAVED_KEY);
    if (!isSavedWizard(saved)) return false;
    return (saved.step === 'github' || saved.step === 'done') && saved.session.written?.fileName === fileName;
  }

  /** The preflight's findings; picking a failed item returns its fix. */
  private async showProblems(items: PreflightItem[], target: Target, version: string): Promise<FixId | undefined> {
    type Item = vscode.QuickPickItem & { fix?: FixId };
    const failed = items.filter((i) => i.status === 'fail').length;
    const picks: Item[] = items.map((item) => ({
      label: `${ICON[item.status]} ${item.title}`,
      detail: item.detail,
      ...(item.status !== 'pass' && item.fix ? { description: FIX_LABELS[item.fix], fix: item.fix } : {}),
    }));
    picks.push({ label: '$(refresh) Check again', fix: 'retry', alwaysShow: true });
    const picked = await this.deps.ui.window.showQuickPick(picks, {
      title: `Release ${target.project.facts.name} ${version}: ${failed === 0 ? 'nothing to release' : `${failed} ${failed === 1 ? 'thing' : 'things'} to fix first`}`,
      placeHolder: 'Pick an item to fix it; nothing is created on GitHub until every check passes and you confirm.',
      matchOnDetail: true,
      ignoreFocusOut: true,
    });
    return picked?.fix;
  }

  private async applyFix(fix: FixId, target: Target): Promise<void> {
    switch (fix) {
      case 'openWorkflow':
        await vscode.window.showTextDocument(target.workflow.uri);
        return;
      case 'setUp':
      case 'createEnvironment':
        await vscode.commands.executeCommand('trustedPublishing.setUpTrustedPublishing', target.pyprojectUri);
        return;
      case 'editVersion':
        await vscode.window.showTextDocument(target.pyprojectUri);
        return;
      case 'openSourceControl':
        await vscode.commands.executeCommand('workbench.view.scm');
        return;
      case 'push':
        try {
          await pushBranch(target.pyprojectUri);
          void this.deps.ui.window.showInformationMessage('Pushed. Run Release… again to continue.');
        } catch (error) {
          await this.deps.ui.window.showErrorMessage(`Push failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        return;
      case 'registerPublisher':
        await vscode.commands.executeCommand('trustedPublishing.showPublisherValues', { pyproject: target.pyprojectUri, workflow: target.workflow.fileName });
        return;
      case 'openPypiProject':
        await this.deps.ui.openExternal(vscode.Uri.parse(`${readSettings(target.pyprojectUri).pypiUrl}/project/${target.project.facts.name}/`));
        return;
      case 'retry':
        return;
    }
  }

  /** Creates the release (with its tag) or the tag; says what failed when GitHub refuses. */
  private async create(action: ReleaseAction, github: GitHubClient): Promise<{ at: number; url?: string } | undefined> {
    const { log } = this.deps;
    const at = Date.now();
    if (action.trigger === 'release') {
      const created = await github.createRelease(action.owner, action.repo, { tagName: action.tag, targetSha: action.targetSha, name: action.tag, prerelease: action.prerelease });
      if (!created.ok) {
        log.error(`Release ${action.tag}: ${created.error.message}`);
        await this.deps.ui.window.showErrorMessage(`The release was not created: ${created.error.message}`);
        return undefined;
      }
      log.info(`Release ${action.tag}: created ${created.value.url}`);
      return { at, url: created.value.url };
    }
    const tagged = await github.createTag(action.owner, action.repo, action.tag, action.targetSha);
    if (!tagged.ok) {
      log.error(`Release ${action.tag}: ${tagged.error.message}`);
      await this.deps.ui.window.showErrorMessage(`The tag was not created: ${tagged.error.message}`);
      return undefined;
    }
    log.info(`Release ${action.tag}: created the tag at ${action.targetSha}`);
    return { at };
  }
}
