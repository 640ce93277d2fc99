import { isExpression, type PublishStep } from '../analysis/publishing';
import { setStepInput } from '../edits/stepEdits';
import type { Rule, RuleFinding } from '../engine/types';
import type { JobModel, WorkflowModel } from '../analysis/workflowModel';
import { pairOf, pairsOf, spanOf, stringOf } from '../analysis/yamlNodes';

/**
 * A project whose version comes from git tags (setuptools-scm, hatch-vcs, ...) reads it with `git describe`, which
 * needs the history back to the last tag. actions/checkout fetches one commit by default, so a build from a branch
 * gets a fallback version such as `0.1.dev1+g1a2b3c4`, which PyPI rejects (local versions are not allowed) or
 * which is simply wrong. A run started by a tag (a release, a tag push) has the tag on its one commit and builds
 * the right version, so workflows started only by tags, or whose uploads only run for tags, are left alone.
 */
export const shallowCheckoutDynamicVersion: Rule = {
  meta: { id: 'shallow-checkout-dynamic-version', title: 'Shallow checkout builds a version from git tags', severity: 'warning', needsProject: true },
  check({ text, workflow, project, facts }) {
    if (!project?.versionFromVcs) return [];
    const publishes = facts.publishSteps;
    if (publishes.length === 0 || onlyTagTriggers(workflow) || publishes.every(gatedToTags)) return [];
    const findings: RuleFinding[] = [];
    for (const job of workflow.jobs) {
      const builds = facts.distributionBuilds(job).filter((b) => !b.step.uses || b.step.uses.action !== 'pyo3/maturin-action');
      if (builds.length === 0 || versionGivenOtherwise(job, workflow, text)) continue;
      for (const step of job.steps) {
        if (step.index > builds[0].step.index) break;
        if (step.uses?.kind !== 'repository' || step.uses.action !== 'actions/checkout' || step.uses.path) continue;
        const repository = stringOf(step.inputs.get('repository')?.value);
        if (repository && !/github\.repository\b/.test(repository)) continue;
        const depth = step.inputs.get('fetch-depth');
        if (depth && (isExpression(depth.value) || stringOf(depth.value)?.trim() === '0')) continue;
        const edit = setStepInput(text, step, 'fetch-depth', '0');
        findings.push({
          message: `Job '${job.id}' builds ${project.name}, whose version comes from git tags, from a shallow checkout. ${
            depth ? `The checkout has depth ${stringOf(depth.value)}` : 'actions/checkout fetches one commit by default'
          }: outside a tag-triggered run, git cannot find the last tag and the build gets a fallback version like 0.1.dev1+g<sha>, which PyPI rejects. Set \`fetch-depth: 0\`.`,
          range: depth?.value ? spanOf(depth.value) : spanOf(step.uses.node),
          related: [{ range: builds[0].range, message: 'the build that reads the version' }],
          fixes: edit ? [{ title: 'Fetch the whole history (fetch-depth: 0)', edits: [edit] }] : undefined,
        });
      }
    }
    return findings;
  },
};

/** Conditions that let a step run only for a tag or a published release. */
const TAG_GATE = /startsWith\(\s*github\.ref\s*,\s*['"]refs\/tags\/?[^'"]*['"]\s*\)|contains\(\s*github\.ref\s*,\s*['"]refs\/tags['"/]|github\.event_name\s*==\s*['"]release['"]|github\.event\.action\s*==\s*['"]published['"]|github\.ref_type\s*==\s*['"]tag['"]/;

/** The upload only runs for tags (its job's or its own `if:`), whatever else starts the workflow. */
function gatedToTags(publish: PublishStep): boolean {
  return [publish.job.pair('if'), publish.step.ifPair].some((pair) => {
    const condition = stringOf(pair?.value) ?? '';
    return TAG_GATE.test(condition) && !/\|\||!\s*startsWith|!=/.test(condition);
  });
}

/** Every trigger runs on a tag: `release`, or `push` with only `tags:`. */
function onlyTagTriggers(workflow: WorkflowModel): boolean {
  if (workflow.triggers.size === 0) return false;
  for (const [event, { config }] of workflow.triggers) {
    if (event === 'release') continue;
    if (event === 'push' && pairOf(config, 'tags') && !pairOf(config, 'branches') && !pairOf(config, 'branches-ignore') && !pairOf(config, 'paths')) continue;
    return false;
  }
  return true;
}

/** The version is given by the workflow (SETUPTOOLS_SCM_PRETEND_VERSION...) or the job fetches history itself. */
function versionGivenOtherwise(job: JobModel, workflow: WorkflowModel, text: string): boolean {
  const pretend = /PRETEND_VERSION|PDM_BUILD_SCM_VERSION|POETRY_DYNAMIC_VERSIONING_BYPASS/;
  const envNames = [...pairsOf(workflow.pair('env')?.value), ...pairsOf(job.pair('env')?.value), ...job.steps.flatMap((s) => [...s.env.values()])].map((p) => String(p.key.value));
  if (envNames.some((n) => pretend.test(n))) return true;
  return job.steps.some((s) => {
    const range = s.run?.range;
    if (!range) return false;
    const source = text.slice(range[0], range[1]);
    return pretend.test(source) || /\bgit\s+(?:-C\s+\S+\s+)?(?:fetch|pull)\b[^\n]*(?:--unshallow|--tags|--depth|--deepen|--shallow-since)/.test(source);
  });
}

