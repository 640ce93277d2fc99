import { isScalar } from 'yaml';
import type { Rule } from '../engine/types';
import { pairSpan, stringOf } from '../analysis/yamlNodes';
import { uploadTarget } from '../analysis/oidcPublishing';
import { compareVersions, describeVersion, versionOf } from '../analysis/actionRefs';
import { flatMapped } from '../analysis/lists';

/** The release of pypa/gh-action-pypi-publish that added the `attestations` input. */
const ATTESTATIONS_INPUT: [number, number, number] = [1, 10, 0];

/**
 * pypa/gh-action-pypi-publish makes PEP 740 attestations only with trusted publishing and only for PyPI and
 * TestPyPI: with a password, or for another index, `attestations: true` does nothing, and the file looks safer
 * than it is. Releases before v1.10.0 have no `attestations` input at all (read from the tag, the SHA's release or
 * its comment). https://docs.pypi.org/attestations/producing-attestations/
 */
export const attestationsIgnored: Rule = {
  meta: { id: 'attestations-ignored', title: 'attestations: true has no effect', severity: 'warning' },
  check({ text, facts }) {
    return flatMapped(facts.publishSteps, (publish) => {
      if (publish.tool !== 'pypa-action') return [];
      const pair = publish.step.inputs.get('attestations');
      if (!pair || !isScalar(pair.value) || String(stringOf(pair.value)).trim().toLowerCase() !== 'true') return [];
      const password = facts.credentials(publish).find((c) => c.container === 'with');
      const target = uploadTarget(publish, text);
      const uses = publish.step.uses;
      const version = uses && uses.ref !== 'release/v1' ? versionOf(text, uses) : undefined;
      const tooOld = version !== undefined && version.minor !== undefined && compareVersions(version, ATTESTATIONS_INPUT) < 0;
      if (!password && target !== 'other' && !tooOld) return [];
      const why = tooOld && uses
        ? `pypa/gh-action-pypi-publish ${describeVersion(uses, version!, { subject: true })} predates attestations (added in v1.10.0)`
        : password
          ? 'the step passes a password, and the action only makes attestations with trusted publishing'
          : 'the step uploads to another index than PyPI or TestPyPI, and only those accept attestations';
      return [
        {
          message:
            `\`attestations: true\` has no effect on this upload of job '${publish.job.id}'. ` +
            `No attestation is made or uploaded: ${why}. ` +
            (tooOld ? 'Update the action to a current release to get attestations.' : password ? 'Switch the upload to trusted publishing (remove the password, grant `id-token: write`) to get attestations.' : 'Remove the setting, or upload to PyPI with trusted publishing to get attestations.'),
          range: pairSpan(pair),
          related: password ? [{ range: password.range, message: 'the password that turns attestations off' }] : [],
        },
      ];
    });
  },
};
