/// <reference lib="dom" />
// The wizard's script inside the webview. It renders what the host sends and posts the user's intents back; it
// never writes files, opens URLs or touches the clipboard itself. Both directions pass the protocol's guards.
import {
  CHOICE_KEYS,
  isHostMessage,
  isPersistedState,
  isWebviewMessage,
  type Choices,
  type PersistedState,
  type WebviewMessage,
  type WizardView,
} from '../shared/protocol';
import { renderView } from './render';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: PersistedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('app')!;
let current: WizardView | undefined;

function post(message: WebviewMessage): void {
  if (!isWebviewMessage(message)) {
    console.warn('wizard: not sending a malformed message', message);
    return;
  }
  vscode.postMessage(message);
}

/** Re-renders, keeping the focus (and a text field's selection) on the element with the same id. */
function render(view: WizardView): void {
  const active = document.activeElement instanceof HTMLElement && root.contains(document.activeElement) ? document.activeElement : undefined;
  const focusId = active?.id;
  const selection = active instanceof HTMLInputElement && active.type === 'text' ? [active.selectionStart, active.selectionEnd] : undefined;
  const stepChanged = current?.step !== view.step;
  current = view;
  root.replaceChildren(renderView(view));
  root.setAttribute('aria-busy', view.busy ? 'true' : 'false');
  document.title = `Set Up Trusted Publishing: ${view.steps.find((s) => s.id === view.step)?.title ?? ''}`;

  const again = focusId ? document.getElementById(focusId) : null;
  if (stepChanged && (!again || again.closest('.steps') === null)) {
    // A new step: put the focus on its heading so that keyboard and screen reader users start there.
    if (focusId) document.getElementById('step-title')?.focus();
  } else if (again && !(again as HTMLButtonElement).disabled) {
    again.focus();
    if (selection && again instanceof HTMLInputElement) again.setSelectionRange(selection[0], selection[1]);
  } else if (focusId) {
    document.getElementById('step-title')?.focus();
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  if (!isHostMessage(event.data)) {
    console.warn('wizard: ignored a malformed message from the host');
    return;
  }
  vscode.setState({ version: 1, view: event.data.view });
  render(event.data.view);
});

root.addEventListener('click', (event) => {
  const target = (event.target as Element | null)?.closest<HTMLElement>('button[data-action]');
  if (!target || (target as HTMLButtonElement).disabled) return;
  const data = target.dataset;
  switch (data.action) {
    case 'navigate':
      post({ type: 'navigate', step: data.step } as WebviewMessage);
      break;
    case 'setMode':
      post(data.mode === 'migrate' || data.mode === 'existing' ? { type: 'setMode', mode: data.mode, fileName: data.file ?? '' } : { type: 'setMode', mode: 'new' });
      break;
    case 'applyFix':
    case 'openFinding':
      post({ type: data.action, fileName: data.file ?? '', finding: Number(data.finding) });
      break;
    case 'copy':
      post({ type: 'copy', index: data.index, field: data.field } as WebviewMessage);
      break;
    case 'openLink':
      post({ type: 'openLink', id: data.link ?? '' });
      break;
    case 'ensureEnvironment':
    case 'deleteSecret':
      post({ type: data.action, name: data.name ?? '' });
      break;
    case 'redetect':
    case 'showDiff':
    case 'write':
    case 'openWritten':
    case 'checkPypi':
    case 'signIn':
    case 'cancelSignIn':
    case 'diagnoseRun':
      post({ type: data.action });
      break;
  }
});

root.addEventListener('change', (event) => {
  const target = event.target;
  if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
  const data = target.dataset;
  switch (data.change) {
    case 'selectPackage':
      post({ type: 'selectPackage', id: target.value });
      break;
    case 'selectRemote':
      post({ type: 'selectRemote', name: target.value });
      break;
    case 'setExistingAction':
      post({ type: 'setExistingAction', action: target.value } as WebviewMessage);
      break;
    case 'setChoice': {
      const key = data.key;
      if (key && (CHOICE_KEYS as readonly string[]).includes(key)) {
        post({ type: 'setChoices', choices: { [key]: target.value } as Partial<Choices> });
      }
      break;
    }
  }
});

// Enter in a text field commits it (as leaving the field does), without submitting anything else.
root.addEventListener('keydown', (event) => {
  const target = event.target;
  if (event.key === 'Enter' && target instanceof HTMLInputElement && target.type === 'text') {
    target.dispatchEvent(new Event('change', { bubbles: true }));
  }
});

// After a reload the last view shows at once; the host then sends a fresh one.
const saved = vscode.getState();
if (isPersistedState(saved)) render(saved.view);
post({ type: 'ready' });
