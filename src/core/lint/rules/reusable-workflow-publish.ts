import { reliesOnOidc, uploadTarget } from '../oidcPublishing';
import { findPublishSteps } from '../publishing';
import type { Rule } from '../types';
import { spanOf } from '../yamlNodes';

/**
 * PyPI does not support trusted publishing from reusable workflows: the OIDC token names the calling workflow, so
 * PyPI matches the caller's file name, not this one's, and attestations fail to verify.
 * https://docs.pypi.org/trusted-publishers/troubleshooting/ ("Reusable workflows cannot currently be used", warehouse#11096)
 */
export const reusableWorkflowPublish: Rule = {
  meta: { id: 'reusable-workflow-publish', title: 'Trusted publishing from a reusable workflow', severity: 'error' },
  check({ text, workflow }) {
    const call = workflow.triggers.get('workflow_call');
    if (!call) return [];
    return findPublishSteps(workflow, text).flatMap((publish) => {
      if (!reliesOnOidc(publish, workflow, text) || uploadTarget(publish, text) === 'other') return [];
      return [
        {
          message:
            `Job '${publish.job.id}' uses trusted publishing inside a reusable workflow (on: workflow_call), which PyPI does not support: the token names the calling workflow, ` +
            `so PyPI checks the caller's file name, not this one's. Move the upload into a job of the calling workflow (build here, upload there with the artifact).`,
          range: publish.range,
          related: [{ range: spanOf(call.node), message: 'this workflow is reusable' }],
        },
      ];
    });
  },
};
