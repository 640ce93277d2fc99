import { isMap } from 'yaml';
import type { JobModel, StepModel, WorkflowModel } from './workflowModel';
import { pairOf, pairsOf, stringOf, stringsOf, valueOf } from './yamlNodes';

/**
 * Which `${{ }}` values someone without write access can choose, and how a `run:` script quotes a spot. The list is
 * GitHub Security Lab's "untrusted input" (https://securitylab.github.com/resources/github-actions-untrusted-input/)
 * plus the fields that carry the same texts in other events (release notes generated from pull request titles, the
 * triggering run of workflow_run, dispatch payloads, a reusable workflow's inputs). A field only counts when the workflow runs for an
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
  // A reusable workflow's inputs come from whichever workflow calls it, with whatever that one passes. The inputs of
  // a manual run are typed by someone with write access, who could change the workflow anyway: not counted.
  { path: 'inputs.*', events: ['workflow_call'] },
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

/** Whether a context path is (or contains) a value an outsider can choose when the workflow runs for `events`. */
export function isUntrusted(path: string, events: Set<string>, workflow: WorkflowModel): boolean {
  const parts = path.split('.');
  return UNTRUSTED.some((entry) => {
    if (!entry.events.some((e) => events.has(e)) && !events.has('workflow_call')) return false;
    const pattern = entry.path.split('.');
    const anyDepth = pattern.at(-1) === '**';
    const fixed = anyDepth ? pattern.slice(0, -1) : pattern;
    if (parts.length > fixed.length && !anyDepth) return false;
    const shared = Math.min(parts.length, fixed.length);
    for (let i = 0; i < shared; i++) if (fixed[i] !== '*' && parts[i] !== '*' && fixed[i] !== parts[i]) return false;
    if (entry.path === 'inputs.*' && parts.length === fixed.length) return !inputIsSafe(workflow, parts.at(-1)!);
    return true;
  });
}

/** An input every declaration of which has a type that cannot hold shell syntax. */
function inputIsSafe(workflow: WorkflowModel, name: string): boolean {
  const types = ['workflow_call'].flatMap((event) => {
    const input = pairsOf(valueOf(workflow.triggers.get(event)?.config, 'inputs')).find((p) => String(p.key.value).toLowerCase() === name);
    return input ? [stringOf(valueOf(input.value, 'type')) ?? 'string'] : [];
  });
  return types.length > 0 && types.every((t) => SAFE_INPUT_TYPES.has(t));
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
