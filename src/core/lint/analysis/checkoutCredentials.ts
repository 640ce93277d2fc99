import { isExpression } from './publishing';
import type { JobModel, StepModel } from './workflowModel';
import { pairOf, stringOf, type MapPair } from './yamlNodes';
import { flatMapped } from './lists';

/**
 * actions/checkout keeps the job's GITHUB_TOKEN on disk in the repository's git configuration unless told
 * `persist-credentials: false`. Which checkouts of a job do, and what the job does with git that decides whether
 * the token is needed: read by checkout-persists-credentials, and by token-publishing's migration, which sets
 * `persist-credentials: false` on them as part of the same move.
 */

/** Commands that write to the remote with git, and so need the persisted credentials. */
const GIT_WRITE = /\bgit\b[^\n|;&]*?\s(?:push|commit)\b|\bmkdocs\s+gh-deploy\b|\bmike\s+[^\n]*--push\b|\bghp-import\b/;
/** Commands that read from the remote: fine without credentials in a public repository. */
const GIT_READ = /\bgit\b[^\n|;&]*?\s(?:fetch|pull|submodule|ls-remote)\b/;
const PUSHING_ACTIONS = [
  'python-semantic-release/python-semantic-release',
  'relekang/python-semantic-release',
  'stefanzweifel/git-auto-commit-action',
  'endbug/add-and-commit',
  'ad-m/github-push-action',
  'peter-evans/create-pull-request',
  'commitizen-tools/commitizen-action',
  'changesets/action',
  'jupyter-server/jupyter_releaser',
];

export interface PersistingCheckout {
  step: StepModel;
  /** The `persist-credentials` input when written (not `false`, not an expression), else undefined (defaults to true). */
  setting?: MapPair;
}

/** What a job does with git: whether it reads from the remote, and a script that may push (described), if any. */
export interface JobGitUse {
  reads: boolean;
  /** A repository script or task that may push: described for a message. */
  hidden?: string;
}

/**
 * The checkouts of a job that persist the token, when the job has no use for it: none when a step of the job pushes
 * with git (or runs an action that does).
 */
export function persistingCheckouts(job: JobModel, text: string): PersistingCheckout[] {
  const checkouts = flatMapped(job.steps, (step) => {
    if (step.uses?.kind !== 'repository' || step.uses.action !== 'actions/checkout' || step.uses.path) return [];
    const setting = step.inputs.get('persist-credentials');
    if (setting && (isExpression(setting.value) || stringOf(setting.value) === 'false')) return [];
    return [{ step, ...(setting ? { setting } : {}) }];
  });
  // The scripts are searched for a push only in a job that has such a checkout.
  return checkouts.length === 0 || usesGitRemote(job, text, GIT_WRITE) ? [] : checkouts;
}

export function gitUseOf(job: JobModel, text: string): JobGitUse {
  const hidden = pushInScript(job, text);
  return { reads: usesGitRemote(job, text, GIT_READ), ...(hidden ? { hidden } : {}) };
}

/**
 * A step that runs a repository script or task whose name (or the step's) speaks of deploying docs or pushing, the
 * way `scripts/publish` in encode's projects runs `mkdocs gh-deploy`: described for the message, or undefined.
 */
function pushInScript(job: JobModel, text: string): string | undefined {
  for (const step of job.steps) {
    const range = step.run?.range;
    if (!range) continue;
    const source = text.slice(range[0], range[1]);
    // A script is run by its path (with a `/`) or by make: a source with neither is not searched.
    if (!source.includes('/') && !source.includes('make')) continue;
    const script = /(?:^|[\s;&|"'])((?:\.{0,2}\/)?(?:[\w.-]+\/)+[\w.-]+|\bmake\s+[\w.-]+)/.exec(source);
    if (!script) continue;
    const name = stringOf(pairOf(step.node, 'name')?.value) ?? '';
    const byName = /(?:deploy|publish|push|upload)\b.*\bdoc|\bdocs?\b.*\b(?:deploy|publish|push)|gh-?pages|\bpush\b|\bcommit\b/i.test(name);
    if (byName || /gh-?pages|push|deploy[-_]?docs|docs[-_]?deploy/i.test(script[1])) {
      return `${byName ? `its step '${name}'` : 'a step'} runs \`${script[1]}\`${byName ? ', whose name speaks of deploying docs' : ''}`;
    }
  }
  return undefined;
}

/** A word each command of GIT_WRITE and GIT_READ has: a script with none is not searched with them. */
const GIT_WORDS = /git|mkdocs|mike|ghp-import/;

function usesGitRemote(job: JobModel, text: string, commands: RegExp): boolean {
  return job.steps.some((step) => {
    if (commands === GIT_WRITE && step.uses?.kind === 'repository' && PUSHING_ACTIONS.includes(step.uses.action)) return true;
    const range = step.run?.range;
    if (!range) return false;
    const source = text.slice(range[0], range[1]);
    return GIT_WORDS.test(source) && commands.test(source);
  });
}
