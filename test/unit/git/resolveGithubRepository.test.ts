import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { memoryFiles } from '../../../src/core/files';
import { resolveGitHubRepository } from '../../../src/core/git';

const root = path.resolve('/work/project');
const secret = 'ghp_S3cr3tT0k3n';

/** A repository at `root` whose config holds `remotes` in order. */
function repository(remotes: Array<[name: string, url: string]>) {
  const config = remotes.map(([name, url]) => `[remote "${name}"]\n\turl = ${url}\n`).join('');
  return memoryFiles({ [path.join(root, '.git', 'HEAD')]: 'ref: refs/heads/main\n', [path.join(root, '.git', 'config')]: config, [path.join(root, 'pyproject.toml')]: '' });
}

describe('resolveGitHubRepository', () => {
  it('names the GitHub repository of origin', async () => {
    const files = repository([['upstream', 'https://github.com/pypa/Other.git'], ['origin', 'git@github.com:Me/Sample.git']]);
    assert.deepEqual(await resolveGitHubRepository(path.join(root, 'src'), files), {
      kind: 'ok',
      root,
      remote: { name: 'origin', url: 'git@github.com:Me/Sample.git' },
      repository: { owner: 'Me', repo: 'Sample' },
    });
  });

  it('asks when origin is a fork of upstream: PyPI trusts the repository whose workflow runs the release', async () => {
    const files = repository([['upstream', 'https://github.com/pypa/Sample.git'], ['origin', 'git@github.com:Me/Sample.git']]);
    for (const preferred of [undefined, 'origin']) {
      const result = await resolveGitHubRepository(root, files, preferred);
      assert.equal(result.kind, 'ask');
      if (result.kind !== 'ask') return;
      assert.deepEqual(result.candidates.map((c) => c.remote.name), ['origin', 'upstream']);
      assert.deepEqual(result.fork, { origin: { owner: 'Me', repo: 'Sample' }, upstream: { owner: 'pypa', repo: 'Sample' } });
    }
    // Naming upstream (the setting, or --remote) is an answer.
    const chosen = await resolveGitHubRepository(root, files, 'upstream');
    assert.deepEqual(chosen.kind === 'ok' && chosen.repository, { owner: 'pypa', repo: 'Sample' });
  });

  it('follows the remoteName setting', async () => {
    const files = repository([['origin', 'git@github.com:me/sample.git'], ['canonical', 'https://github.com/pypa/sample']]);
    const result = await resolveGitHubRepository(root, files, 'canonical');
    assert.equal(result.kind, 'ok');
    assert.deepEqual(result.kind === 'ok' && result.repository, { owner: 'pypa', repo: 'sample' });
  });

  it('redacts the chosen remote URL', async () => {
    const files = repository([['origin', `https://x-access-token:${secret}@github.com/o/r.git`]]);
    const result = await resolveGitHubRepository(root, files);
    assert.deepEqual(result, { kind: 'ok', root, remote: { name: 'origin', url: 'https://***@github.com/o/r.git' }, repository: { owner: 'o', repo: 'r' } });
  });

  it('explains why the chosen remote cannot be used, naming it', async () => {
    const files = repository([['origin', `https://oauth2:${secret}@gitlab.com/group/project.git`]]);
    const result = await resolveGitHubRepository(root, files);
    assert.equal(result.kind, 'error');
    assert.equal(result.kind === 'error' && result.remoteName, 'origin');
    assert.equal(result.kind === 'error' && result.error.kind, 'NotGitHub');
    assert.ok(!JSON.stringify(result).includes(secret));
  });

  it('asks between several remotes, with what each one parses to', async () => {
    const files = repository([['gitlab', `https://user:${secret}@gitlab.com/g/p.git`], ['github', 'https://github.com/o/p.git']]);
    const result = await resolveGitHubRepository(root, files, 'missing');
    assert.equal(result.kind, 'ask');
    if (result.kind !== 'ask') return;
    assert.equal(result.root, root);
    assert.deepEqual(
      result.candidates.map((candidate) => [candidate.remote.name, candidate.remote.url, candidate.parsed.ok]),
      [
        ['gitlab', 'https://***@gitlab.com/g/p.git', false],
        ['github', 'https://github.com/o/p.git', true],
      ],
    );
    assert.ok(!JSON.stringify(result).includes(secret));
  });

  it('passes on a missing repository', async () => {
    const result = await resolveGitHubRepository(root, memoryFiles({}));
    assert.equal(result.kind, 'error');
    assert.equal(result.kind === 'error' && result.error.kind, 'NotARepository');
    assert.equal(result.kind === 'error' && result.remoteName, undefined);
  });

  it('passes on a repository without remotes', async () => {
    const result = await resolveGitHubRepository(root, repository([]));
    assert.equal(result.kind === 'error' && result.error.kind, 'NoRemotes');
  });
});
