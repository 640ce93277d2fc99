import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { lintProjectOf, lintWorkflow } from '../../../src/core/lint';
import { generateWorkflow, planRelease } from '../../../src/core/publish';
import { readProjectFacts } from '../../../src/core/pyproject';
import { createActionlint, withoutRunnerLabels } from './actionlint';
import { REPO_ROOT } from './fixtures';

// 2s-io/sdk keeps its Python package in packages/python (test/fixtures/pyproject/SOURCES.tsv).
const file = '2s-io__sdk__packages_python__pyproject.toml';
const read = readProjectFacts(readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'pyproject', file), 'utf8'), file);

type Job = { if?: string; steps: Array<{ run?: string }> };
type Workflow = { on: { push?: { tags: string[] }; release?: unknown }; jobs: Record<string, Job> };

describe('a package in a subfolder releases on its own tags', function () {
  this.timeout(30_000);
  const facts = () => {
    assert.ok(read.ok);
    return read.value;
  };

  it('tag trigger: <name>-v* tags, the publish jobs guarded by them, the version read after the prefix', async () => {
    const plan = planRelease(facts(), { packageDir: 'packages/python', trigger: 'tag', testPypi: true });
    assert.equal(plan.tagPrefix, '2sio-v');
    const text = generateWorkflow(plan);
    const wf = parse(text) as Workflow;
    assert.deepEqual(wf.on.push?.tags, ['2sio-v*']);
    for (const id of ['publish-to-pypi', 'publish-to-testpypi']) assert.equal(wf.jobs[id].if, "startsWith(github.ref, 'refs/tags/2sio-v')");
    assert.ok(wf.jobs.build.steps.some((s) => s.run?.includes('version="${TAG#2sio-v}"')));
    assert.match(text, /When a tag starting with "2sio-v" is pushed/);
    assert.deepEqual(lintWorkflow(text, { project: lintProjectOf(facts()) }).findings, []);
    assert.deepEqual(withoutRunnerLabels(await (await createActionlint())(text, '.github/workflows/release-2sio.yml')), []);
  });

  it("release trigger: every release starts the workflow, but only this package's releases build (and so publish)", async () => {
    const text = generateWorkflow(planRelease(facts(), { packageDir: 'packages/python' }));
    const wf = parse(text) as Workflow;
    assert.equal(wf.jobs.build.if, "startsWith(github.event.release.tag_name, '2sio-v')");
    assert.deepEqual(lintWorkflow(text, { project: lintProjectOf(facts()) }).findings, []);
    assert.deepEqual(withoutRunnerLabels(await (await createActionlint())(text, '.github/workflows/release-2sio.yml')), []);
  });

  it('a package at the repository root keeps v* tags', () => {
    const wf = parse(generateWorkflow(planRelease(facts(), { trigger: 'tag' }))) as Workflow;
    assert.deepEqual(wf.on.push?.tags, ['v*']);
    assert.equal(wf.jobs.build.if, undefined);
  });
});
