import type { Publisher } from './types';

/** What the workflow being edited would present to PyPI when it publishes. */
export interface ExpectedPublisher {
  owner: string;
  repo: string;
  /** The workflow file name (a `.github/workflows/` path is reduced to its name). */
  workflow: string;
  /** The publish job's environment; undefined or empty when it has none. */
  environment?: string;
}

/**
 * Why a workflow would not match the trusted publisher that uploaded the latest release, one phrase per difference
 * (`workflow "publish.yml" instead of "release.yml"`); [] when it would match. The comparisons follow PyPI's
 * (warehouse `oidc/models/github.py`):
 * - repository: case-insensitive, as GitHub's names are;
 * - workflow: exact, since PyPI compares the file name inside `job_workflow_ref` as a plain string;
 * - environment: case-insensitive, and a publisher registered without one accepts any environment.
 * The provenance shows the publisher used for that upload only; a project may have registered others.
 */
export function publisherDrift(expected: ExpectedPublisher, actual: Publisher): string[] {
  if (actual.kind !== 'GitHub') {
    const where = actual.repository ? ` (${actual.repository})` : '';
    return [`published from ${actual.kind}${where}, not from a GitHub workflow`];
  }
  const differences: string[] = [];

  const repository = `${expected.owner}/${expected.repo}`;
  if (actual.repository !== undefined && actual.repository.toLowerCase() !== repository.toLowerCase()) {
    differences.push(`repository "${repository}" instead of "${actual.repository}"`);
  }

  const workflow = expected.workflow.slice(expected.workflow.lastIndexOf('/') + 1);
  if (actual.workflow !== undefined && actual.workflow !== workflow) {
    const caseOnly = actual.workflow.toLowerCase() === workflow.toLowerCase() ? ' (PyPI compares workflow file names case-sensitively)' : '';
    differences.push(`workflow "${workflow}" instead of "${actual.workflow}"${caseOnly}`);
  }

  const registered = actual.environment?.trim();
  if (registered) {
    const environment = expected.environment?.trim();
    if (!environment) differences.push(`no environment instead of "${registered}"`);
    else if (environment.toLowerCase() !== registered.toLowerCase()) differences.push(`environment "${environment}" instead of "${registered}"`);
  }
  return differences;
}
