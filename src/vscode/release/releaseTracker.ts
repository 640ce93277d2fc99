import * as vscode from 'vscode';
import type { GitHubClient } from '../../core/github/types';
import type { PypiClient } from '../../core/pypi/types';
import { DEFAULT_FOLLOW_TIMING, RunFollower, systemClock, type FollowTiming } from '../../core/release/follower';
import { awaitRelease, DEFAULT_LAND_TIMING, expectedPublisher, landingSummary, type LandingSummary, type LandTiming } from '../../core/release/land';
import { approvableEnvironments, publishWasSkipped, STAGE_LABELS } from '../../core/release/runStage';
import type { Clock, FollowOutcome, ReleaseAction, RunSnapshot } from '../../core/release/types';
import type { PreviewDocuments } from '../previewDocuments';
import type { Services } from '../services';
import { handOverToDiagnosis } from './diagnosisHandOver';
import type { ReleaseUi } from './releaseUi';

export interface TrackRequest {
  action: ReleaseAction;
  github: GitHubClient;
  pypi: PypiClient;
  /** The names of the jobs that upload (publishJobNames). */
  publishJobs: string[];
  /** The publish job's environment, for the provenance check ('' or undefined: none). */
  environment: string | undefined;
  /** `https://pypi.org`, for the links. */
  indexUrl: string;
  /** When the release or tag was created (ms). */
  since: number;
  /** The release's page, when a release was created. */
  releaseUrl?: string;
}

interface Tracking {
  action: ReleaseAction;
  follower: RunFollower;
  /** Ends the wait for the index. */
  landing: AbortController;
  runUrl?: string;
}

const ICONS: Record<string, string> = {
  finding: '$(sync~spin)',
  queued: '$(clock)',
  build: '$(gear~spin)',
  approval: '$(person)',
  publish: '$(cloud-upload)',
  success: '$(pass)',
  failure: '$(error)',
};

/**
 * Follows one release at a time, from its workflow run to the files on PyPI: a progress notification and a status-bar
 * item show the stages, an approval is offered to required reviewers, and the landed files' provenance is verified.
 * Disposing (the window closing) stops the polling; a second release waits until this one is done or stopped.
 */
export class ReleaseTracker implements vscode.Disposable {
  private current: Tracking | undefined;
  private readonly status: vscode.StatusBarItem;

  constructor(
    private readonly deps: {
      log: vscode.LogOutputChannel;
      services: Pick<Services, 'provenance'>;
      previews: PreviewDocuments;
      ui: ReleaseUi;
      /** Tests pass a faster pace; the editor uses the defaults and the real clock. */
      clock?: Clock;
      followTiming?: FollowTiming;
      landTiming?: LandTiming;
    },
  ) {
    this.status = vscode.window.createStatusBarItem('trustedPublishing.release', vscode.StatusBarAlignment.Left, 40);
    this.status.name = 'PyPI Release';
  }

  /** The release being followed, if any. */
  get active(): ReleaseAction | undefined {
    return this.current?.action;
  }

  get runUrl(): string | undefined {
    return this.current?.runUrl;
  }

  /** Stops following; the run on GitHub goes on. */
  stop(): void {
    this.current?.follower.stop();
    this.current?.landing.abort();
  }

  dispose(): void {
    this.stop();
    this.status.dispose();
  }

