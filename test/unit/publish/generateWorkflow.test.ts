import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse, parseDocument } from 'yaml';
import { ACTION_PINS, ActionName, generateWorkflow, planRelease, PlanOptions, ReleasePlan } from '../../../src/core/publish';
import { ProjectFacts } from '../../../src/core/pyproject/types';
import { facts, generatorCombinations, GOLDEN_DIR } from './fixtures';

interface GoldenCase {
  name: string;
  facts: ProjectFacts;
  options?: PlanOptions;
}

const GOLDEN: GoldenCase[] = [
  { name: 'pure-release', facts: facts() },
  { name: 'pure-testpypi-tag', facts: facts(), options: { testPypi: true, trigger: 'tag' } },
  {
    name: 'vcs-version',
    facts: facts({ version: { kind: 'dynamic', provider: 'hatch-vcs', fromVcs: true }, requiresPython: '>=3.10,<3.14' }),
  },
  { name: 'uv-build', facts: facts(), options: { buildTool: 'uv' } },
  { name: 'testpypi-only', facts: facts(), options: { pypi: false } },
  { name: 'monorepo', facts: facts(), options: { packageDir: './packages/core/', buildTool: 'uv', testPypi: true } },
  { name: 'tag-pinning', facts: facts(), options: { pinning: 'tag', testPypi: true } },
  {
    name: 'cibuildwheel',
    facts: facts({
      build: { kind: 'compiled', builder: 'scikit-build-core', detail: 'scikit_build_core.build' },
      version: { kind: 'dynamic', provider: 'setuptools_scm', fromVcs: true },
    }),
  },
  {
    name: 'maturin',
    facts: facts({
      name: 'fast_thing',
      normalizedName: 'fast-thing',
      backendName: 'maturin',
      build: { kind: 'compiled', builder: 'maturin', detail: 'maturin' },
      version: { kind: 'dynamic', provider: 'maturin (Cargo.toml)', fromVcs: false },
    }),
    options: { trigger: 'tag' },
  },
];

const UPDATE = process.env.UPDATE_GOLDEN === '1';

type Json = unknown;
type Job = {
  name?: string;
  'timeout-minutes'?: number;
  needs?: string[];
  if?: string;
  permissions?: Record<string, string>;
  environment?: { name: string; url: string };
  steps: Array<{ uses?: string; run?: string; with?: Record<string, Json> }>;
};
type Workflow = {
  permissions: Record<string, string>;
  on: Json;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
};

const usesName = (uses: string | undefined) => (uses ?? '').split('@')[0];
const isPublishJob = (job: Job) => job.steps.some((s) => usesName(s.uses) === 'pypa/gh-action-pypi-publish');

