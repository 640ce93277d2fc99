import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatPublisherValues, publisherValues } from '../core/publish';
import type { PlanOptions, PublisherValues } from '../core/publish/types';
import { loadProject, planFor } from './loadProject';
import { commandArgs, pickPyproject } from './pickPackage';
import { pickRepository } from './pickRepository';
import type { PreviewDocuments } from './previewDocuments';
import { readSettings } from './settings';

export interface PublisherValuesArgs {
  pyproject?: vscode.Uri | string;
  options?: PlanOptions;
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
 * copied with one click, plus the page to open. Whether the project exists on PyPI is not known here, so both
 * routes are offered.
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
    const all = [
      ...(plan.pypi ? [publisherValues(plan, repository, 'unknown', 'pypi')] : []),
      ...(plan.testPypi ? [publisherValues(plan, repository, 'unknown', 'testpypi')] : []),
    ];
    if (!scripted.quiet) this.show(all);
    return all;
  }

  private show(all: PublisherValues[]): void {
    const pick = vscode.window.createQuickPick<ValueItem>();
    pick.title = `Trusted publisher for ${all[0].projectName}: click a value to copy it`;
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
          detail: 'For a project not yet on the index: enter the values below. A pending publisher does not reserve the name, and it expires if no release uses it.',
          open: route.url,
        },
  );
  return [
    { label: `${index}`, kind: vscode.QuickPickItemKind.Separator },
    field('Owner', values.owner),
    field('Repository name', values.repository),
    field('Workflow name', values.workflow, 'The file name only, not its path'),
    field('Environment name', values.environment),
    field('PyPI Project Name (pending publisher only)', values.projectName),
    ...routes,
  ];
}
