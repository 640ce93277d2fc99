import { environmentOfClaims, repositoryOfClaims, workflowFileOf, type TokenClaims } from './claims';

/**
 * PyPI finds a GitHub publisher by the token's repository owner and name, owner id and the workflow file of
 * `job_workflow_ref`, all compared exactly (warehouse/oidc/models/github.py, `lookup_by_claims`), then by environment,
 * compared without case, where a publisher without an environment accepts any. A run fails with `invalid-publisher`
 * when one of these differs from every publisher of the project; this module names which one, against each publisher
 * we know of.
 */

/** The four values of PyPI's GitHub publisher form (and the owner id PyPI stores with them). */
export interface PublisherFields {
  owner?: string;
  repository?: string;
  /** The workflow file name, e.g. `release.yml`. */
  workflow?: string;
  /** `''`: the publisher has no environment (it accepts any); undefined: not known. */
  environment?: string;
  ownerId?: string;
}

/** Where a publisher's values come from: what PyPI accepted last, what the wizard showed, the workspace's workflow. */
export type PublisherSource = 'pypi' | 'wizard' | 'workspace';

export interface KnownPublisher {
  source: PublisherSource;
  /** For people: "the publisher PyPI accepted for release 1.4.0". */
  label: string;
  fields: PublisherFields;
}

export type DifferingField = 'repository' | 'repository_owner_id' | 'workflow' | 'environment' | 'reusable-workflow';

export interface FieldDifference {
  field: DifferingField;
  /** The value the run presented (from the claims). */
  presented: string;
  /** The value of the publisher it was compared with. */
  expected: string;
  /** Whose value `expected` is; `caller` for a reusable workflow: the workflow that called it. */
  source: PublisherSource | 'caller';
  /** One sentence naming the field, both values and where the other value comes from. */
  message: string;
}

/** The publisher values the claims describe: exactly what to register for this run to match. */
export function fieldsOfClaims(claims: TokenClaims): PublisherFields {
  const repository = repositoryOfClaims(claims);
  const workflow = workflowFileOf(claims.job_workflow_ref);
  const environment = environmentOfClaims(claims);
  return {
    ...(repository ? { owner: repository.owner, repository: repository.repo } : {}),
    ...(workflow ? { workflow } : {}),
    ...(environment !== undefined ? { environment } : {}),
    ...(claims.repository_owner_id ? { ownerId: claims.repository_owner_id } : {}),
  };
}

/**
 * A reusable workflow: the job that asked for the token runs in a called workflow (`job_workflow_ref`) that differs
 * from the workflow the run started (`workflow_ref`). PyPI matches the called file, and does not support the setup.
 */
export function reusableWorkflowDifference(claims: TokenClaims): FieldDifference | undefined {
  const called = workflowFileOf(claims.job_workflow_ref);
  const caller = workflowFileOf(claims.workflow_ref);
  if (!called || !caller || claims.workflow_ref?.split('@')[0] === claims.job_workflow_ref?.split('@')[0]) return undefined;
  return {
    field: 'reusable-workflow',
    presented: called,
    expected: caller,
    source: 'caller',
    message:
      `The upload ran in the reusable workflow ${called} (job_workflow_ref), called from ${caller} (workflow_ref). ` +
      `PyPI matches the called file and does not support reusable workflows for trusted publishing: move the publish job into ${caller} itself.`,
  };
}

/** Every field in which the claims differ from a known publisher, in the order PyPI looks them up. */
export function compareWithPublisher(claims: TokenClaims, known: KnownPublisher): FieldDifference[] {
  const presented = fieldsOfClaims(claims);
  const expected = known.fields;
  const differences: FieldDifference[] = [];
  const add = (field: DifferingField, shownPresented: string, shownExpected: string, message: string) =>
    differences.push({ field, presented: shownPresented, expected: shownExpected, source: known.source, message });

  if (presented.owner && presented.repository && expected.owner && expected.repository) {
    const run = `${presented.owner}/${presented.repository}`;
    const other = `${expected.owner}/${expected.repository}`;
    if (run !== other) {
      const how =
        run.toLowerCase() === other.toLowerCase()
          ? 'They differ only in letter case, and PyPI looks the repository up exactly as GitHub spells it.'
          : known.source === 'pypi'
            ? 'The repository was renamed or transferred since that release: register a publisher for the new name.'
            : '';
      add('repository', run, other, `The run came from repository ${run}; ${known.label} names ${other}. ${how}`.trim());
    }
  }
  if (presented.ownerId && expected.ownerId && presented.ownerId !== expected.ownerId) {
    add(
      'repository_owner_id',
      presented.ownerId,
      expected.ownerId,
      `The run's repository_owner_id is ${presented.ownerId}; ${known.label} has ${expected.ownerId}: the repository now belongs to another GitHub account (transferred, or the owner was deleted and the name taken again). Register the publisher again from the new owner.`,
    );
  }
  if (presented.workflow && expected.workflow && presented.workflow !== expected.workflow) {
    const stem = (name: string) => name.replace(/\.ya?ml$/i, '');
    const how =
      presented.workflow.toLowerCase() === expected.workflow.toLowerCase()
        ? ' They differ only in letter case, which counts.'
        : stem(presented.workflow) === stem(expected.workflow)
          ? ' One ends in .yml, the other in .yaml, which counts.'
          : '';
    add(
      'workflow',
      presented.workflow,
      expected.workflow,
      `The upload ran in workflow file ${presented.workflow} (job_workflow_ref); ${known.label} names ${expected.workflow}.${how}`,
    );
  }
  if (presented.environment !== undefined && expected.environment !== undefined) {
    const run = presented.environment;
    const other = expected.environment;
    // PyPI compares environments without case; a publisher without one accepts any. The workspace's workflow is
    // compared exactly: a difference there means the workflow changed since the run.
    const differs = known.source === 'workspace' ? run !== other : other !== '' && run.toLowerCase() !== other.toLowerCase();
    if (differs) {
      const shownRun = run === '' ? '(none)' : run;
      const shownOther = other === '' ? '(none)' : other;
      add(
        'environment',
        shownRun,
        shownOther,
        run === ''
          ? `The upload job ran in no GitHub environment (the environment claim is MISSING); ${known.label} names environment ${other}.`
          : `The upload job ran in environment ${run} (the environment claim); ${known.label} names ${shownOther}.`,
      );
    }
  }
  return differences;
}
