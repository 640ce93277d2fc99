import { isMap } from 'yaml';
import type { JobModel, StepModel, WorkflowModel } from './workflowModel';
import { pairOf, pairsOf, stringOf, stringsOf, valueOf } from './yamlNodes';

/**
 * Which `${{ }}` values someone without write access can choose, and how a `run:` script quotes a spot. The list is
 * GitHub Security Lab's "untrusted input" (https://securitylab.github.com/resources/github-actions-untrusted-input/)
 * plus the fields that carry the same texts in other events (release notes generated from pull request titles, the
 * triggering run of workflow_run, dispatch payloads, and workflow inputs: see inputSetters). A field only counts when the workflow runs for an
 * event that has it: `github.event.issue.title` in a release workflow is always empty.
 */
const PR_EVENTS = ['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment'];
const UNTRUSTED: Array<{ path: string; events: string[] }> = [
  { path: 'github.head_ref', events: PR_EVENTS },
  ...['title', 'body', 'head.ref', 'head.label', 'head.repo.default_branch', 'head.repo.description', 'head.repo.homepage'].map((f) => ({
    path: `github.event.pull_request.${f}`,
    events: PR_EVENTS,
  })),
  { path: 'github.event.issue.title', events: ['issues', 'issue_comment'] },
  { path: 'github.event.issue.body', events: ['issues', 'issue_comment'] },
  { path: 'github.event.comment.body', events: ['issue_comment', 'pull_request_review_comment', 'commit_comment', 'discussion_comment'] },
  { path: 'github.event.review.body', events: ['pull_request_review'] },
  { path: 'github.event.discussion.title', events: ['discussion', 'discussion_comment'] },
  { path: 'github.event.discussion.body', events: ['discussion', 'discussion_comment'] },
  { path: 'github.event.pages.*.page_name', events: ['gollum'] },
  ...['message', 'author.email', 'author.name', 'committer.email', 'committer.name'].flatMap((f) => [
    { path: `github.event.commits.*.${f}`, events: ['push'] },
    { path: `github.event.head_commit.${f}`, events: ['push'] },
    { path: `github.event.merge_group.head_commit.${f}`, events: ['merge_group'] },
    { path: `github.event.workflow_run.head_commit.${f}`, events: ['workflow_run'] },
  ]),
  { path: 'github.event.release.name', events: ['release'] },
  { path: 'github.event.release.body', events: ['release'] },
  { path: 'github.event.workflow_run.head_branch', events: ['workflow_run'] },
  { path: 'github.event.workflow_run.display_title', events: ['workflow_run'] },
  { path: 'github.event.workflow_run.pull_requests.*.head.ref', events: ['workflow_run'] },
  { path: 'github.event.client_payload.**', events: ['repository_dispatch'] },
  // Workflow inputs (`inputs.*`, `github.event.inputs.*`) are read by inputSetters: who can set them decides.
];

/** Input types whose values cannot carry shell syntax (GitHub checks booleans and numbers). */
const SAFE_INPUT_TYPES = new Set(['boolean', 'number', 'choice', 'environment']);

