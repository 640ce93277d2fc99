/// <reference lib="dom" />
// The "Diagnose Failed Release" panel's script inside the webview. It renders what the host sends and posts the
// user's intents back by index; it never writes files, opens URLs or touches the clipboard itself. Both directions
// pass the guards of shared/diagnoseProtocol. Log text is untrusted: it only ever goes in as text nodes (dom.ts).
import {
  isDiagnoseHostMessage,
  isDiagnosePersistedState,
  MAX_PASTED_LOG_CHARS,
  type DiagnosePersistedState,
  type DiagnoseView,
  type KeptLog, type DiagnoseWebviewMessage, type DiagnosisView, type Tone } from '../shared/diagnoseProtocol';
import { h, icon, type Child } from './dom';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: DiagnosePersistedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('app')!;
let current: DiagnoseView = { networkAllowed: false };
/** The text in the paste box survives re-renders (the host does not keep it until it is submitted). */
let pasted = '';
/** The diagnosed log, kept in the webview's state so that the host can diagnose it again after a window reload. */
let kept: KeptLog | undefined;

const post = (message: DiagnoseWebviewMessage): void => vscode.postMessage(message);

const TONE_ICON: Record<Tone, string> = { info: 'info', ok: 'pass', warning: 'warning', error: 'error' };

function notice(tone: Tone, text: string, id?: string): HTMLElement {
  return h('div', { id, class: `notice tone-${tone}`, attrs: { role: tone === 'error' ? 'alert' : 'status' } }, icon(TONE_ICON[tone]), h('div', { class: 'notice-body' }, h('p', {}, text)));
}

function button(id: string, text: string, data: Record<string, string>, options: { kind?: 'primary' | 'secondary'; icon?: string; disabled?: boolean; label?: string } = {}): HTMLButtonElement {
  return h(
    'button',
    { id, class: `button ${options.kind ?? 'primary'}`, attrs: { type: 'button', disabled: options.disabled, 'aria-label': options.label }, data },
    options.icon ? icon(options.icon) : null,
    options.icon ? ' ' : null,
    text,
  );
}

function sources(view: DiagnoseView): HTMLElement {
  const busy = view.busy !== undefined;
  const box = h('textarea', {
    id: 'log-text',
    class: 'log-input',
    attrs: { rows: '8', spellcheck: 'false', 'aria-label': 'The failed job\'s log', placeholder: 'Paste the failed job\'s log here (from the job page, "gh run view --log-failed", or a downloaded log)', maxlength: String(MAX_PASTED_LOG_CHARS) },
  });
  box.value = pasted;
  return h(
    'section',
    { class: 'sources', attrs: { 'aria-labelledby': 'sources-title' } },
    h('h2', { id: 'sources-title' }, 'The log of the failed job'),
    h(
      'p',
      { class: 'actions' },
      button('fetch-github', 'Latest failed run on GitHub', { action: 'fetchGitHub' }, { icon: 'github', disabled: busy || !view.networkAllowed }),
      ' ',
      button('pick-file', 'Open a log file…', { action: 'pickFile' }, { kind: 'secondary', icon: 'go-to-file', disabled: busy }),
    ),
    view.networkAllowed ? null : h('p', { id: 'restricted', class: 'hint' }, 'Restricted Mode: nothing is fetched from GitHub or PyPI. Paste the log or open a file; trust the workspace to fetch it.'),
    box,
    h('p', { class: 'actions' }, button('diagnose-text', 'Diagnose the pasted log', { action: 'diagnoseText' }, { disabled: busy })),
  );
}

