import * as assert from 'node:assert/strict';
import { normalizePackageDir, planRelease, ReleasePlan, WHEEL_PLATFORMS } from '../../../src/core/publish';
import { facts } from './fixtures';

describe('planRelease', () => {
  it('fills the defaults', () => {
    const expected: ReleasePlan = {
      projectName: 'Example_Package',
      normalizedName: 'example-package',
      pythonVersion: '3.14',
      versionFromVcs: false,
      buildTool: 'build',
      wheels: 'pure',
      installRust: false,
      platforms: [...WHEEL_PLATFORMS],
      packageDir: '.',
      trigger: 'release',
      tagPrefix: 'v',
      environment: 'pypi',
      pypi: true,
      testPypi: false,
      testPypiEnvironment: 'testpypi',
      pinning: 'sha',
      workflowFileName: 'release.yml',
    };
    assert.deepEqual(planRelease(facts()), expected);
  });

  it('takes the user\'s choices over the defaults', () => {
    const plan = planRelease(facts(), {
      environment: 'release',
      testPypi: true,
      testPypiEnvironment: 'staging',
      trigger: 'tag',
      pythonVersion: '3.12',
      buildTool: 'uv',
      pinning: 'tag',
      workflowFileName: 'publish.yaml',
      packageDir: 'lib',
    });
    assert.deepEqual(
      { ...plan, projectName: undefined, normalizedName: undefined, wheels: undefined, versionFromVcs: undefined },
      {
        projectName: undefined,
        normalizedName: undefined,
        wheels: undefined,
        versionFromVcs: undefined,
        installRust: false,
        platforms: [...WHEEL_PLATFORMS],
        environment: 'release',
        pypi: true,
        testPypi: true,
        testPypiEnvironment: 'staging',
        trigger: 'tag',
        // A package in a subfolder releases on its own tags.
        tagPrefix: 'example-package-v',
        pythonVersion: '3.12',
        buildTool: 'uv',
        pinning: 'tag',
        workflowFileName: 'publish.yaml',
        packageDir: 'lib',
      },
    );
  });

  it('derives the Python from requires-python', () => {
    assert.equal(planRelease(facts({ requiresPython: '>=3.9,<3.12' })).pythonVersion, '3.11');
    assert.equal(planRelease(facts({ requiresPython: undefined })).pythonVersion, '3.14');
  });

  it('chooses the wheel builder from the build kind', () => {
    assert.equal(planRelease(facts({ build: { kind: 'pure' } })).wheels, 'pure');
    assert.equal(planRelease(facts({ build: { kind: 'compiled', builder: 'maturin', detail: '' } })).wheels, 'maturin');
    for (const builder of ['scikit-build-core', 'meson-python', 'setuptools-extensions', 'other'] as const) {
      assert.equal(planRelease(facts({ build: { kind: 'compiled', builder, detail: '' } })).wheels, 'cibuildwheel');
    }
  });

  it('needs the git history only for VCS versions', () => {
    assert.equal(planRelease(facts({ version: { kind: 'dynamic', provider: 'setuptools_scm', fromVcs: true } })).versionFromVcs, true);
    assert.equal(planRelease(facts({ version: { kind: 'dynamic', provider: 'attr', fromVcs: false } })).versionFromVcs, false);
    assert.equal(planRelease(facts({ version: { kind: 'static', value: '1.0' } })).versionFromVcs, false);
  });

  it('normalizes the package folder', () => {
    assert.equal(normalizePackageDir('.'), '.');
    assert.equal(normalizePackageDir(''), '.');
    assert.equal(normalizePackageDir('./'), '.');
    assert.equal(normalizePackageDir('./packages/core/'), 'packages/core');
    assert.equal(normalizePackageDir('packages\\core'), 'packages/core');
    assert.equal(normalizePackageDir('a//b/./c'), 'a/b/c');
  });
});

describe('planRelease for a TestPyPI-only workflow', () => {
  it('publishes to TestPyPI when PyPI is left out', () => {
    const plan = planRelease(facts(), { pypi: false });
    assert.equal(plan.pypi, false);
    assert.equal(plan.testPypi, true);
  });
});
