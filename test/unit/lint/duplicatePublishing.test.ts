import { performance } from 'node:perf_hooks';
import * as assert from 'node:assert/strict';
import { lintWorkspace, summarizePublishing } from '../../../src/core/lint';
import { sharedEvent, tagPatternsOverlap } from '../../../src/core/lint/analysis/triggerOverlap';
import { duplicatePublishingWorkflow } from '../../../src/core/lint/rules/duplicate-publishing-workflow';

const RULE = 'duplicate-publishing-workflow';

/** A workflow with one job that uploads with the PyPI action. */
function workflow(on: string, options: { jobIf?: string; testpypi?: boolean } = {}): string {
  return [
    'on:',
    ...on.split('\n').map((l) => `  ${l}`),
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    ...(options.jobIf ? [`    if: ${options.jobIf}`] : []),
    '    permissions:',
    '      id-token: write',
    '    environment: pypi',
    '    steps:',
    '      - uses: pypa/gh-action-pypi-publish@release/v1',
    ...(options.testpypi ? ['        with:', '          repository-url: https://test.pypi.org/legacy/'] : []),
    '',
  ].join('\n');
}

const PUBLISHED = 'release:\n  types: [published]';

/** Which files get the rule, and the other file each one points at. */
function reported(files: Record<string, string>, options = {}): string[] {
  const result = lintWorkspace(Object.entries(files).map(([file, text]) => ({ file, text })), options);
  return [...result.entries()].flatMap(([file, findings]) =>
    findings.filter((f) => f.ruleId === RULE).map((f) => `${file} -> ${f.related?.map((r) => r.file).join(',')} (${f.severity})`),
  );
}

