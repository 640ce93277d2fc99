/** Every rule's documentation is a section of docs/rules.md, anchored by its id. */
export const RULES_DOCS = 'https://github.com/pypi-trusted-publishing/vscode-pypi-trusted-publishing/blob/main/docs/rules.md';

export const docsUrl = (ruleId: string): string => `${RULES_DOCS}#${ruleId}`;
