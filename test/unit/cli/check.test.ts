import * as assert from 'node:assert/strict';
import { runCli } from '../../../src/cli';
import { gitConfigWithRemotes, simplePyproject, tempProject } from '../tempProject';

async function cli(cwd: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

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
});