/** Every security property the generator promises, checked on the parsed YAML (and the text for pin comments). */
function assertSecure(text: string, plan: ReleasePlan): void {
  const doc = parseDocument(text);
  assert.deepEqual(doc.errors, [], 'the workflow parses');
  const wf = parse(text) as Workflow;

  // Top level grants nothing (or read only).
  assert.ok(
    JSON.stringify(wf.permissions) === '{}' || JSON.stringify(wf.permissions) === '{"contents":"read"}',
    `top-level permissions: ${JSON.stringify(wf.permissions)}`,
  );

  const jobs = Object.entries(wf.jobs);
  const publish = jobs.filter(([, j]) => isPublishJob(j));
  const build = jobs.filter(([, j]) => !isPublishJob(j));
  assert.equal(publish.length, (plan.pypi ? 1 : 0) + (plan.testPypi ? 1 : 0), 'one publish job per index');
  assert.ok(build.length >= 1, 'at least one build job');

  for (const [id, job] of publish) {
    assert.deepEqual(job.permissions, { 'id-token': 'write' }, `${id}: id-token: write at job level, nothing else`);
    assert.ok(job.environment?.name, `${id}: has an environment name`);
    assert.match(job.environment!.url, /^https:\/\/(test\.)?pypi\.org\/p\/[a-z0-9-]+$/, `${id}: environment url`);
    // Separate from the build: it needs every build job and neither checks out nor runs code.
    // With both indexes PyPI also waits for TestPyPI: the rehearsal comes first.
    const rehearsal = id === 'publish-to-pypi' && plan.testPypi ? ['publish-to-testpypi'] : [];
    assert.deepEqual([...(job.needs ?? [])].sort(), [...build.map(([b]) => b), ...rehearsal].sort(), `${id}: needs all build jobs`);
    for (const s of job.steps) {
      assert.equal(s.run, undefined, `${id}: no run steps in a publish job`);
      assert.notEqual(usesName(s.uses), 'actions/checkout', `${id}: no checkout in a publish job`);
    }
    const pub = job.steps.find((s) => usesName(s.uses) === 'pypa/gh-action-pypi-publish')!;
    for (const forbidden of ['password', 'user', 'attestations']) {
      assert.equal(pub.with?.[forbidden], undefined, `${id}: no ${forbidden} on the publish step`);
    }
    if (plan.trigger === 'tag') assert.equal(job.if, `startsWith(github.ref, 'refs/tags/${plan.tagPrefix === 'v' ? '' : plan.tagPrefix}')`);
  }
  for (const [id, job] of build) {
    assert.equal(job.permissions?.['id-token'], undefined, `${id}: a build job has no id-token`);
    assert.deepEqual(job.permissions, { contents: 'read' }, `${id}: build jobs read only`);
    assert.equal(job.environment, undefined, `${id}: build jobs run outside the publishing environment`);
  }

  // Every checkout keeps its token out of .git/config; VCS versions get the full history.
  const steps = jobs.flatMap(([, j]) => j.steps);
  const checkouts = steps.filter((s) => usesName(s.uses) === 'actions/checkout');
  assert.ok(checkouts.length >= 1);
  for (const c of checkouts) {
    assert.equal(c.with?.['persist-credentials'], false);
    assert.equal(c.with?.['fetch-depth'], plan.versionFromVcs ? 0 : undefined);
  }

  // No cache anywhere: no cache action, no sccache, and setup-uv's cache explicitly off.
  const walk = (node: Json, where: string): void => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${where}[${i}]`));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (/cache/i.test(k)) assert.ok(k === 'enable-cache' && v === false, `cache setting at ${where}.${k}`);
        walk(v, `${where}.${k}`);
      }
    } else if (typeof node === 'string') {
      assert.ok(!/actions\/cache|sccache/.test(node), `cache at ${where}: ${node}`);
    }
  };
  walk(wf, 'workflow');

  // One release at a time, never cancelling an upload under way; no job runs without a time limit.
  assert.equal(wf.concurrency?.['cancel-in-progress'], false, 'concurrency without cancelling');
  assert.ok(wf.concurrency?.group, 'a concurrency group');
  for (const [id, job] of jobs) assert.equal(typeof job['timeout-minutes'], 'number', `${id}: timeout-minutes`);

  // Tools at exact versions; the built files are checked (metadata, and the version against the tag) before upload.
  for (const s of steps) {
    if (/pip install/.test(s.run ?? '')) {
      for (const spec of s.run!.split(/\s+/).slice(4)) assert.match(spec, /^[a-z-]+==\d+(\.\d+)+$/, `pinned: ${s.run}`);
    }
    if (usesName(s.uses) === 'astral-sh/setup-uv') assert.match(String(s.with?.version), /^\d+\.\d+\.\d+$/, 'setup-uv version');
  }
  const buildRuns = build.flatMap(([, j]) => j.steps.map((s) => s.run ?? ''));
  assert.ok(buildRuns.some((r) => /twine(@[\d.]+)? check --strict dist\/\*/.test(r)), 'twine check --strict in a build job');
  assert.equal(buildRuns.some((r) => r.includes('TAG#')), !plan.versionFromVcs, 'the version-against-tag check for versions not from git');

  // python-version is always a string.
  for (const s of steps.filter((s) => usesName(s.uses) === 'actions/setup-python')) {
    assert.equal(typeof s.with?.['python-version'], 'string');
  }

  // Pins: in sha mode every uses is owner/name@<40 hex> with a "# vX" comment naming the table's version.
  const usesLines = text.split('\n').filter((l) => /^\s*(- )?uses: /.test(l));
  assert.equal(usesLines.length, steps.filter((s) => s.uses).length);
  for (const line of usesLines) {
    const m = /uses: ([^@\s]+)@(\S+)(?: # (\S+))?$/.exec(line);
    assert.ok(m, line);
    const pin = ACTION_PINS[m[1] as ActionName];
    assert.ok(pin, `known action: ${m[1]}`);
    if (plan.pinning === 'sha') {
      assert.match(m[2], /^[0-9a-f]{40}$/, line);
      assert.equal(m[2], pin.sha);
      assert.equal(m[3], pin.version);
      assert.match(m[3], /^v\d/);
    } else {
      assert.equal(m[2], pin.tagRef ?? pin.version);
      assert.equal(m[3], undefined);
    }
  }
}

describe('generateWorkflow', () => {
  describe('golden files', () => {
    for (const c of GOLDEN) {
      it(`${c.name}.yml`, async () => {
        const plan = planRelease(c.facts, c.options);
        const text = generateWorkflow(plan);
        const file = path.join(GOLDEN_DIR, `${c.name}.yml`);
        if (UPDATE) {
          await fs.mkdir(GOLDEN_DIR, { recursive: true });
          await fs.writeFile(file, text, 'utf8');
        }
        const expected = await fs.readFile(file, 'utf8');
        assert.equal(text, expected, `regenerate with UPDATE_GOLDEN=1 if the change is intended`);
        assertSecure(text, plan);
      });
    }
  });

  it('is deterministic', () => {
    const plan = planRelease(facts(), { testPypi: true });
    assert.equal(generateWorkflow(plan), generateWorkflow({ ...plan }));
  });

  it('keeps every security property for every combination of choices', () => {
    let count = 0;
    for (const { facts: f, options } of generatorCombinations()) {
      const plan = planRelease(f, options);
      assertSecure(generateWorkflow(plan), plan);
      count++;
    }
    assert.equal(count, 288);
  });

  it('uses the pure artifact name and dist/ of the PyPA guide', () => {
    const wf = parse(generateWorkflow(planRelease(facts()))) as Workflow;
    const upload = wf.jobs.build.steps.find((s) => usesName(s.uses) === 'actions/upload-artifact')!;
    assert.deepEqual(upload.with, { name: 'python-package-distributions', path: 'dist/' });
    const download = wf.jobs['publish-to-pypi'].steps.find((s) => usesName(s.uses) === 'actions/download-artifact')!;
    assert.deepEqual(download.with, { name: 'python-package-distributions', path: 'dist/' });
    assert.deepEqual(wf.on, { release: { types: ['published'] } });
  });

  it('triggers on v* tags when asked', () => {
    const wf = parse(generateWorkflow(planRelease(facts(), { trigger: 'tag' }))) as Workflow;
    assert.deepEqual(wf.on, { push: { tags: ['v*'] } });
  });

  it('runs the build in the package folder and uploads from there', () => {
    const wf = parse(generateWorkflow(planRelease(facts(), { packageDir: 'packages\\core' }))) as Workflow;
    const steps = wf.jobs.build.steps as Array<{ run?: string; 'working-directory'?: string; with?: Record<string, Json> }>;
    assert.equal(steps.find((s) => s.run === 'python -m build')?.['working-directory'], 'packages/core');
    assert.equal(steps.find((s) => s.with?.name === 'python-package-distributions')?.with?.path, 'packages/core/dist/');
  });

  it('points TestPyPI at its upload URL and environment', () => {
    const wf = parse(generateWorkflow(planRelease(facts(), { testPypi: true, testPypiEnvironment: 'staging' }))) as Workflow;
    const job = wf.jobs['publish-to-testpypi'];
    assert.deepEqual(job.environment, { name: 'staging', url: 'https://test.pypi.org/p/example-package' });
    const pub = job.steps.find((s) => usesName(s.uses) === 'pypa/gh-action-pypi-publish')!;
    assert.deepEqual(pub.with, { 'repository-url': 'https://test.pypi.org/legacy/' });
    assert.equal(wf.jobs['publish-to-pypi'].steps.find((s) => s.with?.['repository-url']), undefined);
  });

  it('publishes to PyPI only after TestPyPI took the same files', () => {
    for (const build of [{ kind: 'pure' }, { kind: 'compiled', builder: 'maturin', detail: '' }] as const) {
      const wf = parse(generateWorkflow(planRelease(facts({ build }), { testPypi: true }))) as Workflow;
      assert.ok(wf.jobs['publish-to-pypi'].needs?.includes('publish-to-testpypi'), JSON.stringify(wf.jobs['publish-to-pypi'].needs));
      assert.ok(!wf.jobs['publish-to-testpypi'].needs?.includes('publish-to-pypi'));
    }
    const alone = parse(generateWorkflow(planRelease(facts()))) as Workflow;
    assert.deepEqual(alone.jobs['publish-to-pypi'].needs, ['build']);
  });

  it('merges the cibuildwheel artifacts into dist/', () => {
    const f = facts({ build: { kind: 'compiled', builder: 'setuptools-extensions', detail: '' } });
    const wf = parse(generateWorkflow(planRelease(f))) as Workflow & {
      jobs: Record<string, Job & { strategy?: { matrix: { os: string[] } } }>;
    };
    assert.deepEqual(Object.keys(wf.jobs), ['build-wheels', 'build-sdist', 'publish-to-pypi']);
    assert.deepEqual(wf.jobs['build-wheels'].strategy?.matrix.os, [
      'ubuntu-latest',
      'ubuntu-24.04-arm',
      'windows-latest',
      'windows-11-arm',
      'macos-15-intel',
      'macos-latest',
    ]);
    const upload = wf.jobs['build-wheels'].steps.find((s) => usesName(s.uses) === 'actions/upload-artifact')!;
    assert.equal(upload.with?.name, 'cibw-wheels-${{ matrix.os }}-${{ strategy.job-index }}');
    const download = wf.jobs['publish-to-pypi'].steps[0];
    assert.deepEqual(download.with, { pattern: 'cibw-*', path: 'dist/', 'merge-multiple': true });
  });

  it('builds maturin wheels per platform and an sdist with maturin', () => {
    const f = facts({ build: { kind: 'compiled', builder: 'maturin', detail: '' } });
    const wf = parse(generateWorkflow(planRelease(f))) as Workflow;
    assert.deepEqual(Object.keys(wf.jobs), ['linux', 'musllinux', 'windows', 'macos', 'sdist', 'publish-to-pypi']);
    const sdist = wf.jobs.sdist.steps.find((s) => usesName(s.uses) === 'PyO3/maturin-action')!;
    assert.equal(sdist.with?.command, 'sdist');
    assert.deepEqual(wf.jobs['publish-to-pypi'].steps[0].with, { pattern: 'wheels-*', path: 'dist/', 'merge-multiple': true });
  });

  it('quotes an environment name that YAML would misread, and omits an empty one', () => {
    const odd = generateWorkflow(planRelease(facts(), { environment: 'release: prod #1' }));
    assert.equal((parse(odd) as Workflow).jobs['publish-to-pypi'].environment?.name, 'release: prod #1');
    const none = parse(generateWorkflow(planRelease(facts(), { environment: '' }))) as Workflow;
    assert.equal(none.jobs['publish-to-pypi'].environment, undefined);
    assert.deepEqual(none.jobs['publish-to-pypi'].permissions, { 'id-token': 'write' });
  });

  it('names the PyPI values in the header', () => {
    const text = generateWorkflow(planRelease(facts(), { workflowFileName: 'publish.yaml', environment: 'release' }));
    const header = text.slice(0, text.indexOf('\nname: Release'));
    assert.match(header, /Workflow name: publish\.yaml/);
    assert.match(header, /Environment name: release/);
    assert.match(header, /PyPI Project Name: Example_Package/);
    assert.match(header, /generated by the "PyPI Trusted Publishing"/);
  });
});
