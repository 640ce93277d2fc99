import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeFiles } from '../../../src/core/files';
import { findRepository, readRemotes } from '../../../src/core/git';

/** Writes `{ relativePath: text }` under `root`, creating folders as needed. */
function write(root: string, files: Record<string, string>): void {
  for (const [relative, text] of Object.entries(files)) {
    const full = path.join(root, relative);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }
}

const remoteConfig = (name: string, url: string) => `[core]\n\tbare = false\n[remote "${name}"]\n\turl = ${url}\n\tfetch = +refs/heads/*:refs/remotes/${name}/*\n`;

/** A minimal real-looking git folder: enough for a person (and git) to recognise it. */
function gitFolder(config: string): Record<string, string> {
  return { HEAD: 'ref: refs/heads/main\n', config, 'refs/heads/.keep': '' };
}

function under(prefix: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [path.join(prefix, name), text]));
}

describe('findRepository and readRemotes (on disk)', () => {
  let tmp: string;

  beforeEach(() => {
    // realpath: on macOS the temporary folder is reached through a symbolic link.
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tp-git-')));
  });

  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('finds a normal repository from its top folder', async () => {
    const root = path.join(tmp, 'project');
    write(root, { ...under('.git', gitFolder(remoteConfig('origin', 'https://github.com/Octo-Org/Project.git'))), 'pyproject.toml': '' });
    const gitDir = path.join(root, '.git');
    assert.deepEqual(await findRepository(root, nodeFiles), { ok: true, value: { root, gitDir, commonDir: gitDir } });
    assert.deepEqual(await readRemotes(root, nodeFiles), {
      ok: true,
      value: { root, remotes: [{ name: 'origin', url: 'https://github.com/Octo-Org/Project.git' }] },
    });
  });

  it('finds the repository from a nested subfolder', async () => {
    const root = path.join(tmp, 'project');
    write(root, { ...under('.git', gitFolder(remoteConfig('origin', 'git@github.com:o/r.git'))), 'packages/core/src/pkg/__init__.py': '' });
    const result = await readRemotes(path.join(root, 'packages', 'core', 'src', 'pkg'), nodeFiles);
    assert.deepEqual(result, { ok: true, value: { root, remotes: [{ name: 'origin', url: 'git@github.com:o/r.git' }] } });
  });

  it('reads a linked worktree through its .git file and commondir', async () => {
    const main = path.join(tmp, 'main');
    const worktreeGitDir = path.join(main, '.git', 'worktrees', 'feature');
    write(main, under('.git', gitFolder(remoteConfig('origin', 'https://github.com/o/r.git'))));
    // What `git worktree add ../feature` writes: an absolute gitdir, and a relative commondir.
    write(worktreeGitDir, { HEAD: 'ref: refs/heads/feature\n', commondir: '../..\n', gitdir: `${path.join(tmp, 'feature', '.git')}\n` });
    const worktree = path.join(tmp, 'feature');
    write(worktree, { '.git': `gitdir: ${worktreeGitDir}\n`, 'src/mod.py': '' });

    assert.deepEqual(await findRepository(path.join(worktree, 'src'), nodeFiles), {
      ok: true,
      value: { root: worktree, gitDir: worktreeGitDir, commonDir: path.join(main, '.git') },
    });
    assert.deepEqual(await readRemotes(worktree, nodeFiles), {
      ok: true,
      value: { root: worktree, remotes: [{ name: 'origin', url: 'https://github.com/o/r.git' }] },
    });
  });

  it('reads a submodule through a relative gitdir, finding its own remotes, not the superproject\'s', async () => {
    const superproject = path.join(tmp, 'super');
    write(superproject, {
      ...under('.git', gitFolder(remoteConfig('origin', 'https://github.com/o/super.git'))),
      ...under('.git/modules/libs/sub', gitFolder(remoteConfig('origin', 'https://github.com/o/sub.git'))),
      // What `git submodule add` writes: a gitdir relative to the folder holding the .git file.
      'libs/sub/.git': 'gitdir: ../../.git/modules/libs/sub\n',
    });
    const submodule = path.join(superproject, 'libs', 'sub');
    const gitDir = path.join(superproject, '.git', 'modules', 'libs', 'sub');
    assert.deepEqual(await findRepository(submodule, nodeFiles), { ok: true, value: { root: submodule, gitDir, commonDir: gitDir } });
    assert.deepEqual(await readRemotes(submodule, nodeFiles), {
      ok: true,
      value: { root: submodule, remotes: [{ name: 'origin', url: 'https://github.com/o/sub.git' }] },
    });
  });

  it('follows a .git that is a symbolic link to a git folder', async () => {
    const store = path.join(tmp, 'store', 'project.git');
    write(store, gitFolder(remoteConfig('origin', 'https://github.com/o/r.git')));
    const root = path.join(tmp, 'project');
    fs.mkdirSync(root);
    fs.symlinkSync(store, path.join(root, '.git'), 'dir');
    const result = await readRemotes(root, nodeFiles);
    assert.deepEqual(result, { ok: true, value: { root, remotes: [{ name: 'origin', url: 'https://github.com/o/r.git' }] } });
  });

  it('reports a folder outside any repository', async function () {
    const ancestors: string[] = [];
    for (let dir = tmp; ; dir = path.dirname(dir)) {
      ancestors.push(dir);
      if (path.dirname(dir) === dir) break;
    }
    if (ancestors.some((dir) => fs.existsSync(path.join(dir, '.git')))) this.skip(); // the temporary folder is itself inside a repository
    const folder = path.join(tmp, 'not-a-repo', 'src');
    fs.mkdirSync(folder, { recursive: true });
    const result = await findRepository(folder, nodeFiles);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.kind, 'NotARepository');
    assert.equal(!result.ok && result.error.dir, folder);
    assert.match(!result.ok ? result.error.message : '', /No Git repository/);
    assert.equal((await readRemotes(folder, nodeFiles)).ok, false);
  });

  it('reports a .git file that does not say where the repository is', async () => {
    const root = path.join(tmp, 'project');
    write(root, { '.git': 'this is not a gitfile\n' });
    const result = await findRepository(root, nodeFiles);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.kind, 'NotARepository');
    assert.match(!result.ok ? result.error.message : '', /gitdir: <path>/);
  });

  it('reports a repository without remotes', async () => {
    const root = path.join(tmp, 'project');
    write(root, under('.git', gitFolder('[core]\n\tbare = false\n')));
    const result = await readRemotes(path.join(root), nodeFiles);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.kind, 'NoRemotes');
    assert.equal(!result.ok && result.error.dir, root);
    assert.match(!result.ok ? result.error.message : '', /git remote add origin https:\/\/github\.com\//);
  });
});
