import { indexLabel, OIDC_TOOLS, pinsOldTwine, removeCredentials, secretGroup, secretLabel, uploadTarget } from '../analysis/oidcPublishing';
import { passwordLogin } from '../analysis/credentials';
import type { Rule } from '../engine/types';
import { flatMapped } from '../analysis/lists';

/**
 * A job granted `id-token: write` looks like it uses trusted publishing, but when a token also reaches the upload
 * the tool uses the token: trusted publishing never happens, the action makes no attestations, and the long-lived
 * secret stays in use without anyone noticing. https://github.com/pypa/gh-action-pypi-publish#trusted-publishing
 */
export const tokenOverridesOidc: Rule = {
  meta: { id: 'token-overrides-oidc', title: 'A token overrides trusted publishing', severity: 'warning' },
  check({ text, workflow, facts }) {
    // Reusable workflows cannot use trusted publishing; token-publishing speaks about their tokens.
    if (workflow.triggers.has('workflow_call')) return [];
    const all = facts.secretUploads;
    return flatMapped(all, (found) => {
      const { credential, secret, uploads } = found;
      const overridden = uploads.filter((u) => OIDC_TOOLS.has(u.tool) && facts.hasIdToken(u.job));
      if (overridden.length === 0) return [];
      const jobs = [...new Set(overridden.map((u) => `'${u.job.id}'`))].join(', ');
      // Every secret of the job goes, so that the fixes of one job agree with each other.
      const group = secretGroup(all, found);
      const groupUploads = group.secrets.flatMap((s) => s.uploads);
      const removal =
        groupUploads.every((u) => OIDC_TOOLS.has(u.tool) && facts.hasIdToken(u.job) && uploadTarget(u, text) !== 'unknown') &&
        !group.jobs.some((job) => pinsOldTwine(job, text))
          ? removeCredentials(text, group.secrets, workflow)
          : undefined;
      const index = indexLabel(uploadTarget(overridden[0], text));
      const kind = passwordLogin(overridden, workflow, text) ? 'password' : 'token';
      return [
        {
          message:
            `Job ${jobs} can use trusted publishing, but ${secretLabel(secret)} overrides it. ` +
            `The job has \`id-token: write\`, and its upload to ${index} also gets that secret (through \`${credential.name}\`): the ${kind} wins, so trusted publishing is never used and no attestations are made. ` +
            `Make sure this workflow is registered as a trusted publisher on ${index}, remove the ${kind}, then delete ${secretLabel(secret)} from the repository's settings${kind === 'token' ? ` and revoke the token on ${index}` : ''}.`,
          range: credential.range,
          related: overridden.map((u) => ({ range: u.range, message: 'the upload that uses the token instead of trusted publishing' })),
          ...(removal ? { fixes: [{ title: `Remove ${credential.name} and use trusted publishing`, edits: removal }] } : {}),
        },
      ];
    });
  },
};
