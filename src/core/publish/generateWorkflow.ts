import { ActionName, pinnedUses } from './actionPins';
import { TOOL_PINS } from './toolPins';
import { cibuildwheelRunners, maturinJobs } from './wheelPlatforms';
import { ReleasePlan } from './types';
import { quotedString, YamlLines, yamlString } from './yamlLines';

/**
 * The release workflow for a plan, as YAML text.
 *
 * Shape: the PyPA guide "Publishing package distribution releases using GitHub Actions CI/CD workflows"
 * (https://packaging.python.org/en/latest/guides/publishing-package-distribution-releases-using-github-actions-ci-cd-workflows/)
 * with the hardening from PyPI's trusted-publishing docs (https://docs.pypi.org/trusted-publishers/security-model/):
 *
 * - building and publishing are separate jobs, so the code that runs during the build (the project's own build
 *   backend and hooks) never holds the OIDC token that can upload to PyPI;
 * - the workflow grants nothing by default (`permissions: {}`); build jobs read the repository, only the publish
 *   jobs may request an OIDC token (`id-token: write`), and nothing gets `contents: write`;
 * - the publish job runs in a GitHub environment, the one PyPI's publisher is bound to;
 * - checkout does not leave the GITHUB_TOKEN in `.git/config`; no job restores a cache;
 * - every action is pinned (see actionPins.ts).
 *
 * The text is built line by line so the comments sit next to what they explain and the output is stable.
 */
export function generateWorkflow(plan: ReleasePlan): string {
  const y = new YamlLines();
  const uses = (action: ActionName) => pinnedUses(action, plan.pinning);

  header(y, plan);
  y.line(0, 'name: Release').blank();
  trigger(y, plan);
  y.blank();
  y.comment(0, 'Nothing is granted by default; each job asks for what it needs.');
  y.comment(0, 'https://docs.pypi.org/trusted-publishers/security-model/');
  y.line(0, 'permissions: {}').blank();
  y.comment(0, `One release of ${plan.projectName} at a time: a run started while another uploads waits for it.`);
  y.line(0, 'concurrency:');
  y.line(1, `group: ${yamlString(`release-${plan.normalizedName}`)}`);
  y.line(1, 'cancel-in-progress: false').blank();
  y.line(0, 'jobs:');

  let buildJobs: string[];
  let artifact: ArtifactSelector;
  switch (plan.wheels) {
    case 'pure':
      buildJobs = [pureBuildJob(y, plan, uses)];
      artifact = { name: PURE_ARTIFACT };
      break;
    case 'cibuildwheel':
      buildJobs = cibuildwheelJobs(y, plan, uses);
      artifact = { pattern: 'cibw-*' };
      break;
    case 'maturin':
      buildJobs = maturinBuildJobs(y, plan, uses);
      artifact = { pattern: 'wheels-*' };
      break;
  }

  if (plan.testPypi) {
    y.blank();
    publishJob(y, plan, uses, buildJobs, artifact, 'testpypi');
  }
  if (plan.pypi) {
    y.blank();
    // With both indexes, TestPyPI is the rehearsal: PyPI gets the same files only after TestPyPI accepted them.
    publishJob(y, plan, uses, plan.testPypi ? [...buildJobs, 'publish-to-testpypi'] : buildJobs, artifact, 'pypi');
  }
  return y.toString();
}

/** The artifact name of the pure build, as in the PyPA guide. */
const PURE_ARTIFACT = 'python-package-distributions';

type Uses = (action: ActionName) => string;
type ArtifactSelector = { name: string } | { pattern: string };

interface Step {
  comments?: string[];
  name?: string;
  if?: string;
  uses?: string;
  /** One line, or several: a literal block (`run: |`). */
  run?: string | string[];
  workingDirectory?: string;
  with?: Array<{ key: string; value: string; comments?: string[] }>;
  /** Values reach scripts as environment variables, never as `${{ }}` pasted into the script text. */
  env?: Array<{ key: string; value: string }>;
}