describe('duplicate-publishing-workflow', () => {
  it('reports both workflows that upload to PyPI on a published release, each pointing at the other', () => {
    assert.deepEqual(reported({ 'publish.yml': workflow(PUBLISHED), 'release.yml': workflow(PUBLISHED) }), [
      'publish.yml -> release.yml (warning)',
      'release.yml -> publish.yml (warning)',
    ]);
  });

  it('takes release types that fire together for one release as overlapping, and others not', () => {
    const types = (t: string) => workflow(`release:\n  types: [${t}]`);
    assert.equal(reported({ 'a.yml': types('published'), 'b.yml': types('released') }).length, 2, 'published + released');
    assert.equal(reported({ 'a.yml': types('created'), 'b.yml': types('published') }).length, 2, 'created + published (no draft)');
    assert.equal(reported({ 'a.yml': workflow('release:'), 'b.yml': types('published') }).length, 2, 'a bare release: runs for every type');
    assert.deepEqual(reported({ 'a.yml': types('released'), 'b.yml': types('prereleased') }), [], 'a release is either a pre-release or not');
    assert.deepEqual(reported({ 'a.yml': types('published'), 'b.yml': types('deleted') }), []);
  });

  it('takes tag pushes as overlapping when one pattern covers the other, and a release with any tag push', () => {
    const tags = (...patterns: string[]) => workflow(`push:\n  tags: [${patterns.map((p) => `'${p}'`).join(', ')}]`);
    assert.equal(reported({ 'a.yml': tags('v*'), 'b.yml': tags('*') }).length, 2);
    assert.equal(reported({ 'a.yml': tags('v*'), 'b.yml': tags('v[0-9]+.[0-9]+.[0-9]+') }).length, 2);
    assert.deepEqual(reported({ 'a.yml': tags('v*'), 'b.yml': tags('[0-9]*') }), [], 'v1.0 and 1.0 are different tags');
    assert.equal(reported({ 'a.yml': workflow('push:'), 'b.yml': tags('v*') }).length, 2, 'a push without filters runs for every tag');
    assert.deepEqual(reported({ 'a.yml': workflow('push:\n  branches: [main]'), 'b.yml': tags('v*') }), [], 'branch pushes only');
    assert.equal(reported({ 'a.yml': workflow(PUBLISHED), 'b.yml': tags('v*') }).length, 2, 'a release comes with its tag');
  });

  it('leaves out schedule, workflow_dispatch and other indexes', () => {
    assert.deepEqual(reported({ 'nightly.yml': workflow("schedule:\n  - cron: '0 4 * * *'\nworkflow_dispatch:"), 'release.yml': workflow(PUBLISHED) }), []);
    assert.deepEqual(reported({ 'test.yml': workflow(PUBLISHED, { testpypi: true }), 'release.yml': workflow(PUBLISHED) }), [], 'TestPyPI and PyPI');
    assert.equal(reported({ 'a.yml': workflow(PUBLISHED, { testpypi: true }), 'b.yml': workflow(PUBLISHED, { testpypi: true }) }).length, 2, 'both TestPyPI');
  });

  it('evaluates if: conditions, as a CI workflow on every event that publishes only for releases', () => {
    const ci = workflow('push:\npull_request:\nrelease:\n  types: [published]', { jobIf: "github.event_name == 'release'" });
    assert.deepEqual(reported({ 'ci.yml': ci, 'tags.yml': workflow("push:\n  tags: ['v*']", { jobIf: "github.event_name == 'push'" }) }).length, 2, 'the release and its tag');
    const onlyBranches = workflow('push:', { jobIf: "github.ref == 'refs/heads/main'" });
    assert.deepEqual(reported({ 'dev.yml': onlyBranches, 'release.yml': workflow(PUBLISHED) }), [], 'the main-branch upload never runs for a tag');
  });

  it('counts a called reusable workflow of the repository for its caller, at the call, and not on its own', () => {
    const reusable = workflow('workflow_call:');
    const caller = ['on:', '  release:', '    types: [published]', 'jobs:', '  pypi:', '    uses: ./.github/workflows/upload.yml', ''].join('\n');
    const result = lintWorkspace([
      { file: 'upload.yml', text: reusable },
      { file: 'cd.yml', text: caller },
      { file: 'release.yml', text: workflow(PUBLISHED) },
    ]);
    const [atCall] = result.get('cd.yml')!.filter((f) => f.ruleId === RULE);
    assert.equal(caller.slice(atCall.range.start, atCall.range.end), './.github/workflows/upload.yml');
    assert.match(atCall.message, /cd\.yml uploads through upload\.yml/);
    assert.deepEqual(result.get('upload.yml')!.filter((f) => f.ruleId === RULE), [], 'the reusable workflow is not a publisher of its own');
    assert.deepEqual(reported({ 'upload.yml': reusable, 'cd.yml': caller }), [], 'a caller and what it calls are one publisher');
  });

  it('follows the rules setting and suppression comments, and keeps the first sentence short with long names', () => {
    const files = { 'publish.yml': workflow(PUBLISHED), 'release.yml': workflow(PUBLISHED) };
    assert.deepEqual(reported(files, { rules: { [RULE]: 'off' } }), []);
    assert.deepEqual(reported(files, { rules: { [RULE]: 'error' } }), ['publish.yml -> release.yml (error)', 'release.yml -> publish.yml (error)']);
    const ignored = files['publish.yml'].replace('- uses: pypa', '# trusted-publishing: ignore[duplicate-publishing-workflow]\n      - uses: pypa');
    assert.deepEqual(reported({ ...files, 'publish.yml': ignored }), ['release.yml -> publish.yml (warning)']);
    const long = lintWorkspace([
      { file: 'publish-to-pypi-on-release.yml', text: workflow(PUBLISHED) },
      { file: 'build-wheels-and-publish.yml', text: workflow(PUBLISHED) },
    ]);
    for (const f of [...long.values()].flat()) if (f.ruleId === RULE) {
      const first = f.message.split(/(?<=\.) /)[0];
      assert.ok(first.length <= 120 && /File already exists/.test(first), first);
    }
  });

  it('keeps single-file findings and a file that is not valid YAML does not publish', () => {
    const result = lintWorkspace([
      { file: 'broken.yml', text: 'on: [release\n' },
      { file: 'release.yml', text: workflow(PUBLISHED) },
    ]);
    assert.deepEqual(result.get('broken.yml')!.map((f) => f.ruleId), ['yaml-syntax']);
    assert.ok(!result.get('release.yml')!.some((f) => f.ruleId === RULE));
  });
});

