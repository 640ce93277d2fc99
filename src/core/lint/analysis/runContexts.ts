import { isMap, isScalar } from 'yaml';
import { conditionExpression, conditionHolds, known, overridesSkippedNeeds, type EvalContext, type EvalOptions, type Truth, type Value } from './expressions';
import type { PublishStep } from './publishing';
import type { JobModel, StepModel, WorkflowModel } from './workflowModel';
import { pairOf, stringsOf } from './yamlNodes';

/**
 * Kinds of runs a workflow can have, as contexts for `if:` conditions, and the questions the trigger rules ask:
 * can this job (or this publish step) run in such a run?
 */

const prefix = (p: string): Value => ({ kind: 'prefix', prefix: p });
const oneOf = (...values: string[]): Value => ({ kind: 'oneOf', values });

/** The activity types of `pull_request` (https://docs.github.com/en/actions/reference/events-that-trigger-workflows#pull_request). */
const PULL_REQUEST_ACTIONS = [
  'assigned', 'unassigned', 'labeled', 'unlabeled', 'opened', 'edited', 'closed', 'reopened', 'synchronize',
  'converted_to_draft', 'ready_for_review', 'locked', 'unlocked', 'review_requested', 'review_request_removed',
  'auto_merge_enabled', 'auto_merge_disabled', 'milestoned', 'demilestoned', 'enqueued', 'dequeued',
];

export const RELEASE_ACTIONS = ['published', 'unpublished', 'created', 'edited', 'deleted', 'prereleased', 'released'];

/** A `pull_request` run: `github.ref` is the PR's merge ref, never a branch or a tag. */
export const PULL_REQUEST_RUN: EvalContext = {
  'github.event_name': known('pull_request'),
  'github.ref': known('refs/pull/1/merge'),
  'github.ref_name': known('1/merge'),
  'github.ref_type': known('branch'),
  'github.event.action': oneOf(...PULL_REQUEST_ACTIONS),
  'github.event.pull_request': known('(the pull request)'),
  'github.event.release': known(null),
  'github.event.ref': known(null),
};

/** What runs that are not for a pull request say about pull requests. */
const NO_PULL_REQUEST: EvalContext = {
  'github.event.pull_request': known(null),
  'github.head_ref': known(''),
  'github.base_ref': known(''),
};

/** A run from a branch (a branch push, a dispatch or schedule on a branch). Made once per event: contexts are never changed. */
export function branchRun(event: 'push' | 'workflow_dispatch' | 'schedule'): EvalContext {
  return BRANCH_RUNS[event];
}

const branchContext = (event: 'push' | 'workflow_dispatch' | 'schedule'): EvalContext => ({
    ...NO_PULL_REQUEST,
    'github.event_name': known(event),
    'github.ref': prefix('refs/heads/'),
    'github.ref_type': known('branch'),
    'github.event.action': known(null),
    'github.event.release': known(null),
    'github.event.ref': event === 'schedule' ? known(null) : prefix('refs/heads/'),
});

const BRANCH_RUNS = { push: branchContext('push'), workflow_dispatch: branchContext('workflow_dispatch'), schedule: branchContext('schedule') };

/**
 * A `workflow_run` run started by a run of the other workflow for a pull request (the event of the run that completed
 * is in `github.event.workflow_run.event`).
 */
export const WORKFLOW_RUN_FROM_PULL_REQUEST: EvalContext = {
  ...NO_PULL_REQUEST,
  'github.event_name': known('workflow_run'),
  'github.event.action': known('completed'),
  'github.event.workflow_run.event': oneOf('pull_request', 'pull_request_target'),
  'github.event.release': known(null),
};

/** A tag push. */
export const TAG_PUSH_RUN: EvalContext = {
  ...NO_PULL_REQUEST,
  'github.event_name': known('push'),
  'github.ref': prefix('refs/tags/'),
  'github.ref_type': known('tag'),
  'github.event.action': known(null),
  'github.event.release': known(null),
  'github.event.ref': prefix('refs/tags/'),
};

const releaseRuns = new Map<string, EvalContext>();

/** A `release` event of one activity type. Kept per type: rules ask for it per upload, and contexts are never changed. */
export function releaseRun(action: string): EvalContext {
  let context = releaseRuns.get(action);
  if (context) return context;
  context = releaseContext(action);
  // Activity types come from the file: a hostile one may list thousands, which are not kept.
  if (releaseRuns.size < 64) releaseRuns.set(action, context);
  return context;
}

