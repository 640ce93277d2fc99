import { tokenWriteScopes } from '../analysis/permissions';
import { isExpression, seenNote } from '../analysis/publishing';
import { setStepInput } from '../edits/stepEdits';
import type { Rule, RuleFinding } from '../engine/types';
import type { JobModel, WorkflowModel } from '../analysis/workflowModel';
import { pairOf, spanOf, stringOf } from '../analysis/yamlNodes';

/**
 * actions/checkout keeps the job's GITHUB_TOKEN on disk in the repository's git configuration unless told
 * `persist-credentials: false`, so every later step (build backends, test plugins, actions) can read it, and an
 * artifact of the workspace can leak it (zizmor's "artipacked"). A publishing workflow only needs the code. Reported
 * where the token matters (see tokenStake), not in every test job of a workflow that also publishes.
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

export const checkoutPersistsCredentials: Rule = {
  meta: { id: 'checkout-persists-credentials', title: 'Checkout leaves the GitHub token on disk', severity: 'warning' },
  check({ text, workflow, facts }) {
    if (facts.publishingJobs.length === 0) return [];
    // When no step names the upload, the message says what shows that the workflow publishes.
    const uploads = facts.publishSteps;
    const seen = uploads.some((u) => u.strength === 'certain') ? '' : seenNote(uploads).replace(/^ \(/, ` (job '${uploads[0]?.job.id}': `);
    const release = new Set(facts.releaseJobs);
    const publishing = new Set(facts.publishingJobs);
    const findings: RuleFinding[] = [];
    for (const job of workflow.jobs) {
      if (usesGitRemote(job, text, GIT_WRITE)) continue;
      const stake = tokenStake(workflow, job, release, publishing);
      if (!stake) continue;
      const reads = usesGitRemote(job, text, GIT_READ);
      const hidden = pushInScript(job, text);
      for (const step of job.steps) {
        if (step.uses?.kind !== 'repository' || step.uses.action !== 'actions/checkout' || step.uses.path) continue;
        const setting = step.inputs.get('persist-credentials');
        if (setting && (isExpression(setting.value) || stringOf(setting.value) === 'false')) continue;
        findings.push({
          severity: stake.kind === 'default-token' ? 'info' : undefined,
          message: `${stake.headline} ${stake.why}${setting ? '' : ' (persist-credentials defaults to true.)'} ${
            hidden
              ? `This workflow publishes${seen}. No step of the job pushes with git in this file, but ${hidden}, and deploying docs usually pushes (\`mkdocs gh-deploy\`): if it does, give that push its own credential (a deploy key, or a token in that step's env), then set \`persist-credentials: false\`.`
              : `This workflow publishes${seen} and the job does not push with git: set \`persist-credentials: false\`.`
          }${
            reads ? ' (In a private repository the later `git fetch` would then need another way in: prefer `fetch-depth: 0` on the checkout.)' : ''
          }`,
          range: setting ? spanOf(setting.value ?? setting.key) : spanOf(step.uses.node),
          fixes: hidden
            ? undefined
            : () => {
                const edit = setStepInput(text, step, 'persist-credentials', 'false');
                return edit ? [{ title: 'Set persist-credentials: false', edits: [edit] }] : undefined;
              },
        });
      }
    }
    return findings;
  },
};

interface TokenStake {
  kind: 'release' | 'write-token' | 'default-token';
  /** The first sentence: what is wrong, in this job. */
  headline: string;
  /** Why the token matters here. */
  why: string;
}

/**
 * Why the token a checkout leaves behind matters in this job, or undefined when it does not. It matters in the jobs
 * that publish or build the release (a step there that reads the token can also change what is uploaded, and an
 * artifact of the workspace carries it), and wherever the token can write to the repository. A read-only or empty
 * token in a test or docs job is not a release risk. When neither the job nor the workflow sets `permissions:`, the
 * token has the repository's default, which the file cannot tell: reported as information.
 */
function tokenStake(workflow: WorkflowModel, job: JobModel, release: Set<JobModel>, publishing: Set<JobModel>): TokenStake | undefined {
  const where = `The checkout in job '${job.id}' leaves the GITHUB_TOKEN in .git/config`;
  if (release.has(job)) {
    const role = publishing.has(job) ? 'uploads the release' : 'builds the release';
    return { kind: 'release', headline: `${where}, in a job that ${role}.`, why: 'Every later step of the job can read it, and so could change what gets uploaded; a saved copy of the workspace carries it too.' };
  }
  const scopes = tokenWriteScopes(workflow, job);
  if (scopes === 'unknown') {
    return {
      kind: 'default-token',
      headline: `${where}, with the repository's default permissions.`,
      why: 'Every later step of the job can read it, and neither the job nor the workflow sets `permissions:`: the token has the repository\'s default, read and write in many older repositories (harmless where the default is read-only).',
    };
  }
  if (scopes.length === 0) return undefined;
  return {
    kind: 'write-token',
    headline: `${where}, and that token can write (${scopes.map((s) => (s === 'write-all' ? 'write-all' : `${s}: write`)).join(', ')}).`,
    why: 'Every later step of the job can read it and use it to push commits or tags, or change releases.',
  };
}

/**
 * A step that runs a repository script or task whose name (or the step's) speaks of deploying docs or pushing, the
 * way `scripts/publish` in encode's projects runs `mkdocs gh-deploy`: described for the message, or undefined.
 */
function pushInScript(job: JobModel, text: string): string | undefined {
  for (const step of job.steps) {
    const range = step.run?.range;
    if (!range) continue;
    const name = stringOf(pairOf(step.node, 'name')?.value) ?? '';
    const script = /(?:^|[\s;&|"'])((?:\.{0,2}\/)?(?:[\w.-]+\/)+[\w.-]+|\bmake\s+[\w.-]+)/.exec(text.slice(range[0], range[1]));
    if (!script) continue;
    const byName = /(?:deploy|publish|push|upload)\b.*\bdoc|\bdocs?\b.*\b(?:deploy|publish|push)|gh-?pages|\bpush\b|\bcommit\b/i.test(name);
    if (byName || /gh-?pages|push|deploy[-_]?docs|docs[-_]?deploy/i.test(script[1])) {
      return `${byName ? `its step '${name}'` : 'a step'} runs \`${script[1]}\`${byName ? ', whose name speaks of deploying docs' : ''}`;
    }
  }
  return undefined;
}

function usesGitRemote(job: JobModel, text: string, commands: RegExp): boolean {
  return job.steps.some((step) => {
    if (commands === GIT_WRITE && step.uses?.kind === 'repository' && PUSHING_ACTIONS.includes(step.uses.action)) return true;
    const range = step.run?.range;
    return range ? commands.test(text.slice(range[0], range[1])) : false;
  });
}
