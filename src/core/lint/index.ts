export { lintWorkflow, YAML_SYNTAX } from './lintWorkflow';
export { RULES } from './registry';
export { docsUrl, RULES_DOCS } from './docsUrl';
export { applyEdits } from './textEdits';
export type { Finding, Fix, LintOptions, LintProject, LintResult, RuleMeta, Severity, Span, TextEdit } from './types';
