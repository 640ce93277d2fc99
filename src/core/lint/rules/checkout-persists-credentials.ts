import { tokenWriteScopes } from '../analysis/permissions';
import type { WorkflowFacts } from '../analysis/facts';
import { seenNote, type PublishStep } from '../analysis/publishing';
import { tokenMigrationOf } from '../analysis/tokenMigration';
import { setStepInput } from '../edits/stepEdits';
import type { Fix, Rule, RuleFinding } from '../engine/types';
import type { JobModel, StepModel, WorkflowModel } from '../analysis/workflowModel';
import { spanOf } from '../analysis/yamlNodes';
import { later } from '../engine/fixesLater';

/**
 * actions/checkout keeps the job's GITHUB_TOKEN on disk in the repository's git configuration unless told
 * `persist-credentials: false`, so every later step (build backends, test plugins, actions) can read it, and an
 * artifact of the workspace can leak it (zizmor's "artipacked"). A publishing workflow only needs the code. Reported
 * where the token matters (see tokenStake), not in every test job of a workflow that also publishes. In a job that
 * token-publishing moves to trusted publishing, this is part of that move (its fix, where it offers one, sets
 * `persist-credentials: false` too).
 */

export const checkoutPersistsCredentials: Rule = {
  meta: { id: 'checkout-persists-credentials', title: 'Checkout leaves the GitHub token on disk', severity: 'warning' },
  check({ text, workflow, facts }) {
    if (facts.publishingJobs.length === 0) return [];
    const findings: RuleFinding[] = [];
    let seen: string | undefined;
    for (const job of workflow.jobs) {
      const checkouts = facts.persistingCheckouts(job);
      if (checkouts.length === 0) continue;
      const stake = tokenStake(workflow, job, facts);
      if (!stake) continue;
      seen ??= publishingEvidence(facts.publishSteps);
      // The end of the message is the job's: the same for each of its checkouts.
      const { reads, hidden } = facts.gitUse(job);
      const migration = hidden ? undefined : tokenMigrationOf(job, facts);
      const advice = `${
        hidden
          ? `This workflow publishes${seen}. No step of the job pushes with git in this file, but ${hidden}, and deploying docs usually pushes (\`mkdocs gh-deploy\`): if it does, give that push its own credential (a deploy key, or a token in that step's env), then set \`persist-credentials: false\`.`
          : `This workflow publishes${seen} and the job does not push with git: set \`persist-credentials: false\`.`
      }${reads ? gitReadNote(job, text) : ''}${migration ? ' Part of the move to trusted publishing that token-publishing proposes for this job.' : ''}`;
      for (const { step, setting } of checkouts) {
        const finding: RuleFinding = {
          severity: stake.kind === 'default-token' ? 'info' : undefined,
          message: `${stake.headline} ${stake.why}${setting ? '' : ' (persist-credentials defaults to true.)'} ${advice}`,
          range: setting ? spanOf(setting.value ?? setting.key) : spanOf(step.uses!.node),
          fixes: hidden ? undefined : later(persistNoCredentials, text, step),
        };
        if (migration) finding.related = [{ range: migration.credential.range, message: 'the token upload this job moves away from (token-publishing)' }];
        findings.push(finding);
      }
    }
    return findings;
  },
};

function persistNoCredentials(text: string, step: StepModel): Fix[] | undefined {
  const edit = setStepInput(text, step, 'persist-credentials', 'false');
  return edit ? [{ title: 'Set persist-credentials: false', edits: [edit] }] : undefined;
}

/** When no step names the upload, what shows that the workflow publishes, for the message; '' otherwise. */
function publishingEvidence(uploads: readonly PublishStep[]): string {
  return uploads.some((u) => u.strength === 'certain') ? '' : seenNote(uploads).replace(/^ \(/, ` (job '${uploads[0]?.job.id}': `);
}

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
function tokenStake(workflow: WorkflowModel, job: JobModel, facts: WorkflowFacts): TokenStake | undefined {
  if (facts.releaseJobs.includes(job)) {
    const role = facts.publishingJobs.includes(job) ? 'uploads the release' : 'builds the release';
    return { kind: 'release', headline: `Job '${job.id}' ${role}, and its checkout leaves the GITHUB_TOKEN in .git/config.`, why: 'Every later step of the job can read it, and so could change what gets uploaded; a saved copy of the workspace carries it too.' };
  }
  const scopes = tokenWriteScopes(workflow, job);
  if (scopes === 'unknown') {
    return {
      kind: 'default-token',
      headline: `The checkout in job '${job.id}' leaves a token with the repository's default permissions in .git/config.`,
      why: 'Every later step of the job can read it, and neither the job nor the workflow sets `permissions:`: the token has the repository\'s default, read and write in many older repositories (harmless where the default is read-only).',
    };
  }
  if (scopes.length === 0) return undefined;
  return {
    kind: 'write-token',
    headline: `The checkout in job '${job.id}' leaves a token that can write in .git/config (${scopes.map((s) => (s === 'write-all' ? 'write-all' : `${s}: write`)).join(', ')}).`,
    why: 'Every later step of the job can read it and use it to push commits or tags, or change releases.',
  };
}

/**
 * The note for a job that reads from the remote with git, naming the command it runs (`git fetch`, `git pull`,
 * `git submodule`, `git ls-remote`) and the checkout input that does the same without persisted credentials.
 */
function gitReadNote(job: JobModel, text: string): string {
  for (const step of job.steps) {
    const range = step.run?.range;
    const found = range && /(?:^|[\s;&|(])git(?:\s+-C\s+\S+)?\s+(fetch|pull|submodule|ls-remote)\b/.exec(text.slice(range[0], range[1]));
    if (!found) continue;
    const instead = found[1] === 'submodule' ? 'submodules: true' : found[1] === 'ls-remote' ? undefined : 'fetch-depth: 0';
    return ` (In a private repository the job's later \`git ${found[1]}\` would then need another way in${instead ? `: prefer \`${instead}\` on the checkout` : ''}.)`;
  }
  return '';
}