function releaseContext(action: string): EvalContext {
  return {
    ...NO_PULL_REQUEST,
    'github.event_name': known('release'),
    'github.ref': prefix('refs/tags/'),
    'github.ref_type': known('tag'),
    'github.event.action': known(action),
    'github.event.ref': known(null),
  };
}

function ifOf(node: unknown) {
  const pair = pairOf(node, 'if');
  if (!pair) return undefined;
  return conditionExpression(isScalar(pair.value) ? pair.value.value : undefined);
}

/**
 * Whether `job` can run in a run of this kind: false when its own `if:` or that of a job it needs (directly or not) is
 * false there (a job whose needed job was skipped is skipped, unless its condition calls always(), failure() or
 * cancelled()).
 */
export function jobCanRun(workflow: WorkflowModel, job: JobModel, context: EvalContext, seen = new Set<string>(), options: EvalOptions = {}): Truth {
  const own = ifOf(job.node);
  const holds = conditionHolds(own, context, options);
  if (holds === false || overridesSkippedNeeds(own)) return holds;
  seen.add(job.id);
  let result: Truth = holds;
  for (const id of job.needs) {
    const needed = workflow.job(id);
    if (!needed || seen.has(id)) continue;
    const can = jobCanRun(workflow, needed, context, seen, options);
    if (can === false) return false;
    if (can === undefined) result = undefined;
  }
  return result;
}

export function stepCanRun(step: StepModel, context: EvalContext, options: EvalOptions = {}): Truth {
  return conditionHolds(ifOf(step.node), context, options);
}

/**
 * Whether any of these publish steps can run in a run of this kind (false only when each one is ruled out). With
 * `computedRefTests: 'guard'`, a test of the ref or event against a value computed at run time counts as ruling out.
 */
export function canPublish(workflow: WorkflowModel, steps: PublishStep[], context: EvalContext, options: EvalOptions = {}): boolean {
  return steps.some(
    (s) =>
      jobCanRun(workflow, s.job, context, new Set(), options) !== false &&
      stepCanRun(s.step, context, options) !== false &&
      conditionHolds(uploadSwitch(s), context, options) !== false,
  );
}

/**
 * The condition a third-party action's own switch puts on the upload (`upload: ${{ startsWith(github.ref, 'refs/tags') }}`
 * on casperdcl/deploy-pypi): the step runs, but uploads only when it holds.
 */
function uploadSwitch(publish: PublishStep) {
  if (publish.tool !== 'action') return undefined;
  for (const [key, pair] of publish.step.inputs) {
    if (!/^(?:upload|publish|push|release|deploy)$/i.test(key) || !isScalar(pair.value)) continue;
    const value = String(pair.value.value ?? '').trim();
    if (/^\$\{\{[\s\S]*\}\}$/.test(value) && /github\.(?:ref|event_name|event\.)/.test(value)) return conditionExpression(value);
  }
  return undefined;
}

/**
 * What a `push` trigger fires on. GitHub: with only branch filters it ignores tags, with only tag filters it ignores
 * branches; path filters are not evaluated for tags.
 */
export function pushRefs(workflow: WorkflowModel): { branches: boolean; tags: boolean } {
  const push = workflow.triggers.get('push');
  if (!push) return { branches: false, tags: false };
  const config = push.config;
  if (!isMap(config)) return { branches: true, tags: true };
  const has = (key: string) => pairOf(config, key) !== undefined;
  const branchFilters = has('branches') || has('branches-ignore');
  const tagFilters = has('tags') || has('tags-ignore');
  if (!branchFilters && !tagFilters) return { branches: true, tags: true };
  const emptyBranches = has('branches') && stringsOf(pairOf(config, 'branches')?.value).length === 0 && !has('branches-ignore');
  return { branches: branchFilters && !emptyBranches, tags: tagFilters };
}

/** The release activity types that start the workflow: `types:` if given, else every type. */
export function releaseTypes(workflow: WorkflowModel): string[] {
  const release = workflow.triggers.get('release');
  if (!release) return [];
  const types = stringsOf(pairOf(release.config, 'types')?.value).map((t) => t.toLowerCase());
  return types.length > 0 ? types : RELEASE_ACTIONS;
}

/** Events whose wanted publishing runs are on a tag: a tag guard only takes branch runs away from them. */
const TAG_EVENTS = new Set(['push', 'workflow_dispatch', 'schedule', 'release', 'pull_request', 'pull_request_target', 'create']);

/** False when another trigger (workflow_run, repository_dispatch, workflow_call...) runs on a branch by design. */
export const tagGuardKeepsTriggers = (workflow: WorkflowModel): boolean => [...workflow.triggers.keys()].every((t) => TAG_EVENTS.has(t));
