import * as vscode from 'vscode';
import type { WorkflowDiagnostics } from './workflowDiagnostics';

/** Fills the Problems panel for every workflow of the workspace, open or not. */
export class CheckAllWorkflowsCommand {
  static readonly id = 'trustedPublishing.checkAllWorkflows';

  constructor(
    private readonly diagnostics: WorkflowDiagnostics,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async run(): Promise<Array<{ file: string; findings: number; errors: number }>> {
    const results = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Checking workflows for PyPI trusted publishing' },
      () => this.diagnostics.checkAll(),
    );
    const summary = results.map((r) => ({ file: r.uri.fsPath, findings: r.findings.length, errors: r.findings.filter((f) => f.severity === 'error').length }));
    const total = summary.reduce((n, s) => n + s.findings, 0);
    this.log.info(`Checked ${results.length} workflow file${results.length === 1 ? '' : 's'}: ${total} finding${total === 1 ? '' : 's'}`);
    if (results.length === 0) {
      void vscode.window.showInformationMessage('No workflow files in this workspace (.github/workflows/*.yml). Generate one with "Generate Release Workflow".');
    } else {
      void vscode.window.showInformationMessage(`Checked ${results.length} workflow file${results.length === 1 ? '' : 's'}: ${total === 0 ? 'no problems' : `${total} problem${total === 1 ? '' : 's'}`}.`);
      if (total > 0) await vscode.commands.executeCommand('workbench.actions.view.problems');
    }
    return summary;
  }
}
