import * as path from 'node:path';
import * as vscode from 'vscode';
import { nodeFiles } from '../core/files';
import { resolveGitHubRepository } from '../core/git';
import { generateWorkflow, WHEELS_UNANSWERED, wheelsQuestion } from '../core/publish';
import type { PlanOptions, ReleasePlan, WheelsChoice } from '../core/publish/types';
import { alternativeWorkflowName, workflowPath } from '../core/setup/packageLocation';
import { choosePlan, describePlan } from './choosePlan';
import { loadProject, planFor, type LoadedProject } from './loadProject';
import { commandArgs, pickPyproject } from './pickPackage';
import type { PreviewDocuments } from './previewDocuments';
import { readSettings } from './settings';
import { exists, writeWithWorkspaceEdit } from './workspaceFiles';

/** Arguments for scripted use (tests, other commands); from the palette there are none and the user is asked. */
export interface GenerateWorkflowArgs {
  /** The pyproject.toml (a Uri from the explorer's context menu, or a path). */
  pyproject?: vscode.Uri | string;
  options?: PlanOptions;
  /** Skip the plan and preview questions. */
  confirm?: boolean;
  /** What to do when the workflow file exists; asked when absent. */
  onExisting?: 'replace' | 'rename' | 'cancel';
}

export interface GenerateWorkflowResult {
  uri: vscode.Uri;
  plan: ReleasePlan;
  /** Why there is no GitHub repository to register yet (no remote, another host), as the wizard says it. */
  repositoryProblem?: string;
}

type Decision = { kind: 'write'; uri: vscode.Uri } | { kind: 'cancel' };

/** The part of `vscode.window` that asks; host tests give their own to answer. */
export type QuickPickWindow = Pick<typeof vscode.window, 'showQuickPick'>;

export class GenerateWorkflowCommand {
  static readonly id = 'trustedPublishing.generateWorkflow';

  constructor(
    private readonly previews: PreviewDocuments,
    private readonly log: vscode.LogOutputChannel,
    private readonly window: QuickPickWindow = vscode.window,
  ) {}

  async run(args?: GenerateWorkflowArgs | vscode.Uri): Promise<GenerateWorkflowResult | undefined> {
    const scripted = commandArgs<GenerateWorkflowArgs>(args);
    const pyprojectPath = await pickPyproject(scripted.pyproject, 'Generate Release Workflow');
    if (!pyprojectPath) return undefined;
    const project = await loadProject(pyprojectPath, this.log);
    if (!project) return undefined;

    const ignored = readSettings(vscode.Uri.file(pyprojectPath)).wheelPlatformsIgnored;
    if (ignored) this.log.warn(`Generate Release Workflow: ${ignored}`);
    // Asked even when scripted without `options.wheels`, as the wizard does: guessing here can cost a release.
    const wheels = await this.askWheels(project, scripted.options?.wheels);
    if (wheels === 'cancel') {
      this.log.info('Generate Release Workflow: cancelled, nothing written');
      return undefined;
    }
    const initial = planFor(project, { ...scripted.options, ...(wheels ? { wheels } : {}) });
    const plan = scripted.confirm ? initial : await choosePlan(initial, `Release workflow for ${project.facts.name}`);
    if (!plan) return undefined;

    const text = generateWorkflow(plan);
    const decision = await this.decideTarget(project, plan, text, scripted);
    await this.previews.closeTabs();
    if (decision.kind === 'cancel') {
      this.log.info('Generate Release Workflow: cancelled, nothing written');
      return undefined;
    }
    const finalPlan = { ...plan, workflowFileName: path.basename(decision.uri.fsPath) };
    // The file name is part of what PyPI checks, and the header comment names it: regenerate when it changed.
    const finalText = finalPlan.workflowFileName === plan.workflowFileName ? text : generateWorkflow(finalPlan);
    let document: vscode.TextDocument;
    try {
      document = await writeWithWorkspaceEdit(decision.uri, finalText);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.log.warn(`Generate Release Workflow: ${reason}`);
      void vscode.window.showErrorMessage(reason);
      return undefined;
    }
    await vscode.window.showTextDocument(document, { preview: false });
    this.log.info(`Wrote ${decision.uri.fsPath} (${describePlan(finalPlan)})`);
    if (!project.inRepository) {
      void vscode.window.showWarningMessage(
        `${project.facts.name} is not in a git repository, so the workflow was written beside it. Move .github/ to the repository root: GitHub only runs workflows from there.`,
      );
    }
    // Without a GitHub remote there is nothing to register yet: say why once, in the words the wizard uses.
    const repository = await resolveGitHubRepository(path.dirname(pyprojectPath), nodeFiles, readSettings(decision.uri).remoteName);
    if (repository.kind === 'error') {
      this.log.info(`Generate Release Workflow: no GitHub repository (${repository.error.message})`);
      void vscode.window.showWarningMessage(`Wrote ${vscode.workspace.asRelativePath(decision.uri)}. ${repository.error.message}`);
      return { uri: decision.uri, plan: finalPlan, repositoryProblem: repository.error.message };
    }
    if (!scripted.confirm) void this.suggestNextStep(finalPlan, decision.uri, pyprojectPath);
    return { uri: decision.uri, plan: finalPlan };
  }

