import * as assert from 'node:assert/strict';
import { planRelease, PENDING_PUBLISHER_NOTE } from '../../../src/core/publish';
import { err, ok } from '../../../src/core/result';
import { existenceOf, publisherMatches, pypiIndexView, expectedPublisher, type IndexCheck } from '../../../src/core/setup/pypiReport';
import { facts } from './fixtures';

const plan = planRelease(facts());
const repository = { owner: 'Example-Org', repo: 'Hello-PyPI' };
const project = ok({ name: 'Hello-PyPI', normalizedName: 'hello-pypi', latestVersion: '1.2.0' });
const github = (workflow: string, environment: string | null = 'pypi') => ({ kind: 'GitHub', repository: 'example-org/hello-pypi', workflow, environment });

describe('PyPI values step', () => {
  it('a project that exists: the prefilled project page only, and no pending note', () => {
    const view = pypiIndexView(plan, repository, 'pypi', { project }, false);
    assert.equal(view.status, 'exists');
    assert.match(view.statusText, /latest release 1\.2\.0/);
    assert.deepEqual(view.links.map((l) => l.id), ['pypi:project']);
    assert.match(view.links[0].url, /^https:\/\/pypi\.org\/manage\/project\/hello-pypi\/settings\/publishing\/\?provider=github&owner=Example-Org&repository=Hello-PyPI&workflow_filename=release\.yml&environment=pypi$/);
    assert.equal(view.pendingNote, undefined);
    assert.deepEqual(
      view.values.map((v) => [v.field, v.value]),
      [['owner', 'Example-Org'], ['repository', 'Hello-PyPI'], ['workflow', 'release.yml'], ['environment', 'pypi'], ['projectName', 'Hello-PyPI']],
    );
  });

  it('a 404: the pending page, with the note that a pending publisher reserves nothing and expires', () => {
    const view = pypiIndexView(plan, repository, 'pypi', { project: err({ kind: 'NotFound', message: 'no such project' }) }, false);
    assert.equal(view.status, 'new');
    assert.deepEqual(view.links.map((l) => l.url), ['https://pypi.org/manage/account/publishing/']);
    assert.equal(view.pendingNote, PENDING_PUBLISHER_NOTE);
    assert.match(view.pendingNote!, /does not reserve/);
    assert.match(view.pendingNote!, /expires/);
  });

  it('offline: says it could not reach the index, with the reason, and offers both pages', () => {
    for (const check of [{ project: err({ kind: 'Network' as const, message: 'connect ECONNREFUSED 127.0.0.1:9' }) }, { failure: 'dist/network.js is missing' }]) {
      const view = pypiIndexView(plan, repository, 'testpypi', check, false);
      assert.equal(view.status, 'unknown');
      assert.match(view.statusText, /^Could not check whether hello-pypi is on TestPyPI: /);
      assert.doesNotMatch(view.statusText, /test\.pypi\.org/, 'names the host that was asked, not the default one');
      assert.match(view.statusText, /ECONNREFUSED|network\.js/);
      assert.deepEqual(view.links.map((l) => l.id), ['testpypi:project', 'testpypi:pending']);
      assert.ok(view.links.every((l) => l.url.startsWith('https://test.pypi.org/')));
      assert.ok(view.pendingNote);
      assert.equal(view.values.find((v) => v.field === 'environment')?.value, 'testpypi');
    }
  });

  it('shows "checking" until the answer comes', () => {
    assert.equal(pypiIndexView(plan, repository, 'pypi', undefined, true).status, 'checking');
    assert.equal(existenceOf(undefined), 'unknown');
    const unchecked = pypiIndexView(plan, repository, 'pypi', undefined, false);
    assert.match(unchecked.statusText, /^Not checked yet whether hello-pypi is on PyPI/);
    assert.equal(unchecked.links.length, 2);
  });

  it('drift: names the publisher of the last release and the one to register, with the prefilled link', () => {
    const check: IndexCheck = { project, latest: ok({ version: '1.2.0', file: 'x.whl', publisher: github('publish.yml') }) };
    const view = pypiIndexView(plan, repository, 'pypi', check, false);
    assert.equal(view.publisher?.tone, 'warning');
    assert.match(view.publisher!.text, /last release \(1\.2\.0\) came from example-org\/hello-pypi, workflow publish\.yml, environment pypi; register Example-Org\/Hello-PyPI, workflow release\.yml, environment pypi before your next release/);
    assert.equal(view.publisher?.link?.id, 'pypi:project');
    assert.equal(publisherMatches(check, expectedPublisher(plan, repository, 'pypi')), false);
  });

  it('a matching publisher is reported as registered', () => {
    const check: IndexCheck = { project, latest: ok({ version: '1.2.0', file: 'x.whl', publisher: github('release.yml', 'PyPI') }) };
    const view = pypiIndexView(plan, repository, 'pypi', check, false);
    assert.equal(view.publisher?.tone, 'ok');
    assert.equal(publisherMatches(check, expectedPublisher(plan, repository, 'pypi')), true);
  });

  it('a release without provenance asks to register before the next release', () => {
    const view = pypiIndexView(plan, repository, 'pypi', { project, latest: ok({ version: '1.2.0', file: 'x.tar.gz' }) }, false);
    assert.equal(view.publisher?.tone, 'warning');
    assert.match(view.publisher!.text, /not uploaded by a trusted publisher/);
  });
});
