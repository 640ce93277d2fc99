import * as assert from 'node:assert/strict';
import type { ProjectFacts } from '../../../src/core/pyproject/types';
import { ok } from '../../../src/core/result';
import { doneView, firstTag, releaseInstructions } from '../../../src/core/setup/checklist';
import { inspectWorkflow } from '../../../src/core/setup/inspectWorkflow';
import { proposedText, reduce, targetOf, type WizardModel } from '../../../src/core/setup/wizardModel';
import { detected, facts, TOKEN_WORKFLOW } from './fixtures';

function written(model: WizardModel): WizardModel {
  const target = targetOf(model)!;
  const text = proposedText(model)!;
  const migrated = target.action === 'migrate';
  return reduce(model, {
    type: 'written',
    file: { fileName: target.fileName, text, migrated, upToDate: false, secrets: migrated ? target.existing!.secrets : [] },
    inspection: inspectWorkflow(target.fileName, text),
  });
}

describe('Done step', () => {
  it('first release: a GitHub release for the release trigger, a pushed tag for the tag trigger', () => {
    const release = releaseInstructions('release', 'v0.1.0', { owner: 'Example-Org', repo: 'Hello-PyPI' }, 'origin');
    assert.match(release.text, /^Create a GitHub release with tag v0\.1\.0/);
    assert.equal(release.link?.url, 'https://github.com/Example-Org/Hello-PyPI/releases/new?tag=v0.1.0');
    assert.equal(releaseInstructions('tag', 'v0.1.0', undefined, 'origin').command, 'git tag v0.1.0 && git push origin v0.1.0');
    assert.equal(releaseInstructions('tag', 'v2.0.0', undefined, 'upstream').command, 'git tag v2.0.0 && git push upstream v2.0.0');
  });

  it('the tag is the static version, else v0.1.0', () => {
    assert.equal(firstTag(detected()), 'v0.1.0');
    assert.equal(firstTag(detected({}, facts({ version: { kind: 'static', value: '2.3.1' } }))), 'v2.3.1');
    assert.equal(firstTag(detected({}, facts({ version: { kind: 'dynamic', provider: 'hatch-vcs', fromVcs: true } }))), 'v0.1.0');
  });

  it('before anything: the workflow, the publisher and the environment are left', () => {
    const view = doneView(detected());
    assert.deepEqual(view.items.map((i) => i.state), ['todo', 'todo', 'unknown']);
    assert.match(view.items[1].text, /^Register the trusted publisher on PyPI$/);
  });

  it('after writing, with a 404 on PyPI and the environment created', () => {
    let model = written(detected());
    model = reduce(model, { type: 'pypiChecked', index: 'pypi', check: { project: { ok: false, error: { kind: 'NotFound', message: '404' } } } });
    const environment = { name: 'pypi', id: 1, reviewers: [], waitTimerMinutes: 0, deploymentPolicy: null };
    model = reduce(model, { type: 'github', update: { status: 'signed-in' } });
    model = reduce(model, { type: 'environmentEnsured', name: 'pypi', result: { ok: true, value: { created: true, environment, changes: ['created'] } } });
    const view = doneView(model);
    assert.deepEqual(view.items.map((i) => [i.state, i.text]), [
      ['done', '.github/workflows/release.yml written'],
      ['todo', 'Register the trusted publisher on PyPI as a pending publisher'],
      ['done', 'Environment pypi created on GitHub'],
    ]);
  });

  it('a publisher that matches counts as registered; a migration lists the secret and the token to revoke', () => {
    let model = written(reduce(reduce(detected({ 'publish.yml': TOKEN_WORKFLOW }), { type: 'setMode', mode: 'migrate', fileName: 'publish.yml' }), { type: 'navigate', step: 'review' }));
    model = reduce(model, {
      type: 'pypiChecked',
      index: 'pypi',
      check: {
        project: ok({ name: 'Hello-PyPI', normalizedName: 'hello-pypi' }),
        latest: ok({ version: '0.1.0', file: 'a.whl', publisher: { kind: 'GitHub', repository: 'Example-Org/Hello-PyPI', workflow: 'publish.yml', environment: 'pypi' } }),
      },
    });
    const view = doneView(model);
    assert.deepEqual(view.items.map((i) => i.state), ['done', 'done', 'unknown', 'todo', 'todo']);
    assert.match(view.items[0].text, /Switched .*publish\.yml to trusted publishing/);
    assert.match(view.items[3].text, /PYPI_API_TOKEN/);
    assert.match(view.items[4].text, /Revoke/);
    // The account page that lists the tokens (with their Remove buttons), not the form that adds one.
    assert.equal(view.items[4].detail, 'https://pypi.org/manage/account/#api-tokens (section API tokens)');
  });

  it('the first tag follows the version source: static, from git tags, or from a file', () => {
    const release = (version: ProjectFacts['version']) => doneView(detected({}, facts({ version }))).release.text;
    assert.match(release({ kind: 'static', value: '3.0.0' }), /^Create a GitHub release with tag v3\.0\.0:/);
    assert.match(release({ kind: 'dynamic', provider: 'setuptools_scm', fromVcs: true }), /tag v0\.1\.0: .* The version comes from the tag \(setuptools_scm\)/);
    const fromFile = doneView(detected({}, facts({ version: { kind: 'dynamic', provider: 'attr', fromVcs: false } }))).release;
    assert.match(fromFile.text, /tag v<version>: .*Use the version your project declares \(attr\)/);
    assert.equal(fromFile.link, undefined, 'no link with a placeholder in it');
  });
});