  /**
   * The wizard's wheels question, on the wizard's condition (weak signs of compiled code, nothing chosen): the answer,
   * undefined when the project's files settle it, or 'cancel' on Escape.
   */
  private async askWheels(project: LoadedProject, chosen: WheelsChoice | undefined): Promise<WheelsChoice | 'cancel' | undefined> {
    const question = wheelsQuestion(project.facts, chosen);
    if (!question) return undefined;
    this.log.info(`Generate Release Workflow: asking how the wheels are built: ${question.doubt}`);
    const picked = await this.window.showQuickPick(
      question.answers.map((answer) => ({ label: answer.label, detail: answer.hint, value: answer.value })),
      { title: WHEELS_UNANSWERED, placeHolder: question.doubt, ignoreFocusOut: true },
    );
    return picked?.value ?? 'cancel';
  }

  /** Where to write: the planned file, after a preview; when it exists, replace (after a diff) or another name. */
  private async decideTarget(project: LoadedProject, plan: ReleasePlan, text: string, scripted: GenerateWorkflowArgs): Promise<Decision> {
    const target = vscode.Uri.file(workflowPath(project.location, plan.workflowFileName));
    const relative = vscode.workspace.asRelativePath(target);
    const proposal = this.previews.propose(plan.workflowFileName, text);

    if (!(await exists(target))) {
      if (scripted.confirm) return { kind: 'write', uri: target };
      await vscode.window.showTextDocument(proposal, { preview: true, viewColumn: vscode.ViewColumn.Active });
      const write = await this.window.showQuickPick(
        [{ label: `$(check) Write ${relative}`, write: true }, { label: '$(close) Cancel', write: false }],
        { title: 'Preview of the release workflow', placeHolder: 'Nothing is written until you choose', ignoreFocusOut: true },
      );
      return write?.write ? { kind: 'write', uri: target } : { kind: 'cancel' };
    }

    const alternative = vscode.Uri.file(path.join(path.dirname(target.fsPath), alternativeWorkflowName(plan.workflowFileName, await this.siblingNames(target))));
    let choice = scripted.onExisting;
    if (!choice) {
      const picked = await this.window.showQuickPick(
        [
          { label: `$(diff) Compare with ${plan.workflowFileName} and replace it…`, choice: 'replace' as const },
          { label: `$(new-file) Write ${path.basename(alternative.fsPath)} instead`, detail: 'Keeps your file. PyPI\'s "Workflow name" will be the new file name.', choice: 'rename' as const },
          { label: '$(close) Cancel', choice: 'cancel' as const },
        ],
        { title: `${relative} already exists`, placeHolder: 'Your file is never replaced without your choice', ignoreFocusOut: true },
      );
      choice = picked?.choice ?? 'cancel';
      if (choice === 'replace') {
        await vscode.commands.executeCommand('vscode.diff', target, proposal, `${plan.workflowFileName} ↔ generated`);
        const confirm = await this.window.showQuickPick(
          [{ label: `$(check) Replace ${relative}`, replace: true }, { label: '$(close) Keep my file', replace: false }],
          { title: `Replace ${relative}?`, placeHolder: 'Undo (Ctrl+Z) in the file restores it after replacing', ignoreFocusOut: true },
        );
        if (!confirm?.replace) choice = 'cancel';
      }
    }
    if (choice === 'replace') return { kind: 'write', uri: target };
    if (choice === 'rename') return { kind: 'write', uri: alternative };
    return { kind: 'cancel' };
  }

  private async siblingNames(target: vscode.Uri): Promise<Set<string>> {
    try {
      const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.file(path.dirname(target.fsPath)));
      return new Set(entries.map(([name]) => name));
    } catch {
      return new Set();
    }
  }

  private async suggestNextStep(plan: ReleasePlan, uri: vscode.Uri, pyprojectPath: string): Promise<void> {
    const values = 'Show PyPI Values';
    const dependabot = 'Keep Pins Fresh';
    // Without a GitHub remote there are no values to register yet: say why once, in the words the wizard uses.
    const choice = await vscode.window.showInformationMessage(
      `Wrote ${vscode.workspace.asRelativePath(uri)}. Next: register it as a trusted publisher on PyPI (workflow "${plan.workflowFileName}", environment "${plan.environment}").`,
      values,
      ...(plan.pinning === 'sha' ? [dependabot] : []),
    );
    if (choice === values) {
      await vscode.commands.executeCommand('trustedPublishing.showPublisherValues', {
        pyproject: pyprojectPath,
        options: { environment: plan.environment, testPypi: plan.testPypi, testPypiEnvironment: plan.testPypiEnvironment, workflowFileName: plan.workflowFileName },
        workflow: plan.workflowFileName,
      });
    } else if (choice === dependabot) {
      await vscode.commands.executeCommand('trustedPublishing.addDependabot', { pyproject: pyprojectPath });
    }
  }
}
