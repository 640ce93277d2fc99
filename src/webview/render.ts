/// <reference lib="dom" />
import type {
  ChooseView,
  Choices,
  DetectView,
  DoneView,
  GitHubView,
  LinkView,
  Notice,
  PypiIndexView,
  PypiView,
  ReviewView,
  WizardView,
  WriteView,
} from '../shared/protocol';
import { WHEELS_ANSWERS } from '../core/publish/wheelsAnswers';
import { h, icon, type Child } from './dom';

/**
 * The wizard's markup for one view. Every control is a real button, input or select with a label; actions are in
 * `data-action` attributes that main.ts turns into messages. Every id is stable, so focus survives a re-render.
 */
export function renderView(view: WizardView): HTMLElement {
  const busy = !!view.busy;
  return h(
    'div',
    { class: 'wizard' },
    header(view),
    stepsNav(view),
    h('div', { id: 'status', class: 'status', attrs: { role: 'status', 'aria-live': 'polite' } }, view.busy ? [h('span', { class: 'codicon codicon-loading codicon-modifier-spin', attrs: { 'aria-hidden': 'true' } }), ' ', view.busy] : null),
    view.notice ? notice(view.notice, 'notice') : null,
    h(
      'section',
      { class: 'step', attrs: { 'aria-labelledby': 'step-title' } },
      h('h2', { id: 'step-title', attrs: { tabindex: '-1' } }, stepHeading(view)),
      view.failedRun ? failedRunLine(view.failedRun.text, busy) : null,
      stepBody(view, busy),
    ),
    footer(view, busy),
  );
}

const STEP_HEADINGS: Record<WizardView['step'], string> = {
  detect: '1. What the wizard found',
  choose: '2. Choose how to publish',
  review: '3. Review the workflow',
  write: '4. Write the workflow',
  pypi: '5. Register the publisher on PyPI',
  github: '6. Protect the environment on GitHub (optional)',
  done: '7. Done: what is set up, what is left',
};

function stepHeading(view: WizardView): string {
  if (view.step === 'review' && view.detect.mode === 'existing') return '3. Check the workflow';
  return STEP_HEADINGS[view.step];
}

function header(view: WizardView): HTMLElement {
  const project = view.detect.project;
  return h(
    'header',
    { class: 'header' },
    h('h1', {}, icon('rocket'), ' Set up trusted publishing'),
    h('p', { class: 'subtitle' }, project ? `${project.name}${view.detect.repository ? ` · ${view.detect.repository}` : ''}` : 'Publish to PyPI from GitHub Actions without an API token.'),
  );
}

function stepsNav(view: WizardView): HTMLElement {
  return h(
    'nav',
    { class: 'steps', attrs: { 'aria-label': 'Wizard steps' } },
    h(
      'ol',
      {},
      view.steps.map((step, i) =>
        h(
          'li',
          { class: `step-item state-${step.state}` },
          h(
            'button',
            {
              id: `step-${step.id}`,
              class: 'step-button',
              attrs: {
                type: 'button',
                disabled: step.state === 'locked' || step.state === 'skipped',
                'aria-current': step.state === 'current' ? 'step' : undefined,
                title: step.state === 'skipped' ? 'Not needed for a migration' : undefined,
              },
              data: { action: 'navigate', step: step.id },
            },
            h('span', { class: 'step-number', attrs: { 'aria-hidden': 'true' } }, step.state === 'done' ? icon('check') : String(i + 1)),
            ' ',
            step.title,
            step.state === 'done' ? h('span', { class: 'visually-hidden' }, ' (done)') : null,
            step.state === 'skipped' ? h('span', { class: 'visually-hidden' }, ' (skipped)') : null,
          ),
        ),
      ),
    ),
  );
}