function diagnosisSection(d: DiagnosisView, i: number): HTMLElement {
  const id = (part: string) => `d${i}-${part}`;
  const parts: Child[] = [
    h('h2', { id: id('title') }, i === 0 ? d.title : `Also: ${d.title}`),
    notice(d.kind === 'unknown' ? 'info' : 'error', d.summary, id('summary')),
  ];
  if (d.evidence.length > 0) {
    parts.push(
      h('h3', {}, 'Evidence'),
      d.evidence.map((group) =>
        h(
          'figure',
          { class: 'evidence' },
          group.step ? h('figcaption', { class: 'hint' }, `Step: ${group.step}`) : null,
          h('pre', {}, group.lines.map((l) => `${String(l.number).padStart(5)} | ${l.text}\n`).join('')),
        ),
      ),
    );
  }
  if (d.differences.length > 0) {
    parts.push(
      h('h3', {}, 'What differs'),
      h(
        'table',
        { id: id('differences'), class: 'values differences' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Field'), h('th', {}, 'The run presented'), h('th', {}, 'Compared with'))),
        h('tbody', {}, d.differences.map((x) => h('tr', { attrs: { title: x.message } }, h('th', { attrs: { scope: 'row' } }, x.field), h('td', {}, h('code', {}, x.presented)), h('td', {}, h('code', {}, x.expected), h('span', { class: 'hint' }, ` (${x.source})`))))),
      ),
    );
  }
  if (d.changes.length > 0) parts.push(h('h3', {}, 'What to change'), h('ul', { class: 'changes' }, d.changes.map((c) => h('li', {}, c))));
  if (d.edits.length > 0) {
    parts.push(
      h('h3', {}, 'Fix the workflow'),
      h('ul', { class: 'edits' }, d.edits.map((e, j) => h('li', {}, button(id(`edit-${j}`), e.title, { action: 'applyEdit', diagnosis: String(i), edit: String(j) }, { icon: 'edit' }), ' ', h('span', { class: 'hint' }, e.file)))),
    );
  }
  if (d.values.length > 0) {
    parts.push(
      h('h3', {}, 'Values'),
      h(
        'table',
        { id: id('values'), class: 'values' },
        h('tbody', {}, d.values.map((v, j) =>
          h(
            'tr',
            {},
            h('th', { attrs: { scope: 'row' } }, v.label),
            h('td', {}, h('code', { class: 'value' }, v.value === '' ? '(leave empty)' : v.value)),
            h('td', {}, button(id(`copy-${j}`), 'Copy', { action: 'copy', diagnosis: String(i), value: String(j) }, { kind: 'secondary', icon: 'copy', label: `Copy ${v.label}` })),
          ),
        )),
      ),
    );
  }
  if (d.links.length > 0) {
    parts.push(
      d.links.map((l, j) =>
        h('div', { class: 'link' }, button(id(`link-${j}`), l.title, { action: 'openLink', diagnosis: String(i), link: String(j) }, { kind: j === 0 ? 'primary' : 'secondary', icon: 'link-external' }), h('p', { class: 'hint' }, h('span', { class: 'url' }, l.url))),
      ),
    );
  }
  return h('section', { class: 'diagnosis', attrs: { 'aria-labelledby': id('title') } }, parts);
}

function render(view: DiagnoseView): void {
  const focusId = document.activeElement instanceof HTMLElement && root.contains(document.activeElement) ? document.activeElement.id : undefined;
  const box = document.getElementById('log-text');
  if (box instanceof HTMLTextAreaElement) pasted = box.value;
  current = view;
  root.replaceChildren(
    h(
      'div',
      { class: 'wizard diagnose' },
      h('h1', {}, 'Diagnose Failed Release'),
      h('p', { class: 'subtitle' }, 'Why did the release fail? The job log says; this reads it, names what differs, and offers the fix.'),
      view.busy ? h('p', { id: 'busy', class: 'status', attrs: { role: 'status' } }, view.busy) : null,
      view.notice ? notice(view.notice.tone, view.notice.text, 'notice') : null,
      view.result
        ? [
            h('p', { class: 'hint', id: 'source' }, `Diagnosed: ${view.source ?? 'the log'}. `, button('clear', 'Diagnose another log', { action: 'clear' }, { kind: 'secondary' })),
            view.result.diagnoses.map(diagnosisSection),
          ]
        : sources(view),
    ),
  );
  root.setAttribute('aria-busy', view.busy ? 'true' : 'false');
  const again = focusId ? document.getElementById(focusId) : null;
  if (again && !(again as HTMLButtonElement).disabled) again.focus();
}

window.addEventListener('message', (event: MessageEvent) => {
  if (!isDiagnoseHostMessage(event.data)) {
    console.warn('diagnose: ignored a malformed message from the host');
    return;
  }
  if (event.data.kept !== undefined) kept = event.data.kept ?? undefined;
  vscode.setState({ version: 1, view: event.data.view, ...(kept ? { kept } : {}) });
  render(event.data.view);
});

root.addEventListener('input', (event) => {
  if (event.target instanceof HTMLTextAreaElement && event.target.id === 'log-text') pasted = event.target.value;
});

root.addEventListener('click', (event) => {
  const target = (event.target as Element | null)?.closest<HTMLElement>('button[data-action]');
  if (!target || (target as HTMLButtonElement).disabled) return;
  const data = target.dataset;
  switch (data.action) {
    case 'diagnoseText':
      if (pasted.trim() !== '') post({ type: 'diagnoseText', text: pasted.slice(-MAX_PASTED_LOG_CHARS) });
      break;
    case 'fetchGitHub':
    case 'pickFile':
    case 'clear':
      post({ type: data.action });
      break;
    case 'applyEdit':
      post({ type: 'applyEdit', diagnosis: Number(data.diagnosis), edit: Number(data.edit) });
      break;
    case 'copy':
      post({ type: 'copy', diagnosis: Number(data.diagnosis), value: Number(data.value) });
      break;
    case 'openLink':
      post({ type: 'openLink', diagnosis: Number(data.diagnosis), link: Number(data.link) });
      break;
  }
});

// After a reload the last view shows at once, while the host diagnoses the kept log again.
const saved = vscode.getState();
if (isDiagnosePersistedState(saved)) {
  kept = saved.kept;
  render(saved.view);
} else {
  render(current);
}
post({ type: 'ready' });
