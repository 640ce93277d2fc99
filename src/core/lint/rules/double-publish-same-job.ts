import type { WorkflowFacts } from '../analysis/facts';
import { compareVersions } from '../analysis/actionRefs';
import { uploadTarget } from '../analysis/oidcPublishing';
import { type PublishStep } from '../analysis/publishing';
import type { Rule } from '../engine/types';
import { stringOf } from '../analysis/yamlNodes';
import { flatMapped } from '../analysis/lists';

/**
 * pypa/gh-action-pypi-publish run twice in one job on the same folder fails the second time in two cases only:
 * - both upload to the same index: the files are there already ("File already exists"), unless the second run
 *   passes `skip-existing: true`;
 * - both make attestations (trusted publishing with v1.11.0 or later, `attestations` not turned off): the first run
 *   leaves `*.publish.attestation` files in the folder and the second refuses to run on them. The action's docs call
 *   this unsupported; the PyPA guide publishes to TestPyPI and PyPI from separate jobs.
 * Two uploads to different indexes of which one makes no attestations (a password, `attestations: false`, an action
 * older than v1.11.0 or its sunset `master` branch) work, and are what the workflow intends.
 * https://packaging.python.org/en/latest/guides/publishing-package-distribution-releases-using-github-actions-ci-cd-workflows/
 */
export const doublePublishSameJob: Rule = {
  meta: { id: 'double-publish-same-job', title: 'Two pypi-publish steps in one job', severity: 'error' },
  check({ text, facts }) {
    return flatMapped(facts.publishJobs, ({ job, steps }) => {
      const actions = steps.filter((s) => s.tool === 'pypa-action');
      return actions.flatMap((later, index) => {
        for (const earlier of actions.slice(0, index)) {
          const reason = clash(earlier, later, facts);
          if (!reason) continue;
          const dir = packagesDir(later);
          const why =
            reason === 'same-index'
              ? `Both upload '${dir}' to ${indexName(later, text)}, so the second finds the files there already and fails with "File already exists". ` +
                `Remove one upload, or give the second \`skip-existing: true\` if re-uploading is intended.`
              : `Both make attestations (trusted publishing with pypa/gh-action-pypi-publish v1.11.0 or later), so the first leaves its \`*.publish.attestation\` files in '${dir}' ` +
                `and the second fails on them. Publish from separate jobs (one per index, such as TestPyPI then PyPI), each downloading the built artifact.`;
          return [
            {
              message: `Job '${job.id}' uploads the same files twice with pypa/gh-action-pypi-publish, and the second upload fails. ${why}`,
              range: later.range,
              related: [{ range: earlier.range, message: 'the first pypi-publish step of the job' }],
            },
          ];
        }
        return [];
      });
    });
  },
};

const input = (s: PublishStep, name: string): string | undefined =>
  stringOf(s.step.inputs.get(name)?.value) ?? stringOf(s.step.inputs.get(name.replace(/-/g, '_'))?.value);

const packagesDir = (s: PublishStep): string => (input(s, 'packages-dir') ?? 'dist').trim().replace(/^\.\//, '').replace(/\/+$/, '');

const indexName = (s: PublishStep, text: string): string => {
  const target = uploadTarget(s, text);
  return target === 'pypi' ? 'PyPI' : target === 'testpypi' ? 'TestPyPI' : `'${input(s, 'repository-url')?.trim()}'`;
};

/** The index a step uploads to, as a comparable key; undefined when an expression computes it. */
function indexKey(s: PublishStep, text: string): string | undefined {
  const target = uploadTarget(s, text);
  if (target === 'unknown') return undefined;
  if (target !== 'other') return target;
  return input(s, 'repository-url')?.trim().replace(/\/+$/, '').toLowerCase();
}

/**
 * Whether the step makes attestations: trusted publishing (no password) to PyPI or TestPyPI, `attestations` not
 * false, with v1.11.0 or later (`release/v1` is the newest v1; `master` was sunset long before). Undefined when
 * the file does not say (a computed input, a SHA that neither the table of release commits nor a comment names).
 */
export function makesAttestations(s: PublishStep, facts: WorkflowFacts): boolean | undefined {
  if (facts.credentials(s).length > 0) return false;
  const target = uploadTarget(s, facts.text);
  if (target === 'other') return false;
  const setting = input(s, 'attestations')?.trim().toLowerCase();
  if (setting === 'false') return false;
  if (setting !== undefined && setting !== 'true') return undefined;
  const uses = s.step.uses;
  if (!uses?.ref) return undefined;
  if (uses.ref === 'master') return false;
  if (uses.ref === 'release/v1') return target === 'unknown' ? undefined : true;
  const version = facts.version(uses);
  if (!version) return undefined;
  if (compareVersions(version, [1, 11, 0]) < 0) return false;
  return target === 'unknown' ? undefined : true;
}

const skipsExisting = (s: PublishStep): boolean => input(s, 'skip-existing')?.trim().toLowerCase() === 'true';

/**
 * Why two steps of one job would make the second fail, or undefined. Steps with different `if:` conditions are taken
 * to be alternatives (a release goes to PyPI, a push to main to TestPyPI); steps on different folders never clash.
 */
function clash(a: PublishStep, b: PublishStep, facts: WorkflowFacts): 'same-index' | 'attestations' | undefined {
  if (packagesDir(a) !== packagesDir(b)) return undefined;
  const ifA = stringOf(a.step.ifPair?.value)?.trim();
  const ifB = stringOf(b.step.ifPair?.value)?.trim();
  if (ifA && ifB && ifA !== ifB) return undefined;
  if (makesAttestations(a, facts) === true && makesAttestations(b, facts) === true) return 'attestations';
  const key = indexKey(a, facts.text);
  if (key !== undefined && key === indexKey(b, facts.text) && !skipsExisting(b)) return 'same-index';
  return undefined;
}
