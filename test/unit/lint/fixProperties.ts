import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument, Parser } from 'yaml';
import { applyEdits, editsOverlap, fixAll, fixAllEdits, fixesWithFollowUps, ignoreFix, lintWorkflow, SAFE_FIX_RULES, sameFinding, type Finding, type Fix, type LintOptions, type TextEdit } from '../../../src/core/lint';
import { loadFixtures } from './fixtures';

/**
 * The properties every quick fix must have, checked on real workflows and on variants generated from them: the fixed
 * file parses, the finding is gone, the fix offered again changes nothing, comments and line endings it did not touch
 * stay, "Fix all" reaches a fixed point, and no finding points outside the text.
 */

export interface Sample {
  name: string;
  text: string;
  options: LintOptions;
}

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');

/** The reviewed corpus, the real workflows and the rule fixtures (with their project and network facts). */
export function corpusSamples(): Sample[] {
  const read = (dir: string): Sample[] =>
    readdirSync(path.join(FIXTURES, dir))
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => ({ name: `${dir}/${f}`, text: readFileSync(path.join(FIXTURES, dir, f), 'utf8'), options: {} }));
  const fixtures = loadFixtures().map((f) => ({ name: `lint/${f.ruleId}/${f.name}`, text: f.text, options: f.options }));
  return [...read('corpus/workflows'), ...read('real-workflows'), ...fixtures];
}

// ---------------------------------------------------------------------------------------------------------------
// Mutations: each takes the text and a choice (any non-negative integer) and returns a variant, or undefined when it
// does not apply. They work on lines, in the file's own indentation, as a person editing the file would.

type Mutation = (text: string, choice: number) => string | undefined;

const linesOf = (text: string) => text.split('\n');
const pick = <T>(items: T[], choice: number): T | undefined => (items.length ? items[choice % items.length] : undefined);
const indexes = (lines: string[], test: (line: string, i: number) => boolean) => lines.flatMap((l, i) => (test(l, i) ? [i] : []));
const indentOf = (line: string) => /^ */.exec(line)![0].length;
/** The lines below `i` that are more indented than it (its block), blank lines included. */
function blockEnd(lines: string[], i: number): number {
  let end = i + 1;
  while (end < lines.length && (lines[end].trim() === '' || indentOf(lines[end]) > indentOf(lines[i]))) end++;
  while (end > i + 1 && lines[end - 1].trim() === '') end--;
  return end;
}
/** The `steps:` lines of jobs (where a job-level key can go before). */
const stepsLines = (lines: string[]) => indexes(lines, (l) => /^ {2,}steps:\s*$/.test(l.replace(/\r$/, '')));