  /** Follows the run of `request.action` to its end, then lands it or hands the failure over. */
  async track(request: TrackRequest): Promise<void> {
    if (this.current) throw new Error(`release ${this.current.action.tag} is still being followed`);
    const { action, github } = request;
    const follower = new RunFollower(
      { owner: action.owner, repo: action.repo, headSha: action.targetSha, event: action.event, workflowFile: action.workflowFile, publishJobs: request.publishJobs, since: request.since },
      github,
      this.deps.clock ?? systemClock,
      this.deps.followTiming ?? DEFAULT_FOLLOW_TIMING,
    );
    const tracking: Tracking = { action, follower, landing: new AbortController() };
    this.current = tracking;
    const { log } = this.deps;
    try {
      this.show(action, 'finding');
      const outcome = await this.deps.ui.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Releasing ${action.project} ${action.tag}`, cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => follower.stop());
          const offered = new Set<string>();
          return follower.follow((snapshot) => {
            if (snapshot.run) tracking.runUrl = snapshot.run.url;
            const message = describeSnapshot(snapshot);
            progress.report({ message });
            this.show(action, snapshot.stage, message, tracking.runUrl);
            log.info(`Release ${action.tag}: ${message}`);
            if (snapshot.stage === 'approval') this.offerApproval(snapshot, tracking, github, offered);
          });
        },
      );
      await this.finish(outcome, request, tracking);
    } finally {
      if (this.current === tracking) this.current = undefined;
      this.status.hide();
    }
  }

  private show(action: ReleaseAction, stage: RunSnapshot['stage'], message = STAGE_LABELS[stage], runUrl?: string): void {
    this.status.text = `${ICONS[stage] ?? ''} ${action.tag}: ${STAGE_LABELS[stage]}`;
    this.status.tooltip = `${action.project} ${action.version}: ${message}${runUrl ? '\nClick to open the workflow run.' : ''}`;
    this.status.command = runUrl ? { title: 'Open Workflow Run', command: 'vscode.open', arguments: [vscode.Uri.parse(runUrl)] } : undefined;
    this.status.show();
  }

  /** Once per environment set: Approve for a required reviewer (GitHub says who may), a link for everyone else. */
  private offerApproval(snapshot: RunSnapshot, tracking: Tracking, github: GitHubClient, offered: Set<string>): void {
    const run = snapshot.run;
    const key = snapshot.pending.map((p) => `${p.environmentId}:${p.currentUserCanApprove}`).join(',');
    if (!run || snapshot.pending.length === 0 || offered.has(key)) return;
    offered.add(key);
    const environments = snapshot.pending.map((p) => p.environment).join(', ');
    const ids = approvableEnvironments(snapshot.pending);
    const openRun = 'Open Run';
    const { action } = tracking;
    const { log } = this.deps;
    if (ids.length === 0) {
      const reviewers = [...new Set(snapshot.pending.flatMap((p) => p.reviewers))];
      void this.deps.ui.window
        .showInformationMessage(`${action.tag} waits for a required reviewer of ${environments}${reviewers.length ? ` (${reviewers.join(', ')})` : ''} to approve the upload.`, openRun)
        .then((choice) => choice === openRun && this.deps.ui.openExternal(vscode.Uri.parse(run.url)));
      return;
    }
    const approve = 'Approve';
    void this.deps.ui.window.showInformationMessage(`${action.tag} waits for your approval to publish from ${environments}.`, approve, openRun).then(async (choice) => {
      if (choice === openRun) await this.deps.ui.openExternal(vscode.Uri.parse(run.url));
      if (choice !== approve || tracking.follower.stopped) return;
      const approved = await github.approveDeployments(action.owner, action.repo, run.id, ids, `Approved from VS Code (PyPI Trusted Publishing) for ${action.project} ${action.version}`);
      if (approved.ok) {
        log.info(`Release ${action.tag}: approved the deployment to ${environments}`);
        tracking.follower.nudge();
      } else {
        log.warn(`Release ${action.tag}: approval failed: ${approved.error.message}`);
        const again = await this.deps.ui.window.showErrorMessage(`The approval was not accepted: ${approved.error.message}`, openRun);
        if (again === openRun) await this.deps.ui.openExternal(vscode.Uri.parse(run.url));
      }
    });
  }

  private async finish(outcome: FollowOutcome, request: TrackRequest, tracking: Tracking): Promise<void> {
    const { action } = request;
    const { log } = this.deps;
    const actionsUrl = `https://github.com/${action.owner}/${action.repo}/actions/workflows/${action.workflowFile}`;
    switch (outcome.kind) {
      case 'success': {
        if (publishWasSkipped(outcome.jobs, request.publishJobs)) {
          const open = 'Open Run';
          const choice = await this.deps.ui.window.showWarningMessage(`The run for ${action.tag} succeeded, but its publish job was skipped: nothing was uploaded to PyPI.`, open);
          if (choice === open) await this.deps.ui.openExternal(vscode.Uri.parse(outcome.run.url));
          return;
        }
        this.show(action, 'success', 'The run succeeded; waiting for PyPI', outcome.run.url);
        await this.land(request, tracking, outcome.run.url);
        return;
      }
      case 'failure':
        this.show(action, 'failure', `The run ended: ${outcome.run.conclusion ?? 'failed'}`, outcome.run.url);
        await handOverToDiagnosis({ run: outcome.run, jobs: outcome.jobs, action, github: request.github }, log, this.deps.ui);
        return;
      case 'stopped':
        log.info(`Release ${action.tag}: stopped following the run; it goes on on GitHub`);
        return;
      case 'notFound': {
        const open = 'Open Actions';
        const minutes = Math.round(outcome.waitedMs / 60_000);
        const choice = await this.deps.ui.window.showWarningMessage(`No run of ${action.workflowFile} started for ${action.tag} within ${minutes} min. Is Actions enabled, and does the workflow run on this event?`, open);
        if (choice === open) await this.deps.ui.openExternal(vscode.Uri.parse(actionsUrl));
        return;
      }
      case 'timedOut': {
        const open = 'Open Run';
        const choice = await this.deps.ui.window.showWarningMessage(`The run for ${action.tag} is still going after ${Math.round(outcome.waitedMs / 3_600_000)} h; no longer following it.`, open);
        if (choice === open) await this.deps.ui.openExternal(vscode.Uri.parse(outcome.run.url));
        return;
      }
      case 'error': {
        const open = 'Open Actions';
        const choice = await this.deps.ui.window.showErrorMessage(`Following the release run stopped: ${outcome.message}`, open);
        if (choice === open) await this.deps.ui.openExternal(vscode.Uri.parse(outcome.run?.url ?? actionsUrl));
        return;
      }
    }
  }

  /** Waits for the version on the index, verifies each file's provenance, and shows the summary. */
  private async land(request: TrackRequest, tracking: Tracking, runUrl: string): Promise<void> {
    const { action, pypi } = request;
    const { log, services } = this.deps;
    const signal = tracking.landing.signal;
    const pypiUrl = `${request.indexUrl.replace(/\/+$/, '')}/project/${action.project}/${action.version}/`;
    const arrival = await this.deps.ui.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Waiting for ${action.project} ${action.version} on PyPI`, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => tracking.landing.abort());
        return awaitRelease(
          pypi,
          action.project,
          action.version,
          this.deps.clock ?? systemClock,
          signal,
          (waited) => progress.report({ message: `not listed yet (${Math.round(waited / 1000)} s); the index can lag behind the upload` }),
          this.deps.landTiming ?? DEFAULT_LAND_TIMING,
        );
      },
    );
    if (arrival.kind === 'stopped') return;
    if (arrival.kind === 'timedOut') {
      const open = 'Open PyPI';
      const choice = await this.deps.ui.window.showWarningMessage(
        `The run succeeded, but PyPI does not list ${action.project} ${action.version} after ${Math.round(arrival.waitedMs / 60_000)} min. The index can lag; check again later with "trusted-publishing verify ${action.project} ${action.version}".`,
        open,
      );
      if (choice === open) await this.deps.ui.openExternal(vscode.Uri.parse(pypiUrl));
      return;
    }
    const expected = expectedPublisher(action.owner, action.repo, action.workflowFile, request.environment);
    const verification = await this.deps.ui.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Verifying the provenance of ${action.project} ${action.version}` }, () =>
      services.provenance().verifyReleaseFiles(pypi, action.project, action.version, expected),
    );
    const summary = landingSummary({ project: action.project, version: action.version, indexUrl: request.indexUrl, runUrl, expected, verification });
    log.info(`Release ${action.tag}: ${summary.headline}`);
    for (const file of summary.files) log.info(`  ${file.filename} ${file.sha256} ${file.ok ? `signed by ${file.signedBy ?? '?'}` : `NOT VERIFIED: ${file.problem ?? ''}`}`);
    await this.showSummary(summary, action);
  }

  private async showSummary(summary: LandingSummary, action: ReleaseAction): Promise<void> {
    const uri = this.deps.previews.propose(`release-${action.project}-${action.version}.md`, summary.markdown);
    await vscode.commands.executeCommand('markdown.showPreview', uri).then(undefined, async () => vscode.window.showTextDocument(uri, { preview: true }));
    const pypi = 'Open on PyPI';
    const run = 'Open Run';
    const buttons = [pypi, ...(summary.runUrl ? [run] : [])];
    const choice = summary.ok ? await this.deps.ui.window.showInformationMessage(summary.headline, ...buttons) : await this.deps.ui.window.showWarningMessage(summary.headline, ...buttons);
    if (choice === pypi) await this.deps.ui.openExternal(vscode.Uri.parse(summary.pypiUrl));
    if (choice === run && summary.runUrl) await this.deps.ui.openExternal(vscode.Uri.parse(summary.runUrl));
  }
}

function describeSnapshot(snapshot: RunSnapshot): string {
  const label = STAGE_LABELS[snapshot.stage];
  if (snapshot.stage === 'approval') return `${label} (${snapshot.pending.map((p) => p.environment).join(', ') || 'environment'})`;
  const running = snapshot.jobs.filter((job) => job.status === 'in_progress').map((job) => job.name);
  return running.length > 0 ? `${label}: ${running.join(', ')}` : label;
}
