import { gitUseOf, persistingCheckouts } from '../analysis/checkoutCredentials';
import { isPublishingWorkflow } from '../analysis/publishers';
import { findPublishSteps, seenNote } from '../analysis/publishing';
import { tokenMigrationOf } from '../analysis/tokenMigration';
import { setStepInput } from '../edits/stepEdits';
import type { Rule, RuleFinding } from '../engine/types';
import { spanOf } from '../analysis/yamlNodes';

/**
 * actions/checkout keeps the job's GITHUB_TOKEN on disk in the repository's git configuration unless told
 * `persist-credentials: false`, so every later step (build backends, test plugins, actions) can read it, and an
 * artifact of the workspace can leak it (zizmor's "artipacked"). A publishing workflow only needs the code.
 * In a job that token-publishing moves to trusted publishing, this is part of that move (its fix, where it offers one,
 * sets `persist-credentials: false` too).
 */
export const checkoutPersistsCredentials: Rule = {
  meta: { id: 'checkout-persists-credentials', title: 'Checkout leaves the GitHub token on disk', severity: 'warning' },
  check({ text, workflow }) {
    if (!isPublishingWorkflow(workflow, text)) return [];
    // When no step names the upload, the message says what shows that the workflow publishes.
    const uploads = findPublishSteps(workflow, text);
    const seen = uploads.some((u) => u.strength === 'certain') ? '' : seenNote(uploads).replace(/^ \(/, ` (job '${uploads[0]?.job.id}': `);
    const findings: RuleFinding[] = [];
    for (const job of workflow.jobs) {
      const checkouts = persistingCheckouts(job, text);
      if (checkouts.length === 0) continue;
      const { reads, hidden } = gitUseOf(job, text);
      const migration = tokenMigrationOf(job, workflow, text);
      for (const { step, setting } of checkouts) {
        const edit = hidden ? undefined : setStepInput(text, step, 'persist-credentials', 'false');
        findings.push({
          message: `The checkout in job '${job.id}' keeps the GITHUB_TOKEN in the repository's git configuration, where every later step of the job can read it${
            setting ? '' : ' (persist-credentials defaults to true)'
          }. ${
            hidden
              ? `This workflow publishes${seen}. No step of the job pushes with git in this file, but ${hidden}, and deploying docs usually pushes (\`mkdocs gh-deploy\`): if it does, give that push its own credential (a deploy key, or a token in that step's env), then set \`persist-credentials: false\`.`
              : `This workflow publishes${seen} and the job does not push with git: set \`persist-credentials: false\`.`
          }${
            reads ? ' (In a private repository the later `git fetch` would then need another way in: prefer `fetch-depth: 0` on the checkout.)' : ''
          }${migration && !hidden ? ' Part of the move to trusted publishing that token-publishing proposes for this job.' : ''}`,
          range: setting ? spanOf(setting.value ?? setting.key) : spanOf(step.uses!.node),
          ...(migration && !hidden ? { related: [{ range: migration.credential.range, message: 'the token upload this job moves away from (token-publishing)' }] } : {}),
          fixes: edit ? [{ title: 'Set persist-credentials: false', edits: [edit] }] : undefined,
        });
      }
    }
    return findings;
  },
};
