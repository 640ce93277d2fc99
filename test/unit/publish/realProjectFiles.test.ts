import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { memoryFiles, nodeFiles } from '../../../src/core/files';
import { lintProjectOf, lintWorkflow, projectForWorkflow } from '../../../src/core/lint';
import { generateWorkflow, planRelease, wheelsReport, type PlanOptions } from '../../../src/core/publish';
import { readPyprojectFile } from '../../../src/core/pyproject';
import type { ProjectFacts } from '../../../src/core/pyproject/types';
import { createActionlint, withoutRunnerLabels } from './actionlint';
import { REPO_ROOT } from './fixtures';

/** Real projects with the files beside their pyproject.toml (test/fixtures/real-projects/SOURCES.tsv). */
export const REAL_PROJECTS = path.join(REPO_ROOT, 'test', 'fixtures', 'real-projects');

export async function realFacts(name: string): Promise<ProjectFacts> {
  const read = await readPyprojectFile(path.join(REAL_PROJECTS, name, 'pyproject.toml'), nodeFiles);
  if (!read.ok) assert.fail(read.error.message);
  return read.value;
}

/** Every file of a real project, at the same place under `root`: a repository the checks can be pointed at. */
function filesOf(name: string, root: string, extra: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out[path.join(root, path.relative(path.join(REAL_PROJECTS, name), full))] = readFileSync(full, 'utf8');
    }
  };
  walk(path.join(REAL_PROJECTS, name));
  for (const [rel, text] of Object.entries(extra)) out[path.join(root, rel)] = text;
  return out;
}

async function assertClean(facts: ProjectFacts, options: PlanOptions = {}): Promise<string> {
  const text = generateWorkflow(planRelease(facts, options));
  const findings = lintWorkflow(text, { project: lintProjectOf(facts) }).findings;
  assert.deepEqual(findings.map((f) => `${f.ruleId}: ${f.message}`), []);
  const actionlint = await createActionlint();
  assert.deepEqual(withoutRunnerLabels(await actionlint(text, '.github/workflows/release.yml')).map((r) => `${r.line}: ${r.message}`), []);
  return text;
}

const SINGLE_BUILD = `name: Release
on:
  release:
    types: [published]
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v6
        with:
          persist-credentials: false
      - run: python -m pip install build==1.6.1 && python -m build
      - uses: actions/upload-artifact@v7
        with:
          name: dist
          path: dist/
  publish:
    needs: [build]
    runs-on: ubuntu-latest
    environment: pypi
    permissions:
      id-token: write
    steps:
      - uses: actions/download-artifact@v8
        with:
          name: dist
          path: dist/
      - uses: pypa/gh-action-pypi-publish@release/v1
`;

describe('real projects: wheels from setup.py, setup.cfg and the sources', function () {
  this.timeout(60_000);

  it('markupsafe: a C extension declared only in setup.py gets cibuildwheel, and says why', async () => {
    const facts = await realFacts('markupsafe');
    assert.equal(facts.build.kind, 'compiled');
    assert.match(facts.build.kind === 'compiled' ? facts.build.detail : '', /setup\.py declares Extension\("markupsafe\._speedups", \["src\/markupsafe\/_speedups\.c"\]\)/);
    assert.equal(planRelease(facts).wheels, 'cibuildwheel');
    assert.match(wheelsReport(facts).summary, /cibuildwheel.*because setup\.py declares Extension/);
    const wf = parse(await assertClean(facts)) as { jobs: Record<string, unknown> };
    assert.ok(wf.jobs['build-wheels'] && wf.jobs['build-sdist']);
  });

  it('markupsafe: compiled-project-single-build sees the same facts through the checks', async () => {
    const root = path.resolve('/markupsafe');
    const files = memoryFiles(filesOf('markupsafe', root, { '.github/workflows/release.yml': SINGLE_BUILD }));
    const { project } = await projectForWorkflow(path.join(root, '.github', 'workflows', 'release.yml'), files);
    assert.equal(project?.compiled, true);
    const ids = lintWorkflow(SINGLE_BUILD, { project }).findings.map((f) => f.ruleId);
    assert.ok(ids.includes('compiled-project-single-build'), ids.join(', '));
  });

  it('bcrypt: setuptools-rust gets cibuildwheel with Rust installed in the Linux containers', async () => {
    const facts = await realFacts('bcrypt');
    assert.equal(facts.build.kind === 'compiled' && facts.build.builder, 'setuptools-rust');
    const plan = planRelease(facts);
    assert.equal(plan.wheels, 'cibuildwheel');
    assert.equal(plan.installRust, true);
    const wf = parse(await assertClean(facts)) as { jobs: Record<string, { steps: Array<{ uses?: string; env?: Record<string, string> }> }> };
    const cibw = wf.jobs['build-wheels'].steps.find((s) => s.uses?.startsWith('pypa/cibuildwheel@'));
    assert.equal(cibw?.env?.CIBW_BEFORE_ALL_LINUX, 'curl -sSf https://sh.rustup.rs | sh -s -- -y');
    assert.equal(cibw?.env?.CIBW_ENVIRONMENT_LINUX, 'PATH=$HOME/.cargo/bin:$PATH');
    assert.equal(cibw?.env?.CIBW_SKIP, '*-musllinux_i686');
  });

  it('a setuptools-rust project whose [tool.cibuildwheel] installs Rust itself gets no extra variables', () => {
    const facts: ProjectFacts = {
      name: 'x', normalizedName: 'x', nameSource: 'project', version: { kind: 'static', value: '1' }, backendName: 'setuptools',
      build: { kind: 'compiled', builder: 'setuptools-rust', detail: '', rustConfigured: true },
    };
    assert.equal(planRelease(facts).installRust, false);
    assert.doesNotMatch(generateWorkflow(planRelease(facts)), /CIBW_BEFORE_ALL_LINUX/);
  });

  it('the choice of wheels overrides detection, and the report says both', async () => {
    const facts = await realFacts('markupsafe');
    assert.equal(planRelease(facts, { wheels: 'pure' }).wheels, 'pure');
    assert.match(wheelsReport(facts, 'pure').summary, /as chosen; the project's files suggest cibuildwheel \(setup\.py declares/);
  });
});
