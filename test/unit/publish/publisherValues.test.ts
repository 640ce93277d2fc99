import * as assert from 'node:assert/strict';
import {
  formatPublisherValues,
  PENDING_PUBLISHER_NOTE,
  planRelease,
  publisherValues,
} from '../../../src/core/publish';
import { facts } from './fixtures';

const repo = { owner: 'Octo-Org', repo: 'My.Repo' };

describe('publisherValues', () => {
  const plan = planRelease(facts());

  it('opens the project\'s prefilled publishing page for an existing project', () => {
    const v = publisherValues(plan, repo, 'exists');
    assert.equal(v.index, 'pypi');
    assert.equal(v.owner, 'Octo-Org');
    assert.equal(v.repository, 'My.Repo');
    assert.equal(v.workflow, 'release.yml');
    assert.equal(v.environment, 'pypi');
    assert.equal(v.projectName, 'Example_Package');
    assert.equal(v.routes.length, 1);
    const [route] = v.routes;
    assert.equal(route.kind, 'project');
    assert.equal(route.prefilled, true);
    const url = new URL(route.url);
    assert.equal(url.origin, 'https://pypi.org');
    assert.equal(url.pathname, '/manage/project/example-package/settings/publishing/');
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      provider: 'github',
      owner: 'Octo-Org',
      repository: 'My.Repo',
      workflow_filename: 'release.yml',
      environment: 'pypi',
    });
  });

  it('sends a new project to the pending-publisher page, not prefilled', () => {
    const v = publisherValues(plan, repo, 'new');
    assert.deepEqual(v.routes, [{ kind: 'pending', url: 'https://pypi.org/manage/account/publishing/', prefilled: false }]);
  });

  it('offers both pages when existence is unknown, the project page first', () => {
    const v = publisherValues(plan, repo, 'unknown');
    assert.deepEqual(
      v.routes.map((r) => r.kind),
      ['project', 'pending'],
    );
  });

  it('URL-encodes odd values', () => {
    const odd = planRelease(facts({ normalizedName: 'a-b' }), { environment: 'prod & eu/1+2', workflowFileName: 'rel ease#1.yml' });
    const v = publisherValues(odd, { owner: 'o', repo: 'r_e.p-o' }, 'exists');
    const raw = v.routes[0].url;
    assert.ok(!raw.includes(' ') && !raw.includes('#') && !raw.includes('& '), raw);
    const url = new URL(raw);
    assert.equal(url.searchParams.get('environment'), 'prod & eu/1+2');
    assert.equal(url.searchParams.get('workflow_filename'), 'rel ease#1.yml');
    assert.equal(url.searchParams.get('repository'), 'r_e.p-o');
  });

  it('leaves out an empty environment', () => {
    const v = publisherValues(planRelease(facts(), { environment: '' }), repo, 'exists');
    assert.equal(new URL(v.routes[0].url).searchParams.has('environment'), false);
  });

  it('uses test.pypi.org and the TestPyPI environment for TestPyPI', () => {
    const p = planRelease(facts(), { testPypi: true, testPypiEnvironment: 'staging' });
    const v = publisherValues(p, repo, 'unknown', 'testpypi');
    assert.equal(v.index, 'testpypi');
    assert.equal(v.environment, 'staging');
    assert.ok(v.routes[0].url.startsWith('https://test.pypi.org/manage/project/example-package/settings/publishing/?'));
    assert.equal(new URL(v.routes[0].url).searchParams.get('environment'), 'staging');
    assert.equal(v.routes[1].url, 'https://test.pypi.org/manage/account/publishing/');
  });
});

describe('formatPublisherValues', () => {
  const plan = planRelease(facts(), { testPypi: true });

  it('shows a table of the form\'s fields and the pages to open', () => {
    const text = formatPublisherValues([
      publisherValues(plan, repo, 'unknown'),
      publisherValues(plan, repo, 'unknown', 'testpypi'),
    ]);
    for (const row of [
      /^ {2}PyPI Project Name {2}Example_Package$/m,
      /^ {2}Owner {14}Octo-Org$/m,
      /^ {2}Repository name {4}My\.Repo$/m,
      /^ {2}Workflow name {6}release\.yml$/m,
      /^ {2}Environment name {3}pypi$/m,
      /^ {2}Environment name {3}testpypi$/m,
    ]) {
      assert.match(text, row);
    }
    assert.match(text, /^PyPI \(https:\/\/pypi\.org\)/m);
    assert.match(text, /^TestPyPI \(https:\/\/test\.pypi\.org\)/m);
    assert.match(text, /^Open https:\/\/pypi\.org\/manage\/project\/example-package\/settings\/publishing\/\?provider=github/m);
    assert.match(text, /^or https:\/\/pypi\.org\/manage\/account\/publishing\/$/m);
    assert.equal(text.split(PENDING_PUBLISHER_NOTE).length, 2, 'the pending note appears once');
    assert.ok(text.endsWith('\n'));
  });

  it('leaves the pending note out when only the project page is offered', () => {
    const text = formatPublisherValues([publisherValues(plan, repo, 'exists')]);
    assert.ok(!text.includes(PENDING_PUBLISHER_NOTE));
    assert.match(text, /the form is filled in/);
  });

  it('mentions the pending note for a new project', () => {
    const text = formatPublisherValues([publisherValues(plan, repo, 'new')]);
    assert.ok(text.includes(PENDING_PUBLISHER_NOTE));
    assert.match(PENDING_PUBLISHER_NOTE, /does not reserve/);
    assert.match(PENDING_PUBLISHER_NOTE, /expires/);
  });
});
