import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { cli } from './captured';
import { gitConfigWithRemotes, simplePyproject, tempProject } from '../tempProject';

const missingIdToken = `on:
  release:
    types: [published]
jobs:
  publish:
    runs-on: ubuntu-latest
    environment: pypi
    steps:
      - uses: actions/setup-python@v5
        with:
          python-version: 3.10
      - uses: pypa/gh-action-pypi-publish@release/v1
`;

const project = (workflows: Record<string, string>) =>
  tempProject({
    'pyproject.toml': simplePyproject('demo'),
    '.git/config': gitConfigWithRemotes({ origin: 'https://github.com/o/demo.git' }),
    ...Object.fromEntries(Object.entries(workflows).map(([name, text]) => [`.github/workflows/${name}`, text])),
  });

describe('trusted-publishing check', () => {
  it('checks a folder\'s workflows, prints file:line:col findings and exits 1 on errors', async () => {
    const dir = project({ 'release.yml': missingIdToken });
    const ran = await cli(dir, 'check', '.');
    assert.equal(ran.code, 1);
    assert.match(ran.stdout, /^\.github\/workflows\/release\.yml:5:3: error \[missing-id-token\]/m);
    assert.match(ran.stdout, /release\.yml:11:27: error \[float-python-version\]/);
  });

  it('prints 1-based JSON findings with the documented fields', async () => {
    const dir = project({ 'release.yml': missingIdToken });
    const ran = await cli(dir, 'check', '--format', 'json', '.github/workflows/release.yml');
    const findings = JSON.parse(ran.stdout);
    const finding = findings.find((f: any) => f.ruleId === 'float-python-version');
    assert.deepEqual(Object.keys(finding).sort(), ['column', 'endColumn', 'endLine', 'file', 'line', 'message', 'ruleId', 'severity']);
    assert.deepEqual([finding.line, finding.column, finding.endLine, finding.endColumn], [11, 27, 11, 31]);
  });

  it('prints GitHub annotations and valid SARIF 2.1.0', async () => {
    const dir = project({ 'release.yml': missingIdToken });
    const github = await cli(dir, 'check', '--format', 'github');
    assert.match(github.stdout, /^::error file=\.github\/workflows\/release\.yml,line=11,col=27,endLine=11,endColumn=31,title=float-python-version::/m);
    const sarif = JSON.parse((await cli(dir, 'check', '--format', 'sarif')).stdout);
    assert.equal(sarif.version, '2.1.0');
    const result = sarif.runs[0].results.find((r: any) => r.ruleId === 'missing-id-token');
    assert.equal(result.level, 'error');
    assert.equal(sarif.runs[0].tool.driver.rules[result.ruleIndex].id, 'missing-id-token');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 5, startColumn: 3, endLine: 5, endColumn: 10 });
  });

  it('exits 0 when only warnings or nothing are found', async () => {
    const clean = project({ 'ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ok\n' });
    const ran = await cli(clean, 'check');
    assert.equal(ran.code, 0, ran.stdout);
    assert.match(ran.stdout, /No problems found/);
  });

  it('reports malformed YAML as a yaml-syntax error finding', async () => {
    const ran = await cli(project({ 'broken.yml': 'on: push\njobs:\n  a: [\n' }), 'check', '--format', 'json');
    assert.equal(ran.code, 1);
    assert.equal(JSON.parse(ran.stdout)[0].ruleId, 'yaml-syntax');
  });

  it('exits 2 for a missing path but still checks the others', async () => {
    const dir = project({ 'release.yml': missingIdToken });
    const ran = await cli(dir, 'check', 'nowhere', '.');
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /nowhere: no such file or folder/);
    assert.match(ran.stdout, /missing-id-token/);
  });

  it('rejects an unknown format with exit 2', async () => {
    const ran = await cli(project({}), 'check', '--format', 'xml');
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /--format must be one of text, json, sarif, github/);
  });

  describe('two workflows that publish the same release', () => {
    // Real files: 0xarchit/tg-logging-handler's publish-pypi.yml next to the release.yml `init` writes (SOURCES.tsv).
    const fixture = path.resolve(__dirname, '../../../../test/fixtures/lint/duplicate-publishing-workflow/bad-release-yml-next-to-publish-yml');
    const read = (name: string) => readFileSync(path.join(fixture, name), 'utf8');
    const both = () => project({ 'publish-pypi.yml': read('publish-pypi.yml'), 'release.yml': read('release.yml') });
    const dupes = (stdout: string) => stdout.split('\n').filter((l) => l.includes('[duplicate-publishing-workflow]'));

    it('reports both files of a folder, each pointing at the other, as a warning (exit 0)', async () => {
      const ran = await cli(both(), 'check', '.');
      assert.equal(ran.code, 0, ran.stdout);
      assert.deepEqual(
        dupes(ran.stdout).map((l) => l.replace(/ \[duplicate-publishing-workflow\].*\(see /, ' -> ').replace(/\)$/, '')),
        ['.github/workflows/publish-pypi.yml:37:15: warning -> .github/workflows/release.yml:71:15', '.github/workflows/release.yml:71:15: warning -> .github/workflows/publish-pypi.yml:37:15'],
      );
      assert.match(dupes(ran.stdout)[1], /publish-pypi\.yml also uploads to PyPI on a published release: the second upload fails with "File already exists"\./);
    });

    it('compares the files named on the command line, and not a file checked alone', async () => {
      const dir = both();
      const two = await cli(dir, 'check', '.github/workflows/release.yml', '.github/workflows/publish-pypi.yml');
      assert.equal(dupes(two.stdout).length, 2, two.stdout);
      const one = await cli(dir, 'check', '.github/workflows/release.yml');
      assert.equal(dupes(one.stdout).length, 0, one.stdout);
    });

    it('gives the other file in json, sarif and github formats', async () => {
      const dir = both();
      const json = JSON.parse((await cli(dir, 'check', '--format', 'json', '.')).stdout);
      const finding = json.find((f: any) => f.ruleId === 'duplicate-publishing-workflow' && f.file.endsWith('release.yml'));
      assert.deepEqual(finding.related, [
        { file: '.github/workflows/publish-pypi.yml', line: 37, column: 15, endLine: 37, endColumn: 53, message: 'the upload to PyPI in publish-pypi.yml' },
      ]);
      const sarif = JSON.parse((await cli(dir, 'check', '--format', 'sarif', '.')).stdout);
      const result = sarif.runs[0].results.find((r: any) => r.ruleId === 'duplicate-publishing-workflow');
      assert.equal(sarif.runs[0].tool.driver.rules[result.ruleIndex].id, 'duplicate-publishing-workflow');
      assert.equal(result.level, 'warning');
      assert.equal(result.relatedLocations[0].physicalLocation.artifactLocation.uri, '.github/workflows/release.yml');
      const github = (await cli(dir, 'check', '--format', 'github', '.')).stdout;
      assert.match(github, /^::warning file=\.github\/workflows\/release\.yml,line=71,col=15,.*title=duplicate-publishing-workflow::.*\(see \.github\/workflows\/publish-pypi\.yml:37:15\)$/m);
    });

    it('is silent when the rule is suppressed on the upload line of both files', async () => {
      const ignore = (text: string, line: number) => text.split('\n').map((l, i) => (i === line - 1 ? `${l}  # trusted-publishing: ignore[duplicate-publishing-workflow]` : l)).join('\n');
      const dir = project({ 'publish-pypi.yml': ignore(read('publish-pypi.yml'), 37), 'release.yml': ignore(read('release.yml'), 71) });
      assert.equal(dupes((await cli(dir, 'check', '.')).stdout).length, 0);
    });
  });
});
