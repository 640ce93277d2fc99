import type { Rule } from '../engine/types';
import { pairOf, spanOf, stringOf } from '../analysis/yamlNodes';
import { flatMapped } from '../analysis/lists';

/** Names of reusable workflows and jobs that publish or release, whose inherited secrets include a PyPI token. */
const PUBLISHING = /publish|release|pypi|deploy|upload|dist/i;

/**
 * `secrets: inherit` hands every secret of the repository (and organization) to the called workflow, including a
 * PyPI token, whatever that workflow needs. A workflow in another repository, or one that publishes, should get
 * only the secrets it names. https://docs.github.com/en/actions/sharing-automations/reusing-workflows#passing-inputs-and-secrets-to-a-reusable-workflow
 */
export const secretsInherit: Rule = {
  meta: { id: 'secrets-inherit', title: 'Every secret handed to a reusable workflow', severity: 'warning' },
  check({ workflow }) {
    return flatMapped(workflow.jobs, (job) => {
      const secrets = job.pair('secrets');
      if (!job.calls || !secrets || stringOf(secrets.value) !== 'inherit') return [];
      const external = job.calls.kind === 'repository';
      if (!external && !PUBLISHING.test(job.calls.raw) && !PUBLISHING.test(job.id)) return [];
      return [
        {
          message:
            `Job '${job.id}' hands every repository secret to ${external ? 'a workflow of another repository' : 'a reusable workflow'} (\`secrets: inherit\`). ` +
            `A PyPI token among them reaches ${external ? job.calls.action : job.calls.raw} whether it needs it or not. ` +
            `Pass only the secrets it needs (\`secrets: { NAME: \${{ secrets.NAME }} }\`), and prefer trusted publishing in the calling workflow to a PyPI token.`,
          range: spanOf(secrets.value),
          related: [{ range: spanOf(pairOf(job.node, 'uses')?.value), message: 'the workflow that gets the secrets' }],
        },
      ];
    });
  },
};
