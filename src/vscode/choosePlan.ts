import * as vscode from 'vscode';
import { validateEnvironmentName } from '../core/publish';
import type { ReleasePlan } from '../core/publish/types';

type Change = (plan: ReleasePlan) => Promise<ReleasePlan | undefined> | ReleasePlan | undefined;
interface PlanItem extends vscode.QuickPickItem {
  accept?: true;
  change?: Change;
}

/** One line saying what the workflow will do, shown under the Generate item and in messages. */
export function describePlan(plan: ReleasePlan): string {
  return [
    plan.testPypi ? 'PyPI + TestPyPI' : 'PyPI',
    plan.trigger === 'release' ? 'on published release' : 'on v* tag push',
    `environment "${plan.environment}"`,
    plan.wheels === 'pure' ? (plan.buildTool === 'uv' ? 'uv build' : 'python -m build') : plan.wheels === 'maturin' ? 'maturin wheels' : 'cibuildwheel wheels',
    `Python ${plan.pythonVersion}`,
    plan.pinning === 'sha' ? 'actions pinned to SHAs' : 'actions by tag',
  ].join(' · ');
}

/**
 * Shows the inferred plan with its defaults; Enter accepts it, other items change one choice and come back.
 * Only what cannot be inferred is a question, and every question has a default.
 */
export async function choosePlan(initial: ReleasePlan, title: string): Promise<ReleasePlan | undefined> {
  let plan = initial;
  for (;;) {
    const items: PlanItem[] = [
      { label: `$(check) Generate ${plan.workflowFileName}`, detail: describePlan(plan), accept: true },
      { label: 'Change', kind: vscode.QuickPickItemKind.Separator },
      plan.testPypi
        ? { label: '$(beaker) Do not publish to TestPyPI', change: (p) => ({ ...p, testPypi: false }) }
        : { label: '$(beaker) Also publish to TestPyPI', description: `own job, environment "${plan.testPypiEnvironment}"`, change: (p) => ({ ...p, testPypi: true }) },
      plan.trigger === 'release'
        ? { label: '$(tag) Publish when a v* tag is pushed', change: (p) => ({ ...p, trigger: 'tag' }) }
        : { label: '$(github) Publish when a GitHub release is published', change: (p) => ({ ...p, trigger: 'release' }) },
      { label: '$(server-environment) Environment name…', description: plan.environment, change: askEnvironment },
      ...(plan.wheels === 'pure'
        ? [
            plan.buildTool === 'build'
              ? { label: '$(package) Build with uv', change: (p: ReleasePlan) => ({ ...p, buildTool: 'uv' as const }) }
              : { label: '$(package) Build with python -m build', change: (p: ReleasePlan) => ({ ...p, buildTool: 'build' as const }) },
          ]
        : []),
      plan.pinning === 'sha'
        ? { label: '$(pin) Reference actions by version tag', description: 'less safe than SHAs', change: (p) => ({ ...p, pinning: 'tag' }) }
        : { label: '$(pinned) Pin actions to commit SHAs', change: (p) => ({ ...p, pinning: 'sha' }) },
      { label: '$(file) Workflow file name…', description: plan.workflowFileName, change: askFileName },
    ];
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Press Enter to generate, or change a choice', ignoreFocusOut: true });
    if (!picked) return undefined;
    if (picked.accept) return plan;
    plan = (await picked.change?.(plan)) ?? plan;
  }
}

async function askEnvironment(plan: ReleasePlan): Promise<ReleasePlan | undefined> {
  const name = await vscode.window.showInputBox({
    title: 'GitHub environment for the PyPI publish job',
    prompt: 'PyPI only accepts uploads from this environment. Enter the same name on PyPI\'s form.',
    value: plan.environment,
    validateInput: (value) => validateEnvironmentName(value.trim()) ?? (value.trim() === '' ? 'An environment is strongly recommended: it lets you require approval before each upload.' : undefined),
  });
  return name === undefined || name.trim() === '' ? undefined : { ...plan, environment: name.trim() };
}

async function askFileName(plan: ReleasePlan): Promise<ReleasePlan | undefined> {
  const name = await vscode.window.showInputBox({
    title: 'Workflow file name',
    prompt: 'PyPI\'s "Workflow name" is this file name. Renaming the file later breaks publishing until PyPI is updated.',
    value: plan.workflowFileName,
    validateInput: (value) => (/^[A-Za-z0-9._-]+\.ya?ml$/.test(value.trim()) ? undefined : 'A file name ending in .yml or .yaml, such as release.yml'),
  });
  return name === undefined ? undefined : { ...plan, workflowFileName: name.trim() };
}
