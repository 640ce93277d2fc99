import * as vscode from 'vscode';
import type { ActionsJob, ActionsRun } from '../../core/github/releaseTypes';
import { failedJobs } from '../../core/release/runStage';
import type { ReleaseUi } from './releaseUi';

/** The failed-release diagnosis, when this build of the extension has it. */
export const DIAGNOSE_COMMAND = 'trustedPublishing.diagnoseFailedRelease';

/**
 * A failed release run goes straight to the failed-release diagnosis: the "Diagnose Failed Release" command reads
 * the latest failed run of the workflow, which is this one. Where that command is not registered, the run's page is
 * offered instead, and the message says the diagnosis will take over there.
 */
export async function handOverToDiagnosis(run: ActionsRun, jobs: ActionsJob[], tag: string, log: vscode.LogOutputChannel, ui: ReleaseUi): Promise<void> {
  const failed = failedJobs(jobs).map((job) => job.name);
  const which = failed.length > 0 ? ` (${failed.join(', ')})` : '';
  log.warn(`Release ${tag}: run ${run.id} ended with ${run.conclusion ?? 'an unknown conclusion'}${which}`);
  const registered = (await vscode.commands.getCommands(true)).includes(DIAGNOSE_COMMAND);
  if (registered) {
    await vscode.commands.executeCommand(DIAGNOSE_COMMAND);
    return;
  }
  const open = 'Open Run';
  const choice = await ui.window.showErrorMessage(
    `The release run for ${tag} failed${which}. Its logs are on the run's page; the failed-release diagnosis will open here once it is available.`,
    open,
  );
  if (choice === open) await ui.openExternal(vscode.Uri.parse(run.url));
}
