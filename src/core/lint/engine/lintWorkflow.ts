import { analyzeWorkflow } from '../analysis/facts';
import { FixesLater } from './fixesLater';
import { MAX_CHECKED_LENGTH } from './limits';
import { RULES } from './registry';
import { isSuppressed, multiLineScalars, suppressedRules } from './suppression';
import type { Finding, Fix, LintContext, LintOptions, LintResult, RuleFinding, Severity } from './types';
import { parseWorkflow } from '../analysis/workflowModel';

export const YAML_SYNTAX = {
  id: 'yaml-syntax',
  title: 'The workflow is not valid YAML',
  severity: 'error',
} as const;

export { MAX_CHECKED_LENGTH };

/**
 * Checks one workflow file: parses it once (keeping source ranges), runs every enabled rule over the same model,
 * applies severity settings and suppression comments, and returns the findings in source order.
 */
export function lintWorkflow(text: string, options: LintOptions = {}): LintResult {
  const { document, lines, workflow } = parseWorkflow(text);
  const setting = (id: string) => options.rules?.[id];
  const tooLarge = text.length > MAX_CHECKED_LENGTH;

  if (document.errors.length > 0) {
    if (setting(YAML_SYNTAX.id) === 'off') return { findings: [] };
    const findings = document.errors.map((error) => ({
      ruleId: YAML_SYNTAX.id,
      severity: setting(YAML_SYNTAX.id) ?? YAML_SYNTAX.severity,
      message: `Not valid YAML: ${error.message.split('\n')[0].replace(/[\s.:]+$/, '')}. GitHub will not run this workflow until it parses.`,
      range: syntaxRange(text, error.pos),
    })) as Finding[];
    return { findings };
  }
  if (tooLarge) {
    // Real workflows are a few kilobytes; this one is generated or hostile. Its syntax was checked above, the rest
    // would cost the editor time for nothing a person would read.
    if (setting(YAML_SYNTAX.id) === 'off') return { findings: [] };
    const firstLine = text.indexOf('\n');
    return {
      findings: [
        {
          ruleId: YAML_SYNTAX.id,
          severity: 'info',
          message: `Only the YAML syntax of this workflow was checked: it is ${(text.length / (1024 * 1024)).toFixed(1)} MB, and the checks stop at ${MAX_CHECKED_LENGTH / (1024 * 1024)} MB.`,
          range: { start: 0, end: Math.max(1, firstLine === -1 ? text.length : firstLine) },
        },
      ],
    };
  }

  const context: LintContext = {
    text,
    document,
    lines,
    workflow: workflow!,
    facts: analyzeWorkflow(workflow!, text),
    project: options.project,
    location: options.location,
    published: options.published,
    environments: options.environments,
  };
  const suppressed = suppressedRules(text);
  const scalars = suppressed.size > 0 ? multiLineScalars(document, text) : [];
  const lineOf = (offset: number) => lines.linePos(offset).line - 1;
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const { id, severity, needsProject, needsPublished } = rule.meta;
    const configured = setting(id);
    if (configured === 'off' || (needsProject && !options.project) || (needsPublished && !options.published?.length)) continue;
    const found = rule.check(context);
    for (let i = 0; i < found.length; i++) {
      const finding = toFinding(id, configured, severity, found[i]);
      if (suppressed.size === 0 || !isSuppressed(finding, suppressed, lineOf, scalars)) findings.push(finding);
    }
  }
  findings.sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
  return { findings };
}

/**
 * What a rule found, as the engine reports it: the rule's id and the severity that applies, messages with long
 * quotes cut. Built field by field (every finding of every check passes here, so no object rest or spread).
 */
function toFinding(ruleId: string, configured: Severity | undefined, ruleSeverity: Severity, found: RuleFinding): Finding {
  const finding: Finding = {
    ruleId,
    severity: configured ?? found.severity ?? ruleSeverity,
    message: capQuotes(found.message),
    range: found.range,
  };
  if (found.links !== undefined) finding.links = found.links;
  if (found.related !== undefined) finding.related = found.related.map((r) => (quotesLongPiece(r.message) ? { ...r, message: capQuotes(r.message) } : r));
  const fixes = found.fixes;
  if (fixes instanceof FixesLater) lazyFixes(finding, fixes);
  else if (fixes !== undefined) finding.fixes = fixes;
  return finding;
}

