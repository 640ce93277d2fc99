import { isMap, Scalar } from 'yaml';
import { indentUnit, insertIntoMap, newlineOf } from '../edits/textEdits';
import type { Fix, Rule, RuleFinding, Span, TextEdit } from '../engine/types';
import { contextPaths, eventsOf, inputSetters, isUntrusted, runsInPosixShell, shellSpotAt } from '../analysis/untrustedExpressions';
import type { JobModel, StepModel, WorkflowModel } from '../analysis/workflowModel';
import { pairsOf, stringOf } from '../analysis/yamlNodes';

/**
 * GitHub pastes `${{ }}` values into a `run:` script before the shell reads it, so a pull request title, a commit
 * message or a workflow input that contains `"; curl ... | sh; "` runs as code, in a workflow that can publish to
 * PyPI. Passed through `env:`, the same value is only data. Checked in workflows that publish.
 */
export const templateInjection: Rule = {
  meta: { id: 'template-injection', title: 'Untrusted value expanded into a run script', severity: 'warning' },
  check({ text, workflow, facts }) {
    if (facts.publishSteps.length === 0) return [];
    let known: Set<string> | undefined;
    const events = () => (known ??= eventsOf(workflow));
    const findings: RuleFinding[] = [];
    for (const job of workflow.jobs) {
      for (const step of job.steps) {
        const found = untrustedIn(text, step, events, workflow);
        if (!found) continue;
        const fix = moveToEnv(text, workflow, job, step, found);
        const byExpression = new Map<string, Occurrence[]>();
        found.forEach((o) => byExpression.set(o.expression, [...(byExpression.get(o.expression) ?? []), o]));
        for (const [expression, occurrences] of byExpression) {
          const first = occurrences[0];
          const setters = inputSetters(first.untrusted, workflow);
          findings.push({
            // A value only people who can start a manual run can set is theirs to misuse already, mostly: information.
            severity: setters && !setters.callers ? 'info' : undefined,
            message:
              `\`\${{ ${expression} }}\` can run as code in the script of ${stepName(step, job)}. ` +
              `${whoChooses(first.untrusted, setters)}: GitHub pastes it into the script before the shell runs it, so quotes or \`$(...)\` in it would run as commands in this publishing workflow. ` +
              'Pass it through the step\'s `env:` and use the variable, quoted, in the script.',
            range: first.range,
            related: occurrences.slice(1).map((o) => ({ range: o.range, message: 'the same value, again' })),
            fixes: fix ? [fix] : undefined,
          });
        }
      }
    }
    return findings;
  },
};

interface Occurrence {
  range: Span;
  /** The expression inside `${{ }}`, trimmed. */
  expression: string;
  /** The first untrusted context it reads. */
  untrusted: string;
}

/** The `${{ }}` expressions of the step's script that read an untrusted value; undefined when there are none. */
function untrustedIn(text: string, step: StepModel, events: () => Set<string>, workflow: WorkflowModel): Occurrence[] | undefined {
  if (!step.run?.range) return undefined;
  const [start, end] = step.run.range;
  const source = text.slice(start, end);
  let found: Occurrence[] | undefined;
  // Each `${{ ... }}`, up to the first `}}`; most scripts have none.
  for (let open = source.indexOf('${{'); open !== -1; ) {
    const close = source.indexOf('}}', open + 3);
    if (close === -1) break;
    const expression = source.slice(open + 3, close);
    // Only `github` and `inputs` values can be untrusted (contextPaths reads no others): not `secrets`, `steps`, `matrix`.
    const untrusted = /github|inputs/.test(expression) ? contextPaths(expression).find((path) => isUntrusted(path, events(), workflow)) : undefined;
    if (untrusted) {
      (found ??= []).push({ range: { start: start + open, end: start + close + 2 }, expression: expression.trim().replace(/\s+/g, ' '), untrusted });
    }
    open = source.indexOf('${{', close + 2);
  }
  return found;
}

function whoChooses(path: string, setters: { callers: boolean; dispatchers: boolean } | undefined): string {
  if (setters) {
    const callers = 'the workflows that call this one set it, and may pass on text from a pull request or an issue';
    const dispatchers = 'whoever starts a manual run types it (write access, or a token with actions: write), with no review of the code';
    const text = setters.callers && setters.dispatchers ? `${callers}; ${dispatchers}` : setters.callers ? callers : dispatchers;
    return text[0].toUpperCase() + text.slice(1);
  }
  if (path.startsWith('github.event.release')) return `${path} can hold outsiders' text (release notes are often generated from pull request titles)`;
  return `${path} can be chosen by someone without write access`;
}

const stepName = (step: StepModel, job: JobModel) => {
  const name = stringOf(step.node.get('name', true));
  return name ? `step '${name}' of job '${job.id}'` : `step ${step.index + 1} of job '${job.id}'`;
};

