import * as path from 'node:path';
import * as vscode from 'vscode';
import { nodeFiles } from '../core/files';
import { describePublishing, type PublishIndex, type WorkflowPublishing } from '../core/lint';
import { choosePublisherOrigin, formatPublisherValues, originFromWorkflow, publisherIndexes, publisherValues, readWorkflowSummaries } from '../core/publish';
import type { PlanOptions, PublisherValues, ReleasePlan } from '../core/publish/types';
import { loadProject, planFor } from './loadProject';
import { commandArgs, pickPyproject } from './pickPackage';
import { pickRepository } from './pickRepository';
import type { PreviewDocuments } from './previewDocuments';
import { readSettings } from './settings';

export interface PublisherValuesArgs {
  pyproject?: vscode.Uri | string;
  options?: PlanOptions;
  /** The workflow PyPI trusts, when several publish (a file name under .github/workflows/). */
  workflow?: string;
  /** Return the values without showing them (scripted use). */
  quiet?: boolean;
}

interface ValueItem extends vscode.QuickPickItem {
  copy?: string;
  open?: string;
  showText?: true;
}

const copyButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('copy'), tooltip: 'Copy' };

/**
 * Shows the four values of PyPI's "Add a new publisher" form (and the project name for a pending publisher), each
 * copied with one click, plus the page to open. Workflow and Environment are those of the workflow that already
 * publishes, when the repository has one (asking which when several do); the settings' defaults only describe a
 * workflow still to be written. Whether the project exists on PyPI is not known here, so both routes are offered.
 */
export class PublisherValuesCommand {
  static readonly id = 'trustedPublishing.showPublisherValues';

  constructor(
    private readonly previews: PreviewDocuments,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async run(args?: PublisherValuesArgs | vscode.Uri): Promise<PublisherValues[] | undefined> {
    const scripted = commandArgs<PublisherValuesArgs>(args);
    const pyprojectPath = await pickPyproject(scripted.pyproject, 'Show PyPI Publisher Values');
    if (!pyprojectPath) return undefined;
    const project = await loadProject(pyprojectPath, this.log);
    if (!project) return undefined;
    const settings = readSettings(vscode.Uri.file(pyprojectPath));
    const repository = await pickRepository(path.dirname(pyprojectPath), settings.remoteName, this.log);
    if (!repository) return undefined;

    const plan = planFor(project, scripted.options);
    const summaries = project.inRepository ? await readWorkflowSummaries(project.location.repositoryRoot, nodeFiles) : [];
    const all: PublisherValues[] = [];
    for (const index of publisherIndexes(summaries, plan, scripted.workflow)) {
      const values = await this.valuesFor(plan, repository, index, summaries, scripted);
      if (!values) return undefined;
      all.push(values);
    }
    if (!scripted.quiet) this.show(all);
    return all;
  }

  private async valuesFor(
    plan: ReleasePlan,
    repository: { owner: string; repo: string },
    index: PublishIndex,
    summaries: WorkflowPublishing[],
    scripted: PublisherValuesArgs,
  ): Promise<PublisherValues | undefined> {
    const choice = choosePublisherOrigin(summaries, index, plan, scripted.workflow);
    if (choice.kind !== 'ask') return publisherValues(plan, repository, 'unknown', index, choice.origin);
    if (scripted.quiet) return undefined;
    const indexName = index === 'pypi' ? 'PyPI' : 'TestPyPI';
    const picked = await vscode.window.showQuickPick(
      choice.workflows.map((workflow) => ({ label: workflow.fileName, detail: describePublishing(workflow).join(' · '), workflow })),
      {
        title: `Several workflows upload to ${indexName}: which one should ${indexName} trust?`,
        placeHolder: 'A trusted publisher names one workflow file; two workflows publishing the same release also collide',
        ignoreFocusOut: true,
      },
    );
    if (!picked) return undefined;
    this.log.info(`Publisher values for ${indexName} from ${picked.workflow.fileName} (chosen among ${choice.workflows.map((w) => w.fileName).join(', ')})`);
    return publisherValues(plan, repository, 'unknown', index, originFromWorkflow(picked.workflow, index));
  }

  private show(all: PublisherValues[]): void {
    const pick = vscode.window.createQuickPick<ValueItem>();
    pick.title = `Trusted publisher for ${all[0].projectName}: click a value to copy it`;
    // Where Workflow and Environment come from decides whether they can be trusted: say it above the values.
    pick.placeholder = 'On PyPI choose "GitHub" and enter these values exactly';
    pick.ignoreFocusOut = true;
    pick.matchOnDescription = true;
    pick.items = [
      ...all.flatMap((values) => itemsFor(values)),
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: '$(copy) Copy all values', copy: formatPublisherValues(all) },
      { label: '$(file-text) Open as text', showText: true },
    ];
    const copy = async (item: ValueItem) => {
      if (item.copy === undefined) return;
      await vscode.env.clipboard.writeText(item.copy);
      vscode.window.setStatusBarMessage(`$(check) Copied ${item.label.replace(/^\$\([^)]*\)\s*/, '')}`, 3000);
    };
    pick.onDidTriggerItemButton((e) => void copy(e.item));
    pick.onDidAccept(async () => {
      const item = pick.selectedItems[0];
      if (!item) return;
      if (item.open) {
        await vscode.env.openExternal(vscode.Uri.parse(item.open, true));
      } else if (item.showText) {
        pick.hide();
        const uri = this.previews.propose('pypi-publisher-values.txt', formatPublisherValues(all));
        await vscode.window.showTextDocument(uri, { preview: true });
      } else {
        await copy(item);
      }
    });
    pick.onDidHide(() => pick.dispose());
    pick.show();
  }
}

function itemsFor(values: PublisherValues): ValueItem[] {
  const index = values.index === 'pypi' ? 'PyPI' : 'TestPyPI';
  const field = (label: string, value: string, detail?: string): ValueItem => ({
    label: value,
    description: label,
    detail,
    copy: value,
    buttons: [copyButton],
  });
  const routes: ValueItem[] = values.routes.map((route) =>
    route.kind === 'project'
      ? { label: `$(link-external) Open ${index} publishing settings of ${values.normalizedName}`, detail: 'If the project already exists: the form opens filled in.', open: route.url }
      : {
          label: `$(link-external) Open ${index} pending publishers`,
          detail: 'For a project not yet on the index: enter the values above. A pending publisher does not reserve the name, and it expires if no release uses it.',
          open: route.url,
        },
  );
  return [
    { label: `${index}`, kind: vscode.QuickPickItemKind.Separator },
    field('Owner', values.owner),
    field('Repository name', values.repository),
    field('Workflow name', values.workflow, `The file name only, not its path; ${values.source}`),
    values.environment === ''
      ? { label: '(leave empty)', description: 'Environment name', detail: values.source }
      : field('Environment name', values.environment, values.source),
    field('PyPI Project Name (pending publisher only)', values.projectName),
    ...routes,
  ];
}
