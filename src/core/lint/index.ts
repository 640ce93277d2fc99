export { lintWorkflow, YAML_SYNTAX } from './engine/lintWorkflow';
export { adviceRules, RULE_METAS, RULES, WORKSPACE_RULES } from './engine/registry';
export { lintWorkspace, rememberingWorkspaceFindings, workspaceFindings, type WorkspaceFile } from './engine/lintWorkspace';
export { workflowName } from './rules/duplicate-publishing-workflow';
export { docsUrl, RULES_DOCS } from './engine/docsUrl';
export { applyEdits } from './edits/textEdits';
export type { Finding, Fix, LintLocation, LintOptions, LintProject, LintResult, PublishedRelease, RuleMeta, Severity, Span, TextEdit, WorkspaceWorkflow } from './engine/types';
export { ignoreFix } from './engine/suppression';
export { editsOverlap, fixAll, fixAllEdits, fixesWithFollowUps, imageOf, sameFinding, SAFE_FIX_RULES } from './engine/fixAll';
export { lintProjectOf, projectForWorkflow } from './analysis/projectForWorkflow';
export { SUMMARY_LIMIT, splitMessage, twoLineMessage } from './engine/messageParts';
export { formatGithub, formatJson, formatSarif, formatText, locate, locateFinding, plainMessage, type LocatedFinding, type LocatedRelated } from './engine/reportFormats';
export { summarizePublishing, summarizeModel, describePublishing, uploadsTo, INDEX_NAMES, type JobUpload, type LocalCall, type WorkflowPublishing, type PublishIndex } from './analysis/publishingSummary';
// The diagnosis of failed releases edits publish jobs the way the checks' fixes do.
export { parseWorkflow } from './analysis/workflowModel';
export { environmentOf } from './analysis/environments';
export { insertJobKey } from './edits/jobEdits';
export { indentUnit, replaceNode } from './edits/textEdits';
