import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { memoryFiles, nodeFiles } from '../../../src/core/files';
import { findPyprojects, readPyprojectFile } from '../../../src/core/pyproject';
import { expectErr, expectOk } from './fixtures';

describe('findPyprojects', () => {
  let root: string;

  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'find-pyprojects-'));
    const files = [
      'pyproject.toml',
      'packages/b/pyproject.toml',
      'packages/a/pyproject.toml',
      'node_modules/x/pyproject.toml',
      '.venv/lib/python3.12/site-packages/dep/pyproject.toml',
      'venv/pyproject.toml',
      'build/lib/pyproject.toml',
      'demo.egg-info/pyproject.toml',
      'packages/a/.tox/py312/pyproject.toml',
      'deep/1/2/3/pyproject.toml',
      'deeper/1/2/3/4/pyproject.toml',
    ];
    for (const file of files) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), '[project]\nname = "x"\n');
    }
    // A directory named like the file must not be reported.
    mkdirSync(path.join(root, 'packages', 'c', 'pyproject.toml'), { recursive: true });
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it("returns the root's own first, then the rest sorted, skipping environments and build output", async () => {
    assert.deepEqual(await findPyprojects(root, nodeFiles), [
      path.join(root, 'pyproject.toml'),
      path.join(root, 'deep', '1', '2', '3', 'pyproject.toml'),
      path.join(root, 'packages', 'a', 'pyproject.toml'),
      path.join(root, 'packages', 'b', 'pyproject.toml'),
    ]);
  });

  it('honours maxDepth', async () => {
    assert.deepEqual(await findPyprojects(root, nodeFiles, { maxDepth: 0 }), [path.join(root, 'pyproject.toml')]);
    const deeper = await findPyprojects(root, nodeFiles, { maxDepth: 5 });
    assert.ok(deeper.includes(path.join(root, 'deeper', '1', '2', '3', '4', 'pyproject.toml')));
  });

  it('returns [] for a folder that does not exist', async () => {
    assert.deepEqual(await findPyprojects(path.join(root, 'missing'), nodeFiles), []);
  });

  it('works over an in-memory reader, without a root file', async () => {
    const files = memoryFiles({ '/mono/libs/z/pyproject.toml': '', '/mono/libs/y/pyproject.toml': '', '/mono/README.md': '' });
    assert.deepEqual(await findPyprojects('/mono', files), [path.resolve('/mono/libs/y/pyproject.toml'), path.resolve('/mono/libs/z/pyproject.toml')]);
  });
});

describe('readPyprojectFile', () => {
  it('reads and interprets the file', async () => {
    const files = memoryFiles({ '/repo/pyproject.toml': '[project]\nname = "Demo.Pkg"\nversion = "0.1"\n' });
    const facts = expectOk(await readPyprojectFile('/repo/pyproject.toml', files));
    assert.equal(facts.normalizedName, 'demo-pkg');
  });

  it('NotFound when the file is missing', async () => {
    const error = expectErr(await readPyprojectFile('/repo/pyproject.toml', memoryFiles({})));
    assert.equal(error.kind, 'NotFound');
    assert.equal(error.path, '/repo/pyproject.toml');
  });
});
