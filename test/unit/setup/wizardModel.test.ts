import * as assert from 'node:assert/strict';
import { generateWorkflow } from '../../../src/core/publish';
import { inspectWorkflow } from '../../../src/core/setup/inspectWorkflow';
import {
  blockerOf,
  environmentsOf,
  indexesOf,
  navigation,
  oldSecrets,
  planOf,
  proposedText,
  reduce,
  restore,
  sessionOf,
  targetOf,
  triggerOf,
  writtenOf,
  type WizardModel,
} from '../../../src/core/setup/wizardModel';
import { wizardView } from '../../../src/core/setup/wizardView';
import { detected, facts, TOKEN_WORKFLOW } from './fixtures';

const go = (model: WizardModel, ...steps: WizardModel['step'][]) => steps.reduce((m, step) => reduce(m, { type: 'navigate', step }), model);

function write(model: WizardModel): WizardModel {
  const target = targetOf(model)!;
  const text = proposedText(model)!;
  return reduce(model, {
    type: 'written',
    file: { fileName: target.fileName, text, migrated: target.action === 'migrate', upToDate: false, secrets: target.action === 'migrate' ? target.existing!.secrets : [] },
    inspection: inspectWorkflow(target.fileName, text),
  });
}

describe('wizard state machine', () => {
  it('starts busy on Detect with every later step locked', () => {
    const model = reduce(detected(), { type: 'busy', text: 'Looking…' });
    const view = wizardView({ ...model, project: undefined });
    assert.equal(view.step, 'detect');
    assert.deepEqual(
      view.steps.map((s) => s.state),
      ['current', 'locked', 'locked', 'locked', 'locked', 'locked', 'locked'],
    );
  });

  it('walks Detect → Choose → Review → Write, and locks PyPI, GitHub and Done until the file is written', () => {
    let model = detected();
    assert.deepEqual(navigation(model), { back: undefined, next: 'choose', blocked: undefined });
    assert.equal(go(model, 'pypi').step, 'detect', 'PyPI is locked before writing');
    assert.equal(blockerOf(model, 'pypi'), 'Write the workflow first.');
    model = go(model, 'choose', 'review', 'write');
    assert.equal(model.step, 'write');
    assert.equal(navigation(model).blocked, 'Write the workflow first.');
    assert.deepEqual(targetOf(model), { fileName: 'release.yml', exists: false, action: 'create' });
    model = write(model);
    assert.equal(writtenOf(model)?.fileName, 'release.yml');
    model = go(model, 'pypi', 'github', 'done');
    assert.equal(model.step, 'done');
    assert.deepEqual(navigation(model), { back: 'github', next: undefined, blocked: undefined });
  });

  it('blocks every later step without a repository, and says why', () => {
    const model = reduce(detected(), { type: 'detected', ...withoutRemote() });
    assert.match(blockerOf(model, 'choose')!, /no remote/i);
    assert.equal(go(model, 'choose').step, 'detect');
  });

  it('validates choices: a bad environment locks Review, a good one unlocks it', () => {
    let model = go(detected(), 'choose');
    model = reduce(model, { type: 'setChoices', choices: { environment: 'py"pi' } });
    assert.match(wizardView(model).choose!.errors.environment!, /must not contain/);
    assert.equal(go(model, 'review').step, 'choose');
    model = reduce(model, { type: 'setChoices', choices: { environment: 'release', target: 'both', pythonVersion: '3.12' } });
    assert.deepEqual(wizardView(model).choose!.errors, {});
    model = go(model, 'review');
    assert.equal(model.step, 'review');
    const plan = planOf(model)!;
    assert.equal(plan.environment, 'release');
    assert.equal(plan.testPypi, true);
    assert.equal(plan.pythonVersion, '3.12');
    assert.deepEqual(indexesOf(model), ['pypi', 'testpypi']);
    assert.deepEqual(environmentsOf(model), [{ index: 'pypi', name: 'release' }, { index: 'testpypi', name: 'testpypi' }]);
    assert.match(proposedText(model)!, /name: release/);
  });

  it('a no-op choice keeps the model; a real change after writing asks to write again', () => {
    let model = write(go(detected(), 'choose', 'review', 'write'));
    assert.equal(reduce(model, { type: 'setChoices', choices: { environment: 'pypi' } }), model);
    model = reduce(model, { type: 'setChoices', choices: { trigger: 'tag' } });
    assert.equal(writtenOf(model), undefined, 'the file on disk no longer matches');
    assert.equal(targetOf(model)?.action, 'replace');
  });

  it('an existing release.yml: replace by default, or write release-pypi.yml; the header names the file', () => {
    let model = detected({ 'release.yml': 'on: push\njobs: {}\n' });
    assert.deepEqual(
      { ...targetOf(model), existing: undefined },
      { fileName: 'release.yml', exists: true, existing: undefined, alternativeName: 'release-pypi.yml', action: 'replace' },
    );
    model = reduce(model, { type: 'setExistingAction', action: 'rename' });
    assert.equal(targetOf(model)?.fileName, 'release-pypi.yml');
    assert.match(proposedText(model)!, /Workflow name: release-pypi\.yml/);
    model = write(go(model, 'choose', 'review', 'write'));
    assert.equal(writtenOf(model)?.fileName, 'release-pypi.yml');
    assert.equal(planOf(model)?.workflowFileName, 'release-pypi.yml', 'PyPI is told the new name');
    assert.equal(reduce(model, { type: 'setExistingAction', action: 'replace' }), model, 'no switching after writing');
  });

  it('recognises a file that already holds the generated workflow as written (a rerun, or a reload)', () => {
    const text = proposedText(detected())!;
    // The file publishes with trusted publishing, so the wizard starts by keeping it; writing it again is the other path.
    assert.equal(detected({ 'release.yml': text }).mode, 'existing');
    const model = reduce(detected({ 'release.yml': text }), { type: 'setMode', mode: 'new' });
    assert.equal(writtenOf(model)?.upToDate, true);
    assert.equal(go(model, 'choose', 'review', 'write', 'pypi').step, 'pypi');
    assert.equal(wizardView(go(model, 'choose', 'review')).review?.upToDate, true);
  });

  it('migration: skips Choose, plans from the migrated file, and remembers the secret for GitHub', () => {
    let model = detected({ 'publish.yml': TOKEN_WORKFLOW });
    assert.equal(wizardView(model).detect.workflows[0].canMigrate, true);
    model = reduce(model, { type: 'setMode', mode: 'migrate', fileName: 'publish.yml' });
    assert.equal(model.mode, 'migrate');
    assert.equal(navigation(model).next, 'review');
    assert.equal(wizardView(model).steps.find((s) => s.id === 'choose')?.state, 'skipped');
    assert.equal(go(model, 'choose').step, 'detect');
    model = go(model, 'review', 'write');
    assert.equal(targetOf(model)?.action, 'migrate');
    assert.equal(wizardView(model).write?.actionLabel, 'Apply the migration to publish.yml');
    model = write(model);
    assert.deepEqual(oldSecrets(model), ['PYPI_API_TOKEN']);
    const plan = planOf(model)!;
    assert.equal(plan.workflowFileName, 'publish.yml');
    assert.equal(plan.environment, 'pypi');
    assert.equal(triggerOf(model), 'release');
    assert.deepEqual(indexesOf(model), ['pypi']);
    model = go(model, 'pypi', 'github');
    assert.equal(model.step, 'github');
    assert.deepEqual(wizardView(model).github?.secrets, [{ name: 'PYPI_API_TOKEN', state: 'unknown' }]);
  });

  it('ignores a migration of a file that has none, and a switch back once written', () => {
    const model = detected({ 'publish.yml': TOKEN_WORKFLOW, 'ci.yml': 'on: push\njobs: {}\n' });
    assert.equal(reduce(model, { type: 'setMode', mode: 'migrate', fileName: 'ci.yml' }), model);
    assert.equal(reduce(model, { type: 'setMode', mode: 'migrate', fileName: 'nope.yml' }), model);
    const written = write(go(reduce(model, { type: 'setMode', mode: 'migrate', fileName: 'publish.yml' }), 'review', 'write'));
    assert.equal(reduce(written, { type: 'setMode', mode: 'new' }), written);
  });

  it('selecting an unknown remote changes nothing; a known one resets the GitHub state', () => {
    const model = detected();
    assert.equal(reduce(model, { type: 'selectRemote', name: 'upstream' }), model);
  });

  it('records environments created and secrets deleted', () => {
    let model = write(go(reduce(detected({ 'publish.yml': TOKEN_WORKFLOW }), { type: 'setMode', mode: 'migrate', fileName: 'publish.yml' }), 'review', 'write'));
    model = reduce(model, { type: 'github', update: { status: 'signed-in', secretNames: ['PYPI_API_TOKEN', 'OTHER'] } });
    const environment = { name: 'pypi', id: 1, reviewers: [], waitTimerMinutes: 0, deploymentPolicy: { protectedBranches: false, customPolicies: [{ name: 'v*', type: 'tag' as const }] } };
    model = reduce(model, { type: 'environmentEnsured', name: 'pypi', result: { ok: true, value: { created: true, environment, changes: ['created', 'limited to tags v*'] } } });
    assert.deepEqual(model.github.environments, [environment]);
    model = reduce(model, { type: 'secretDeleted', name: 'PYPI_API_TOKEN', result: { ok: true, value: true } });
    assert.deepEqual(model.github.secretNames, ['OTHER']);
    assert.equal(go(model, 'pypi', 'github').step, 'github');
  });

  it('restores choices, the written file and the step after a reload, as far as they still hold', () => {
    let before = go(detected(), 'choose');
    before = reduce(before, { type: 'setChoices', choices: { trigger: 'tag', environment: 'release' } });
    before = write(go(before, 'review', 'write'));
    before = go(before, 'pypi');
    const writtenText = before.written!.text;
    const fresh = detected({ 'release.yml': writtenText });
    const restored = restore(fresh, { step: 'pypi', session: sessionOf(before) });
    assert.equal(restored.step, 'pypi');
    assert.equal(restored.choices.trigger, 'tag');
    assert.equal(restored.written?.fileName, 'release.yml');
    // The file was changed by hand meanwhile: the step stops at Write.
    const edited = restore(detected({ 'release.yml': `${writtenText}# edited\n` }), { step: 'pypi', session: sessionOf(before) });
    assert.equal(edited.step, 'write');
    assert.equal(edited.written, undefined);
  });

  it('restores a finished migration from the migrated file', () => {
    let before = reduce(detected({ 'publish.yml': TOKEN_WORKFLOW }), { type: 'setMode', mode: 'migrate', fileName: 'publish.yml' });
    before = go(write(go(before, 'review', 'write')), 'pypi', 'github');
    const restored = restore(detected({ 'publish.yml': before.written!.text }), { step: 'github', session: sessionOf(before) });
    assert.equal(restored.step, 'github');
    assert.deepEqual(oldSecrets(restored), ['PYPI_API_TOKEN']);
  });

  it('compiled projects build with cibuildwheel whatever the build tool choice', () => {
    const compiled = detected({}, facts({ build: { kind: 'compiled', builder: 'scikit-build-core', detail: 'CMake' } }));
    const model = reduce(go(compiled, 'choose'), { type: 'setChoices', choices: { buildTool: 'uv' } });
    assert.equal(wizardView(model).choose?.pure, false);
    assert.equal(planOf(model)?.wheels, 'cibuildwheel');
    assert.equal(planOf(model)?.buildTool, 'build');
    assert.equal(generateWorkflow(planOf(model)!), proposedText(model));
  });
});

function withoutRemote() {
  const model = detected();
  return {
    packages: model.packages,
    packageId: model.packageId,
    project: model.project,
    remotes: [],
    repositoryError: 'The repository has no remotes: add the GitHub repository as origin.',
    workflows: [],
    choices: model.choices,
    workflowFileName: 'release.yml',
  };
}