/** Writes one step of a job's `steps:` list (the list itself is at depth 3). */
function step(y: YamlLines, s: Step): void {
  if (s.comments) y.comment(3, ...s.comments);
  const keys: string[] = [];
  if (s.name !== undefined) keys.push(`name: ${yamlString(s.name)}`);
  if (s.if !== undefined) keys.push(`if: ${s.if}`);
  if (s.uses !== undefined) keys.push(`uses: ${s.uses}`);
  if (typeof s.run === 'string') keys.push(`run: ${s.run}`);
  if (s.workingDirectory !== undefined) keys.push(`working-directory: ${yamlString(s.workingDirectory)}`);
  keys.forEach((k, i) => y.line(i === 0 ? 3 : 4, i === 0 ? `- ${k}` : k));
  if (s.with && s.with.length > 0) {
    y.line(4, 'with:');
    for (const w of s.with) {
      if (w.comments) y.comment(5, ...w.comments);
      y.line(5, `${w.key}: ${w.value}`);
    }
  }
  if (s.env && s.env.length > 0) {
    y.line(4, 'env:');
    for (const e of s.env) y.line(5, `${e.key}: ${e.value}`);
  }
  if (Array.isArray(s.run)) {
    y.line(4, 'run: |');
    for (const line of s.run) y.line(5, line);
  }
}

function header(y: YamlLines, plan: ReleasePlan): void {
  // A TestPyPI-only workflow registers on TestPyPI alone; otherwise PyPI first, TestPyPI as an addition.
  const main = plan.pypi ? { index: 'PyPI', environment: plan.environment } : { index: 'TestPyPI', environment: plan.testPypiEnvironment };
  const jobs = (plan.pypi ? 1 : 0) + (plan.testPypi ? 1 : 0);
  y.comment(0, `Release workflow for ${plan.projectName}, generated by the "PyPI Trusted Publishing" VS Code extension.`);
  y.comment(
    0,
    plan.trigger === 'release'
      ? `When a GitHub release is published, it builds the distributions and uploads them to ${main.index}`
      : `When a tag starting with "${plan.tagPrefix}" is pushed, it builds the distributions and uploads them to ${main.index}`,
    `with trusted publishing: no API token is stored anywhere, ${main.index} trusts this workflow instead.`,
  );
  y.comment(0, '');
  y.comment(0, `Register it on ${main.index} as a GitHub trusted publisher (https://docs.pypi.org/trusted-publishers/):`);
  y.comment(0, `  PyPI Project Name: ${plan.projectName}`);
  y.comment(0, '  Owner, Repository name: those of the GitHub repository that holds this file');
  y.comment(0, `  Workflow name: ${plan.workflowFileName}`);
  y.comment(0, `  Environment name: ${main.environment === '' ? '(none)' : main.environment}`);
  if (plan.pypi && plan.testPypi) {
    y.comment(0, `and on https://test.pypi.org with the same values and Environment name: ${plan.testPypiEnvironment}`);
  }
  if (main.environment !== '' || jobs > 1) {
    y.comment(
      0,
      `Create the environment${jobs > 1 ? 's' : ''} in the repository's Settings > Environments; adding required`,
      'reviewers there makes each upload wait for a manual approval.',
    );
  }
  y.blank();
}

function trigger(y: YamlLines, plan: ReleasePlan): void {
  y.line(0, 'on:');
  if (plan.trigger === 'release') {
    y.comment(1, 'Publishing a release (not saving a draft) starts the upload.');
    y.line(1, 'release:');
    y.line(2, 'types: [published]');
  } else {
    y.line(1, 'push:');
    y.line(2, 'tags:');
    if (plan.tagPrefix !== 'v') y.comment(3, `This package's own tags (${plan.tagPrefix}1.2.3): the other packages of the repository release on theirs.`);
    y.line(3, `- ${quotedString(`${plan.tagPrefix}*`)}`);
  }
}

function checkoutStep(y: YamlLines, plan: ReleasePlan, uses: Uses): void {
  const w: Step['with'] = [
    {
      key: 'persist-credentials',
      value: 'false',
      comments: ['Do not leave the GITHUB_TOKEN in .git/config for later steps to read.'],
    },
  ];
  if (plan.versionFromVcs) {
    w.push({
      key: 'fetch-depth',
      value: '0',
      comments: ['The version is computed from git tags: fetch the whole history, not one commit.'],
    });
  }
  step(y, { uses: uses('actions/checkout'), with: w });
}

function setupPythonStep(y: YamlLines, plan: ReleasePlan, uses: Uses, extra: Step['with'] = []): void {
  step(y, {
    uses: uses('actions/setup-python'),
    with: [
      {
        key: 'python-version',
        value: quotedString(plan.pythonVersion),
        comments: ['Quoted: unquoted 3.10 would be read as the number 3.1.'],
      },
      ...extra,
    ],
  });
}

/** The `working-directory` for run steps, or undefined at the repository root. */
function workdir(plan: ReleasePlan): string | undefined {
  return plan.packageDir === '.' ? undefined : plan.packageDir;
}

/** A path inside the package folder, relative to the repository root (where upload-artifact resolves paths). */
function inPackage(plan: ReleasePlan, rel: string): string {
  return plan.packageDir === '.' ? rel : `${plan.packageDir}/${rel}`;
}

