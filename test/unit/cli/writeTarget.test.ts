import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { runCli } from '../../../src/cli';
import { refuseWriteTarget } from '../../../src/core/writeTarget';
import { gitConfigWithRemotes, simplePyproject, tempProject } from '../tempProject';

const cli = async (cwd: string, ...argv: string[]) => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
};

const project = () => tempProject({ 'pyproject.toml': simplePyproject('hello-pypi'), '.git/config': gitConfigWithRemotes({ origin: 'https://github.com/o/r.git' }) });

describe('writing the workflow never follows a link out of the repository', () => {
  it('init --write (even --force) refuses a release.yml that is a symbolic link, and the linked file is untouched', async () => {
    const root = project();
    const outside = path.join(mkdtempSync(path.join(tmpdir(), 'tp-outside-')), 'bashrc');
    writeFileSync(outside, 'export SAFE=1\n');
    mkdirSync(path.join(root, '.github', 'workflows'), { recursive: true });
    symlinkSync(outside, path.join(root, '.github', 'workflows', 'release.yml'));
    for (const flags of [['--write'], ['--write', '--force']]) {
      const ran = await cli(root, 'init', ...flags);
      assert.equal(ran.code, 2, flags.join(' '));
      assert.match(ran.stderr, /symbolic link/);
    }
    assert.equal(readFileSync(outside, 'utf8'), 'export SAFE=1\n');
  });

  it('refuses a linked .github folder, and a target outside the root', async () => {
    const root = project();
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'tp-elsewhere-'));
    symlinkSync(elsewhere, path.join(root, '.github'));
    assert.match((await refuseWriteTarget(path.join(root, '.github', 'workflows', 'release.yml'), root)) ?? '', /\.github is a symbolic link/);
    assert.match((await refuseWriteTarget(path.join(elsewhere, 'x.yml'), root)) ?? '', /outside the repository/);
  });

  it('allows a new file in folders that do not exist yet, and an existing regular file', async () => {
    const root = project();
    const target = path.join(root, '.github', 'workflows', 'release.yml');
    assert.equal(await refuseWriteTarget(target, root), undefined);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, 'on: push\n');
    assert.equal(await refuseWriteTarget(target, root), undefined);
  });
});
