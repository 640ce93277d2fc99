import { isRetiredArtifactAction, upgradeArtifactPair } from '../edits/artifactUpgrade';
import { describeVersion } from '../analysis/actionRefs';
import type { Rule, RuleFinding } from '../engine/types';
import { spanOf } from '../analysis/yamlNodes';

/**
 * actions/upload-artifact and actions/download-artifact v3 and older stopped working on github.com on 2025-01-30:
 * the step fails at once, so a release workflow that hands its distributions over with them never uploads.
 * https://github.blog/changelog/2024-04-16-deprecation-notice-v3-of-the-artifact-actions/
 */
export const retiredArtifactAction: Rule = {
  meta: { id: 'retired-artifact-action', title: 'Artifact action version retired by GitHub', severity: 'error' },
  check({ text, workflow, facts }) {
    const findings: RuleFinding[] = [];
    let upgrade: ReturnType<typeof upgradeArtifactPair> | null = null;
    for (const job of workflow.jobs) {
      for (const step of job.steps) {
        const uses = step.uses;
        if (!uses || !isRetiredArtifactAction(uses, text)) continue;
        // One fix for the whole workflow: both halves of every hand-over move to the same generation.
        if (upgrade === null) upgrade = upgradeArtifactPair(text, workflow);
        const known = facts.version(uses);
        // A SHA pin is named by the version it is (first sentence); the commit follows.
        const named = known && known.from !== 'ref' ? `${uses.action} ${known.text}` : `${uses.action}@${uses.ref}`;
        const pinned = known && known.from !== 'ref' ? `It is pinned to ${describeVersion(uses, known)}. ` : '';
        const finding: RuleFinding = {
          message:
            `${named} no longer runs on github.com: job '${job.id}' fails at this step. ${pinned}` +
            'GitHub retired v3 and older of the artifact actions on 2025-01-30. ' +
            `Move upload-artifact and download-artifact together to their current major; an artifact is read only by the download-artifact of its own generation.`,
          range: spanOf(uses.node),
        };
        if (upgrade && upgrade.edits.length > 0) finding.fixes = [{ title: `Upgrade ${upgrade.targets}, pinned by SHA`, edits: upgrade.edits }];
        findings.push(finding);
      }
    }
    return findings;
  },
};
