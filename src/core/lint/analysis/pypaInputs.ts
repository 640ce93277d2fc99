import { PYPA_PUBLISH_ACTION } from './publishing';
import type { ActionReference, JobModel, StepModel, WorkflowModel } from './workflowModel';
import { flatMapped } from './lists';

/**
 * The inputs of pypa/gh-action-pypi-publish, as its action.yml declares them (release/v1). The underscore spellings
 * are deprecated aliases ("The inputs have been normalized to use kebab-case"), kept until a next major version.
 */
export const PYPA_INPUTS = ['user', 'password', 'repository-url', 'packages-dir', 'verify-metadata', 'skip-existing', 'verbose', 'print-hash', 'attestations'] as const;

/** Deprecated alias → canonical input. */
export const PYPA_DEPRECATED_INPUTS: Readonly<Record<string, string>> = {
  repository_url: 'repository-url',
  packages_dir: 'packages-dir',
  verify_metadata: 'verify-metadata',
  skip_existing: 'skip-existing',
  print_hash: 'print-hash',
};

export const isKnownPypaInput = (name: string): boolean => (PYPA_INPUTS as readonly string[]).includes(name) || name in PYPA_DEPRECATED_INPUTS;

/** Every step that runs pypa/gh-action-pypi-publish itself (not a sub-path of that repository), with its job. */
export function pypaPublishSteps(workflow: WorkflowModel): Array<{ job: JobModel; step: StepModel; uses: ActionReference }> {
  return flatMapped(workflow.jobs, (job) =>
    flatMapped(job.steps, (step) => (step.uses?.kind === 'repository' && step.uses.action === PYPA_PUBLISH_ACTION && !step.uses.path ? [{ job, step, uses: step.uses }] : [])),
  );
}
