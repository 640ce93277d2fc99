import type { Rule, RuleFinding } from '../engine/types';
import type { JobModel } from '../analysis/workflowModel';
import { pairOf, valueOf } from '../analysis/yamlNodes';

/**
 * A project with compiled code needs one wheel per platform and Python ABI. A single `python -m build` on one runner
 * makes one wheel for that runner, tagged `linux_x86_64`, which PyPI rejects (only manylinux/musllinux tags are
 * accepted for Linux) — or, on Windows or macOS, a wheel for that one platform while everyone else builds from the
 * sdist. cibuildwheel or maturin-action (on a matrix of runners) build the full set.
 */
export const compiledProjectSingleBuild: Rule = {
  meta: { id: 'compiled-project-single-build', title: 'Compiled project released with a single-platform build', severity: 'warning', needsProject: true },
  check({ text, workflow, project, facts }) {
    if (!project?.compiled) return [];
    // Reusable workflows may build the wheels: we cannot see them.
    if (workflow.jobs.some((j) => j.calls)) return [];
    const jobs = facts.releaseJobs;
    if (jobs.length === 0) return [];
    const builds = jobs.flatMap((job) => facts.distributionBuilds(job).map((b) => ({ job, ...b })));
    if (builds.some((b) => b.wheelBuilder) || workflow.jobs.some((j) => facts.distributionBuilds(j).some((b) => b.wheelBuilder))) return [];
    const wheelBuilds = builds.filter((b) => !b.sdistOnly);
    if (wheelBuilds.length === 0 || wheelBuilds.some((b) => hasPlatformMatrix(b.job, text))) return [];
    const findings: RuleFinding[] = wheelBuilds.map((b) => ({
      message: `Job '${b.job.id}' builds one wheel on one runner, but ${project.name} has compiled code. That wheel is for that runner only (on Linux tagged linux_x86_64, which PyPI rejects), and users of every other platform and Python version get no wheel. Build wheels with cibuildwheel or maturin-action on a matrix of runners, and the sdist separately.`,
      range: b.range,
    }));
    return findings;
  },
};

/** The job runs on several runners (a matrix that feeds `runs-on`). */
function hasPlatformMatrix(job: JobModel, text: string): boolean {
  const matrix = valueOf(job.pair('strategy')?.value, 'matrix');
  const range = pairOf(job.node, 'runs-on')?.value?.range;
  return !!matrix && !!range && /\$\{\{\s*matrix\./.test(text.slice(range[0], range[1]));
}
