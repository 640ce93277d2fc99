import * as assert from 'node:assert/strict';
import { summarizePublishing } from '../../../src/core/lint';
import {
  chooseTrigger,
  chooseVersion,
  compareVersions,
  describeAction,
  highestVersionTag,
  evaluatePreflight,
  isPreRelease,
  nextVersion,
  publishWasSkipped,
  readVersionTag,
  releaseWorkflows,
  stageOf,
  tagFor,
  tagMatches,
  type PreflightFacts,
} from '../../../src/core/release';
import type { ActionsJob, ActionsRun } from '../../../src/core/github';
import { workflowText } from './releaseServers';

describe('Release decisions', () => {
  describe('the version to release', () => {
    it('takes a version written in pyproject.toml as it is', () => {
      assert.deepEqual(chooseVersion({ kind: 'static', value: '1.4.0' }, '1.3.9'), { kind: 'fixed', version: '1.4.0', from: 'pyproject.toml' });
    });

    it('suggests the tag after the highest version tag for versions from git tags, keeping its prefix', () => {
      const hatchVcs = { kind: 'dynamic', provider: 'hatch-vcs', fromVcs: true } as const;
      assert.deepEqual(chooseVersion(hatchVcs, '2.3.0', { highest: { tag: 'v2.3.4', prefix: 'v', version: '2.3.4' } }), {
        kind: 'nextTag',
        suggestion: '2.3.5',
        tagPrefix: 'v',
        from: 'git tags (hatch-vcs)',
        basis: 'the tag after v2.3.4, the highest version tag on GitHub',
      });
    });

    it('falls back to PyPI for versions from git tags when no tag names a version, and says so', () => {
      const scm = { kind: 'dynamic', provider: 'setuptools_scm', fromVcs: true } as const;
      assert.deepEqual(chooseVersion(scm, '2.3.4', { reason: 'the repository has no tags yet' }), {
        kind: 'nextTag',
        suggestion: '2.3.5',
        from: 'git tags (setuptools_scm)',
        basis: 'the release after 2.3.4, the latest on PyPI (the repository has no tags yet)',
      });
      const first = chooseVersion(scm, undefined, { reason: 'the repository has no tags yet' });
      assert.equal(first.kind === 'nextTag' && first.suggestion, '0.1.0');
      assert.equal(first.kind === 'nextTag' && first.basis, 'a first release: PyPI has none (the repository has no tags yet)');
    });

    it('counts to the next version', () => {
      assert.equal(nextVersion(undefined), '0.1.0');
      assert.equal(nextVersion('1.0rc2'), '1.0');
      assert.equal(nextVersion('2024.5'), '2024.6');
      assert.equal(nextVersion('1.2.3.post1'), '1.2.4');
    });

    it('asks for versions computed some other way', () => {
      assert.equal(chooseVersion({ kind: 'dynamic', provider: 'attr', fromVcs: false }, undefined).kind, 'ask');
    });

    it('knows pre-releases', () => {
      assert.equal(isPreRelease('1.0.0rc1'), true);
      assert.equal(isPreRelease('1.0.0.dev3'), true);
      assert.equal(isPreRelease('1.0.0'), false);
    });
  });

  describe('tags and GitHub filter patterns', () => {
    it('matches like GitHub: * stops at /, ** does not, ! excludes, later patterns win', () => {
      assert.equal(tagMatches('v1.2.3', ['v*']), true);
      assert.equal(tagMatches('release/v1', ['v*']), false);
      assert.equal(tagMatches('release/v1', ['**']), true);
      assert.equal(tagMatches('v1.0rc1', ['v*', '!v*rc*']), false);
      assert.equal(tagMatches('v1.0', ['v[0-9]+.[0-9]+']), true);
      assert.equal(tagMatches('anything', []), true);
    });

    it('reads a version tag as its prefix and its PEP 440 version', () => {
      assert.deepEqual(readVersionTag('v1.2.3'), { tag: 'v1.2.3', prefix: 'v', version: '1.2.3' });
      assert.deepEqual(readVersionTag('1.0rc1'), { tag: '1.0rc1', prefix: '', version: '1.0rc1' });
      assert.deepEqual(readVersionTag('mypkg-v2.0.post1'), { tag: 'mypkg-v2.0.post1', prefix: 'mypkg-v', version: '2.0.post1' });
      assert.deepEqual(readVersionTag('release/3.1'), { tag: 'release/3.1', prefix: 'release/', version: '3.1' });
      assert.equal(readVersionTag('latest'), undefined);
      assert.equal(readVersionTag('build42'), undefined, 'a number glued to a word is not a version');
      assert.equal(readVersionTag('v1.2.3-beta'), undefined);
    });

    it('orders versions as PEP 440 does, not as text', () => {
      const sorted = ['1.0', '1.0.post1', '0.9', '1.0rc1', '1.0.dev2', '1.0a1', '1.0b2', '1.0.post1.dev1', '0.10', '1.0.0.1', '1.0a1.dev1'].sort(compareVersions);
      assert.deepEqual(sorted, ['0.9', '0.10', '1.0.dev2', '1.0a1.dev1', '1.0a1', '1.0b2', '1.0rc1', '1.0', '1.0.post1.dev1', '1.0.post1', '1.0.0.1']);
      assert.equal(compareVersions('1.0', '1.0.0'), 0);
    });

    it('finds the highest version among the tags that start the workflow', () => {
      // In GitHub's answer v0.0.9 comes before v0.0.18: text order would pick it.
      const tags = ['v0.0.9', 'v0.0.18', 'v0.0.10', 'nightly', 'v0.1.0rc1', 'docs-2.0'];
      assert.equal(highestVersionTag(tags, ['v*'])?.tag, 'v0.1.0rc1');
      assert.equal(highestVersionTag(tags, ['v*', '!v*rc*'])?.tag, 'v0.0.18');
      assert.equal(highestVersionTag(tags, undefined)?.tag, 'docs-2.0', 'any tag starts a release-triggered workflow');
      assert.equal(highestVersionTag(['nightly', 'latest'], undefined), undefined);
    });

    it('prefers the tags of this project in a repository that tags several', () => {
      const tags = ['core-v3.1.0', 'my_cli-v1.4.2', 'my-cli-v1.10.0', 'core-v3.2.0'];
      assert.deepEqual(highestVersionTag(tags, ['*-v*'], 'my-cli'), { tag: 'my-cli-v1.10.0', prefix: 'my-cli-v', version: '1.10.0' });
      assert.equal(highestVersionTag(tags, ['*-v*'], 'other')?.tag, 'core-v3.2.0');
    });

    it('names the tag with the prefix the repository uses', () => {
      assert.equal(tagFor('1.2.4', undefined, ''), '1.2.4');
      assert.equal(tagFor('1.2.4', ['*'], 'release-'), 'release-1.2.4');
      assert.equal(tagFor('v1.2.4', ['mypkg-v*'], 'mypkg-v'), 'mypkg-v1.2.4');
      assert.equal(tagFor('1.2.4', ['v*'], ''), 'v1.2.4', 'a prefix the workflow would not start on gives way');
    });

    it('names the tag v<version>, or <version> when only that starts the workflow', () => {
      assert.equal(tagFor('1.2.3', undefined), 'v1.2.3');
      assert.equal(tagFor('1.2.3', ['v*']), 'v1.2.3');
      assert.equal(tagFor('1.2.3', ['[0-9]*']), '1.2.3');
      assert.equal(tagFor('1.2.3', ['release-*']), undefined);
    });
  });

  describe('the trigger, from the publishing summary', () => {
    it('a published release, or a pushed tag', () => {
      const release = chooseTrigger(summarizePublishing('release.yml', workflowText('release.yml')));
      assert.deepEqual(release, { ok: true, trigger: 'release', releaseTypes: ['published'] });
      const tag = chooseTrigger(summarizePublishing('release.yml', workflowText('tag-release.yml')));
      assert.deepEqual(tag, { ok: true, trigger: 'tag', releaseTypes: [], tagPatterns: ['v*'] });
    });

    it('neither: says on what it uploads', () => {
      const text = workflowText('release.yml').replace('  release:\n    types: [published]', '  workflow_dispatch:');
      const choice = chooseTrigger(summarizePublishing('release.yml', text));
      assert.deepEqual(choice, { ok: false, reason: 'release.yml uploads to PyPI on workflow_dispatch, neither on a published release nor on a pushed tag' });
    });

    it('both: the release starts it, and the second start is said', () => {
      const text = workflowText('release.yml').replace('  release:\n    types: [published]', '  release:\n    types: [published]\n  push:\n    tags: ["v*"]');
      const choice = chooseTrigger(summarizePublishing('release.yml', text));
      assert.ok(choice.ok && choice.trigger === 'release' && /starts it a second time/.test(choice.note ?? ''));
    });
  });

  describe('the stage of a run', () => {
    const run = (status: string, conclusion: string | null = null): ActionsRun => ({ id: 1, url: 'u', path: '.github/workflows/release.yml', event: 'release', headSha: 'a', status, conclusion, createdAt: '', attempt: 1 });
    const job = (name: string, status: string, conclusion: string | null = null): ActionsJob => ({ id: name.length, name, status, conclusion, url: '' });
    const publish = ['Publish to PyPI'];

    it('reads queued, build, approval, publish, success and failure', () => {
      assert.equal(stageOf(undefined, [], [], publish), 'finding');
      assert.equal(stageOf(run('queued'), [job('build', 'queued')], [], publish), 'queued');
      assert.equal(stageOf(run('in_progress'), [job('build', 'in_progress'), job('Publish to PyPI', 'queued')], [], publish), 'build');
      assert.equal(stageOf(run('waiting'), [job('build', 'completed', 'success'), job('Publish to PyPI', 'waiting')], [], publish), 'approval');
      assert.equal(stageOf(run('in_progress'), [job('build', 'completed', 'success'), job('Publish to PyPI', 'in_progress')], [], publish), 'publish');
      assert.equal(stageOf(run('completed', 'success'), [], [], publish), 'success');
      assert.equal(stageOf(run('completed', 'cancelled'), [], [], publish), 'failure');
    });

    it('recognises matrix and called-workflow job names', () => {
      assert.equal(stageOf(run('in_progress'), [job('Publish to PyPI (3.12)', 'in_progress')], [], publish), 'publish');
      assert.equal(stageOf(run('in_progress'), [job('release / Publish to PyPI', 'in_progress')], [], publish), 'publish');
    });
  });

  describe('preflight items', () => {
    const facts = (change: Partial<PreflightFacts> = {}): PreflightFacts => ({
      workflow: { fileName: 'release.yml', errors: [] },
      trigger: { ok: true, description: 'Publishing a GitHub release starts it.' },
      version: { ok: true, version: '1.0.0', tag: 'v1.0.0', from: 'pyproject.toml' },
      onIndex: { kind: 'absent' },
      tag: { kind: 'absent' },
      git: { changes: 0, branch: 'main', headSha: 'a'.repeat(40), upstream: 'origin/main', ahead: 0, behind: 0 },
      environment: { kind: 'exists', name: 'pypi', reviewers: ['octocat'] },
      publisher: { kind: 'provenance', version: '0.9.0', differences: [] },
      ...change,
    });

    it('each failure has a reason and a fix', () => {
      const items = evaluatePreflight(
        facts({
          workflow: { fileName: 'release.yml', errors: ['Job publish has no id-token: write.'] },
          git: undefined,
          environment: { kind: 'missing', name: 'pypi' },
          publisher: { kind: 'provenance', version: '0.9.0', differences: ['workflow "release.yml" instead of "publish.yml"'] },
        }),
      );
      const failed = items.filter((i) => i.status === 'fail').map((i) => [i.id, i.status === 'fail' ? i.fix : '']);
      assert.deepEqual(failed, [
        ['workflow', 'openWorkflow'],
        ['cleanTree', 'openSourceControl'],
        ['environment', 'createEnvironment'],
        ['publisher', 'registerPublisher'],
      ]);
      assert.match(items.find((i) => i.id === 'cleanTree')!.detail, /Git extension has no repository/);
    });

    it('a first release without a known pending publisher is a warning, not a stop', () => {
      const item = evaluatePreflight(facts({ publisher: { kind: 'nothing' } })).find((i) => i.id === 'publisher')!;
      assert.equal(item.status, 'warn');
    });
  });

  it('the confirmation names exactly what is created', () => {
    const { title, detail, button } = describeAction({
      trigger: 'release',
      owner: 'octo-org',
      repo: 'hello',
      tag: 'v2.0.0rc1',
      version: '2.0.0rc1',
      targetSha: '0123456789abcdef0123456789abcdef01234567',
      event: 'release',
      prerelease: true,
      workflowFile: 'release.yml',
      project: 'hello',
    });
    assert.equal(title, 'Create release v2.0.0rc1 of octo-org/hello?');
    assert.equal(button, 'Create Release v2.0.0rc1');
    assert.equal(
      detail,
      [
        'This creates on GitHub (octo-org/hello):',
        '• a GitHub pre-release "v2.0.0rc1" with notes generated by GitHub',
        '• the tag v2.0.0rc1 at commit 0123456789ab',
        '',
        'That starts release.yml, which publishes hello 2.0.0rc1 to PyPI. A version on PyPI can never be uploaded again.',
      ].join('\n'),
    );
  });
});

