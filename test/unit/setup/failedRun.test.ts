import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RepositoryFacts } from '../../../src/core/github/types';
import { inspectWorkflow } from '../../../src/core/setup/inspectWorkflow';
import { failedRunOf, proposedText, reduce, releaseWorkflowOf, targetOf, type FailedReleaseRun, type WizardModel } from '../../../src/core/setup/wizardModel';
import { failedRunText, wizardView } from '../../../src/core/setup/wizardView';
import { isWizardView } from '../../../src/shared/protocol';
import { detected } from './fixtures';

const FLASK = readFileSync(path.resolve(__dirname, '../../../../test/fixtures/corpus/workflows/pallets__flask__publish.yaml'), 'utf8');
const NOW = Date.parse('2024-06-27T08:30:41Z');
const repository: RepositoryFacts = { owner: 'Example-Org', repo: 'Hello-PyPI', id: 1, ownerId: 2, ownerType: 'Organization', visibility: 'public', defaultBranch: 'main', admin: true };
const run = (workflow: string): FailedReleaseRun => ({ workflow, runId: 9666271466, number: 14, createdAt: '2024-06-25T08:30:41Z' });
const signedIn = (model: WizardModel, failedRun?: FailedReleaseRun) =>
  reduce(model, { type: 'github', update: { status: 'signed-in', viewer: { login: 'octocat', id: 1 }, repository, environments: [], ...(failedRun ? { failedRun } : {}) } });
const go = (model: WizardModel, ...steps: WizardModel['step'][]) => steps.reduce((m, step) => reduce(m, { type: 'navigate', step }), model);

function written(model: WizardModel): WizardModel {
  const target = targetOf(model)!;
  const text = proposedText(model)!;
  return reduce(model, { type: 'written', file: { fileName: target.fileName, text, migrated: false, upToDate: false, secrets: [] }, inspection: inspectWorkflow(target.fileName, text) });
}

describe('the failed latest release run in the wizard', () => {
  it('is about the kept workflow, or the written one; nothing before a workflow is written', () => {
    assert.equal(releaseWorkflowOf(detected({ 'publish.yaml': FLASK }))?.fileName, 'publish.yaml');
    assert.equal(releaseWorkflowOf(detected()), undefined, 'a proposal has no runs');
    assert.equal(releaseWorkflowOf(written(detected()))?.fileName, 'release.yml');
  });

  it('shows the line on the GitHub and Done steps once signed in, for that workflow only', () => {
    const model = go(signedIn(detected({ 'publish.yaml': FLASK }), run('publish.yaml')), 'review', 'pypi', 'github');
    const view = wizardView(model, NOW);
    assert.deepEqual(view.failedRun, { text: 'The latest release run (#14, 2 days ago) of publish.yaml failed.' });
    assert.equal(isWizardView(view), true);
    assert.deepEqual(wizardView(go(model, 'done'), NOW).failedRun, view.failedRun);
    assert.equal(wizardView(go(model, 'pypi'), NOW).failedRun, undefined, 'not on the PyPI step');

    // A run of another workflow than the one the wizard is about: no line.
    assert.equal(failedRunOf(signedIn(go(detected({ 'publish.yaml': FLASK }), 'review', 'pypi', 'github'), run('release.yml'))), undefined);
    assert.equal(wizardView(reduce(model, { type: 'setMode', mode: 'new' }), NOW).failedRun, undefined, 'writing a new workflow instead');
    assert.equal(failedRunOf(reduce(model, { type: 'github', update: { status: 'error' } })), undefined, 'not signed in');
  });

  it('follows the written workflow in the new-workflow path', () => {
    const model = signedIn(written(detected()), run('release.yml'));
    assert.equal(failedRunOf(model)?.runId, 9666271466);
    assert.equal(failedRunOf(signedIn(detected(), run('release.yml'))), undefined, 'not written yet');
  });

  it('a view naming the run in any other shape is refused', () => {
    const view = wizardView(go(signedIn(detected({ 'publish.yaml': FLASK }), run('publish.yaml')), 'review', 'pypi', 'github'), NOW);
    assert.equal(isWizardView({ ...view, failedRun: { text: 'x', runId: 1 } }), false);
    assert.equal(isWizardView({ ...view, failedRun: { text: 1 } }), false);
  });

  it('says the run number and how long ago, or the run id when the number is unknown', () => {
    assert.equal(failedRunText({ workflow: 'release.yml', runId: 5, createdAt: '2024-06-27T06:30:41Z' }, NOW), 'The latest release run (#5, 2 hours ago) of release.yml failed.');
  });
});