function footer(view: WizardView, busy: boolean): HTMLElement {
  const nav = view.nav;
  return h(
    'footer',
    { class: 'footer' },
    nav.back ? button('nav-back', 'Back', { action: 'navigate', step: nav.back }, { kind: 'secondary', icon: 'arrow-left' }) : null,
    nav.next
      ? button('nav-next', nav.nextLabel, { action: 'navigate', step: nav.next }, { disabled: !!nav.blocked || busy, icon: 'arrow-right', describedBy: nav.blocked ? 'nav-blocked' : undefined })
      : null,
    nav.blocked ? h('span', { id: 'nav-blocked', class: 'hint' }, nav.blocked) : null,
  );
}

interface ButtonOptions {
  kind?: 'primary' | 'secondary' | 'link';
  icon?: string;
  disabled?: boolean;
  label?: string;
  describedBy?: string;
}

function button(id: string, text: string, data: Record<string, string>, options: ButtonOptions = {}): HTMLButtonElement {
  return h(
    'button',
    {
      id,
      class: `button ${options.kind ?? 'primary'}`,
      attrs: { type: 'button', disabled: options.disabled, 'aria-label': options.label, 'aria-describedby': options.describedBy },
      data,
    },
    options.icon ? icon(options.icon) : null,
    options.icon ? ' ' : null,
    text,
  );
}

const TONE_ICON: Record<Notice['tone'], string> = { info: 'info', ok: 'pass', warning: 'warning', error: 'error' };

function notice(value: Notice, id?: string, ...extra: Child[]): HTMLElement {
  return h(
    'div',
    { id, class: `notice tone-${value.tone}`, attrs: { role: value.tone === 'error' ? 'alert' : 'status' } },
    icon(TONE_ICON[value.tone]),
    h('div', { class: 'notice-body' }, h('p', {}, value.text), ...extra),
  );
}

/** "The latest release run (#14, 2 days ago) of release.yml failed." and the button that opens its diagnosis. */
function failedRunLine(text: string, busy: boolean): HTMLElement {
  return notice({ tone: 'warning', text }, 'failed-run', h('p', {}, button('diagnose-run', 'Diagnose failed release', { action: 'diagnoseRun' }, { kind: 'secondary', icon: 'debug', disabled: busy })));
}

function stepBody(view: WizardView, busy: boolean): Child {
  switch (view.step) {
    case 'detect':
      return detectStep(view.detect, busy);
    case 'choose':
      return view.choose ? chooseStep(view.choose) : null;
    case 'review':
      return view.review ? reviewStep(view.review, busy) : null;
    case 'write':
      return view.write ? writeStep(view.write, busy) : null;
    case 'pypi':
      return view.pypi ? pypiStep(view.pypi) : null;
    case 'github':
      return view.github ? githubStep(view.github, busy) : null;
    case 'done':
      return view.done ? doneStep(view.done) : null;
  }
}

// ---------------------------------------------------------------------------------------------------------------

