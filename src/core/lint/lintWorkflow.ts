import { LineCounter, parseDocument } from 'yaml';
import { RULES } from './registry';
import { isSuppressed, multiLineScalars, suppressedRules } from './suppression';
import type { Finding, LintContext, LintOptions, LintResult } from './types';
import { buildWorkflowModel } from './workflowModel';

export const YAML_SYNTAX = {
  id: 'yaml-syntax',
  title: 'The workflow is not valid YAML',
  severity: 'error',
} as const;

/**
 * Checks one workflow file: parses it once (keeping source ranges), runs every enabled rule over the same model,
 * applies severity settings and suppression comments, and returns the findings in source order.
 */
export function lintWorkflow(text: string, options: LintOptions = {}): LintResult {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const setting = (id: string) => options.rules?.[id];

  if (document.errors.length > 0) {
    if (setting(YAML_SYNTAX.id) === 'off') return { findings: [] };
    const findings = document.errors.map((error) => ({
      ruleId: YAML_SYNTAX.id,
      severity: setting(YAML_SYNTAX.id) ?? YAML_SYNTAX.severity,
      message: `Not valid YAML: ${error.message.split('\n')[0]}. GitHub will not run this workflow until it parses.`,
      range: syntaxRange(text, error.pos),
    })) as Finding[];
    return { findings };
  }

  const context: LintContext = {
    text,
    document,
    lines,
    workflow: buildWorkflowModel(document),
    project: options.project,
    location: options.location,
    published: options.published,
  };
  const suppressed = suppressedRules(text);
  const scalars = suppressed.size > 0 ? multiLineScalars(document, text) : [];
  const lineOf = (offset: number) => lines.linePos(offset).line - 1;
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const severity = setting(rule.meta.id) ?? rule.meta.severity;
    if (severity === 'off' || (rule.meta.needsProject && !options.project) || (rule.meta.needsPublished && !options.published?.length)) continue;
    for (const found of rule.check(context)) {
      const finding: Finding = { ruleId: rule.meta.id, severity, ...found };
      if (!isSuppressed(finding, suppressed, lineOf, scalars)) findings.push(finding);
    }
  }
  findings.sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
  return { findings };
}

/** A non-empty span inside the text (the parser's position can be one past its end, at an unexpected end of file). */
function syntaxRange(text: string, [from, to]: [number, number]): { start: number; end: number } {
  const start = Math.max(0, Math.min(from, text.length - 1));
  return { start, end: Math.min(text.length, Math.max(to, start + 1)) };
}
