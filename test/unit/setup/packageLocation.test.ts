import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { alternativeWorkflowName, locatePackage, workflowPath } from '../../../src/core/setup/packageLocation';

describe('package location', () => {
  const root = path.resolve('/work/repo');

  it('puts a root package at "." and its workflow under the root', () => {
    const location = locatePackage(path.join(root, 'pyproject.toml'), root);
    assert.equal(location.packageDir, '.');
    assert.equal(workflowPath(location, 'release.yml'), path.join(root, '.github', 'workflows', 'release.yml'));
  });

  it('keeps a monorepo package folder relative with / and the workflow at the repository root', () => {
    const location = locatePackage(path.join(root, 'packages', 'core', 'pyproject.toml'), root);
    assert.equal(location.packageDir, 'packages/core');
    assert.equal(workflowPath(location, 'release.yml'), path.join(root, '.github', 'workflows', 'release.yml'));
  });

  it('uses the package folder as the root when there is no repository', () => {
    const location = locatePackage(path.join(root, 'pkg', 'pyproject.toml'), undefined);
    assert.equal(location.repositoryRoot, path.join(root, 'pkg'));
    assert.equal(location.packageDir, '.');
  });

  it('proposes a name that does not clash with existing workflows', () => {
    assert.equal(alternativeWorkflowName('release.yml', new Set(['release.yml'])), 'release-pypi.yml');
    assert.equal(alternativeWorkflowName('release.yml', new Set(['release.yml', 'Release-PyPI.yml'])), 'release-pypi-2.yml');
    assert.equal(alternativeWorkflowName('publish.yaml', new Set(['publish.yaml'])), 'publish-pypi.yaml');
  });
});