function facts(rows: Array<[string, Child]>): HTMLElement {
  return h('dl', { class: 'facts' }, rows.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

function detectStep(detect: DetectView, busy: boolean): HTMLElement {
  const project = detect.project;
  const parts: Child[] = [];

  if (detect.packages.length > 1) {
    parts.push(
      h(
        'div',
        { class: 'field' },
        h('label', { attrs: { for: 'package-select' } }, 'Package'),
        h(
          'select',
          { id: 'package-select', attrs: { 'aria-describedby': 'package-hint' }, data: { change: 'selectPackage' } },
          detect.packages.map((p) => h('option', { attrs: { value: p.id, selected: p.id === detect.packageId } }, `${p.name} (${p.location})`)),
        ),
        h('p', { id: 'package-hint', class: 'hint' }, `${detect.packages.length} packages in this workspace: each package on PyPI needs its own publisher.`),
      ),
    );
  }

  if (project) {
    parts.push(
      h('h3', {}, 'Project'),
      facts([
        ['Name', project.name],
        ['Name on PyPI', h('code', {}, project.normalizedName)],
        ['Build backend', project.backend],
        ['Builds', project.build],
        ['Version', project.version],
        ['Requires Python', project.requiresPython ?? 'not declared'],
        ['Folder', project.packageDir === '.' ? 'repository root' : project.packageDir],
      ]),
    );
  }
  for (const warning of project?.warnings ?? []) {
    parts.push(notice({ tone: 'warning', text: warning.message }, undefined, h('pre', {}, h('code', {}, warning.suggestion))));
  }
  if (detect.projectError) parts.push(notice({ tone: 'error', text: detect.projectError }));

  parts.push(h('h3', {}, 'GitHub repository'));
  if (detect.remotes.length > 1) {
    parts.push(
      h(
        'fieldset',
        { class: 'choice' },
        h('legend', {}, 'Which git remote is the repository that publishes to PyPI?'),
        detect.remotes.map((remote, i) =>
          h(
            'div',
            { class: 'radio' },
            h('input', {
              id: `remote-${i}`,
              attrs: { type: 'radio', name: 'remote', value: remote.name, checked: remote.name === detect.remoteName },
              data: { change: 'selectRemote' },
            }),
            h('label', { attrs: { for: `remote-${i}` } }, h('strong', {}, remote.name), ` ${remote.url}`, remote.repository ? ` → ${remote.repository}` : '', remote.error ? h('span', { class: 'error-text' }, ` (${remote.error})`) : null),
          ),
        ),
      ),
    );
  } else if (detect.remotes.length === 1) {
    const remote = detect.remotes[0];
    parts.push(facts([['Repository', detect.repository ? h('code', {}, detect.repository) : '—'], ['From remote', `${remote.name} (${remote.url})`]]));
  }
  if (detect.remoteQuestion) parts.push(notice({ tone: 'info', text: detect.remoteQuestion }, 'remote-question'));
  if (detect.repositoryError) parts.push(notice({ tone: 'error', text: detect.repositoryError }));

  parts.push(h('h3', {}, 'Workflows'), h('p', { class: 'hint' }, detect.workflowsFolder ? `In ${detect.workflowsFolder}:` : ''));
  if (detect.askWhich) parts.push(notice({ tone: 'info', text: detect.askWhich }, 'ask-which'));
  if (detect.workflows.length === 0) parts.push(h('p', {}, detect.project ? 'None yet: the wizard writes a new release workflow.' : 'None.'));
  else {
    parts.push(
      h(
        'ul',
        { class: 'workflows' },
        detect.workflows.map((w, i) =>
          h(
            'li',
            { id: `workflow-${i}` },
            h('code', {}, w.fileName),
            ' — checks: ',
            w.summary,
            h('p', { class: 'publishing' }, w.publishing.length > 0 ? w.publishing.join('. ') + '.' : 'Does not publish to PyPI.'),
            w.canKeep && detect.project
              ? detect.mode === 'existing' && detect.existingFile === w.fileName
                ? notice({ tone: 'ok', text: `Selected: the wizard checks ${w.fileName} and registers it on PyPI; nothing new is written.` }, `keep-selected-${i}`,
                    h('p', {}, button(`mode-new-${i}`, 'Write a new workflow instead', { action: 'setMode', mode: 'new' }, { kind: 'secondary', disabled: busy })))
                : h('p', {}, button(`keep-${i}`, `Check and register ${w.fileName}`, { action: 'setMode', mode: 'existing', file: w.fileName }, { kind: detect.mode === 'existing' && !detect.existingFile ? 'primary' : 'secondary', icon: 'verified', disabled: busy }))
              : null,
            w.tokenPublishing && detect.project
              ? notice(
                  { tone: 'warning', text: `Uploads with a long-lived API token${w.secrets.length ? ` (secret ${w.secrets.join(', ')})` : ''}.` },
                  undefined,
                  w.canMigrate
                    ? detect.mode === 'migrate' && detect.migrateFile === w.fileName
                      ? [
                          h('p', {}, h('strong', {}, 'Selected: '), `the wizard switches ${w.fileName} to trusted publishing instead of writing a new file.`),
                          button(`mode-new-${i}`, 'Write a new workflow instead', { action: 'setMode', mode: 'new' }, { kind: 'secondary', disabled: busy }),
                        ]
                      : button(`migrate-${i}`, `Migrate ${w.fileName} to trusted publishing`, { action: 'setMode', mode: 'migrate', file: w.fileName }, { kind: 'secondary', icon: 'shield', disabled: busy })
                    : h('p', { class: 'hint' }, 'No automatic fix for this file: see the problem in the editor for what to change by hand.'),
                )
              : null,
          ),
        ),
      ),
    );
  }
  if (detect.twoPublishers) parts.push(notice({ tone: 'warning', text: detect.twoPublishers }, 'two-publishers'));
  parts.push(h('p', {}, button('redetect', 'Detect again', { action: 'redetect' }, { kind: 'secondary', icon: 'refresh', disabled: busy })));
  return h('div', {}, parts);
}

// ---------------------------------------------------------------------------------------------------------------

function radios<K extends keyof Choices>(key: K, legend: string, current: Choices[K], options: Array<{ value: Choices[K]; label: string; hint?: string }>): HTMLElement {
  return h(
    'fieldset',
    { class: 'choice' },
    h('legend', {}, legend),
    options.map((option) =>
      h(
        'div',
        { class: 'radio' },
        h('input', {
          id: `choice-${key}-${option.value}`,
          attrs: { type: 'radio', name: `choice-${key}`, value: option.value, checked: option.value === current, 'aria-describedby': option.hint ? `choice-${key}-${option.value}-hint` : undefined },
          data: { change: 'setChoice', key },
        }),
        h('label', { attrs: { for: `choice-${key}-${option.value}` } }, option.label),
        option.hint ? h('span', { id: `choice-${key}-${option.value}-hint`, class: 'hint' }, ` ${option.hint}`) : null,
      ),
    ),
  );
}

function textField(key: keyof Choices, label: string, value: string, error: string | undefined, hint: string, list?: string): HTMLElement {
  const id = `choice-${key}`;
  return h(
    'div',
    { class: 'field' },
    h('label', { attrs: { for: id } }, label),
    h('input', {
      id,
      attrs: {
        type: 'text',
        value,
        spellcheck: 'false',
        autocomplete: 'off',
        list,
        'aria-invalid': error ? 'true' : undefined,
        'aria-describedby': `${id}-hint${error ? ` ${id}-error` : ''}`,
      },
      data: { change: 'setChoice', key },
    }),
    h('p', { id: `${id}-hint`, class: 'hint' }, hint),
    error ? h('p', { id: `${id}-error`, class: 'error-text' }, icon('error'), ' ', error) : null,
  );
}

function chooseStep(choose: ChooseView): HTMLElement {
  const c = choose.choices;
  return h(
    'div',
    { class: 'choose' },
    radios('target', 'Where to publish', c.target, [
      { value: 'pypi', label: 'PyPI' },
      { value: 'both', label: 'PyPI and TestPyPI', hint: 'A second job uploads the same files to TestPyPI, with its own environment.' },
      { value: 'testpypi', label: 'TestPyPI only', hint: 'A rehearsal: nothing reaches PyPI until you switch to PyPI.' },
    ]),
    radios('trigger', 'What starts a release', c.trigger, [
      { value: 'release', label: 'Publishing a GitHub release', hint: 'A deliberate act, with release notes.' },
      { value: 'tag', label: 'Pushing a tag v*', hint: 'git tag v1.2.3 && git push origin v1.2.3' },
    ]),
    c.target !== 'testpypi'
      ? textField('environment', 'GitHub environment of the PyPI job', c.environment, choose.errors.environment, "PyPI's Environment name. GitHub can require an approval before the upload runs in it.")
      : null,
    c.target !== 'pypi' ? textField('testPypiEnvironment', 'GitHub environment of the TestPyPI job', c.testPypiEnvironment, choose.errors.testPypiEnvironment, "TestPyPI's Environment name.") : null,
    textField(
      'pythonVersion',
      'Python of the build job',
      c.pythonVersion,
      choose.errors.pythonVersion,
      `Suggested: ${choose.suggestedPython}${choose.requiresPython ? `, the newest that requires-python ${choose.requiresPython} allows` : ''}.`,
      'python-versions',
    ),
    h('datalist', { id: 'python-versions' }, choose.pythonVersions.map((v) => h('option', { attrs: { value: v } }))),
    h('p', { class: 'hint' }, choose.wheelsReason),
    choose.wheelsDoubt ? notice({ tone: 'warning', text: choose.wheelsDoubt }, 'wheels-doubt') : null,
    radios('wheels', 'Wheels', c.wheels ?? 'auto', [
      ...(choose.wheelsDoubt ? [] : [{ value: 'auto' as const, label: 'As the project says', hint: choose.wheels }]),
      ...WHEELS_ANSWERS,
    ]),
    choose.errors.wheels ? h('p', { class: 'error-text' }, icon('error'), ' ', choose.errors.wheels) : null,
    choose.pure
      ? radios('buildTool', 'Build tool', c.buildTool, [
          { value: 'build', label: 'python -m build', hint: 'PyPA build.' },
          { value: 'uv', label: 'uv build', hint: 'astral-sh/setup-uv, no cache.' },
        ])
      : facts([['Builds', choose.wheels]]),
    radios('pinning', 'How actions are referenced', c.pinning, [
      { value: 'sha', label: 'Pinned to commit SHAs', hint: 'Cannot be moved by whoever controls the action’s tags.' },
      { value: 'tag', label: 'Version tags', hint: 'e.g. actions/checkout@v4.' },
    ]),
    h('p', { class: 'hint' }, `Workflow file: ${choose.workflowFileName} (setting trustedPublishing.workflowFileName).`),
  );
}

// ---------------------------------------------------------------------------------------------------------------

const SEVERITY_ICON: Record<'error' | 'warning' | 'info', string> = { error: 'error', warning: 'warning', info: 'info' };
const SEVERITY_WORD: Record<'error' | 'warning' | 'info', string> = { error: 'Error', warning: 'Warning', info: 'Note' };

/** The kept workflow: what it publishes and what the checks say, each finding with its fix. */
function checkStep(review: ReviewView, busy: boolean): HTMLElement {
  const findings = review.findings ?? [];
  return h(
    'div',
    {},
    h('p', {}, h('code', {}, review.relativePath), ' already publishes: ', (review.publishing ?? []).join('. '), '. The wizard keeps it; register it on PyPI next.'),
    findings.length === 0
      ? notice({ tone: 'ok', text: 'The checks found no problems in it.' }, 'check-clean')
      : h(
          'ul',
          { class: 'findings', id: 'findings' },
          findings.map((f) =>
            h(
              'li',
              { class: `finding severity-${f.severity}` },
              icon(SEVERITY_ICON[f.severity]),
              h(
                'div',
                {},
                h('p', {}, h('strong', {}, `${SEVERITY_WORD[f.severity]} `), h('code', {}, f.ruleId), ` (line ${f.line}): `, f.message),
                h(
                  'p',
                  { class: 'actions' },
                  f.fixTitle
                    ? button(`fix-${f.index}`, f.fixTitle, { action: 'applyFix', file: review.fileName, finding: String(f.index) }, { kind: 'secondary', icon: 'lightbulb', disabled: busy })
                    : null,
                  ' ',
                  button(`open-finding-${f.index}`, 'Show in the editor', { action: 'openFinding', file: review.fileName, finding: String(f.index) }, { kind: 'link', icon: 'go-to-file' }),
                ),
              ),
            ),
          ),
        ),
  );
}

function reviewStep(review: ReviewView, busy: boolean): HTMLElement {
  if (review.mode === 'existing') return checkStep(review, busy);
  const parts: Child[] = [];
  if (review.twoPublishers) parts.push(notice({ tone: 'warning', text: review.twoPublishers }, 'review-two-publishers'));
  if (review.mode === 'migrate') {
    parts.push(
      h('p', {}, `The wizard edits only the lines that change in `, h('code', {}, review.relativePath), ': ', review.migrationTitle ?? 'switch to trusted publishing', '.'),
      h('p', {}, button('show-diff', 'Show diff', { action: 'showDiff' }, { kind: 'secondary', icon: 'diff' })),
    );
  } else {
    parts.push(h('p', {}, 'This file will be written to ', h('code', {}, review.relativePath), '.'));
    if (review.exists) {
      parts.push(
        notice({ tone: 'warning', text: review.existingSummary ?? 'The file exists.' }, undefined, [
          h('p', {}, button('show-diff', 'Show diff', { action: 'showDiff' }, { kind: 'secondary', icon: 'diff' })),
          h(
            'fieldset',
            { class: 'choice' },
            h('legend', {}, 'What to do with the existing file'),
            h(
              'div',
              { class: 'radio' },
              h('input', { id: 'existing-replace', attrs: { type: 'radio', name: 'existing', value: 'replace', checked: review.action === 'replace' }, data: { change: 'setExistingAction' } }),
              h('label', { attrs: { for: 'existing-replace' } }, 'Replace it (Undo in the editor restores it)'),
            ),
            review.alternativeName
              ? h(
                  'div',
                  { class: 'radio' },
                  h('input', { id: 'existing-rename', attrs: { type: 'radio', name: 'existing', value: 'rename', checked: review.action === 'rename' }, data: { change: 'setExistingAction' } }),
                  h('label', { attrs: { for: 'existing-rename' } }, `Keep it and write ${review.alternativeName} (PyPI's Workflow name becomes that name)`),
                )
              : null,
          ),
        ]),
      );
    }
  }
  if (review.upToDate) parts.push(notice({ tone: 'ok', text: `${review.fileName} already holds exactly this workflow.` }));
  parts.push(h('pre', { id: 'yaml', class: 'yaml', attrs: { tabindex: '0', 'aria-label': `Contents of ${review.fileName}` } }, h('code', {}, review.yaml)));
  return h('div', {}, parts);
}

function writeStep(write: WriteView, busy: boolean): HTMLElement {
  const parts: Child[] = [];
  if (write.warning) parts.push(notice({ tone: 'warning', text: write.warning }));
  if (write.written) {
    const text = write.written.upToDate
      ? `${write.written.relativePath} already holds this workflow: nothing to write.`
      : write.written.migrated
        ? `Switched ${write.written.relativePath} to trusted publishing. Undo (Ctrl+Z) in its editor takes the change back.`
        : `Wrote ${write.written.relativePath}. Undo (Ctrl+Z) in its editor takes it back.`;
    parts.push(notice({ tone: 'ok', text }, 'write-result', h('p', {}, button('open-written', 'Open the file', { action: 'openWritten' }, { kind: 'secondary', icon: 'go-to-file' }))));
    parts.push(h('p', {}, 'Commit and push it, then register the publisher on PyPI (next step).'));
  } else {
    parts.push(
      h('p', {}, write.mode === 'migrate' ? 'The wizard applies the reviewed edits to ' : 'The wizard writes the reviewed workflow to ', h('code', {}, write.relativePath), '. You can undo it in the editor.'),
      h('p', {}, button('write-button', write.actionLabel, { action: 'write' }, { icon: 'save', disabled: busy })),
    );
  }
  if (write.error) parts.push(notice({ tone: 'error', text: write.error }));
  return h('div', {}, parts);
}

// ---------------------------------------------------------------------------------------------------------------

function linkButton(link: LinkView, id: string, kind: ButtonOptions['kind'] = 'secondary'): HTMLElement {
  return h(
    'div',
    { class: 'link' },
    button(id, link.label, { action: 'openLink', link: link.id }, { kind, icon: 'link-external', describedBy: `${id}-detail` }),
    h('p', { id: `${id}-detail`, class: 'hint' }, link.detail ? `${link.detail} ` : '', h('span', { class: 'url' }, link.url)),
  );
}

const STATUS_TONE: Record<PypiIndexView['status'], Notice['tone']> = { checking: 'info', exists: 'ok', new: 'info', unknown: 'warning' };

function pypiStep(pypi: PypiView): HTMLElement {
  return h(
    'div',
    {},
    h('p', {}, 'On PyPI choose "GitHub" in "Add a new publisher" and enter these values exactly.'),
    pypi.indexes.map((index) =>
      h(
        'section',
        { class: 'index', attrs: { 'aria-labelledby': `index-${index.index}` } },
        h('h3', { id: `index-${index.index}` }, index.label),
        notice({ tone: STATUS_TONE[index.status], text: index.statusText }, `pypi-status-${index.index}`),
        h('p', { id: `source-${index.index}`, class: 'hint source' }, index.source),
        h(
          'table',
          { class: 'values' },
          h('caption', { class: 'visually-hidden' }, `Values for ${index.label}`),
          h('tbody', {}, index.values.map((value) =>
            h(
              'tr',
              {},
              h('th', { attrs: { scope: 'row' } }, value.label),
              h('td', {}, h('code', { class: 'value' }, value.value === '' ? '(leave empty)' : value.value), value.hint ? h('span', { class: 'hint' }, ` ${value.hint}`) : null),
              h(
                'td',
                {},
                button(`copy-${index.index}-${value.field}`, value.copied ? 'Copied' : 'Copy', { action: 'copy', index: index.index, field: value.field }, {
                  kind: 'secondary',
                  icon: value.copied ? 'check' : 'copy',
                  label: value.copied ? `${value.label} copied` : `Copy ${value.label}`,
                }),
              ),
            ),
          )),
        ),
        index.links.map((link, i) => linkButton(link, `link-${index.index}-${i}`, i === 0 ? 'primary' : 'secondary')),
        index.pendingNote ? notice({ tone: 'info', text: index.pendingNote }) : null,
        index.publisher ? notice(index.publisher, `publisher-${index.index}`, index.publisher.link ? linkButton(index.publisher.link, `publisher-link-${index.index}`) : null) : null,
      ),
    ),
    h('p', {}, button('check-pypi', pypi.checking ? 'Checking…' : 'Check again', { action: 'checkPypi' }, { kind: 'secondary', icon: 'refresh', disabled: pypi.checking })),
  );
}

// ---------------------------------------------------------------------------------------------------------------

function githubStep(github: GitHubView, busy: boolean): HTMLElement {
  const parts: Child[] = [];
  if (github.state === 'signed-out' || github.state === 'skipped' || github.state === 'error') {
    parts.push(
      h('p', {}, 'Signing in lets the wizard create the environment the workflow names, limited to release tags, and delete an old token secret. Everything here is optional.'),
      github.environments.length > 0
        ? h('p', {}, `The workflow runs its upload in the environment${github.environments.length > 1 ? 's' : ''} `, github.environments.map((e, i) => [i > 0 ? ', ' : '', h('code', {}, e.name)]), '.')
        : null,
      github.message ? notice({ tone: github.state === 'error' ? 'error' : 'info', text: github.message }, 'github-message') : null,
      h('p', {}, button('sign-in', github.state === 'signed-out' ? 'Sign in to GitHub' : 'Try again', { action: 'signIn' }, { icon: 'github', disabled: busy })),
    );
  }
  if (github.state === 'working') {
    parts.push(
      h('p', { id: 'github-working', attrs: { role: 'status' } }, h('span', { class: 'codicon codicon-loading codicon-modifier-spin', attrs: { 'aria-hidden': 'true' } }), ' ', github.message ?? 'Working…'),
      github.cancellable ? h('p', {}, button('cancel-sign-in', 'Cancel', { action: 'cancelSignIn' }, { kind: 'secondary', icon: 'close' })) : null,
    );
  }
  if (github.login) parts.push(h('p', {}, 'Signed in as ', h('strong', {}, github.login), '.'));
  if (github.repository) {
    parts.push(facts([
      ['Repository', h('code', {}, github.repository.fullName)],
      ['Visibility', github.repository.visibility],
      ['Your access', github.repository.admin ? 'admin' : 'not admin'],
    ]));
  }
  if (github.caseWarning) parts.push(notice({ tone: 'warning', text: github.caseWarning }, 'case-warning'));
  if (github.environments.length > 0 && (github.state === 'signed-in' || github.environments.some((e) => e.result))) {
    parts.push(h('h3', {}, 'Environments'));
    if (github.reviewersNote) parts.push(h('p', { class: 'hint' }, github.reviewersNote));
    parts.push(
      h(
        'ul',
        { class: 'environments' },
        github.environments.map((environment) =>
          h(
            'li',
            {},
            h('strong', {}, environment.name),
            ' — ',
            environment.exists ? `exists (${environment.protection ?? 'no protection'})` : 'does not exist yet',
            h('div', {}, button(`env-${environment.name}`, environment.actionLabel, { action: 'ensureEnvironment', name: environment.name }, { kind: 'secondary', icon: 'shield', disabled: !environment.enabled || busy, describedBy: environment.reason ? `env-${environment.name}-reason` : undefined })),
            environment.reason ? h('p', { id: `env-${environment.name}-reason`, class: 'hint' }, environment.reason) : null,
            environment.result ? notice(environment.result) : null,
          ),
        ),
      ),
    );
    if (github.otherEnvironments.length > 0) parts.push(h('p', { class: 'hint' }, `Other environments: ${github.otherEnvironments.join(', ')}.`));
  }
  if (github.secrets.length > 0) {
    parts.push(h('h3', {}, 'Old token secrets'), h('p', {}, 'The migrated workflow no longer reads these secrets. Delete them, then revoke the token on PyPI.'));
    parts.push(
      h(
        'ul',
        { class: 'secrets' },
        github.secrets.map((secret) =>
          h(
            'li',
            {},
            h('code', {}, secret.name),
            ' — ',
            { present: 'still in the repository', absent: 'not in the repository (an environment or organization secret?)', unknown: 'not checked', deleted: 'deleted' }[secret.state],
            secret.state === 'present' || secret.state === 'unknown'
              ? h('div', {}, button(`delete-${secret.name}`, `Delete secret ${secret.name}`, { action: 'deleteSecret', name: secret.name }, { kind: 'secondary', icon: 'trash', disabled: github.state !== 'signed-in' || busy }))
              : null,
            secret.result ? notice(secret.result) : null,
          ),
        ),
      ),
    );
    if (github.revokeLink) parts.push(linkButton(github.revokeLink, 'revoke-token'));
  }
  return h('div', {}, parts);
}

const ITEM_ICON: Record<DoneView['items'][number]['state'], string> = { done: 'pass-filled', todo: 'circle-large-outline', unknown: 'question' };
const ITEM_WORD: Record<DoneView['items'][number]['state'], string> = { done: 'Done', todo: 'To do', unknown: 'Not checked' };

function doneStep(done: DoneView): HTMLElement {
  return h(
    'div',
    {},
    h(
      'ul',
      { class: 'checklist' },
      done.items.map((item) =>
        h(
          'li',
          { class: `item-${item.state}` },
          icon(ITEM_ICON[item.state]),
          h(
            'div',
            {},
            h('span', { class: 'visually-hidden' }, `${ITEM_WORD[item.state]}: `),
            h('span', {}, item.text),
            item.detail ? h('div', { class: 'hint' }, item.detail) : null,
          ),
        ),
      ),
    ),
    h('h3', {}, 'Your first release'),
    h('p', {}, done.release.text),
    done.release.command ? h('pre', { class: 'command', attrs: { tabindex: '0' } }, h('code', {}, done.release.command)) : null,
    done.release.link ? linkButton(done.release.link, 'release-link') : null,
  );
}
