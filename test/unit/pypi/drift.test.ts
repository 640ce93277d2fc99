import * as assert from 'node:assert/strict';
import { publisherDrift, type ExpectedPublisher, type Publisher } from '../../../src/core/pypi';

const registered: Publisher = { kind: 'GitHub', repository: 'Example-Org/Hello-PyPI', workflow: 'release.yml', environment: 'pypi' };
const workflow: ExpectedPublisher = { owner: 'Example-Org', repo: 'Hello-PyPI', workflow: 'release.yml', environment: 'pypi' };

describe('publisherDrift', () => {
  it('finds nothing when the workflow matches the publisher', () => {
    assert.deepEqual(publisherDrift(workflow, registered), []);
  });

  it('compares owner and repository case-insensitively, as GitHub names are', () => {
    assert.deepEqual(publisherDrift({ ...workflow, owner: 'example-org', repo: 'HELLO-pypi' }, registered), []);
  });

  it('names another repository', () => {
    assert.deepEqual(publisherDrift({ ...workflow, owner: 'fork-owner' }, registered), ['repository "fork-owner/Hello-PyPI" instead of "Example-Org/Hello-PyPI"']);
  });

  it('names another workflow file', () => {
    assert.deepEqual(publisherDrift({ ...workflow, workflow: 'publish.yml' }, registered), ['workflow "publish.yml" instead of "release.yml"']);
  });

  it('treats a workflow name differing only in case as different, and says why', () => {
    const [difference] = publisherDrift({ ...workflow, workflow: 'Release.yml' }, registered);
    assert.match(difference, /^workflow "Release\.yml" instead of "release\.yml" \(PyPI compares workflow file names case-sensitively\)$/);
  });

  it('reduces a workflow path to its file name', () => {
    assert.deepEqual(publisherDrift({ ...workflow, workflow: '.github/workflows/release.yml' }, registered), []);
  });

  it('compares environments case-insensitively', () => {
    assert.deepEqual(publisherDrift({ ...workflow, environment: 'PyPI' }, registered), []);
  });

  it('names another environment, or a missing one', () => {
    assert.deepEqual(publisherDrift({ ...workflow, environment: 'release' }, registered), ['environment "release" instead of "pypi"']);
    assert.deepEqual(publisherDrift({ ...workflow, environment: undefined }, registered), ['no environment instead of "pypi"']);
    assert.deepEqual(publisherDrift({ ...workflow, environment: '  ' }, registered), ['no environment instead of "pypi"']);
  });

  it('accepts any environment when the publisher has none', () => {
    for (const environment of [null, undefined, '']) {
      const any: Publisher = { ...registered, environment };
      assert.deepEqual(publisherDrift({ ...workflow, environment: 'release' }, any), []);
      assert.deepEqual(publisherDrift({ ...workflow, environment: undefined }, any), []);
    }
  });

  it('lists every difference, repository first', () => {
    assert.deepEqual(publisherDrift({ owner: 'someone', repo: 'else', workflow: 'ci.yaml', environment: 'prod' }, registered), [
      'repository "someone/else" instead of "Example-Org/Hello-PyPI"',
      'workflow "ci.yaml" instead of "release.yml"',
      'environment "prod" instead of "pypi"',
    ]);
  });

  it('gives one difference for a publisher of another kind', () => {
    assert.deepEqual(publisherDrift(workflow, { kind: 'GitLab', repository: 'example-org/hello-pypi', environment: null }), [
      'published from GitLab (example-org/hello-pypi), not from a GitHub workflow',
    ]);
    assert.deepEqual(publisherDrift(workflow, { kind: 'Google' }), ['published from Google, not from a GitHub workflow']);
  });
});