/**
 * Steps that build an sdist (and, for pure projects, the wheel) with the plan's build tool, then check what was
 * built: the metadata as PyPI will read it (`twine check --strict`), and the version against the release's tag.
 */
function frontendBuildSteps(y: YamlLines, plan: ReleasePlan, uses: Uses, sdistOnly: boolean): void {
  setupPythonStep(y, plan, uses);
  const what = sdistOnly ? 'the source distribution' : 'a wheel and a source distribution';
  if (plan.buildTool === 'uv') {
    step(y, {
      comments: ['No cache in a release build: a cache written elsewhere could change what gets built.'],
      name: 'Install uv',
      uses: uses('astral-sh/setup-uv'),
      with: [
        { key: 'version', value: quotedString(TOOL_PINS.uv), comments: ['One uv version: a release does not change because uv did.'] },
        { key: 'enable-cache', value: 'false' },
      ],
    });
    const outDir = plan.packageDir === '.' ? '' : ' --out-dir dist';
    step(y, {
      comments: ['--no-sources builds the way any other frontend would, ignoring [tool.uv.sources].'],
      name: `Build ${what}`,
      run: `uv build${sdistOnly ? ' --sdist' : ''} --no-sources${outDir}`,
      workingDirectory: workdir(plan),
    });
    checkSteps(y, plan, `uvx twine@${TOOL_PINS.twine}`);
  } else {
    step(y, {
      comments: ['Exact versions: a release does not change because a tool did.'],
      name: 'Install pypa/build and twine',
      run: `python -m pip install build==${TOOL_PINS.build} twine==${TOOL_PINS.twine}`,
    });
    step(y, {
      name: `Build ${what}`,
      run: `python -m build${sdistOnly ? ' --sdist' : ''}`,
      workingDirectory: workdir(plan),
    });
    checkSteps(y, plan, 'python -m twine');
  }
}

/**
 * The checks of the built files in `dist/`, before anything is uploaded: `twine check --strict` (the metadata and
 * README as PyPI renders them), and, unless git tags make the version, that the files carry the tag's version, so a
 * forgotten version bump fails here instead of at PyPI's "File already exists".
 */
function checkSteps(y: YamlLines, plan: ReleasePlan, twine: string): void {
  step(y, {
    name: 'Check the metadata as PyPI will read it',
    run: `${twine} check --strict dist/*`,
    workingDirectory: workdir(plan),
  });
  if (plan.versionFromVcs) return;
  step(y, {
    comments: [
      `The tag ${plan.tagPrefix}1.2.3 releases version 1.2.3. File names carry the normalized version (PEP 440): tag 1.0.0rc1, not 1.0.0-rc1.`,
    ],
    name: 'Check the version against the tag',
    workingDirectory: workdir(plan),
    env: [{ key: 'TAG', value: '${{ github.ref_name }}' }],
    run: [
      `version="\${TAG#${plan.tagPrefix}}"`,
      'for file in dist/*; do',
      '  case "${file##*/}" in',
      '    *-"$version".tar.gz | *-"$version"-*.whl) ;;',
      '    *) echo "::error::${file##*/} is not version $version (tag $TAG): bump the version, commit, and tag that commit"; exit 1 ;;',
      '  esac',
      'done',
    ],
  });
}

function uploadStep(y: YamlLines, uses: Uses, name: string, path: string): void {
  step(y, {
    name: 'Store the distribution packages',
    uses: uses('actions/upload-artifact'),
    with: [
      { key: 'name', value: name },
      { key: 'path', value: path },
    ],
  });
}

/** Minutes a job may run before GitHub stops it: a hung build or upload does not hold the release for six hours. */
const TIMEOUT_MINUTES = { build: 15, wheels: 60, publish: 15 } as const;

/**
 * Job header lines shared by the build jobs; `runsOn` is already YAML. A release of a monorepo package is released
 * by its own tags: every release starts this workflow, and the build jobs skip (so the publish jobs skip) the others.
 */
function buildJobHeader(y: YamlLines, plan: ReleasePlan, id: string, name: string, runsOn: string, timeout: number): void {
  y.line(1, `${id}:`);
  y.line(2, `name: ${yamlString(name)}`);
  if (plan.trigger === 'release' && plan.tagPrefix !== 'v') {
    y.comment(2, `Only releases of this package (tags ${plan.tagPrefix}1.2.3); the other packages of the repository have their own.`);
    y.line(2, `if: startsWith(github.event.release.tag_name, ${quotedString(plan.tagPrefix)})`);
  }
  y.line(2, `runs-on: ${runsOn}`);
  y.line(2, `timeout-minutes: ${timeout}`);
  y.line(2, 'permissions:');
  y.line(3, 'contents: read');
}