export const MUTATIONS: Record<string, Mutation> = {
  /** `permissions:` of a job left empty (its scopes deleted), or added empty before `steps:`. */
  emptyPermissions(text, choice) {
    const lines = linesOf(text);
    const blocks = indexes(lines, (l) => /^ {2,}permissions:\s*\r?$/.test(l));
    const at = pick(blocks, choice);
    if (at !== undefined) return [...lines.slice(0, at + 1), ...lines.slice(blockEnd(lines, at))].join('\n');
    const steps = pick(stepsLines(lines), choice);
    if (steps === undefined) return undefined;
    lines.splice(steps, 0, `${' '.repeat(indentOf(lines[steps]))}permissions:${lines[steps].endsWith('\r') ? '\r' : ''}`);
    return lines.join('\n');
  },
  /** `id-token: write` lowered to `read` or `none`. */
  idTokenLevel(text, choice) {
    const lines = linesOf(text);
    const at = pick(indexes(lines, (l) => /id-token: write/.test(l)), choice);
    if (at === undefined) return undefined;
    lines[at] = lines[at].replace('id-token: write', choice % 2 ? 'id-token: read' : 'id-token: none');
    return lines.join('\n');
  },
  /** `needs:` of a job emptied, or added empty before `steps:`. */
  emptyNeeds(text, choice) {
    const lines = linesOf(text);
    const at = pick(indexes(lines, (l) => /^ {2,}needs:/.test(l)), choice);
    const cr = (l: string) => (l.endsWith('\r') ? '\r' : '');
    if (at !== undefined) {
      const end = blockEnd(lines, at);
      return [...lines.slice(0, at), `${' '.repeat(indentOf(lines[at]))}needs:${cr(lines[at])}`, ...lines.slice(end)].join('\n');
    }
    const steps = pick(stepsLines(lines), choice);
    if (steps === undefined) return undefined;
    lines.splice(steps, 0, `${' '.repeat(indentOf(lines[steps]))}needs:${cr(lines[steps])}`);
    return lines.join('\n');
  },
  /** Every indentation doubled (two spaces become four; `- ` items keep their content in the doubled column). */
  reindent(text) {
    return text.replace(/^( *)((?:- )*)/gm, (_, spaces: string, dashes: string) => spaces + spaces + dashes.replace(/- /g, '-   '));
  },
  /** A block map of simple scalars (`permissions:`, `with:`, `env:`) written as a flow map. */
  flowMap(text, choice) {
    const lines = linesOf(text);
    const candidates = indexes(lines, (l, i) => {
      if (!/^ +(- )?(permissions|with|env):\s*\r?$/.test(l)) return false;
      const end = blockEnd(lines, i);
      const body = lines.slice(i + 1, end);
      return body.length > 0 && body.every((b) => /^ +[\w-]+: [\w./-]+\r?$/.test(b) && indentOf(b) === indentOf(body[0]));
    });
    const at = pick(candidates, choice);
    if (at === undefined) return undefined;
    const end = blockEnd(lines, at);
    const cr = lines[at].endsWith('\r') ? '\r' : '';
    const entries = lines.slice(at + 1, end).map((b) => b.trim());
    return [...lines.slice(0, at), `${lines[at].replace(/\s*$/, '')} { ${entries.join(', ')} }${cr}`, ...lines.slice(end)].join('\n');
  },
  /** A comment after a plain scalar value. */
  commentAfterValue(text, choice) {
    const lines = linesOf(text);
    const at = pick(indexes(lines, (l) => /^ *(- )?[\w-]+: [^\s#|>'"{}[\]&*!%@`][^#'"{}[\]]*?\r?$/.test(l) && !/\$\{\{/.test(l)), choice);
    if (at === undefined) return undefined;
    lines[at] = lines[at].replace(/(\r?)$/, '  # note$1');
    return lines.join('\n');
  },
  /** A one-line `run:` written as a literal (`|`) or folded (`>-`) block scalar. */
  blockRun(text, choice) {
    const lines = linesOf(text);
    const at = pick(indexes(lines, (l) => /^ *(- )?run: [^|>'"\s#]/.test(l) && !/ #/.test(l)), choice);
    if (at === undefined) return undefined;
    const match = /^( *(?:- )?)run: (.*?)(\r?)$/.exec(lines[at])!;
    const indent = ' '.repeat(match[1].length + 2);
    lines.splice(at, 1, `${match[1]}run: ${choice % 2 ? '|' : '>-'}${match[3]}`, `${indent}${match[2]}${match[3]}`);
    return lines.join('\n');
  },
  /** A plain scalar value with a space in it continued on a second, more indented line. */
  multiLinePlain(text, choice) {
    const lines = linesOf(text);
    const at = pick(indexes(lines, (l) => /^ *(- )?[\w-]+: [^\s#|>'"{}[\]&*!%@`,?:-][^#'"{}[\]:]* [^#'"{}[\]:]*?\r?$/.test(l) && !/ #/.test(l)), choice);
    if (at === undefined) return undefined;
    const match = /^( *(?:- )?)([\w-]+): (\S+) (.*?)(\r?)$/.exec(lines[at]);
    if (!match) return undefined;
    lines.splice(at, 1, `${match[1]}${match[2]}: ${match[3]}${match[5]}`, `${' '.repeat(match[1].length + 2)}${match[4]}${match[5]}`);
    return lines.join('\n');
  },
  /** An `if:` that is not an expression GitHub can read, on a job (added or replacing its condition). */
  invalidIf(text, choice) {
    const lines = linesOf(text);
    const bad = ["${{ github.ref == }}", "release ${{ github.ref }}", "github.event_name == 'push' &&", "${{ a }} && ${{ b }}"][choice % 4];
    const existing = pick(indexes(lines, (l) => /^ {4}if: /.test(l) && !/[|>]\s*\r?$/.test(l)), choice);
    const cr = (l: string) => (l.endsWith('\r') ? '\r' : '');
    const value = /^[$']/.test(bad) || bad.startsWith('release') ? bad : `"${bad}"`;
    if (existing !== undefined && choice % 3 === 0) {
      lines[existing] = `    if: ${value}${cr(lines[existing])}`;
      return lines.join('\n');
    }
    const steps = pick(stepsLines(lines), choice);
    if (steps === undefined) return undefined;
    lines.splice(steps, 0, `${' '.repeat(indentOf(lines[steps]))}if: ${value}${cr(lines[steps])}`);
    let job = steps - 1;
    while (job > 0 && (lines[job].trim() === '' || indentOf(lines[job]) >= indentOf(lines[steps]))) job--;
    // Only where the job has no `if:` of its own yet (a second one is a duplicate key).
    const jobLines = lines.slice(job + 1, blockEnd(lines, job));
    if (jobLines.filter((l) => new RegExp(`^ {${indentOf(lines[steps])}}if:`).test(l)).length > 1) return undefined;
    return lines.join('\n');
  },
  /** A comment line above a line, in its indentation. */
  commentLine(text, choice) {
    const lines = linesOf(text);
    const at = pick(indexes(lines, (l) => l.trim() !== ''), choice);
    if (at === undefined) return undefined;
    lines.splice(at, 0, `${' '.repeat(indentOf(lines[at]))}# a comment${lines[at].endsWith('\r') ? '\r' : ''}`);
    return lines.join('\n');
  },
};

export const toCrlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

// ---------------------------------------------------------------------------------------------------------------
// The properties.

interface Comment {
  offset: number;
  source: string;
}

/** Every comment of a YAML text with its offset, as the parser reads it (a `#` inside a scalar is not one). */
export function commentsOf(text: string): Comment[] {
  const found: Comment[] = [];
  const walk = (value: unknown, seen: Set<unknown>) => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    const token = value as { type?: string; offset?: number; source?: string };
    if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') found.push({ offset: token.offset, source: token.source });
    for (const child of Object.values(value)) walk(child, seen);
  };
  const seen = new Set<unknown>();
  for (const token of new Parser().parse(text)) walk(token, seen);
  return found.sort((a, b) => a.offset - b.offset);
}

/** Where an offset of the text before the edits is after them; undefined when an edit replaces it. */
function mapOffset(edits: TextEdit[], offset: number, length = 1): number | undefined {
  let shift = 0;
  for (const e of edits) {
    if (e.start < offset + length && offset < e.end) return undefined;
    if (e.start === e.end && offset < e.start && e.start < offset + length) return undefined;
    if (e.end <= offset) shift += e.newText.length - (e.end - e.start);
  }
  return offset + shift;
}

const parses = (text: string) => parseDocument(text, { uniqueKeys: false }).errors.length === 0;

/**
 * A fix may leave work for another rule only when its title (as the editor offers it) names that rule; these fixes
 * must not leave work for these rules at all.
 */
const NEVER_OPENS: Array<{ rule: string; opens: string }> = [
  { rule: 'sunset-action-ref', opens: 'unpinned-action' },
  { rule: 'outdated-publish-action', opens: 'unpinned-action' },
  { rule: 'token-publishing', opens: 'missing-environment' },
  { rule: 'token-publishing', opens: 'publisher-drift' },
];

export interface Violation {
  sample: string;
  what: string;
}

function checkRanges(name: string, text: string, findings: Finding[], out: Violation[], when: string) {
  for (const f of findings) {
    const ranges = [f.range, ...(f.related ?? []).map((r) => r.range)];
    if (ranges.some((r) => !(0 <= r.start && r.start <= r.end && r.end <= text.length))) {
      out.push({ sample: name, what: `${when}: ${f.ruleId} has a range outside the text (${JSON.stringify(f.range)}, length ${text.length})` });
    }
  }
}

/** Checks one fix (a quick fix or the ignore comment) of one finding; returns what went wrong. */
function checkFix(sample: Sample, findings: Finding[], finding: Finding, fix: Fix, ignore: boolean, out: Violation[], check: (text: string) => Finding[]) {
  const { text, name } = sample;
  const label = `${finding.ruleId} "${fix.title}"`;
  const fail = (what: string) => out.push({ sample: name, what: `${label}: ${what}` });
  const sorted = [...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
  if (fix.edits.length === 0) return fail('has no edits');
  for (const e of sorted) if (!(0 <= e.start && e.start <= e.end && e.end <= text.length)) return fail(`edit outside the text ${JSON.stringify(e)}`);
  for (let i = 1; i < sorted.length; i++) if (editsOverlap(sorted[i - 1], sorted[i])) return fail(`overlapping edits ${JSON.stringify(sorted.slice(i - 1, i + 1))}`);
  const crlf = /\r\n/.test(text) && !/(^|[^\r])\n/.test(text);
  const lf = !text.includes('\r');
  for (const e of sorted) {
    if (crlf && /(^|[^\r])\n/.test(e.newText)) return fail(`writes a bare LF into a CRLF file: ${JSON.stringify(e.newText)}`);
    if (lf && e.newText.includes('\r')) return fail(`writes a CR into an LF file: ${JSON.stringify(e.newText)}`);
  }
  const fixed = applyEdits(text, sorted);
  if (fixed === text) return fail('changes nothing');
  if (!parses(fixed)) return fail(`the result does not parse:\n${excerpt(fixed, sorted)}`);
  const after = check(fixed);
  checkRanges(name, fixed, after, out, `after ${label}`);
  const remaining = after.filter((f) => sameFinding(sorted, finding, f));
  if (remaining.length > 0) return fail(`the finding is still there: ${remaining[0].message.slice(0, 160)}\n${excerpt(fixed, sorted)}`);
  // Offered and applied again: nothing changes (the same fix of a finding of the same rule where the edits were).
  for (const again of after.filter((f) => f.ruleId === finding.ruleId && sorted.some((e) => sameFinding(sorted, { ...finding, range: { start: e.start, end: e.end } }, f)))) {
    const same = again.fixes?.find((f) => f.title === fix.title);
    if (same && applyEdits(fixed, same.edits) !== fixed) return fail(`applied again, it changes the file again:\n${excerpt(fixed, sorted)}`);
  }
  // Comments and line endings outside the edits stay.
  // (A comment may end up inside a longer one: `@sha # v1.2.3 # the user's words`.)
  const comments = commentsOf(fixed);
  for (const c of commentsOf(text)) {
    const to = mapOffset(sorted, c.offset, c.source.length);
    if (to === undefined) continue;
    const inside = comments.some((d) => d.offset <= to && to + c.source.length <= d.offset + d.source.length);
    if (fixed.slice(to, to + c.source.length) !== c.source || !inside) return fail(`comment ${JSON.stringify(c.source)} lost or no longer a comment`);
  }
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    const cr = i > 0 && text[i - 1] === '\r';
    const to = mapOffset(sorted, cr ? i - 1 : i, cr ? 2 : 1);
    if (to !== undefined && fixed.slice(to, to + (cr ? 2 : 1)) !== (cr ? '\r\n' : '\n')) return fail(`line ending at ${i} changed`);
  }
  // Work left for another rule: only when the title says so. An ignore comment changes nothing else.
  for (const f of after) {
    if (findings.some((b) => sameFinding(sorted, b, f))) continue;
    if (ignore) return fail(`makes ${f.ruleId} appear: ${f.message}`);
    if (NEVER_OPENS.some((n) => n.rule === finding.ruleId && n.opens === f.ruleId)) return fail(`opens a new ${f.ruleId} finding, which it must not: ${f.message.slice(0, 160)}\n${excerpt(fixed, sorted)}`);
    if (new RegExp(`\\(leaves [\\w, -]*\\b${f.ruleId}\\b[\\w, -]* to fix next\\)$`).test(fix.title) || /a new major: check/.test(fix.title)) continue;
    return fail(`opens a new ${f.ruleId} finding: ${f.message.slice(0, 160)}\n${excerpt(fixed, sorted)}`);
  }
  return undefined;
}

function excerpt(text: string, edits: TextEdit[]): string {
  const start = text.lastIndexOf('\n', Math.max(0, edits[0].start - 120)) + 1;
  return text.slice(start, Math.min(text.length, edits.at(-1)!.end + 200));
}

/** Every property on one text. */
export function checkSample(sample: Sample, stats = { fixes: 0, ignores: 0 }): Violation[] {
  const out: Violation[] = [];
  const { text, options, name } = sample;
  // Each fixed text is checked once, whether for the title of the fix or for its properties.
  const cache = new Map<string, Finding[]>();
  const check = (t: string) => cache.get(t) ?? (cache.set(t, lintWorkflow(t, options).findings), cache.get(t)!);
  const findings = check(text);
  checkRanges(name, text, findings, out, 'as written');
  if (!parses(text)) return out;
  for (const finding of findings) {
    for (const fix of fixesWithFollowUps(text, options, findings, finding, check)) {
      stats.fixes++;
      checkFix(sample, findings, finding, fix, false, out, check);
    }
    const ignore = ignoreFix(text, finding);
    if (ignore) {
      stats.ignores++;
      checkFix(sample, findings, finding, ignore, true, out, check);
    }
  }
  // Fix all: one round (as the editor applies it) leaves only what it held back for overlapping, and the whole run
  // reaches a fixed point.
  const round = fixAllEdits(findings);
  const afterRound = applyEdits(text, round);
  for (const left of check(afterRound).filter((f) => SAFE_FIX_RULES.has(f.ruleId) && f.fixes?.length)) {
    const heldBack = findings.some((f) => sameFinding(round, f, left) && !(f.fixes?.[0]?.edits ?? []).every((e) => round.includes(e)));
    if (!heldBack) out.push({ sample: name, what: `fix all: ${left.ruleId} is left after one round: ${left.message.slice(0, 160)}` });
  }
  const once = fixAll(text, options);
  if (!parses(once.text)) out.push({ sample: name, what: `fix all: the result does not parse (${once.applied.join(', ')})` });
  const twice = fixAll(once.text, options);
  if (twice.text !== once.text) out.push({ sample: name, what: `fix all: no fixed point, a second run applies ${twice.applied.join(', ')}` });
  return out;
}
