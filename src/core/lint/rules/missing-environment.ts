import { insertJobKey } from '../edits/jobEdits';
import { environmentOf, proposedEnvironmentName, type JobEnvironment } from '../analysis/environments';
import { seenNote } from '../analysis/publishing';
import { indentUnit, lineStart } from '../edits/textEdits';
import type { Fix, Rule, RuleFinding, TextEdit } from '../engine/types';
import type { JobModel } from '../analysis/workflowModel';
import { pairOf, spanOf, stringOf, type MapPair } from '../analysis/yamlNodes';
import { later } from '../engine/fixesLater';

/**
 * PyPI recommends a dedicated GitHub environment for trusted publishing: the publisher can be bound to it, so only
 * jobs in that environment can upload, and the environment can require a reviewer's approval before each upload.
 * The OIDC token carries the environment of the job that requests it, so it must sit on the publish job itself.
 */
export const missingEnvironment: Rule = {
  meta: { id: 'missing-environment', title: 'Trusted publishing job without a GitHub environment', severity: 'warning' },
  check({ text, workflow, project, facts }) {
    const findings: RuleFinding[] = [];
    for (const { job, steps } of facts.publishJobs) {
      if (job.pair('environment')) continue;
      const trusted = steps.filter((s) => facts.trusted(s));
      if (trusted.length === 0) continue;
      const test = trusted.every((s) => s.index === 'testpypi');
      const host = test ? 'test.pypi.org' : 'pypi.org';
      const elsewhere: Array<{ job: string; environment: JobEnvironment }> = [];
      for (const other of workflow.jobs) {
        const environment = other === job ? undefined : environmentOf(other);
        if (environment) elsewhere.push({ job: other.id, environment });
      }
      const name = proposedEnvironmentName(workflow, job, test);
      const where = elsewhere.length
        ? ` Job '${elsewhere[0].job}' has an environment, but PyPI only sees the environment of the job that uploads.`
        : '';
      findings.push({
        message:
          `Job '${job.id}' uploads to ${test ? 'TestPyPI' : 'PyPI'} with trusted publishing but runs in no GitHub environment.${seenNote(trusted).replace(/^ \((.)(.*)\)$/, (_, c: string, rest: string) => ` ${c.toUpperCase()}${rest}.`)}${where} ` +
          `Give this job environment \`${name}\` and enter the same name as the publisher's "Environment name" on ${host}, so that only this job can upload and the environment can require an approval.`,
        range: spanOf(job.keyNode),
        related: [
          ...trusted.map((s) => ({ range: s.range, message: 'the trusted-publishing upload' })),
          ...elsewhere.map((e) => ({ range: spanOfEnvironment(e.environment.pair), message: `the environment of job '${e.job}'` })),
        ],
        fixes: job.node.flow ? undefined : later(runInEnvironment, text, job, name, host, project?.normalizedName),
      });
    }
    return findings;
  },
};

/** Moves an insertion made just before `steps:` above the comment lines that introduce `steps:`. */
function aboveStepsComments(text: string, edit: TextEdit): TextEdit {
  if (edit.start !== edit.end || edit.start !== lineStart(text, edit.start)) return edit;
  const indent = /^ */.exec(text.slice(edit.start))![0];
  let at = edit.start;
  while (at > 0) {
    const previous = lineStart(text, at - 1);
    if (!text.slice(previous, at).startsWith(`${indent}#`)) break;
    at = previous;
  }
  return { ...edit, start: at, end: at };
}

function spanOfEnvironment(pair: MapPair) {
  const name = pairOf(pair.value, 'name');
  const node = name && stringOf(name.value) !== undefined ? name.value : pair.value && stringOf(pair.value) !== undefined ? pair.value : pair.key;
  const range = node?.range ?? pair.key.range ?? [0, 0];
  return { start: range[0], end: range[1] };
}

function runInEnvironment(text: string, job: JobModel, name: string, host: string, project: string | undefined): Fix[] {
  const unit = indentUnit(text);
  const lines = ['environment:', `${unit}name: ${name}`, ...(project ? [`${unit}url: https://${host}/p/${project}`] : [])];
  return [{ title: `Run job '${job.id}' in GitHub environment '${name}'`, edits: [aboveStepsComments(text, insertJobKey(text, job, lines))] }];
}
