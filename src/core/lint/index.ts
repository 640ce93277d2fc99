export { lintWorkflow, YAML_SYNTAX } from './lintWorkflow';
export { adviceRules, RULE_METAS, RULES, WORKSPACE_RULES } from './registry';
export { lintWorkspace, workspaceFindings, type WorkspaceFile } from './lintWorkspace';
export { workflowName } from './rules/duplicate-publishing-workflow';
export { docsUrl, RULES_DOCS } from './docsUrl';
export { applyEdits } from './textEdits';
export type { Finding, Fix, LintLocation, LintOptions, LintProject, LintResult, PublishedRelease, RuleMeta, Severity, Span, TextEdit, WorkspaceWorkflow } from './types';
export { ignoreFix } from './suppression';
export { editsOverlap, fixAll, fixAllEdits, fixesWithFollowUps, imageOf, sameFinding, SAFE_FIX_RULES } from './fixAll';
export { lintProjectOf, projectForWorkflow } from './projectForWorkflow';
export { formatGithub, formatJson, formatSarif, formatText, locate, locateFinding, plainMessage, type LocatedFinding, type LocatedRelated } from './reportFormats';
export { summarizePublishing, summarizeModel, describePublishing, uploadsTo, INDEX_NAMES, type JobUpload, type LocalCall, type WorkflowPublishing, type PublishIndex } from './publishingSummary';
// The diagnosis of failed releases edits publish jobs the way the checks' fixes do.
export { parseWorkflow } from './workflowModel';
export { environmentOf } from './environments';
export { insertJobKey } from './jobEdits';
export { indentUnit, replaceNode } from './textEdits';
