import { ACTION_PINS, isFullSha } from '../../publish/actionPins';
import { compareVersions, replaceUses, versionOf, writtenName } from '../analysis/actionRefs';
import type { Fix, Rule, RuleFinding, TextEdit } from '../engine/types';
import { spanOf } from '../analysis/yamlNodes';

/**
 * The PyPA publish action runs the twine it bundles, and twine checks each distribution's metadata version before
 * uploading. Releases before v1.12.3 bundle a twine that rejects Metadata-Version 2.4 (license expressions, written
 * by current setuptools and hatchling); releases before v1.14.2 reject 2.5 (current hatchling and uv). A project that
 * upgrades its build backend then fails at the upload step of a release.
 *
 * Releases before v1.8.0 predate trusted publishing: without a password they upload with no credential at all, so
 * a job that relies on trusted publishing fails at every release (an error, not a warning).
 *
 * A SHA pin is read through the table of release commits (knownActionShas), else through its `# vX.Y.Z` comment.
 */
const METADATA_2_4: [number, number, number] = [1, 12, 3];
const METADATA_2_5: [number, number, number] = [1, 14, 2];
const TRUSTED_PUBLISHING: [number, number, number] = [1, 8, 0];
/** Backends (LintProject.backend names) whose current releases write Metadata-Version 2.5. */
const BACKENDS_WRITING_2_5 = new Set(['hatchling', 'uv-build']);

export const outdatedPublishAction: Rule = {
  meta: { id: 'outdated-publish-action', title: 'Publish action too old for current package metadata', severity: 'warning' },
  check({ text, project, facts }) {
    const findings: RuleFinding[] = [];
    const pin = ACTION_PINS['pypa/gh-action-pypi-publish'];
    // Metadata 2.5 matters only to a backend that writes it; unknown (no project) is treated as one that may.
    const writes25 = !project?.backend || BACKENDS_WRITING_2_5.has(project.backend);
    for (const { job, step, uses } of facts.pypaSteps) {
      if (!uses.ref) continue;
      if (uses.ref === pin.sha) continue;
      const version = facts.version(uses);
      if (!version || version.major !== 1) continue;
      // `v1` is a moving tag that follows the newest 1.x release.
      if (version.minor === undefined) continue;
      const too = compareVersions(version, METADATA_2_4) < 0 ? '2.4' : compareVersions(version, METADATA_2_5) < 0 ? '2.5' : undefined;
      if (!too) continue;
      // A SHA pin is named by the version it is; the commit itself follows in the detail.
      const pinned = version.from === 'ref' || !uses.ref ? '' : `It is pinned at ${uses.ref.slice(0, 7)}…, ${version.from === 'sha' ? 'the commit of' : 'which its comment names'} ${version.text}. `;
      const fixes = fixFor(text, uses.node, writtenName(uses), version, isFullSha(uses.ref));
      const noTrustedPublishing = compareVersions(version, TRUSTED_PUBLISHING) < 0;
      if (noTrustedPublishing && !step.inputs.has('password')) {
        findings.push({
          severity: 'error',
          message:
            `Job '${job.id}' cannot upload: pypa/gh-action-pypi-publish ${version.text} predates trusted publishing. ${pinned}` +
            `Releases before v1.8.0 do not ask GitHub for an OIDC token, so with no password the upload has no credential and fails. ` +
            `Update to ${pin.version} or follow release/v1.`,
          range: spanOf(uses.node),
          fixes,
        });
        continue;
      }
      const why =
        too === '2.4'
          ? `its twine rejects Metadata-Version 2.4 and later (license expressions, written by current setuptools, hatchling and uv)`
          : `its twine rejects Metadata-Version 2.5 (written by current hatchling and uv build)`;
      const note = too === '2.5' && !writes25;
      findings.push({
        ...(note ? { severity: 'info' as const } : {}),
        message: note
          ? `Job '${job.id}' uses pypa/gh-action-pypi-publish ${version.text}, whose twine rejects Metadata-Version 2.5. ${pinned}${project?.backend} does not write 2.5 today; update to ${pin.version} or follow release/v1 before a backend that does (hatchling, uv-build).`
          : `Job '${job.id}' uses pypa/gh-action-pypi-publish ${version.text}, too old for current package metadata. ${pinned}${why[0].toUpperCase()}${why.slice(1)}, so the upload fails once the build backend is current.${noTrustedPublishing ? ' It also predates trusted publishing (v1.8.0).' : ''} Update to ${pin.version} or follow release/v1.`,
        range: spanOf(uses.node),
        fixes,
      });
    }
    return findings;
  },
};

function fixFor(text: string, node: Parameters<typeof replaceUses>[1], name: string, version: NonNullable<ReturnType<typeof versionOf>>, sha: boolean): Fix[] | undefined {
  const pin = ACTION_PINS['pypa/gh-action-pypi-publish'];
  // The comment keeps its own spelling (`# 1.13.0` stays without the v).
  const written = version.commentSpan ? text.slice(version.commentSpan.start, version.commentSpan.end) : version.text;
  const newVersion = written.startsWith('v') ? pin.version : pin.version.replace(/^v/, '');
  if (!sha) {
    const edit = replaceUses(text, node, `${name}@${pin.version}`);
    return edit ? [{ title: `Update to ${name}@${pin.version}`, edits: [edit] }] : undefined;
  }
  // A SHA pin: new SHA, and the version in the comment next to it, so the two keep agreeing.
  if (!version.commentSpan) {
    // A bare SHA the table of release commits knows: the new SHA gets its version as a comment.
    const edit = replaceUses(text, node, `${name}@${pin.sha}`, pin.version);
    return edit ? [{ title: `Update to ${name}@${pin.sha.slice(0, 12)}… # ${pin.version}`, edits: [edit] }] : undefined;
  }
  const usesEdit = replaceUses(text, node, `${name}@${pin.sha}`);
  if (!usesEdit) return undefined;
  const edits: TextEdit[] = [usesEdit, { ...version.commentSpan, newText: newVersion }];
  return [{ title: `Update to ${name}@${pin.sha.slice(0, 12)}… # ${pin.version}`, edits }];
}
