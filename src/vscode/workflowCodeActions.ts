import * as vscode from 'vscode';
import { fixAllEdits, fixesWithFollowUps, ignoreFix, type Finding, type Fix, type TextEdit } from '../core/lint';
import type { WorkflowDiagnostics } from './workflowDiagnostics';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('trustedPublishing');

/**
 * Quick fixes for the findings behind our diagnostics (the first fix is preferred), "ignore this rule here", and
 * a fix-all source action that applies only the mechanical fixes.
 */
export class WorkflowCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND] };

  constructor(private readonly diagnostics: WorkflowDiagnostics) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] | Promise<vscode.CodeAction[]> {
    if (this.diagnostics.checkedInWorker(document)) return this.largeFileActions(document, context);
    const current = this.diagnostics.findingsOf(document);
    if (!current) return [];
    if (wantsFixAll(context)) return this.fixAll(document, fixAllEdits(current.findings));
    if (!wantsQuickFixes(context)) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== 'trusted-publishing') continue;
      const finding = current.findings.find((f) => matches(document, f, diagnostic));
      if (!finding) continue;
      // A fix that leaves findings of other rules names them in its title.
      const fixes = fixesWithFollowUps(document.getText(), current.options, current.findings, finding);
      actions.push(...actionsFor(document, diagnostic, finding, fixes, ignoreFix(document.getText(), finding)));
    }
    return actions;
  }

  /**
   * A large workflow is checked in the worker, and its findings came without fixes: the fixes of the findings asked
   * about (and "fix all") are built there too, from the worker's own check of the same text.
   */
  private async largeFileActions(document: vscode.TextDocument, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const current = this.diagnostics.workerFindingsOf(document);
    if (!current) return [];
    const text = document.getText();
    if (wantsFixAll(context)) return this.fixAll(document, (await current.worker.fixAll(text, current.options, current.across)) ?? []);
    if (!wantsQuickFixes(context)) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== 'trusted-publishing') continue;
      const finding = current.findings.find((f) => matches(document, f, diagnostic));
      if (!finding) continue;
      const built = await current.worker.actions(text, current.options, current.across, { ruleId: finding.ruleId, ...finding.range });
      if (document.version !== current.version) return [];
      actions.push(...actionsFor(document, diagnostic, finding, built?.fixes ?? [], built?.ignore));
    }
    return actions;
  }

  private fixAll(document: vscode.TextDocument, edits: TextEdit[]): vscode.CodeAction[] {
    // Overlapping edits (two insertions at one offset too) cannot go in one WorkspaceEdit: those wait for the next run.
    if (edits.length === 0) return [];
    const action = new vscode.CodeAction('Fix all PyPI trusted publishing problems that are safe to fix', FIX_ALL_KIND);
    action.edit = toWorkspaceEdit(document, edits);
    return [action];
  }
}

function wantsFixAll(context: vscode.CodeActionContext): boolean {
  const only = context.only;
  return !!only && (only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(only));
}

function wantsQuickFixes(context: vscode.CodeActionContext): boolean {
  const only = context.only;
  return !only || only.contains(vscode.CodeActionKind.QuickFix) || vscode.CodeActionKind.QuickFix.contains(only);
}

/** The quick fixes of one diagnostic (the first fix preferred), its links, "Open" for other files, and "ignore". */
function actionsFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, finding: Finding, fixes: Fix[], ignore: Fix | undefined): vscode.CodeAction[] {
  const actions: vscode.CodeAction[] = [];
  fixes.forEach((fix, index) => {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.edit = toWorkspaceEdit(document, fix.edits);
    action.diagnostics = [diagnostic];
    action.isPreferred = index === 0;
    actions.push(action);
  });
  for (const link of finding.links ?? []) {
    const action = new vscode.CodeAction(link.title, vscode.CodeActionKind.QuickFix);
    action.command = { command: 'vscode.open', title: link.title, arguments: [vscode.Uri.parse(link.url, true)] };
    action.diagnostics = [diagnostic];
    action.isPreferred = fixes.length === 0;
    actions.push(action);
  }
  actions.push(...openRelated(document, diagnostic));
  if (ignore) {
    // Above the key that owns a `run: |` script or a multi-line scalar (a `#` inside one is text), in the file's line endings.
    const action = new vscode.CodeAction(ignore.title, vscode.CodeActionKind.QuickFix);
    action.edit = toWorkspaceEdit(document, ignore.edits);
    action.diagnostics = [diagnostic];
    actions.push(action);
  }
  return actions;
}
/** "Open publish.yml": goes to the place in another workflow that the finding is about (no edit). */
function openRelated(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
  const elsewhere = (diagnostic.relatedInformation ?? []).filter((r) => r.location.uri.toString() !== document.uri.toString());
  const seen = new Set<string>();
  return elsewhere.flatMap((related) => {
    const uri = related.location.uri;
    if (seen.has(uri.toString())) return [];
    seen.add(uri.toString());
    const title = `Open ${uri.path.split('/').pop()}`;
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.command = { command: 'vscode.open', title, arguments: [uri, { selection: related.location.range }] };
    action.diagnostics = [diagnostic];
    return [action];
  });
}

function matches(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): boolean {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return code === finding.ruleId && document.offsetAt(diagnostic.range.start) === finding.range.start && document.offsetAt(diagnostic.range.end) === finding.range.end;
}

function toWorkspaceEdit(document: vscode.TextDocument, edits: TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  return edit;
}