/** The context paths named in an expression (`github.event['issue'].title` → `github.event.issue.title`). */
export function contextPaths(expression: string): string[] {
  const withoutStrings = expression.replace(/'(?:[^']|'')*'/g, (s) => (/^'[\w-]+'$/.test(s) ? s : "''"));
  const paths: string[] = [];
  for (const match of withoutStrings.matchAll(/(?<![\w.'-])(github|inputs)((?:\s*\.\s*(?:[A-Za-z_][\w-]*|\*)|\s*\[\s*(?:'[\w-]+'|\d+|\*)\s*\])*)/g)) {
    const rest = match[2].replace(/\s+/g, '').replace(/\['([\w-]+)'\]/g, '.$1').replace(/\[(\d+|\*)\]/g, '.*');
    paths.push((match[1] + rest).toLowerCase());
  }
  return paths;
}

/** UNTRUSTED's paths split once: `fixed` parts, and whether the path ends in `**` (any depth below). */
const UNTRUSTED_PATTERNS = UNTRUSTED.map(({ path, events }) => {
  const pattern = path.split('.');
  const anyDepth = pattern.at(-1) === '**';
  return { events, fixed: anyDepth ? pattern.slice(0, -1) : pattern, anyDepth };
});

/** Whether a context path is (or contains) a value an outsider can choose when the workflow runs for `events`. */
export function isUntrusted(path: string, events: Set<string>, workflow: WorkflowModel): boolean {
  if (/^(?:inputs|github\.event\.inputs)(?:\.|$)/.test(path)) return inputSetters(path, workflow) !== undefined;
  const parts = path.split('.');
  return UNTRUSTED_PATTERNS.some(({ events: on, fixed, anyDepth }) => {
    if (!on.some((e) => events.has(e)) && !events.has('workflow_call')) return false;
    if (parts.length > fixed.length && !anyDepth) return false;
    const shared = Math.min(parts.length, fixed.length);
    for (let i = 0; i < shared; i++) if (fixed[i] !== '*' && parts[i] !== '*' && fixed[i] !== parts[i]) return false;
    return true;
  });
}

/**
 * Who can set a workflow input that an expression reads (`inputs.<name>`, `github.event.inputs.<name>`, or the whole
 * `inputs` object), or undefined when the path is not an input or no one can put shell syntax in it:
 * - `callers`: the workflows that call this one (`on: workflow_call`). Those are the repository's own workflows, or
 *   other repositories' when the file is public (then in their own runs, with their own credentials); either may pass
 *   on text from a pull request or an issue.
 * - `dispatchers`: whoever starts a manual run (`on: workflow_dispatch`): people with write access, or a token with
 *   `actions: write`. `github.event.inputs` only exists for a manual run (of this workflow, or of the one calling it).
 * Inputs of a type that cannot hold shell syntax (boolean, number, choice, environment) are set by no one here.
 */
export function inputSetters(path: string, workflow: WorkflowModel): { callers: boolean; dispatchers: boolean } | undefined {
  const parts = path.split('.');
  const fromEvent = parts[0] === 'github' && parts[1] === 'event' && parts[2] === 'inputs';
  if (!fromEvent && parts[0] !== 'inputs') return undefined;
  const name = fromEvent ? parts[3] : parts[1];
  const declared = (event: string) => {
    const inputs = pairsOf(valueOf(workflow.triggers.get(event)?.config, 'inputs'));
    const chosen = name && name !== '*' ? inputs.filter((p) => String(p.key.value).toLowerCase() === name) : inputs;
    return chosen.map((p) => stringOf(valueOf(p.value, 'type')) ?? 'string');
  };
  const unsafe = (types: string[]) => types.some((t) => !SAFE_INPUT_TYPES.has(t));
  const called = workflow.triggers.has('workflow_call');
  const dispatched = workflow.triggers.has('workflow_dispatch');
  let callers = false;
  let dispatchers = false;
  if (fromEvent) {
    // This workflow's own manual runs (declared types known), or a calling workflow's (types unknown here).
    dispatchers = (dispatched && (unsafe(declared('workflow_dispatch')) || declared('workflow_dispatch').length === 0)) || called;
  } else {
    callers = called && unsafe(declared('workflow_call'));
    dispatchers = dispatched && unsafe(declared('workflow_dispatch'));
  }
  return callers || dispatchers ? { callers, dispatchers } : undefined;
}

/** The events a workflow runs for (a reusable workflow runs for whatever event its caller had). */
export function eventsOf(workflow: WorkflowModel): Set<string> {
  return new Set(workflow.triggers.keys());
}

export type ShellSpot = 'unquoted' | 'single' | 'double' | 'heredoc' | 'quoted-heredoc';

/**
 * How a POSIX shell quotes the spot at `offset` of a script: outside quotes, inside '...', inside "...", or in a
 * here-document (whose delimiter may be quoted, which turns expansion off). `${{ }}` spans are skipped as GitHub
 * replaces them before the shell reads the script.
 */
export function shellSpotAt(script: string, offset: number): ShellSpot {
  let state: ShellSpot = 'unquoted';
  let heredoc: { word: string; quoted: boolean } | undefined;
  let pending: { word: string; quoted: boolean } | undefined;
  let i = 0;
  while (i < offset) {
    if (script.startsWith('${{', i)) {
      const close = script.indexOf('}}', i + 3);
      i = close === -1 ? offset : close + 2;
      continue;
    }
    const ch = script[i];
    if (state === 'heredoc' || state === 'quoted-heredoc') {
      if (ch === '\n') {
        const lineEnd = script.indexOf('\n', i + 1);
        const line = script.slice(i + 1, lineEnd === -1 ? undefined : lineEnd);
        if (line.trim() === heredoc!.word && (lineEnd === -1 ? script.length : lineEnd) <= offset) {
          state = 'unquoted';
          heredoc = undefined;
          i = lineEnd === -1 ? script.length : lineEnd;
          continue;
        }
      }
      i++;
      continue;
    }
    if (state === 'single') {
      if (ch === "'") state = 'unquoted';
      i++;
    } else if (state === 'double') {
      if (ch === '\\') i += 2;
      else {
        if (ch === '"') state = 'unquoted';
        i++;
      }
    } else if (ch === '\\') {
      i += 2;
    } else if (ch === "'") {
      state = 'single';
      i++;
    } else if (ch === '"') {
      state = 'double';
      i++;
    } else if (ch === '#' && (i === 0 || /\s/.test(script[i - 1]))) {
      const end = script.indexOf('\n', i);
      i = end === -1 || end > offset ? offset : end;
    } else if (ch === '<' && script[i + 1] === '<' && script[i + 2] !== '<') {
      const match = /^<<-?\s*(['"]?)([\w.-]+)\1/.exec(script.slice(i));
      if (match) {
        pending = { word: match[2], quoted: match[1] !== '' };
        i += match[0].length;
      } else {
        i += 2;
      }
    } else if (ch === '\n' && pending) {
      heredoc = pending;
      pending = undefined;
      state = heredoc.quoted ? 'quoted-heredoc' : 'heredoc';
      i++;
    } else {
      i++;
    }
  }
  return state;
}

/** Whether a step's `run:` is read by bash or sh (step `shell:`, then job and workflow `defaults.run.shell`, then the runner). */
export function runsInPosixShell(text: string, workflow: WorkflowModel, job: JobModel, step: StepModel): boolean {
  const declared =
    stringOf(pairOf(step.node, 'shell')?.value) ??
    stringOf(valueOf(valueOf(job.pair('defaults')?.value, 'run'), 'shell')) ??
    stringOf(valueOf(valueOf(workflow.pair('defaults')?.value, 'run'), 'shell'));
  if (declared !== undefined) return /^(bash|sh)(\s|$)/.test(declared.trim());
  const runsOn = job.pair('runs-on')?.value;
  const labels = stringsOf(isMap(runsOn) ? valueOf(runsOn, 'labels') : runsOn);
  if (labels.length === 0) return false;
  // A runner chosen by an expression (a matrix) may be Windows, where the default shell is PowerShell.
  const strategy = job.pair('strategy')?.value;
  const matrixText = strategy?.range ? text.slice(strategy.range[0], strategy.range[1]) : '';
  return labels.every((l) => !/windows/i.test(l)) && (!labels.some((l) => l.includes('${{')) || !/windows/i.test(matrixText));
}