function pureBuildJob(y: YamlLines, plan: ReleasePlan, uses: Uses): string {
  y.comment(1, 'Builds without any publishing permission: the build backend never sees the upload token.');
  buildJobHeader(y, plan, 'build', 'Build distribution', 'ubuntu-latest', TIMEOUT_MINUTES.build);
  y.line(2, 'steps:');
  checkoutStep(y, plan, uses);
  frontendBuildSteps(y, plan, uses, false);
  uploadStep(y, uses, PURE_ARTIFACT, inPackage(plan, 'dist/'));
  return 'build';
}

function cibuildwheelJobs(y: YamlLines, plan: ReleasePlan, uses: Uses): string[] {
  y.comment(1, 'One job per platform; cibuildwheel builds a wheel for every supported CPython on it.');
  y.comment(1, "The runners of cibuildwheel's examples/github-deploy.yml: https://cibuildwheel.pypa.io/en/stable/setup/#github-actions");
  buildJobHeader(y, plan, 'build-wheels', 'Build wheels on ${{ matrix.os }}', '${{ matrix.os }}', TIMEOUT_MINUTES.wheels);
  y.line(2, 'strategy:');
  y.line(3, 'matrix:');
  y.comment(4, 'Native runners for each architecture: no emulation. macos-15-intel builds the x86_64 wheels.');
  y.line(4, `os: [${cibuildwheelRunners(plan.platforms).join(', ')}]`);
  y.line(2, 'steps:');
  checkoutStep(y, plan, uses);
  const w: Step['with'] = [];
  if (plan.packageDir !== '.') w.push({ key: 'package-dir', value: yamlString(plan.packageDir) });
  w.push({ key: 'output-dir', value: 'wheelhouse' });
  step(y, {
    comments: plan.installRust
      ? [
          'setuptools-rust compiles Rust, which the manylinux/musllinux containers lack: install it there and put cargo on',
          "the PATH; macOS and Windows runners have it. 32-bit musllinux has no Rust. (cibuildwheel's FAQ, \"Building Rust",
          'wheels".) These variables override the same options in [tool.cibuildwheel]: move them there if you configure it.',
        ]
      : undefined,
    name: 'Build wheels',
    uses: uses('pypa/cibuildwheel'),
    with: w,
    env: plan.installRust
      ? [
          { key: 'CIBW_BEFORE_ALL_LINUX', value: 'curl -sSf https://sh.rustup.rs | sh -s -- -y' },
          { key: 'CIBW_ENVIRONMENT_LINUX', value: "'PATH=$HOME/.cargo/bin:$PATH'" },
          { key: 'CIBW_SKIP', value: "'*-musllinux_i686'" },
        ]
      : undefined,
  });
  uploadStep(y, uses, 'cibw-wheels-${{ matrix.os }}-${{ strategy.job-index }}', 'wheelhouse/*.whl');

  y.blank();
  buildJobHeader(y, plan, 'build-sdist', 'Build source distribution', 'ubuntu-latest', TIMEOUT_MINUTES.build);
  y.line(2, 'steps:');
  checkoutStep(y, plan, uses);
  frontendBuildSteps(y, plan, uses, true);
  uploadStep(y, uses, 'cibw-sdist', inPackage(plan, 'dist/*.tar.gz'));
  return ['build-wheels', 'build-sdist'];
}