/** The environment variable for an expression: `github.event.pull_request.title` → PULL_REQUEST_TITLE. */
function variableFor(occurrence: Occurrence): string {
  if (occurrence.expression.toLowerCase() === 'github.head_ref') return 'GITHUB_HEAD_REF';
  const path = occurrence.untrusted.replace(/^github\.event\.?/, '').replace(/^github\./, '');
  const name = (path === '' ? 'event' : path).replace(/\*/g, 'any').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/**
 * One fix for the whole step: every untrusted expression of its script becomes a quoted variable, set in the step's
 * `env:`. Every finding of the step carries the same edits, so applying them all together changes the step once (the
 * env insertion replaces a line break rather than inserting at a point, so duplicates overlap and are dropped).
 */
function moveToEnv(text: string, workflow: WorkflowModel, job: JobModel, step: StepModel, found: Occurrence[]): Fix | undefined {
  const run = step.run!;
  if (run.type !== Scalar.BLOCK_LITERAL && run.type !== Scalar.BLOCK_FOLDED && run.type !== Scalar.PLAIN) return undefined;
  if (step.node.flow || !runsInPosixShell(text, workflow, job, step)) return undefined;
  const envValue = step.envPair?.value;
  if (step.envPair && !(isMap(envValue) && (envValue.items.length > 0 || envValue.flow))) return undefined;

  const existing = new Map(pairsOf(envValue).map((p) => [String(p.key.value), stringOf(p.value)?.trim()]));
  const variables = new Map<string, string>(); // expression → variable
  const added: Array<[string, string]> = [];
  for (const occurrence of found) {
    if (variables.has(occurrence.expression)) continue;
    const value = `\${{ ${occurrence.expression} }}`;
    let name = variableFor(occurrence);
    if (name !== 'GITHUB_HEAD_REF') {
      for (let n = 2; (existing.has(name) && existing.get(name) !== value) || added.some(([a]) => a === name); n++) name = `${variableFor(occurrence)}_${n}`;
      if (!existing.has(name)) added.push([name, value]);
    }
    variables.set(occurrence.expression, name);
  }

  const edits: TextEdit[] = [];
  const runStart = run.range![0];
  const script = text.slice(runStart, run.range![1]);
  for (const occurrence of found) {
    const name = variables.get(occurrence.expression)!;
    const spot = shellSpotAt(script, occurrence.range.start - runStart);
    if (spot === 'quoted-heredoc') return undefined;
    let { start, end } = occurrence.range;
    let newText = spot === 'double' || spot === 'heredoc' ? `\${${name}}` : spot === 'single' ? `'"\${${name}}"'` : `"\${${name}}"`;
    if (spot === 'single' && text[start - 1] === "'" && text[end] === "'") {
      // '${{ x }}' alone in its quotes: swap the quotes rather than closing and reopening them.
      [start, end, newText] = [start - 1, end + 1, `"\${${name}}"`];
    }
    // A plain scalar cannot start with a quote.
    if (run.type === Scalar.PLAIN && start === runStart && newText.startsWith('"')) return undefined;
    edits.push({ start, end, newText });
  }
  if (added.length > 0) edits.push(envInsertion(text, step, added));
  return { title: `Pass the untrusted values to the script of ${stepName(step, job)} through env:`, edits };
}

/** A `${{ }}` value as YAML: plain in a block map when YAML reads it back unchanged, else single-quoted. */
const yamlValue = (value: string, flow = false) => (flow || /: | #/.test(value) ? `'${value.replace(/'/g, "''")}'` : value);

function envInsertion(text: string, step: StepModel, added: Array<[string, string]>): TextEdit {
  const env = step.envPair?.value;
  const entries = added.map(([name, value]) => `${name}: ${yamlValue(value, isMap(env) && env.flow)}`);
  if (isMap(env) && env.flow && env.range) {
    const close = text.lastIndexOf('}', env.range[1] - 1);
    let from = close;
    while (from > env.range[0] && /\s/.test(text[from - 1])) from--;
    const empty = env.items.length === 0;
    return { start: empty ? env.range[0] : from, end: close + 1, newText: empty ? `{ ${entries.join(', ')} }` : `, ${entries.join(', ')} }` };
  }
  const insertion = isMap(env)
    ? insertIntoMap(text, env, entries)
    : insertIntoMap(text, step.node, ['env:', ...entries.map((e) => indentUnit(text) + e)], { after: pairsOf(step.node).find((p) => p.key.value === 'run') });
  // Take in the line break after the insertion point, so that the same insertion offered by several findings
  // overlaps itself and is applied once.
  const eol = newlineOf(text);
  if (text.startsWith(eol, insertion.start)) return { start: insertion.start, end: insertion.start + eol.length, newText: insertion.newText + eol };
  return insertion;
}