describe('trigger overlap', () => {
  it('compares tag patterns simply: equal, or one a prefix glob the other starts with', () => {
    assert.equal(tagPatternsOverlap(['v*'], ['*']), true);
    assert.equal(tagPatternsOverlap(['v*'], ['v[0-9]*']), true);
    assert.equal(tagPatternsOverlap(['v1.*'], ['v*']), true);
    assert.equal(tagPatternsOverlap(['release-*'], ['v*']), false);
    assert.equal(tagPatternsOverlap(['v*.*.*'], ['v[0-9]*']), false, 'not comparable simply: not reported');
    assert.equal(tagPatternsOverlap([], ['anything']), true, 'no pattern: every tag');
    assert.equal(tagPatternsOverlap(['!v*-rc*'], ['v*']), true, 'negations are left aside');
  });

  it('names the shared event for the message', () => {
    const reach = (releaseTypes: string[], onTagPush = false, tagPatterns: string[] = []) => ({ releaseTypes, onTagPush, tagPatterns });
    assert.equal(sharedEvent(reach(['published']), reach(['published', 'created'])), 'a published release');
    assert.equal(sharedEvent(reach(['created']), reach(['released'])), 'the same release');
    assert.equal(sharedEvent(reach([], true, ['v*']), reach([], true, ['*'])), 'the same tag push');
    assert.equal(sharedEvent(reach(['published']), reach([], true, ['v*'])), 'a release and its tag');
    assert.equal(sharedEvent(reach(['edited']), reach([], true)), undefined);
  });

  it('reads from the publishing summary which release types and tag pushes reach each upload', () => {
    const summary = summarizePublishing('ci.yml', workflow("push:\n  tags: ['v*']\nrelease:", { jobIf: "github.event.action == 'published'" }));
    assert.deepEqual(summary.uploads.map((u) => [u.releaseTypes, u.onTagPush]), [[['published'], false]]);
    assert.deepEqual(summary.tagPatterns, ['v*']);
    assert.equal(summary.releaseTypes?.length, 7, 'a bare release: every activity type');
  });
});