describe('Release workflows and skipped uploads', () => {
  it('offers the workflows a release starts, the preferred one first, not those only called', () => {
    const release = summarizePublishing('release.yml', workflowText('release.yml'));
    const tag = summarizePublishing('publish.yml', workflowText('tag-release.yml'));
    const called = summarizePublishing('called.yml', workflowText('release.yml').replace('  release:\n    types: [published]', '  workflow_call:'));
    const lint = summarizePublishing('lint.yml', 'on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ruff check\n');
    assert.deepEqual(releaseWorkflows([called, lint, tag, release], 'release.yml').map((s) => s.fileName), ['release.yml', 'publish.yml']);
  });

  it('a run whose publish job was skipped uploaded nothing', () => {
    const job = (name: string, conclusion: string): ActionsJob => ({ id: 1, name, status: 'completed', conclusion, url: '' });
    assert.equal(publishWasSkipped([job('Build distributions', 'success'), job('Publish to PyPI', 'skipped')], ['Publish to PyPI']), true);
    assert.equal(publishWasSkipped([job('Build distributions', 'success'), job('Publish to PyPI', 'success')], ['Publish to PyPI']), false);
    assert.equal(publishWasSkipped([job('Build distributions', 'success')], ['Publish to PyPI']), false);
  });
});
