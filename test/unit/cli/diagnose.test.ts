import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCaptured as cli } from './captured';
import { logFixture, releaseWorkflow, DIAGNOSE_FIXTURES } from '../diagnose/fixtures';
import { gitConfigWithRemotes, simplePyproject, tempProject } from '../tempProject';

const repository = (workflow: string) =>
  tempProject({
    'pyproject.toml': simplePyproject('compiled-knowledge'),
    '.git/config': gitConfigWithRemotes({ origin: 'https://github.com/ropeless/compiled_knowledge.git' }),
    '.github/workflows/python-publish.yml': workflow,
    'job.log': logFixture('invalid-publisher-raw.log'),
  });

describe('trusted-publishing diagnose', () => {
  it('diagnoses a log file against the repository around the current folder (exit 0)', async () => {
    const dir = repository(releaseWorkflow({ jobKeys: ['environment: release', 'permissions:', '  id-token: write'] }));
    const ran = await cli(dir, ['diagnose', 'job.log']);
    assert.equal(ran.code, 0, ran.stderr);
    assert.match(ran.stdout, /^No trusted publisher matches this run \(invalid-publisher\)/);
    // The workspace's workflow runs in environment release; the run presented pypi: said as a note.
    assert.match(ran.stdout, /environment: the run pypi, the workspace release/);
    assert.match(ran.stdout, /https:\/\/pypi\.org\/manage\/project\/compiled-knowledge\/settings\/publishing\/\?provider=github&owner=ropeless/);
  });

  it('reads the log from standard input ("-" or no argument), as in an if: failure() step', async () => {
    const dir = repository(releaseWorkflow());
    for (const args of [['diagnose', '-'], ['diagnose']]) {
      const ran = await cli(dir, [...args, '--format', 'json'], logFixture('missing-id-token-uv.log'));
      assert.equal(ran.code, 0, ran.stderr);
      const json = JSON.parse(ran.stdout);
      assert.equal(json.recognised, true);
      assert.equal(json.diagnoses[0].kind, 'missing-id-token');
      assert.equal(json.index, 'testpypi');
    }
  });

  it('--workflow compares with that file only, and the JSON carries its edit', async () => {
    const dir = tempProject({ 'ci/publish.yml': releaseWorkflow({ jobKeys: ['environment: pypi'] }), 'job.log': logFixture('missing-id-token.log') });
    const ran = await cli(dir, ['diagnose', 'job.log', '--workflow', 'ci/publish.yml', '--format', 'json']);
    assert.equal(ran.code, 0, ran.stderr);
    const [diagnosis] = JSON.parse(ran.stdout).diagnoses;
    assert.equal(diagnosis.edits[0].file, path.join('ci', 'publish.yml'));
    assert.match(diagnosis.edits[0].title, /id-token: write/);
  });

  it('exits 1 when the log shows no known failure, and still quotes the failing step', async () => {
    const dir = tempProject({ 'job.log': readFileSync(path.join(DIAGNOSE_FIXTURES, 'unknown-local-version.log'), 'utf8') });
    const ran = await cli(dir, ['diagnose', 'job.log']);
    assert.equal(ran.code, 1);
    assert.match(ran.stdout, /not a trusted-publishing failure we know/);
    assert.match(ran.stdout, /400 The use of local versions in/);
  });

  it('exits 2 on bad input: a missing file, an empty log, no stdin, a bad --format or --workflow', async () => {
    const dir = tempProject({ 'empty.log': '  \n' });
    const cases: Array<[string[], RegExp, string?]> = [
      [['diagnose', 'nope.log'], /nope\.log: no such file/],
      [['diagnose', 'empty.log'], /the log is empty/],
      [['diagnose'], /no log given/],
      [['diagnose', '-', '--format', 'sarif'], /--format must be one of text, json/, 'x'],
      [['diagnose', '-', '--workflow', 'missing.yml'], /--workflow missing\.yml: no such file/, logFixture('missing-id-token.log')],
      [['diagnose', 'a.log', 'b.log'], /diagnose reads one log/],
    ];
    for (const [args, message, stdin] of cases) {
      const ran = await cli(dir, args, stdin);
      assert.equal(ran.code, 2, args.join(' '));
      assert.match(ran.stderr, message, args.join(' '));
      assert.equal(ran.stdout, '', args.join(' '));
    }
  });
});