/** Where a finding keeps its fixes until they are read: a FixesLater, then what it made. */
const PENDING = Symbol('fixes');
type Pending = Finding & { [PENDING]: FixesLater | { made: Fix[] | undefined } };

/**
 * `fixes` built on first read and kept. An enumerable property, so reports and JSON see it like any other; its
 * getter and setter are shared by every finding, and what they read is held in a non-enumerable slot, so that no
 * closure is made per finding (see fixesLater.ts).
 */
const FIXES_ON_READ: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: Pending) {
    const pending = this[PENDING];
    if (!(pending instanceof FixesLater)) return pending.made;
    const made = pending.make();
    this[PENDING] = { made };
    return made;
  },
  set(this: Pending, fixes: Fix[] | undefined) {
    this[PENDING] = { made: fixes };
  },
};

function lazyFixes(finding: Finding, later: FixesLater): void {
  Object.defineProperty(finding, PENDING, { value: later, writable: true });
  Object.defineProperty(finding, 'fixes', FIXES_ON_READ);
}

/** A non-empty span inside the text (the parser's position can be one past its end, at an unexpected end of file). */
function syntaxRange(text: string, [from, to]: [number, number]): { start: number; end: number } {
  const start = Math.max(0, Math.min(from, text.length - 1));
  return { start, end: Math.min(text.length, Math.max(to, start + 1)) };
}

/** Longest piece of the workflow's own text quoted in a message. */
export const MAX_QUOTED_LENGTH = 120;
/**
 * Whether capQuotes would cut anything: a quoted piece, as its pattern reads them, longer than MAX_QUOTED_LENGTH.
 * Every finding's message comes here and almost none quotes that much, so the pieces are found the pattern's way
 * (pairs read from the left; a backtick pair, or a single-quote pair opening after a non-word character and closing
 * before one, on one line) by jumping from mark to mark, and the pattern only runs on a message that needs it.
 */
function quotesLongPiece(message: string): boolean {
  if (message.length <= MAX_QUOTED_LENGTH + 2) return false;
  const lines = message.includes('\n');
  // The next backtick and the next single quote at or after `from`, each searched again only once passed.
  let backtick = message.indexOf('`');
  let quote = message.indexOf("'");
  for (let from = 0; ; ) {
    if (backtick !== -1 && backtick < from) backtick = message.indexOf('`', from);
    if (quote !== -1 && quote < from) quote = message.indexOf("'", from);
    const at = backtick === -1 ? quote : quote === -1 ? backtick : Math.min(backtick, quote);
    if (at === -1) return false;
    const mark = message[at];
    const close = message.indexOf(mark, at + 1);
    const piece =
      close !== -1 &&
      (mark === '`' || (!wordOrQuote(message.charCodeAt(at - 1)) && !wordOrQuote(message.charCodeAt(close + 1)))) &&
      !(lines && message.slice(at, close).includes('\n'));
    if (piece && close - at - 1 > MAX_QUOTED_LENGTH) return true;
    // After a piece the pattern goes on past its closing mark; else from the next character.
    from = piece ? close + 1 : at + 1;
  }
}

/** A word character (`\w`) or a single quote; false before the start and after the end (NaN). */
function wordOrQuote(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 39;
}

/**
 * Messages quote the workflow (job ids, expressions, commands, names) between backticks or single quotes; a hostile
 * or generated file can make those pieces kilobytes long. Each quoted piece keeps its start and end around an
 * ellipsis, so the message still says which one it is, and stays readable.
 */
export function capQuotes(message: string): string {
  // Most messages quote nothing that long: then there is nothing to cut.
  if (!quotesLongPiece(message)) return message;
  // Quoted pieces are read in pairs from the left, short ones too, so that the closing mark of one never opens the
  // next. A single quote opens after a non-word character and closes before one: the apostrophe of "repository's"
  // closes nothing.
  return message.replace(/`[^`\n]*`|(?<![\w'])'[^'\n]*'(?![\w'])/g, (quoted) => {
    if (quoted.length - 2 <= MAX_QUOTED_LENGTH) return quoted;
    const mark = quoted[0];
    const inner = quoted.slice(1, -1);
    const keep = (MAX_QUOTED_LENGTH - 1) / 2;
    return `${mark}${inner.slice(0, Math.ceil(keep))}…${inner.slice(-Math.floor(keep))}${mark}`;
  });
}
