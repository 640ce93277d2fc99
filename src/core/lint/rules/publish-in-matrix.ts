import { isMap, isSeq } from 'yaml';
import { indexLabel, uploadTarget } from '../analysis/oidcPublishing';
import { seenNote } from '../analysis/publishing';
import type { Rule } from '../engine/types';
import type { JobModel } from '../analysis/workflowModel';
import { keySpan, pairOf, pairsOf, stringOf } from '../analysis/yamlNodes';
import { flatMapped } from '../analysis/lists';

/**
 * A publish job with a matrix uploads once per leg: each leg sends its own part of the release, so a failed leg
 * leaves a partial release on PyPI (installers then pick sdists or old wheels), and parallel uploads of the same
 * version race each other. Build in the matrix, upload once from a single job.
 * https://github.com/pypa/gh-action-pypi-publish#non-goals
 */
export const publishInMatrix: Rule = {
  meta: { id: 'publish-in-matrix', title: 'Publish job runs as a matrix', severity: 'warning' },
  check({ text, facts }) {
    return flatMapped(facts.publishJobs, ({ job, steps }) => {
      const matrix = pairOf(job.pair('strategy')?.value, 'matrix');
      if (!matrix || legs(job) === 1) return [];
      // Uploads gated to one leg (`if: matrix.os == 'ubuntu-latest'`) upload once.
      if (steps.every((s) => /\bmatrix\.[A-Za-z0-9_-]+\s*==/.test(stringOf(s.step.ifPair?.value) ?? ''))) return [];
      const targets = new Set(steps.map((s) => uploadTarget(s, text)));
      const index = targets.has('pypi') ? 'PyPI' : targets.size === 1 ? indexLabel([...targets][0]) : 'the index';
      return [
        {
          message:
            `Job '${job.id}' uploads from every leg of its matrix. ` +
            `Each leg publishes part of the release${seenNote(steps).replace(/^ \(/, ' (the upload: ')}, so one failed leg leaves a partial release on ${index}, ` +
            `and parallel uploads of one version conflict. Build in the matrix, upload the files as artifacts, and publish them all from one job that needs the matrix job.`,
          range: keySpan(matrix),
          related: steps.map((s) => ({ range: s.range, message: 'the upload that runs in every leg' })),
        },
      ];
    });
  },
};

/** How many legs a literal matrix has; undefined when an expression or include/exclude makes it unclear. */
function legs(job: JobModel): number | undefined {
  const matrix = pairOf(job.pair('strategy')?.value, 'matrix')?.value;
  if (!isMap(matrix)) return undefined;
  let count = 1;
  let dimensions = 0;
  for (const pair of pairsOf(matrix)) {
    const key = String(pair.key.value);
    if (key === 'exclude') continue;
    if (!isSeq(pair.value)) return undefined;
    if (key === 'include') {
      if (dimensions === 0 && pairsOf(matrix).every((p) => ['include', 'exclude'].includes(String(p.key.value)))) count = pair.value.items.length;
      else return undefined;
      continue;
    }
    dimensions += 1;
    count *= pair.value.items.length;
  }
  return count;
}
