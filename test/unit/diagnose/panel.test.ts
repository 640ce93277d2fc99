import * as assert from 'node:assert/strict';
import { diagnoseLog } from '../../../src/core/diagnose';
import { isDiagnoseHostMessage, isDiagnosePersistedState, isDiagnoseWebviewMessage, MAX_KEPT_LOG_CHARS, MAX_PASTED_LOG_CHARS } from '../../../src/shared/diagnoseProtocol';
import { reportView, wizardValues } from '../../../src/vscode/diagnose/diagnoseView';
import { wizardHtml } from '../../../src/vscode/wizard/wizardHtml';
import { logFixture, releaseWorkflow } from './fixtures';

describe('Diagnose Failed Release panel: protocol and view', () => {
  it('accepts the webview\'s messages, by index only', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'pickFile' },
      { type: 'fetchGitHub' },
      { type: 'clear' },
      { type: 'diagnoseText', text: 'log' },
      { type: 'applyEdit', diagnosis: 0, edit: 1 },
      { type: 'copy', diagnosis: 0, value: 3 },
      { type: 'openLink', diagnosis: 1, link: 0 },
    ]) {
      assert.ok(isDiagnoseWebviewMessage(message), JSON.stringify(message));
    }
  });

  it('refuses URLs, files and text to write from the webview, odd indexes and oversized logs', () => {
    for (const message of [
      null,
      'ready',
      { type: 'openLink', url: 'https://evil.example' },
      { type: 'openLink', diagnosis: 0, link: 0, url: 'https://evil.example' },
      { type: 'applyEdit', diagnosis: 0, edit: -1 },
      { type: 'applyEdit', diagnosis: 0.5, edit: 0 },
      { type: 'applyEdit', diagnosis: 0, edit: 0, newText: 'x' },
      { type: 'copy', diagnosis: '0', value: 0 },
      { type: 'diagnoseText', text: 42 },
      { type: 'diagnoseText', text: 'x'.repeat(MAX_PASTED_LOG_CHARS + 1) },
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
    ]) {
      assert.equal(isDiagnoseWebviewMessage(message), false, JSON.stringify(message)?.slice(0, 80));
    }
  });

  it('the host\'s view of every fixture passes the guard the webview applies', () => {
    const workflows = [{ file: '.github/workflows/release.yml', text: releaseWorkflow({ jobKeys: ['environment: release'] }) }];
    for (const name of ['invalid-publisher-raw.log', 'missing-id-token.log', 'unknown-local-version.log', 'file-already-exists-twine.log']) {
      const result = reportView(diagnoseLog(logFixture(name), { workflows, repository: { owner: 'o', repo: 'r' }, project: { name: 'demo', normalizedName: 'demo' } }));
      assert.ok(isDiagnoseHostMessage({ type: 'state', view: { networkAllowed: true, source: name, result } }), name);
    }
    assert.equal(isDiagnoseHostMessage({ type: 'state', view: { networkAllowed: 'yes' } }), false);
  });

  it('the state kept across a reload: the diagnosed log and its view, read back as untrusted input', () => {
    const result = reportView(diagnoseLog(logFixture('missing-id-token.log')));
    const view = { networkAllowed: true, source: 'run "v1.0", job "publish"', result };
    const kept = { log: logFixture('missing-id-token.log'), source: view.source, jobUrl: 'https://github.com/o/r/actions/runs/1/job/2' };
    assert.ok(isDiagnosePersistedState({ version: 1, view, kept }));
    assert.ok(isDiagnosePersistedState({ version: 1, view }), 'nothing diagnosed yet');
    assert.ok(isDiagnoseHostMessage({ type: 'state', view, kept }));
    assert.ok(isDiagnoseHostMessage({ type: 'state', view, kept: null }), 'cleared');
    for (const state of [
      null,
      'state',
      { version: 2, view, kept },
      { version: 1, view: { ...view, networkAllowed: 'yes' }, kept },
      { version: 1, view, kept: { ...kept, jobUrl: 'javascript:alert(1)' } },
      { version: 1, view, kept: { ...kept, jobUrl: 'file:///etc/passwd' } },
      { version: 1, view, kept: { ...kept, log: 42 } },
      { version: 1, view, kept: { ...kept, log: 'x'.repeat(MAX_KEPT_LOG_CHARS + 1) } },
      { version: 1, view, kept: { ...kept, source: 's'.repeat(1001) } },
      { version: 1, view, kept: { ...kept, file: '/etc/passwd' } },
      { version: 1, view, kept, command: 'workbench.action.terminal.new' },
    ]) {
      assert.equal(isDiagnosePersistedState(state), false, JSON.stringify(state)?.slice(0, 120));
    }
  });

  it('keeps only web links in the view: the panel opens nothing else', () => {
    const report = diagnoseLog(logFixture('unknown-local-version.log'), { jobUrl: 'javascript:alert(1)' });
    const view = reportView(report);
    assert.ok(view.diagnoses[0].links.every((l) => l.url.startsWith('https://')));
    assert.ok(!JSON.stringify(view).includes('javascript:'));
  });

  it('offers the one-click edit with the file it changes', () => {
    const workflows = [{ file: '.github/workflows/release.yml', text: releaseWorkflow({ jobKeys: ['environment: pypi'] }) }];
    const view = reportView(diagnoseLog(logFixture('missing-id-token.log'), { workflows }));
    assert.deepEqual(view.diagnoses[0].edits, [{ title: "Grant id-token: write to job 'publish'", file: '.github/workflows/release.yml' }]);
  });
});

describe('Diagnose Failed Release panel: the values the wizard showed', () => {
  const session = (written?: object, target = 'both') => ({
    step: 'done',
    session: {
      choices: { target, trigger: 'release', environment: 'pypi', testPypiEnvironment: 'testpypi', pythonVersion: '3.13', buildTool: 'build', pinning: 'sha' },
      mode: 'new',
      action: 'replace',
      ...(written ? { written } : {}),
    },
  });

  it('reads the workflow the wizard wrote and the environments chosen', () => {
    assert.deepEqual(wizardValues(session({ fileName: 'release.yml', migrated: false, secrets: [] }), { owner: 'o', repo: 'r' }), [
      { index: 'pypi', owner: 'o', repository: 'r', workflow: 'release.yml', environment: 'pypi' },
      { index: 'testpypi', owner: 'o', repository: 'r', workflow: 'release.yml', environment: 'testpypi' },
    ]);
  });

  it('nothing when the wizard wrote nothing, the state is not the wizard\'s, or the repository is unknown', () => {
    assert.deepEqual(wizardValues(session(), { owner: 'o', repo: 'r' }), []);
    assert.deepEqual(wizardValues({ step: 'nope' }, { owner: 'o', repo: 'r' }), []);
    assert.deepEqual(wizardValues(session({ fileName: 'release.yml', migrated: false, secrets: [] }), undefined), []);
  });
});

describe('Diagnose Failed Release panel: the page', () => {
  it('has the wizard\'s strict CSP, its own title and script, and no inline script', () => {
    const html = wizardHtml({ cspSource: 'https://x.vscode-cdn.net', nonce: 'abc123', title: 'Diagnose Failed Release', scriptUri: 'https://x.vscode-cdn.net/dist/diagnose.js', styleUris: [] });
    assert.match(html, /<title>Diagnose Failed Release<\/title>/);
    assert.match(html, /default-src 'none'/);
    assert.match(html, /script-src 'nonce-abc123'/);
    assert.match(html, /<script nonce="abc123" src="https:\/\/x\.vscode-cdn\.net\/dist\/diagnose\.js"><\/script>/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
  });
});
