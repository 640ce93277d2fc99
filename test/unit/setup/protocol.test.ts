import * as assert from 'node:assert/strict';
import { isHostMessage, isPersistedState, isWebviewMessage, isWizardView } from '../../../src/shared/protocol';
import { reduce } from '../../../src/core/setup/wizardModel';
import { wizardView } from '../../../src/core/setup/wizardView';
import { detected, TOKEN_WORKFLOW } from './fixtures';

describe('wizard protocol guards', () => {
  it('accepts every well-formed webview message', () => {
    const good = [
      { type: 'ready' },
      { type: 'redetect' },
      { type: 'selectPackage', id: '0:.' },
      { type: 'selectRemote', name: 'origin' },
      { type: 'navigate', step: 'review' },
      { type: 'setChoices', choices: { environment: 'release', target: 'both' } },
      { type: 'setChoices', choices: {} },
      { type: 'setExistingAction', action: 'rename' },
      { type: 'setMode', mode: 'new' },
      { type: 'setMode', mode: 'migrate', fileName: 'publish.yml' },
      { type: 'setMode', mode: 'existing', fileName: 'publish.yaml' },
      { type: 'applyFix', fileName: 'publish.yaml', finding: 2 },
      { type: 'openFinding', fileName: 'publish.yaml', finding: 0 },
      { type: 'cancelSignIn' },
      { type: 'showDiff' },
      { type: 'write' },
      { type: 'openWritten' },
      { type: 'copy', index: 'testpypi', field: 'workflow' },
      { type: 'openLink', id: 'pypi:pending' },
      { type: 'checkPypi' },
      { type: 'signIn' },
      { type: 'ensureEnvironment', name: 'pypi' },
      { type: 'deleteSecret', name: 'PYPI_API_TOKEN' },
      { type: 'diagnoseRun' },
    ];
    for (const message of good) assert.equal(isWebviewMessage(message), true, JSON.stringify(message));
  });

  it('rejects malformed messages: unknown types, missing, extra or mistyped fields, odd values', () => {
    const bad: unknown[] = [
      undefined,
      null,
      'write',
      42,
      [],
      [{ type: 'write' }],
      {},
      { type: 'writeFile', path: '/etc/passwd' },
      { type: 'toString' },
      { type: '__proto__' },
      { type: 'write', extra: true },
      { type: 'navigate' },
      { type: 'navigate', step: 'publish' },
      { type: 'navigate', step: 3 },
      { type: 'selectPackage', id: 7 },
      { type: 'selectPackage', id: 'x'.repeat(301) },
      { type: 'setChoices', choices: { environment: 5 } },
      { type: 'setChoices', choices: { target: 'gitlab' } },
      { type: 'setChoices', choices: { token: 'abc' } },
      { type: 'setChoices', choices: null },
      { type: 'setChoices', choices: ['pypi'] },
      { type: 'setMode', mode: 'migrate' },
      { type: 'setMode', mode: 'new', fileName: 'x.yml' },
      { type: 'setMode', mode: 'existing' },
      { type: 'applyFix', fileName: 'publish.yaml', finding: -1 },
      { type: 'applyFix', fileName: 'publish.yaml', finding: 1.5 },
      { type: 'applyFix', fileName: 'publish.yaml', finding: '0' },
      { type: 'openFinding', finding: 0 },
      { type: 'cancelSignIn', now: true },
      { type: 'copy', index: 'pypi', field: 'token' },
      { type: 'copy', index: 'warehouse', field: 'owner' },
      { type: 'openLink', url: 'https://evil.example' },
      { type: 'deleteSecret' },
      // The host diagnoses the run it found: a message naming a run or a workflow is not one it takes.
      { type: 'diagnoseRun', runId: 1 },
      { type: 'diagnoseRun', workflow: 'release.yml' },
      Object.assign(Object.create({ polluted: true }), { type: 'write' }),
    ];
    for (const message of bad) assert.equal(isWebviewMessage(message), false, JSON.stringify(message));
  });

  it('accepts the views the host computes, and rejects a view with a wrong field', () => {
    for (const model of [detected(), detected({ 'publish.yml': TOKEN_WORKFLOW })]) {
      for (const step of ['detect', 'choose', 'review', 'write'] as const) {
        const view = wizardView(reduce(model, { type: 'navigate', step }));
        assert.equal(isWizardView(view), true, `view of ${step}`);
        assert.equal(isHostMessage({ type: 'state', view }), true);
        assert.equal(isPersistedState({ version: 1, view }), true);
        assert.equal(isHostMessage({ type: 'state', view, extra: 1 }), false);
        assert.equal(isWizardView({ ...view, step: 'nowhere' }), false);
        assert.equal(isWizardView({ ...view, detect: { ...view.detect, workflows: [{ fileName: 'x.yml' }] } }), false);
      }
    }
    assert.equal(isPersistedState({ version: 2, view: wizardView(detected()) }), false);
    assert.equal(isPersistedState(undefined), false);
  });
});
