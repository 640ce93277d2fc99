import { findPublishJobs, type PublishStep } from '../publishing';
import type { Rule } from '../types';
import { stringOf } from '../yamlNodes';

/**
 * pypa/gh-action-pypi-publish run twice in one job reuses the same dist/: the first run leaves `.publish.attestation`
 * files, and the second fails ("already has a publish attestation") or uploads them again. The action's docs call
 * this unsupported; the PyPA guide publishes to TestPyPI and PyPI from separate jobs.
 * https://packaging.python.org/en/latest/guides/publishing-package-distribution-releases-using-github-actions-ci-cd-workflows/
 */
export const doublePublishSameJob: Rule = {
  meta: { id: 'double-publish-same-job', title: 'Two pypi-publish steps in one job', severity: 'error' },
  check({ text, workflow }) {
    return findPublishJobs(workflow, text).flatMap(({ job, steps }) => {
      const actions = steps.filter((s) => s.tool === 'pypa-action');
      return actions.flatMap((later, index) => {
        const earlier = actions.slice(0, index).find((first) => clash(first, later));
        if (!earlier) return [];
        return [
          {
            message:
              `Job '${job.id}' runs pypa/gh-action-pypi-publish a second time on the same files: the second run finds the first run's attestation files and fails, ` +
              `or uploads the same files again. Publish from separate jobs (one per index, e.g. TestPyPI then PyPI), each downloading the built artifact.`,
            range: later.range,
            related: [{ range: earlier.range, message: 'the first pypi-publish step of the job' }],
          },
        ];
      });
    });
  },
};

const packagesDir = (s: PublishStep): string =>
  (stringOf(s.step.inputs.get('packages-dir')?.value) ?? stringOf(s.step.inputs.get('packages_dir')?.value) ?? 'dist').trim().replace(/^\.\//, '').replace(/\/+$/, '');

/**
 * Two steps clash when they upload the same directory and may both run: steps with different `if:` conditions are
 * taken to be alternatives (a release goes to PyPI, a push to main to TestPyPI).
 */
function clash(a: PublishStep, b: PublishStep): boolean {
  if (packagesDir(a) !== packagesDir(b)) return false;
  const ifA = stringOf(a.step.ifPair?.value)?.trim();
  const ifB = stringOf(b.step.ifPair?.value)?.trim();
  return !ifA || !ifB || ifA === ifB;
}
