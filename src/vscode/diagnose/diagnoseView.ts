import { titleOf, type DiagnoseReport } from '../../core/diagnose';
import type { DiagnoseContext } from '../../core/diagnose';
import type { DiagnoseView, DiagnosisView } from '../../shared/diagnoseProtocol';
import { isSavedWizard } from '../../shared/protocol';

/** The panel's picture of a report. No 'vscode' here: tested in Node. */
export function reportView(report: DiagnoseReport): NonNullable<DiagnoseView['result']> {
  return {
    recognised: report.recognised,
    diagnoses: report.diagnoses.map(
      (d): DiagnosisView => ({
        kind: d.kind,
        title: titleOf(d),
        summary: d.summary,
        evidence: d.evidence.map((e) => ({ ...(e.step ? { step: e.step } : {}), lines: e.lines.map((l) => ({ number: l.number, text: l.text })) })),
        differences: d.differences.map((x) => ({ field: x.field, presented: x.presented, expected: x.expected, source: x.source, message: x.message })),
        changes: [...d.changes],
        values: d.values.map((v) => ({ label: v.label, value: v.value })),
        edits: d.edits.map((e) => ({ title: e.title, file: e.file })),
        // Only web pages: the panel opens nothing else.
        links: d.links.filter((l) => /^https:\/\//.test(l.url)).map((l) => ({ title: l.title, url: l.url })),
      }),
    ),
  };
}

/**
 * The publisher values the wizard showed, from the wizard's saved session: the workflow it wrote and the environments
 * chosen, with the workspace's repository. None when the wizard wrote nothing (its values then describe no run).
 */
export function wizardValues(saved: unknown, repository: DiagnoseContext['repository']): NonNullable<DiagnoseContext['shown']> {
  if (!isSavedWizard(saved) || !repository || !saved.session.written) return [];
  const { choices, written } = saved.session;
  const indexes = choices.target === 'both' ? (['pypi', 'testpypi'] as const) : choices.target === 'testpypi' ? (['testpypi'] as const) : (['pypi'] as const);
  return indexes.map((index) => ({
    index,
    owner: repository.owner,
    repository: repository.repo,
    workflow: written.fileName,
    environment: index === 'pypi' ? choices.environment : choices.testPypiEnvironment,
  }));
}