describe('which project an upload publishes', () => {
  const uploadsOf = (text: string) => summarizePublishing('w.yml', text).uploads.map((u) => u.project);
  const job = (lines: string[]) => ['on: release', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', ...lines.map((l) => `    ${l}`), ''].join('\n');

  it('reads the environment URL and the folders the build works in, leaving output folders aside', () => {
    assert.deepEqual(uploadsOf(job(['environment:', '  name: pypi', '  url: https://pypi.org/p/My_Pkg', 'steps:', '  - uses: pypa/gh-action-pypi-publish@release/v1'])), [
      { name: 'my-pkg', folders: [] },
    ]);
    const monorepo = job([
      'steps:',
      '  - run: |',
      '      cd packages/core',
      '      python -m build --sdist --outdir dist/ .',
      '  - run: python -m build plugins/extra',
      '  - run: cd dist && ls',
      '  - uses: pypa/gh-action-pypi-publish@release/v1',
      '    with:',
      '      packages-dir: artifact/',
    ]);
    assert.deepEqual(uploadsOf(monorepo), [{ folders: ['packages/core', 'plugins/extra'] }]);
    assert.deepEqual(uploadsOf(job(['steps:', '  - run: uv build --package api && uv publish'])), [{ folders: ['api'] }]);
  });

  it('does not report two workflows of a monorepo that publish different packages on one release', () => {
    const inFolder = (folder: string) => workflow(PUBLISHED).replace('    steps:\n', `    steps:\n      - run: python -m build ${folder}\n`);
    assert.deepEqual(reported({ 'core.yml': inFolder('core'), 'plugin.yml': inFolder('plugins/dbt') }), []);
    assert.equal(reported({ 'a.yml': inFolder('core'), 'b.yml': inFolder('./core/') }).length, 2, 'the same folder, written two ways');
    const named = (name: string) => workflow(PUBLISHED).replace('environment: pypi', `environment:\n      name: pypi\n      url: https://pypi.org/p/${name}`);
    assert.deepEqual(reported({ 'a.yml': named('sqlfluff'), 'b.yml': named('sqlfluff-templater-dbt') }), []);
    assert.equal(reported({ 'a.yml': named('sqlfluff'), 'b.yml': workflow(PUBLISHED) }).length, 2, 'one name and the root: one project');
  });
});

describe('hostile workflow text', () => {
  it('reads project folders from a 200 KB script line in linear time', () => {
    const line = 'tox uv build '.repeat(16000) + 'python -m build -a b '.repeat(1000);
    const text = ['on: release', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    steps:', `      - run: ${line}`, '      - uses: pypa/gh-action-pypi-publish@release/v1', ''].join('\n');
    const started = Date.now();
    summarizePublishing('hostile.yml', text);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });
});

describe('a workflow larger than the checks read', () => {
  it('is not summarized, so it is compared with nothing', () => {
    const huge = `${workflow(PUBLISHED)}${'# padding\n'.repeat(110_000)}`;
    assert.equal(summarizePublishing('huge.yml', huge).tooLarge, true);
    assert.deepEqual(reported({ 'huge.yml': huge, 'release.yml': workflow(PUBLISHED) }), []);
  });
});

describe('a generated workflow with thousands of uploading jobs', () => {
  /** `jobs` copies of the publishing job, under new ids. */
  const generated = (jobs: number) => {
    const one = workflow(PUBLISHED);
    const at = one.indexOf('  publish:');
    const job = one.slice(at);
    return one.slice(0, at) + Array.from({ length: jobs }, (_, i) => job.replace('  publish:', `  publish-${i}:`)).join('');
  };
  const summarized = (jobs: number) => [
    { file: 'generated.yml', text: '', summary: summarizePublishing('generated.yml', generated(jobs)) },
    { file: 'release.yml', text: workflow(PUBLISHED), summary: summarizePublishing('release.yml', workflow(PUBLISHED)) },
  ];
  const time = (workflows: ReturnType<typeof summarized>) => {
    // One check takes a millisecond or two, below what the process's CPU clock resolves here (it read 0 for one size
    // and a tick for the other): batches of checks on the high-resolution clock, the least per check of several
    // batches, since a busy machine (other processes, a garbage collection) only ever adds.
    const batch = 20;
    let least = Infinity;
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      for (let j = 0; j < batch; j++) duplicatePublishingWorkflow.check(workflows);
      least = Math.min(least, (performance.now() - started) / batch);
    }
    return least;
  };

  it('is compared with the other workflow once per upload, not once per pair of its own uploads', () => {
    const small = summarized(1000);
    const large = summarized(4000);
    assert.equal(large[0].summary.uploads.length, 4000);
    // Each file is reported once, pointing at the other, however many of its jobs upload.
    assert.deepEqual(
      duplicatePublishingWorkflow.check(large).map((f) => `${f.file} -> ${f.related?.[0].file}`),
      ['generated.yml -> release.yml', 'release.yml -> generated.yml'],
    );
    // Four times the uploads: about four times the work (the square would be sixteen).
    const ratio = time(large) / time(small);
    assert.ok(ratio < 10, `4x the uploads took ${ratio.toFixed(1)}x the time`);
  });
});
