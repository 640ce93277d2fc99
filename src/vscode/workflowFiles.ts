import type * as vscode from 'vscode';

/** Workflow files are YAML under `.github/workflows/`, whichever extension gave them a language id. */
export const WORKFLOW_GLOB = '**/.github/workflows/*.{yml,yaml}';

export const WORKFLOW_SELECTOR: vscode.DocumentSelector = [
  { language: 'yaml', pattern: WORKFLOW_GLOB },
  { language: 'github-actions-workflow', pattern: WORKFLOW_GLOB },
];

export function isWorkflowDocument(document: vscode.TextDocument): boolean {
  return (
    document.uri.scheme === 'file' &&
    (document.languageId === 'yaml' || document.languageId === 'github-actions-workflow') &&
    /\/\.github\/workflows\/[^/]+\.ya?ml$/i.test(document.uri.path)
  );
}
