import type { DiagnoseReport, Diagnosis } from './types';

const TITLES: Record<Diagnosis['kind'], string> = {
  'invalid-publisher': 'No trusted publisher matches this run (invalid-publisher)',
  'invalid-pending-publisher': 'Pending publisher for a project that already exists (invalid-pending-publisher)',
  'fork-pull-request': 'No OIDC token for a pull request from a fork',
  'missing-id-token': 'No OIDC token: the job lacks id-token: write',
  'non-user-identity': 'Non-user identities cannot create new projects',
  'file-exists': 'File already exists',
  'metadata-unsupported': 'Metadata the bundled twine cannot read',
  'token-rejected': 'API token refused (403)',
  'non-linux-runner': 'Publish action on a runner that is not Linux',
  'reusable-workflow': 'Trusted publishing from a reusable workflow',
  unknown: 'Not a known trusted-publishing failure',
};

const SOURCE_NAMES = { pypi: 'PyPI', wizard: 'the wizard', workspace: 'the workspace', caller: 'called from' } as const;

/** A short heading for each kind of diagnosis (the panel's and the text report's). */
export const titleOf = (diagnosis: Diagnosis): string => TITLES[diagnosis.kind];

/** The report for people (the command line's default output). */
export function formatDiagnosisText(report: DiagnoseReport): string {
  const blocks = report.diagnoses.map((d, i) => {
    const lines = [`${i === 0 ? '' : 'Also: '}${titleOf(d)}`, '', d.summary];
    for (const group of d.evidence) {
      lines.push('', `Evidence${group.step ? ` (step ${group.step})` : ''}:`);
      for (const line of group.lines) lines.push(`  ${String(line.number).padStart(5)} | ${line.text}`);
    }
    if (d.differences.length > 0) {
      lines.push('', 'Differences:');
      for (const difference of d.differences) lines.push(`  - ${difference.field}: the run ${difference.presented}, ${SOURCE_NAMES[difference.source]} ${difference.expected}`);
    }
    if (d.changes.length > 0) {
      lines.push('', 'What to change:');
      for (const change of d.changes) lines.push(`  - ${change}`);
    }
    if (d.values.length > 0) {
      const width = Math.max(...d.values.map((v) => v.label.length));
      lines.push('', 'Values:');
      for (const value of d.values) lines.push(`  ${value.label.padEnd(width)}  ${value.value === '' ? '(leave empty)' : value.value}`);
    }
    if (d.edits.length > 0) {
      lines.push('', 'Workflow edits (the editor applies them in one click):');
      for (const edit of d.edits) lines.push(`  - ${edit.file}: ${edit.title}`);
    }
    if (d.links.length > 0) {
      lines.push('');
      for (const link of d.links) lines.push(`${link.title}: ${link.url}`);
    }
    return lines.join('\n');
  });
  return blocks.join('\n\n' + '-'.repeat(60) + '\n\n') + '\n';
}

/** The stable JSON shape of `diagnose --format json`. */
export function diagnosisJson(report: DiagnoseReport): string {
  return (
    JSON.stringify(
      {
        recognised: report.recognised,
        index: report.index,
        failedStep: report.failedStep ?? null,
        claims: report.claims ?? null,
        diagnoses: report.diagnoses.map((d) => ({ title: titleOf(d), ...d })),
      },
      null,
      2,
    ) + '\n'
  );
}
