import type { WorkflowFacts } from '../analysis/facts';
import { isScalar } from 'yaml';
import { isExpression } from '../analysis/publishing';
import { removeStepInputs, setStepInput } from '../edits/stepEdits';
import type { Fix, Rule, RuleFinding, Span, TextEdit } from '../engine/types';
import type { StepModel } from '../analysis/workflowModel';
import { spanOf, stringOf } from '../analysis/yamlNodes';

/**
 * GitHub's cache is shared by every workflow run of the repository, including runs of code that was never reviewed
 * for release. A cache entry written by such a run and restored in a job that builds or publishes the release can
 * change what gets uploaded (cache poisoning; zizmor's "cache-poisoning" audit). Release jobs should run uncached.
 */

type Cached = { range: Span; what: string; fix?: { title: string; edits: TextEdit[] | undefined } };

/** setup-uv's `auto` cache is off for these events since v10, on for every other event. */
const UV_AUTO_OFF = new Set(['release', 'pull_request_target', 'workflow_run']);
/** Actions that always cache: nothing to switch off, the step has to go. */
const ALWAYS_CACHES = new Set(['swatinem/rust-cache', 'mozilla-actions/sccache-action', 'hynek/setup-cached-uv']);
/**
 * `with:` inputs that turn a cache on when true, by action, and how to switch them off. (Maps: every step of a
 * release job is looked up, and an object is slow to miss on keys such as `actions/checkout`.)
 */
const BOOLEAN_CACHE_INPUTS: ReadonlyMap<string, string[]> = new Map([
  ['eifinger/setup-rye', ['enable-cache']],
  ['pdm-project/setup-pdm', ['cache']],
  ['prefix-dev/setup-pixi', ['cache']],
  ['mamba-org/setup-micromamba', ['cache-environment', 'cache-downloads']],
  ['actions/setup-dotnet', ['cache']],
]);
/** `with:` inputs naming a package manager to cache for: removing the input turns the cache off. */
const MANAGER_CACHE_INPUTS: ReadonlyMap<string, string> = new Map([
  ['actions/setup-python', 'cache'],
  ['actions/setup-node', 'cache'],
  ['actions/setup-java', 'cache'],
]);

export const cacheInReleaseWorkflow: Rule = {
  meta: { id: 'cache-in-release-workflow', title: 'Cache used in a job that builds or publishes a release', severity: 'warning' },
  check({ facts }) {
    const findings: RuleFinding[] = [];
    for (const job of facts.releaseJobs) {
      for (const step of job.steps) {
        for (const cached of cachesOf(step, facts)) {
          const fixes: Fix[] | undefined = cached.fix?.edits ? [{ title: cached.fix.title, edits: cached.fix.edits }] : undefined;
          findings.push({
            message: `Job '${job.id}' uses a cache while it builds or publishes the release. It ${cached.what}. A cache can be written by any run in this repository, so a poisoned entry could change the files you upload. Run release jobs without a cache${
              cached.fix ? '' : ': remove this step'
            }.`,
            range: cached.range,
            fixes,
          });
        }
      }
    }
    return findings;
  },
};

function cachesOf(step: StepModel, facts: WorkflowFacts): Cached[] {
  const { text, workflow } = facts;
  const uses = step.uses;
  if (uses?.kind !== 'repository') return [];
  const action = uses.action;
  if (action === 'actions/cache' && (uses.path === undefined || uses.path === 'restore')) {
    return [{ range: spanOf(uses.node), what: `restores a cache with ${uses.raw.split('@')[0]}` }];
  }
  if (uses.path) return [];
  if (ALWAYS_CACHES.has(action)) return [{ range: spanOf(uses.node), what: `uses ${uses.raw.split('@')[0]}, which always caches` }];

  const manager = MANAGER_CACHE_INPUTS.get(action);
  if (manager) {
    const input = inputOf(step, manager);
    if (!input || input.text === '' || input.text === 'false') return [];
    const keys = [manager, 'cache-dependency-path'];
    return [{ range: spanOf(input.pair.value), what: `turns on ${action}'s ${input.text} cache`, fix: { title: `Remove '${manager}: ${input.text}'`, edits: removeStepInputs(text, step, keys) } }];
  }

  const booleans = BOOLEAN_CACHE_INPUTS.get(action);
  if (booleans) {
    return booleans.flatMap((key): Cached[] => {
      const input = inputOf(step, key);
      if (input?.text !== 'true') return [];
      return [{ range: spanOf(input.pair.value), what: `turns on ${action}'s cache (${key}: true)`, fix: { title: `Set ${key}: false`, edits: single(setStepInput(text, step, key, 'false')) } }];
    });
  }

  if (action === 'pyo3/maturin-action') {
    const input = inputOf(step, 'sccache');
    if (input?.text !== 'true') return [];
    return [{ range: spanOf(input.pair.value), what: 'turns on sccache in maturin-action', fix: { title: 'Remove sccache: true', edits: removeStepInputs(text, step, ['sccache']) } }];
  }

  if (action === 'actions/setup-go') {
    const input = inputOf(step, 'cache');
    const major = facts.version(uses)?.major;
    if (input?.text === 'false' || (step.inputs.has('cache') && !input)) return [];
    if (!input && (major === undefined || major < 4)) return [];
    return [{ range: input ? spanOf(input.pair.value) : spanOf(uses.node), what: `uses setup-go's module cache${input ? '' : ' (on by default since v4)'}`, fix: { title: 'Set cache: false', edits: single(setStepInput(text, step, 'cache', 'false')) } }];
  }

  if (action === 'astral-sh/setup-uv') {
    const input = step.inputs.get('enable-cache');
    if (input && isExpression(input.value)) return [];
    const setting = input && isScalar(input.value) ? String(input.value.value).trim() : 'auto';
    if (setting === 'false') return [];
    if (setting !== 'true') {
      // `auto` (the default): off before v5, on for GitHub-hosted runners since v5, and since v10 off for release-like events.
      const major = facts.version(uses)?.major;
      if (major === undefined || major < 5) return [];
      if (major >= 10 && [...workflow.triggers.keys()].every((event) => UV_AUTO_OFF.has(event))) return [];
    }
    const what = setting === 'true' ? 'turns on the uv cache (enable-cache: true)' : `uses setup-uv's cache, which ${facts.version(uses)?.text ?? uses.ref} turns on by default for this workflow's events`;
    return [{ range: input?.value ? spanOf(input.value) : spanOf(uses.node), what, fix: { title: 'Set enable-cache: false', edits: single(setStepInput(text, step, 'enable-cache', 'false')) } }];
  }
  return [];
}

/** A `with:` input written as a value (not an expression), with its trimmed text. */
function inputOf(step: StepModel, key: string) {
  const pair = step.inputs.get(key);
  if (!pair || isExpression(pair.value)) return undefined;
  return { pair, text: stringOf(pair.value)?.trim() ?? '' };
}

const single = (edit: TextEdit | undefined) => (edit ? [edit] : undefined);
