import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cli } from './captured';
import { checkWorkflows } from '../../../src/cli/check';
import { nodeFiles } from '../../../src/core/files';
import { lintWorkspace } from '../../../src/core/lint';
import { tempProject } from '../tempProject';

const clean = 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n';
const broken = 'on: push\njobs:\n  a: [\n';

describe('trusted-publishing check: every input path has its own message', () => {
  it('a missing path, a folder without workflows, an empty folder and an empty workflows folder', async () => {
    const dir = tempProject({ 'docs/readme.md': '# docs\n', 'repo/.github/workflows/notes.txt': 'x', 'empty/.keep': '' });
    mkdirSync(path.join(dir, 'nothing'));
    const cases: Array<[string, RegExp]> = [
      ['missing.yml', /missing\.yml: no such file or folder/],
      ['docs', /docs: a folder without \.github\/workflows/],
      ['nothing', /nothing: the folder is empty/],
      ['repo', /repo: repo\/\.github\/workflows holds no \.yml or \.yaml file/],
    ];
    for (const [given, message] of cases) {
      const ran = await cli(dir, 'check', given);
      assert.equal(ran.code, 2, given);
      assert.match(ran.stderr, message);
      assert.equal(ran.stdout, '', `${given}: no "No problems found." next to an error`);
    }
  });

  it('an unreadable file is named as such, and the other files are still checked', async function () {
    if (process.getuid?.() === 0) return this.skip(); // root reads everything
    const dir = tempProject({ 'a.yml': clean, 'b.yml': broken });
    chmodSync(path.join(dir, 'a.yml'), 0o000);
    const ran = await cli(dir, 'check', 'a.yml', 'b.yml');
    assert.match(ran.stderr, /a\.yml: cannot be read/);
    assert.match(ran.stdout, /b\.yml:\d+:\d+: error \[yaml-syntax\]/);
  });

  it('a crash on one file names that file, asks for a report, and still prints the others\' findings', async () => {
    const dir = tempProject({ '.github/workflows/a.yml': broken, '.github/workflows/b.yml': clean });
    writeFileSync(path.join(dir, '.github/workflows/c.yml'), clean);
    const crashing: typeof lintWorkspace = (files, options) => {
      if (files.some((f) => f.file.endsWith('c.yml'))) throw new TypeError("Cannot read properties of undefined (reading 'x')");
      return lintWorkspace(files, options);
    };
    const outcome = await checkWorkflows({ paths: ['.'], format: 'text', cwd: dir, version: 'test' }, nodeFiles, crashing);
    assert.equal(outcome.exitCode, 2);
    assert.deepEqual(outcome.problems, [
      "internal error in .github/workflows/c.yml: Cannot read properties of undefined (reading 'x'); please report it with the file",
    ]);
    assert.match(outcome.output, /a\.yml:\d+:\d+: error \[yaml-syntax\]/, `the other files were checked: ${outcome.output}`);
  });

  it('problems found and nothing wrong with the input: exit 1, as before', async () => {
    const dir = tempProject({ '.github/workflows/a.yml': broken });
    assert.equal((await cli(dir, 'check', '.')).code, 1);
  });
});

describe('trusted-publishing check --private', () => {
  it('turns the contents: read note into a warning for a private repository (simonw/llm publish.yml)', async () => {
    const llm = require('node:fs').readFileSync(path.resolve(__dirname, '../../../../test/fixtures/corpus/workflows/simonw__llm__publish.yml'), 'utf8');
    const dir = tempProject({ '.github/workflows/publish.yml': llm });
    assert.match((await cli(dir, 'check', '.')).stdout, /note \[permissions-without-contents\]/);
    assert.match((await cli(dir, 'check', '--private', '.')).stdout, /warning \[permissions-without-contents\] Job 'deploy' checks out this private repository/);
  });
});
