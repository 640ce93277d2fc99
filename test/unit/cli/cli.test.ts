import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { cli } from './captured';
import { gitConfigWithRemotes, simplePyproject, tempProject } from '../tempProject';

const githubProject = (name = 'Hello-PyPI', remote = 'https://github.com/Example-Org/Hello-PyPI.git') =>
  tempProject({ 'pyproject.toml': simplePyproject(name), '.git/config': gitConfigWithRemotes({ origin: remote }) });

describe('trusted-publishing command line', () => {
  describe('init', () => {
    it('prints a workflow with separate build and publish jobs and OIDC only on the publish job', async () => {
      const ran = await cli(githubProject(), 'init');
      assert.equal(ran.code, 0, ran.stderr);
      const workflow = parse(ran.stdout);
      const jobs = Object.entries<any>(workflow.jobs);
      const publishers = jobs.filter(([, job]) => job.permissions?.['id-token'] === 'write');
      assert.equal(publishers.length, 1);
      const [publishName, publish] = publishers[0];
      assert.ok(publish.needs, `${publishName} needs the build job`);
      assert.equal(publish.environment.name, 'pypi');
      assert.equal(publish.environment.url, 'https://pypi.org/p/hello-pypi');
      assert.ok(publish.steps.some((s: any) => String(s.uses).startsWith('pypa/gh-action-pypi-publish@')));
    });

    it('takes --environment, --testpypi and --trigger tag', async () => {
      const ran = await cli(githubProject(), 'init', '--environment', 'release', '--testpypi', '--trigger', 'tag');
      assert.equal(ran.code, 0, ran.stderr);
      const workflow = parse(ran.stdout);
      assert.deepEqual(workflow.on.push.tags, ['v*']);
      const environments = Object.values<any>(workflow.jobs).map((j) => j.environment?.name).filter(Boolean);
      assert.deepEqual(environments.sort(), ['release', 'testpypi']);
      assert.match(ran.stdout, /repository-url: https:\/\/test\.pypi\.org\/legacy\//);
    });

    it('says which wheels it plans and why, and takes --wheels over detection (markupsafe: Extension in setup.py)', async () => {
      const real = path.join(__dirname, '../../../../test/fixtures/real-projects/markupsafe');
      const dir = tempProject({
        'pyproject.toml': readFileSync(path.join(real, 'pyproject.toml'), 'utf8'),
        'setup.py': readFileSync(path.join(real, 'setup.py'), 'utf8'),
        'src/markupsafe/_speedups.c': '',
        '.git/config': gitConfigWithRemotes({ origin: 'https://github.com/pallets/markupsafe.git' }),
      });
      const detected = await cli(dir, 'init');
      assert.equal(detected.code, 0, detected.stderr);
      assert.match(detected.stderr, /Wheels: cibuildwheel .*because setup\.py declares Extension\("markupsafe\._speedups"/);
      assert.ok(parse(detected.stdout).jobs['build-wheels']);
      const pure = await cli(dir, 'init', '--wheels', 'pure');
      assert.equal(pure.code, 0, pure.stderr);
      assert.deepEqual(Object.keys(parse(pure.stdout).jobs), ['build', 'publish-to-pypi']);
      assert.match(pure.stderr, /as chosen; the project's files suggest cibuildwheel/);
      const bad = await cli(dir, 'init', '--wheels', 'wheel');
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--wheels must be one of pure, cibuildwheel, maturin/);
    });

    it('warns when only weak signs point at compiled code', async () => {
      const dir = githubProject('Hello-PyPI');
      writeFileSync(path.join(dir, 'fast.c'), '');
      const ran = await cli(dir, 'init');
      assert.equal(ran.code, 0, ran.stderr);
      assert.match(ran.stderr, /warning: the package folder holds fast\.c, but nothing in pyproject\.toml builds native code.*--wheels cibuildwheel/);
    });

    it('writes .github/workflows/release.yml at the repository root and refuses to overwrite without --force', async () => {
      const dir = githubProject();
      const first = await cli(dir, 'init', '--write');
      assert.equal(first.code, 0, first.stderr);
      const target = path.join(dir, '.github', 'workflows', 'release.yml');
      assert.ok(existsSync(target));
      writeFileSync(target, '# my own workflow\n');

      const second = await cli(dir, 'init', '--write');
      assert.equal(second.code, 2);
      assert.match(second.stderr, /already exists.*--force/);
      assert.equal(readFileSync(target, 'utf8'), '# my own workflow\n', 'the user file is untouched');

      const forced = await cli(dir, 'init', '--write', '--force');
      assert.equal(forced.code, 0);
      assert.match(readFileSync(target, 'utf8'), /gh-action-pypi-publish/);
    });

    it('in a monorepo, asks for --dir and then writes at the repository root working in the package folder', async () => {
      const dir = tempProject({
        'packages/alpha/pyproject.toml': simplePyproject('alpha'),
        'packages/beta/pyproject.toml': simplePyproject('beta'),
        '.git/config': gitConfigWithRemotes({ origin: 'git@github.com:Example-Org/mono.git' }),
      });
      const ambiguous = await cli(dir, 'init');
      assert.equal(ambiguous.code, 2);
      assert.match(ambiguous.stderr, /packages\/alpha.*packages\/beta.*--dir/);

      const ran = await cli(dir, 'init', '--dir', 'packages/beta', '--write');
      assert.equal(ran.code, 0, ran.stderr);
      const text = readFileSync(path.join(dir, '.github', 'workflows', 'release.yml'), 'utf8');
      assert.match(text, /packages\/beta/);
      assert.match(text, /https:\/\/pypi\.org\/p\/beta/);
    });

    it('reports a TOML syntax error with its line in one line and exit code 2', async () => {
      const dir = tempProject({ 'pyproject.toml': '[project]\nname = "x"\nversion = \n' });
      const ran = await cli(dir, 'init');
      assert.equal(ran.code, 2);
      assert.match(ran.stderr, /line 3/);
      assert.equal(ran.stderr.trim().split('\n').length, 1);
    });

    it('says so when there is no pyproject.toml', async () => {
      const ran = await cli(tempProject({ 'README.md': 'hi' }), 'init');
      assert.equal(ran.code, 2);
      assert.match(ran.stderr, /no pyproject\.toml/);
    });
  });

  describe('values', () => {
    it('prints the JSON fields PyPI needs, keeping the repository case', async () => {
      const ran = await cli(githubProject(), 'values', '--format', 'json');
      assert.equal(ran.code, 0, ran.stderr);
      const all = JSON.parse(ran.stdout);
      assert.ok(Array.isArray(all) && all.length === 1, 'an array, one entry per index');
      const [values] = all;
      assert.equal(values.index, 'pypi');
      assert.equal(values.owner, 'Example-Org');
      assert.equal(values.repository, 'Hello-PyPI');
      assert.equal(values.workflow, 'release.yml');
      assert.equal(values.environment, 'pypi');
      assert.equal(values.projectName, 'Hello-PyPI');
      assert.equal(values.normalizedName, 'hello-pypi');
      assert.match(values.urls.pypi, /^https:\/\/pypi\.org\/manage\/project\/hello-pypi\/settings\/publishing\/\?/);
      assert.equal(new URL(values.urls.pypi).searchParams.get('repository'), 'Hello-PyPI');
      assert.equal(values.urls.pending, 'https://pypi.org/manage/account/publishing/');
    });

    it('prints only the pending route for a project not yet on PyPI', async () => {
      const ran = await cli(githubProject(), 'values', '--format', 'json', '--exists', 'no');
      const [values] = JSON.parse(ran.stdout);
      assert.equal(values.urls.pypi, null);
      assert.equal(values.urls.pending, 'https://pypi.org/manage/account/publishing/');
    });

    it('JSON keeps one shape with two indexes: the same array, TestPyPI second', async () => {
      const ran = await cli(githubProject(), 'values', '--format', 'json', '--testpypi');
      assert.deepEqual(JSON.parse(ran.stdout).map((v: { index: string }) => v.index), ['pypi', 'testpypi']);
    });

    it("a repository that already publishes: that workflow's values, in text and JSON, with their source", async () => {
      const flask = readFileSync(path.resolve(__dirname, '../../../../test/fixtures/corpus/workflows/pallets__flask__publish.yaml'), 'utf8');
      const dir = tempProject({
        'pyproject.toml': simplePyproject('flask'),
        '.git/config': gitConfigWithRemotes({ origin: 'https://github.com/pallets/flask.git' }),
        '.github/workflows/publish.yaml': flask,
      });
      const text = await cli(dir, 'values');
      assert.match(text.stdout, /Workflow name +publish\.yaml/);
      assert.match(text.stdout, /Environment name +publish\n/);
      assert.match(text.stdout, /\(Workflow and Environment from \.github\/workflows\/publish\.yaml, job 'publish-pypi'\)/);
      const [pypi, testpypi] = JSON.parse((await cli(dir, 'values', '--format', 'json')).stdout);
      assert.deepEqual([pypi.workflow, pypi.environment, pypi.fromExistingWorkflow, testpypi.index], ['publish.yaml', 'publish', true, 'testpypi']);
    });

    it('two publishing workflows: asks for --workflow, then uses the one named', async () => {
      const corpus = path.resolve(__dirname, '../../../../test/fixtures/corpus/workflows');
      const dir = tempProject({
        'pyproject.toml': simplePyproject('x'),
        '.git/config': gitConfigWithRemotes({ origin: 'https://github.com/o/x.git' }),
        '.github/workflows/publish.yaml': readFileSync(path.join(corpus, 'pallets__flask__publish.yaml'), 'utf8'),
        '.github/workflows/pypi_upload.yml': readFileSync(path.join(corpus, 'psf__black__pypi_upload.yml'), 'utf8'),
      });
      const ambiguous = await cli(dir, 'values');
      assert.equal(ambiguous.code, 2);
      assert.match(ambiguous.stderr, /several workflows publish to PyPI \(publish\.yaml, pypi_upload\.yml\).*--workflow FILE/);
      const [chosen] = JSON.parse((await cli(dir, 'values', '--workflow', 'pypi_upload.yml', '--format', 'json')).stdout);
      assert.deepEqual([chosen.workflow, chosen.environment], ['pypi_upload.yml', '']);
    });

    it('prints readable text with every value', async () => {
      const ran = await cli(githubProject(), 'values', '--workflow', 'publish.yml');
      assert.equal(ran.code, 0, ran.stderr);
      for (const expected of ['Example-Org', 'Hello-PyPI', 'publish.yml', 'pypi']) assert.ok(ran.stdout.includes(expected), expected);
    });

    it('explains that a GitLab remote cannot use the GitHub publisher, without echoing credentials', async () => {
      const ran = await cli(githubProject('x', 'https://oauth2:glpat-SECRET123@gitlab.com/group/x.git'), 'values');
      assert.equal(ran.code, 2);
      assert.match(ran.stderr, /GitLab/);
      assert.ok(!ran.stderr.includes('SECRET123'));
    });

    it('asks for --remote when several remotes could be meant', async () => {
      const dir = tempProject({
        'pyproject.toml': simplePyproject('x'),
        '.git/config': gitConfigWithRemotes({ alice: 'https://github.com/alice/x.git', bob: 'https://github.com/bob/x.git' }),
      });
      const ambiguous = await cli(dir, 'values');
      assert.equal(ambiguous.code, 2);
      assert.match(ambiguous.stderr, /alice.*bob.*--remote/);
      const chosen = await cli(dir, 'values', '--remote', 'bob', '--format', 'json');
      assert.equal(JSON.parse(chosen.stdout)[0].owner, 'bob');
    });

    it('says when the folder is not a git repository', async () => {
      const ran = await cli(tempProject({ 'pyproject.toml': simplePyproject('x') }), 'values');
      assert.equal(ran.code, 2);
      assert.match(ran.stderr, /git/i);
    });
  });

  it('rejects unknown options and values with one line and exit code 2', async () => {
    for (const argv of [['init', '--bogus'], ['init', '--trigger', 'push'], ['frobnicate'], ['init', '--environment', ''], ['init', '--environment', 'a,b']]) {
      const ran = await cli(githubProject(), ...argv);
      assert.equal(ran.code, 2, argv.join(' '));
      assert.equal(ran.stderr.trim().split('\n').length, 1);
    }
  });

  it('prints help with exit code 0', async () => {
    const ran = await cli(process.cwd(), '--help');
    assert.equal(ran.code, 0);
    assert.match(ran.stdout, /Usage: trusted-publishing/);
  });

  it('runs as the built dist/cli.js executable', () => {
    const built = path.resolve(__dirname, '../../../../dist/cli.js');
    const output = execFileSync(process.execPath, [built, 'values', '--format', 'json', '--dir', githubProject()], { encoding: 'utf8' });
    assert.equal(JSON.parse(output)[0].repository, 'Hello-PyPI');
  });
});

describe('trusted-publishing command line: the wizard’s choices and real projects’ files', () => {
  const real = (name: string, file: string) => readFileSync(path.resolve(__dirname, '../../../../test/fixtures/real-projects', name, file), 'utf8');
  const origin = (url: string) => ({ '.git/config': gitConfigWithRemotes({ origin: url }) });

  it('dmypy-ls: [tool.poetry] without [build-system] is a warning with the table to add', async () => {
    const dir = tempProject({ 'pyproject.toml': real('dmypy-ls', 'pyproject.toml'), ...origin('https://github.com/sileht/dmypy-ls.git') });
    for (const command of ['init', 'values']) {
      const ran = await cli(dir, command);
      assert.equal(ran.code, 0, ran.stderr);
      assert.match(ran.stderr, /warning: .*no \[build-system\].*UNKNOWN, version 0\.0\.0/);
      assert.match(ran.stderr, /\[build-system\]\n +requires = \["poetry-core"\]\n +build-backend = "poetry\.core\.masonry\.api"\n/);
    }
  });

  it('waitress: the name and version from setup.cfg when pyproject.toml has none', async () => {
    const dir = tempProject({
      'pyproject.toml': real('waitress', 'pyproject.toml'),
      'setup.cfg': real('waitress', 'setup.cfg'),
      'setup.py': real('waitress', 'setup.py'),
      ...origin('https://github.com/Pylons/waitress.git'),
    });
    const [values] = JSON.parse((await cli(dir, 'values', '--format', 'json')).stdout);
    assert.equal(values.projectName, 'waitress');
    const init = await cli(dir, 'init');
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /PyPI Project Name: waitress/);
    // Version 3.0.2 is written in setup.cfg: the build job checks it against the tag.
    assert.match(init.stdout, /version="\$\{TAG#v\}"/);
  });

  it('attrs: a name only setup.py knows is asked for with --name, which must agree with any file that names the project', async () => {
    const attrs = readFileSync(path.resolve(__dirname, '../../../../test/fixtures/pyproject/python-attrs__attrs__root__pyproject.toml'), 'utf8');
    const dir = tempProject({ 'pyproject.toml': attrs, 'setup.py': 'from setuptools import setup\nsetup(name=NAME)\n', ...origin('https://github.com/python-attrs/attrs.git') });
    const missing = await cli(dir, 'values');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /never run.*--name/);
    const [values] = JSON.parse((await cli(dir, 'values', '--name', 'attrs', '--format', 'json')).stdout);
    assert.equal(values.projectName, 'attrs');
    const clash = await cli(githubProject(), 'values', '--name', 'other');
    assert.equal(clash.code, 2);
    assert.match(clash.stderr, /--name 'other' differs from the name Hello-PyPI/);
    assert.equal((await cli(dir, 'values', '--name', 'bad name')).code, 2);
  });

  it('--remote with a name that does not exist is an error listing the remotes', async () => {
    const dir = tempProject({ 'pyproject.toml': simplePyproject('x'), '.git/config': gitConfigWithRemotes({ origin: 'https://github.com/o/x.git', mirror: 'https://github.com/m/x.git' }) });
    const ran = await cli(dir, 'values', '--remote', 'upstraem');
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /no git remote named 'upstraem'; the remotes are: origin \(https:\/\/github\.com\/o\/x\.git\), mirror/);
  });

  it('a fork: says origin looks like a fork of upstream and gives upstream’s values unless --remote origin', async () => {
    const dir = tempProject({
      'pyproject.toml': simplePyproject('markupsafe'),
      '.git/config': gitConfigWithRemotes({ origin: 'https://github.com/alice/markupsafe.git', upstream: 'https://github.com/pallets/markupsafe.git' }),
    });
    const ran = await cli(dir, 'values', '--format', 'json');
    assert.equal(ran.code, 0, ran.stderr);
    assert.equal(JSON.parse(ran.stdout)[0].owner, 'pallets');
    assert.match(ran.stderr, /origin \(alice\/markupsafe\) looks like a fork of upstream \(pallets\/markupsafe\).*--remote origin/);
    const mine = await cli(dir, 'values', '--format', 'json', '--remote', 'origin');
    assert.equal(JSON.parse(mine.stdout)[0].owner, 'alice');
    assert.equal(mine.stderr, '');
  });

  it('--index pypi|testpypi|both chooses the publish jobs and the values', async () => {
    const dir = githubProject();
    const jobs = async (...args: string[]) => Object.keys(parse((await cli(dir, 'init', ...args)).stdout).jobs);
    assert.deepEqual(await jobs('--index', 'pypi'), ['build', 'publish-to-pypi']);
    assert.deepEqual(await jobs('--index', 'testpypi'), ['build', 'publish-to-testpypi']);
    assert.deepEqual(await jobs('--index', 'both'), ['build', 'publish-to-testpypi', 'publish-to-pypi']);
    const values = JSON.parse((await cli(dir, 'values', '--index', 'testpypi', '--format', 'json')).stdout);
    assert.deepEqual(values.map((v: { index: string }) => v.index), ['testpypi']);
    const contradiction = await cli(dir, 'init', '--index', 'pypi', '--testpypi');
    assert.equal(contradiction.code, 2);
  });

  it('init --dependabot creates .github/dependabot.yml, then adds to an existing one, then leaves it', async () => {
    const dir = githubProject();
    const target = path.join(dir, '.github', 'dependabot.yml');
    const first = await cli(dir, 'init', '--dependabot');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /Wrote \.github\/dependabot\.yml/);
    assert.match(readFileSync(target, 'utf8'), /package-ecosystem: "?github-actions"?/);
    assert.match((await cli(dir, 'init', '--dependabot')).stderr, /already updates GitHub Actions/);

    const pipOnly = '# ours\nversion: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n    schedule:\n      interval: weekly\n';
    writeFileSync(target, pipOnly);
    const added = await cli(dir, 'init', '--dependabot', '--write');
    assert.equal(added.code, 0, added.stderr);
    const text = readFileSync(target, 'utf8');
    assert.ok(text.startsWith(pipOnly), 'the existing text is kept as it was');
    assert.deepEqual(parse(text).updates.map((u: { 'package-ecosystem': string }) => u['package-ecosystem']), ['pip', 'github-actions']);
    assert.equal((await cli(dir, 'values', '--dependabot')).code, 2);
  });

  it('--platforms trims the wheel matrix, and refuses unknown names or a list that builds nothing', async () => {
    const dir = tempProject({
      'pyproject.toml': '[build-system]\nrequires = ["maturin>=1,<2"]\nbuild-backend = "maturin"\n\n[project]\nname = "fast"\ndynamic = ["version"]\n',
      '.git/config': gitConfigWithRemotes({ origin: 'https://github.com/o/fast.git' }),
    });
    const ran = await cli(dir, 'init', '--platforms', 'linux-x86_64,windows-arm64');
    assert.equal(ran.code, 0, ran.stderr);
    assert.deepEqual(Object.keys(parse(ran.stdout).jobs), ['linux', 'windows', 'sdist', 'publish-to-pypi']);
    const typo = await cli(dir, 'init', '--platforms', 'linux-amd64');
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /unknown linux-amd64/);
    const nothing = await cli(dir, 'init', '--wheels', 'cibuildwheel', '--platforms', 'linux-s390x');
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /cibuildwheel's runners/);
  });
});