function maturinBuildJobs(y: YamlLines, plan: ReleasePlan, uses: Uses): string[] {
  const jobs: string[] = [];
  const dist = inPackage(plan, 'dist');
  const wd: Step['with'] =
    plan.packageDir === '.' ? [] : [{ key: 'working-directory', value: yamlString(plan.packageDir) }];
  y.comment(1, 'The shape and targets of `maturin generate-ci github`, without sccache: no cache in a release build.');
  y.comment(1, 'https://github.com/PyO3/maturin-action');
  for (const p of maturinJobs(plan.platforms)) {
    if (jobs.length > 0) y.blank();
    buildJobHeader(y, plan, p.job, `Build wheels (${p.title} \${{ matrix.platform.target }})`, '${{ matrix.platform.runner }}', TIMEOUT_MINUTES.wheels);
    y.line(2, 'strategy:');
    y.line(3, 'matrix:');
    y.line(4, 'platform:');
    for (const r of p.targets) {
      y.line(5, `- runner: ${r.runner}`);
      y.line(6, `target: ${r.target}`);
      if (r.pythonArch) y.line(6, `python_arch: ${r.pythonArch}`);
    }
    y.line(2, 'steps:');
    checkoutStep(y, plan, uses);
    if (p.hostPython) {
      setupPythonStep(y, plan, uses, p.targets.some((t) => t.pythonArch) ? [{ key: 'architecture', value: '${{ matrix.platform.python_arch }}' }] : []);
    }
    const w: Step['with'] = [
      { key: 'target', value: '${{ matrix.platform.target }}' },
      { key: 'args', value: '--release --out dist --find-interpreter' },
    ];
    if (p.manylinux) w.push({ key: 'manylinux', value: p.manylinux });
    step(y, { name: 'Build wheels', uses: uses('PyO3/maturin-action'), with: [...w, ...wd] });
    uploadStep(y, uses, `wheels-${p.job}-\${{ matrix.platform.target }}`, dist);
    jobs.push(p.job);
  }

  y.blank();
  buildJobHeader(y, plan, 'sdist', 'Build source distribution', 'ubuntu-latest', TIMEOUT_MINUTES.build);
  y.line(2, 'steps:');
  checkoutStep(y, plan, uses);
  step(y, {
    name: 'Build the source distribution',
    uses: uses('PyO3/maturin-action'),
    with: [{ key: 'command', value: 'sdist' }, { key: 'args', value: '--out dist' }, ...wd],
  });
  // The wheels carry the same metadata as the sdist: checking the sdist here checks what every job built.
  setupPythonStep(y, plan, uses);
  step(y, { name: 'Install twine', run: `python -m pip install twine==${TOOL_PINS.twine}` });
  checkSteps(y, plan, 'python -m twine');
  uploadStep(y, uses, 'wheels-sdist', dist);
  jobs.push('sdist');
  return jobs;
}

function publishJob(
  y: YamlLines,
  plan: ReleasePlan,
  uses: Uses,
  needs: string[],
  artifact: ArtifactSelector,
  index: 'pypi' | 'testpypi',
): void {
  const test = index === 'testpypi';
  const host = test ? 'test.pypi.org' : 'pypi.org';
  const environment = test ? plan.testPypiEnvironment : plan.environment;

  y.comment(1, `Uploads to ${test ? 'TestPyPI' : 'PyPI'}. Only the publish job${plan.pypi && plan.testPypi ? 's' : ''} may request an OIDC token.`);
  y.line(1, `publish-to-${index}:`);
  y.line(2, `name: Publish to ${test ? 'TestPyPI' : 'PyPI'}`);
  y.line(2, `needs: [${needs.join(', ')}]`);
  if (plan.trigger === 'tag') {
    y.comment(2, 'Only a pushed tag publishes, even if more triggers are added to this workflow later.');
    y.line(2, `if: startsWith(github.ref, ${quotedString(plan.tagPrefix === 'v' ? 'refs/tags/' : `refs/tags/${plan.tagPrefix}`)})`);
  }
  y.line(2, 'runs-on: ubuntu-latest');
  y.line(2, `timeout-minutes: ${TIMEOUT_MINUTES.publish}`);
  if (environment !== '') {
    y.comment(2, `The trusted publisher on ${host} names this environment ("Environment name").`);
    y.line(2, 'environment:');
    y.line(3, `name: ${yamlString(environment)}`);
    y.line(3, `url: https://${host}/p/${plan.normalizedName}`);
  }
  y.line(2, 'permissions:');
  y.comment(3, 'Mandatory for trusted publishing. https://docs.pypi.org/trusted-publishers/using-a-publisher/');
  y.line(3, 'id-token: write');
  y.line(2, 'steps:');
  const download: Step['with'] =
    'name' in artifact
      ? [
          { key: 'name', value: artifact.name },
          { key: 'path', value: 'dist/' },
        ]
      : [
          { key: 'pattern', value: yamlString(artifact.pattern) },
          { key: 'path', value: 'dist/' },
          { key: 'merge-multiple', value: 'true' },
        ];
  step(y, { name: 'Download the distributions', uses: uses('actions/download-artifact'), with: download });
  step(y, {
    comments: [
      'No token or password: the action trades the OIDC token for a short-lived upload token.',
      'Attestations (https://docs.pypi.org/attestations/) are generated and uploaded by default.',
    ],
    name: `Publish to ${test ? 'TestPyPI' : 'PyPI'}`,
    uses: uses('pypa/gh-action-pypi-publish'),
    with: test ? [{ key: 'repository-url', value: 'https://test.pypi.org/legacy/' }] : undefined,
  });
}
