import * as path from 'node:path';
import * as vscode from 'vscode';
import { isPersistedState, isSavedWizard, type WizardView } from '../../shared/protocol';
import { newNonce, wizardHtml } from './wizardHtml';
import { WizardSession, type WizardDeps, type WizardStart } from './wizardSession';

/** Where the wizard keeps its session in the workspace state (also read by Diagnose Failed Release: the values it showed). */
export const SAVED_KEY = 'trustedPublishing.wizard.saved';

/** What the internal command `trustedPublishing.wizardDebugState` returns (for tests: no tokens are ever in it). */
export interface WizardDebugState {
  open: boolean;
  /** Wizard tabs in the editor, however they were opened. */
  tabs: number;
  /** The last view the host posted to the webview. */
  view?: WizardView;
  html?: string;
  cspSource?: string;
  /** Set when a message was passed in: whether the handler accepted it. */
  accepted?: boolean;
}

/**
 * The "Set Up Trusted Publishing" wizard: owns its one WebviewPanel (reveals it instead of opening a second),
 * restores it after a reload (WebviewPanelSerializer, with the state the webview kept), and gives each panel a
 * WizardSession that does the work.
 */
export class SetUpWizard implements vscode.WebviewPanelSerializer, vscode.Disposable {
  static readonly commandId = 'trustedPublishing.setUpTrustedPublishing';
  static readonly debugCommandId = 'trustedPublishing.wizardDebugState';
  static readonly viewType = 'trustedPublishing.wizard';
  static readonly title = 'Set Up Trusted Publishing';

  private panel?: vscode.WebviewPanel;
  private session?: WizardSession;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly deps: WizardDeps,
  ) {}

  /** The command. Synchronous up to the panel, so running it twice in a row still makes one panel. */
  open(invokedOn?: unknown): void {
    const pyproject =
      invokedOn instanceof vscode.Uri && invokedOn.scheme === 'file' && path.basename(invokedOn.fsPath) === 'pyproject.toml' ? invokedOn.fsPath : undefined;
    if (this.panel && this.session) {
      this.panel.reveal();
      if (pyproject) void this.session.selectPyproject(pyproject);
      return;
    }
    const panel = vscode.window.createWebviewPanel(SetUpWizard.viewType, SetUpWizard.title, vscode.ViewColumn.Active, this.options());
    this.adopt(panel, { pyproject });
  }

  /** WebviewPanelSerializer: a wizard that was open when the window reloaded. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (this.panel) {
      // Opened by the command while the window was restoring: keep that one.
      panel.dispose();
      return;
    }
    // The webview's own state first; the host's copy when the webview's did not make it through the reload (seen in
    // the browser workbench, where the editor state can be stored before the webview's last setState).
    const kept = this.deps.memento?.get<unknown>(SAVED_KEY);
    const saved = isPersistedState(state) ? { step: state.view.step, session: state.view.session } : isSavedWizard(kept) ? kept : undefined;
    const source = isPersistedState(state) ? "the webview's state" : 'the workspace state';
    this.deps.log.info(`Set Up Trusted Publishing: restoring the wizard${saved ? ` at step ${saved.step} (from ${source})` : ': no usable saved state, starting over'}`);
    this.adopt(panel, { saved });
  }

  async debugState(args?: unknown): Promise<WizardDebugState> {
    let accepted: boolean | undefined;
    if (typeof args === 'object' && args !== null && 'message' in args && this.session) {
      accepted = await this.session.handle((args as { message: unknown }).message);
    }
    await this.session?.settled();
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(SetUpWizard.viewType)).length;
    return {
      open: !!this.panel,
      tabs,
      ...(this.session?.lastView ? { view: this.session.lastView } : {}),
      ...(this.panel ? { html: this.panel.webview.html, cspSource: this.panel.webview.cspSource } : {}),
      ...(accepted !== undefined ? { accepted } : {}),
    };
  }

  /** The page for `webview`, with a fresh nonce each time. */
  renderHtml(webview: vscode.Webview): string {
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    return wizardHtml({
      cspSource: webview.cspSource,
      nonce: newNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUris: [
        webview.asWebviewUri(vscode.Uri.joinPath(dist, 'codicons', 'codicon.css')).toString(),
        webview.asWebviewUri(vscode.Uri.joinPath(media, 'wizard.css')).toString(),
      ],
    });
  }

  dispose(): void {
    this.session?.dispose();
    this.panel?.dispose();
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: true,
      // The webview can load the extension's built script and static assets, nothing else of the disk.
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private adopt(panel: vscode.WebviewPanel, start: WizardStart): void {
    this.panel = panel;
    panel.webview.options = this.options();
    panel.webview.html = this.renderHtml(panel.webview);
    const session = new WizardSession(panel, this.deps, start, (saved) => void this.deps.memento?.update(SAVED_KEY, saved));
    this.session = session;
    panel.onDidDispose(() => {
      session.dispose();
      if (this.session === session) {
        this.session = undefined;
        this.panel = undefined;
      }
    });
  }
}
