// Shared by the wizard's host suites: the debug command that shows what the host last posted to the webview.
import * as vscode from 'vscode';
import type { WizardView } from '../../src/shared/protocol';
import type { WizardDebugState } from '../../src/vscode/wizard/setUpWizard';
import { eventually } from './workspaceHelpers';

export const OPEN = 'trustedPublishing.setUpTrustedPublishing';
export const debug = (args?: object) => vscode.commands.executeCommand<WizardDebugState>('trustedPublishing.wizardDebugState', args);
/** Posts `message` through the panel's own message handler, waits until it is handled, and returns the state. */
export const post = (message: unknown) => debug({ message });

export async function viewWhen(what: string, check: (view: WizardView) => boolean, ms = 20_000): Promise<WizardView> {
  return eventually(what, async () => {
    const view = (await debug()).view;
    return view && check(view) ? view : undefined;
  }, ms);
}

/** Editor tabs that show a proposed (not yet written) workflow, alone or in a diff. */
export const previewTabs = () =>
  vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter(
      (t) =>
        (t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'trusted-publishing-preview') ||
        (t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'trusted-publishing-preview'),
    );
