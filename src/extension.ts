import * as path from 'node:path';
import * as vscode from 'vscode';
import { CheckAllWorkflowsCommand } from './vscode/checkAllCommand';
import { DependabotCommand } from './vscode/dependabotCommand';
import { DiagnosePanel } from './vscode/diagnose/diagnosePanel';
import { FailedRunWatch } from './vscode/diagnose/failedRunWatch';
import { GenerateWorkflowCommand } from './vscode/generateWorkflowCommand';
import { createLog } from './vscode/log';
import { PREVIEW_SCHEME, PreviewDocuments } from './vscode/previewDocuments';
import { createServices } from './vscode/services';
import { PublisherValuesCommand } from './vscode/publisherValuesCommand';
import { ReleaseCommand } from './vscode/release/releaseCommand';
import { ReleaseTracker } from './vscode/release/releaseTracker';
import { editorUi } from './vscode/release/releaseUi';
import { SetUpWizard } from './vscode/wizard/setUpWizard';
import { WorkflowCodeActions } from './vscode/workflowCodeActions';
import { WorkflowDiagnostics } from './vscode/workflowDiagnostics';
import { WORKFLOW_SELECTOR } from './vscode/workflowFiles';
// Started as the check worker's script (see the worker's stand-in for `vscode` in esbuild.mjs), this bundle serves
// checks of large workflows and nothing else; on the extension host's thread this import does nothing.
import './core/lint/worker/main';

/** Builds the pieces and registers every command and provider, synchronously: no await, no network here. */
export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  const previews = new PreviewDocuments();
  const generate = new GenerateWorkflowCommand(previews, log);
  const values = new PublisherValuesCommand(previews, log);
  const dependabot = new DependabotCommand(log);
  const services = createServices(context, log);
  // dist/extension.js is also the script of the worker that checks large workflows (see esbuild.mjs).
  const diagnostics = new WorkflowDiagnostics(log, services, path.join(context.extensionPath, 'dist', 'extension.js'));
  const checkAll = new CheckAllWorkflowsCommand(diagnostics, log);
  const wizard = new SetUpWizard(context.extensionUri, { log, previews, services, memento: context.workspaceState });
  // One release followed at a time; disposing it (the window closing) stops its polling.
  const tracker = new ReleaseTracker({ log, services, previews, ui: editorUi });
  const release = new ReleaseCommand({ log, services, diagnostics, tracker, memento: context.workspaceState, ui: editorUi });
  const diagnose = new DiagnosePanel(context.extensionUri, { log, services, memento: context.workspaceState });
  // Off unless the user turns it on; its first look waits for a later tick (no network in activate).
  const failedRuns = new FailedRunWatch({ log, services, memento: context.globalState });

  // A command that fails unexpectedly says so once and logs the detail, instead of failing silently.
  const guarded =
    <A extends unknown[], R>(name: string, run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R | undefined> => {
      try {
        return await run(...args);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.error(`${name} failed: ${message}`);
        const show = 'Show Log';
        if ((await vscode.window.showErrorMessage(`${name} failed: ${message}`, show)) === show) log.show();
        return undefined;
      }
    };

  context.subscriptions.push(
    log,
    previews,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    vscode.commands.registerCommand(GenerateWorkflowCommand.id, guarded('Generate Release Workflow', (args) => generate.run(args))),
    vscode.commands.registerCommand(PublisherValuesCommand.id, guarded('Show PyPI Publisher Values', (args) => values.run(args))),
    vscode.commands.registerCommand(DependabotCommand.id, guarded('Keep Action Pins Fresh', (args) => dependabot.run(args))),
    vscode.commands.registerCommand(CheckAllWorkflowsCommand.id, guarded('Check All Workflows', () => checkAll.run())),
    vscode.commands.registerCommand('trustedPublishing.showLog', () => log.show()),
    wizard,
    vscode.commands.registerCommand(SetUpWizard.commandId, guarded('Set Up Trusted Publishing', async (uri?: unknown) => wizard.open(uri))),
    vscode.commands.registerCommand(SetUpWizard.debugCommandId, (args?: unknown) => wizard.debugState(args)),
    vscode.window.registerWebviewPanelSerializer(SetUpWizard.viewType, wizard),
    diagnose,
    vscode.commands.registerCommand(DiagnosePanel.commandId, guarded('Diagnose Failed Release', async (logText?: unknown) => diagnose.open(logText))),
    vscode.commands.registerCommand(DiagnosePanel.debugCommandId, (args?: unknown) => diagnose.debugState(args)),
    vscode.window.registerWebviewPanelSerializer(DiagnosePanel.viewType, diagnose),
    failedRuns.register(),
    vscode.commands.registerCommand(FailedRunWatch.debugCommandId, () => failedRuns.debugState()),
    diagnostics,
    tracker,
    vscode.commands.registerCommand(ReleaseCommand.id, guarded('Release', (args) => release.run(args))),
    vscode.languages.registerCodeActionsProvider(WORKFLOW_SELECTOR, new WorkflowCodeActions(diagnostics), WorkflowCodeActions.metadata),
  );
  log.info('Activated');
}

export function deactivate(): void {}
