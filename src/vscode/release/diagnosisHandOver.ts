import * as vscode from 'vscode';
import type { ActionsJob, ActionsRun } from '../../core/github/releaseTypes';
import type { GitHubClient } from '../../core/github/types';
import { failedJobs } from '../../core/release/runStage';
import type { ReleaseAction } from '../../core/release/types';
import type { ReleaseUi } from './releaseUi';

/** The failed-release diagnosis (src/vscode/diagnose). */
export const DIAGNOSE_COMMAND = 'trustedPublishing.diagnoseFailedRelease';

/** A few failed jobs are enough to say why; each log is a download. */
const MAX_LOGS = 3;

/**
 * A failed release run goes straight to the failed-release diagnosis, with the logs of this run's failed jobs (so it
 * diagnoses this run, not whichever failed last). When the logs cannot be downloaded the diagnosis opens without
 * them, where it can fetch the latest failed run or take a pasted log. Should the command be missing, the run's page
 * is offered instead.
 */
export async function handOverToDiagnosis(
  failure: { run: ActionsRun; jobs: ActionsJob[]; action: ReleaseAction; github: Pick<GitHubClient, 'jobLog'> },
  log: vscode.LogOutputChannel,
  ui: ReleaseUi,
): Promise<void> {
  const { run, jobs, action, github } = failure;
  const failed = failedJobs(jobs);
  const which = failed.length > 0 ? ` (${failed.map((job) => job.name).join(', ')})` : '';
  log.warn(`Release ${action.tag}: run ${run.id} ended with ${run.conclusion ?? 'an unknown conclusion'}${which}`);
  if (!(await vscode.commands.getCommands(true)).includes(DIAGNOSE_COMMAND)) {
    const open = 'Open Run';
    const choice = await ui.window.showErrorMessage(`The release run for ${action.tag} failed${which}. Its logs are on the run's page.`, open);
    if (choice === open) await ui.openExternal(vscode.Uri.parse(run.url));
    return;
  }
  const logs: string[] = [];
  for (const job of failed.filter((j) => j.conclusion === 'failure' || j.conclusion === 'timed_out').slice(0, MAX_LOGS)) {
    const text = await github.jobLog(action.owner, action.repo, job.id);
    if (text.ok) logs.push(text.value);
    else log.warn(`Release ${action.tag}: the log of job ${job.name} could not be read: ${text.error.message}`);
  }
  await vscode.commands.executeCommand(DIAGNOSE_COMMAND, ...(logs.length > 0 ? [logs.join('\n')] : []));
}
