export { lintWorkflow, YAML_SYNTAX } from './lintWorkflow';
export { adviceRules, RULES } from './registry';
export { docsUrl, RULES_DOCS } from './docsUrl';
export { applyEdits } from './textEdits';
export type { Finding, Fix, LintLocation, LintOptions, LintProject, LintResult, PublishedRelease, RuleMeta, Severity, Span, TextEdit } from './types';
export { fixAll, SAFE_FIX_RULES } from './fixAll';
export { projectForWorkflow } from './projectForWorkflow';
export { formatGithub, formatJson, formatSarif, formatText, locate, locateFinding, plainMessage, type LocatedFinding } from './reportFormats';
export { summarizePublishing, summarizeModel, describePublishing, uploadsTo, INDEX_NAMES, type JobUpload, type WorkflowPublishing, type PublishIndex } from './publishingSummary';
