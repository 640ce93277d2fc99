import { ProjectFacts } from '../pyproject/types';
import { choosePythonVersion } from './pythonVersion';
import { PlanOptions, ReleasePlan, WheelsChoice } from './types';
import { emptyPlatformsProblem, WHEEL_PLATFORMS, type WheelPlatform } from './wheelPlatforms';

/** The defaults, named so the UI can show them. */
export const PLAN_DEFAULTS = {
  /** The environment name PyPI's own docs and the PyPA guide use. */
  environment: 'pypi',
  testPypi: false,
  testPypiEnvironment: 'testpypi',
  /** A published GitHub release is a deliberate act with notes; a tag push can happen by accident. */
  trigger: 'release',
  buildTool: 'build',
  pinning: 'sha',
  workflowFileName: 'release.yml',
  packageDir: '.',
} as const;

/**
 * Project facts plus the user's choices -> everything the generator needs.
 *
 * Wheels: the user's choice, else what the project's files say (detectedWheels). The version comes from git when
 * the pyproject reader says so, which makes the checkout fetch the full history.
 */
export function planRelease(facts: ProjectFacts, options: PlanOptions = {}): ReleasePlan {
  const wheels = options.wheels ?? detectedWheels(facts);
  const build = facts.build;
  return {
    projectName: facts.name,
    normalizedName: facts.normalizedName,
    pythonVersion: options.pythonVersion ?? choosePythonVersion(facts.requiresPython),
    versionFromVcs: facts.version.kind === 'dynamic' && facts.version.fromVcs,
    buildTool: options.buildTool ?? PLAN_DEFAULTS.buildTool,
    wheels,
    installRust: wheels === 'cibuildwheel' && build.kind === 'compiled' && build.builder === 'setuptools-rust' && !build.rustConfigured,
    platforms: platformsFor(wheels, options.platforms),
    packageDir: normalizePackageDir(options.packageDir ?? PLAN_DEFAULTS.packageDir),
    trigger: options.trigger ?? PLAN_DEFAULTS.trigger,
    tagPrefix: tagPrefixFor(facts.normalizedName, normalizePackageDir(options.packageDir ?? PLAN_DEFAULTS.packageDir)),
    environment: options.environment ?? PLAN_DEFAULTS.environment,
    pypi: options.pypi ?? true,
    // A workflow publishes somewhere: without PyPI it is a TestPyPI rehearsal.
    testPypi: options.pypi === false ? true : (options.testPypi ?? PLAN_DEFAULTS.testPypi),
    testPypiEnvironment: options.testPypiEnvironment ?? PLAN_DEFAULTS.testPypiEnvironment,
    pinning: options.pinning ?? PLAN_DEFAULTS.pinning,
    workflowFileName: options.workflowFileName ?? PLAN_DEFAULTS.workflowFileName,
  };
}

/**
 * The wheels the project's files call for: a project built by maturin gets maturin-action's matrix; any other
 * compiled project gets cibuildwheel; everything else is pure (one wheel built by the frontend). A pure project with
 * a `doubt` stays pure here: the wizard asks, the command line says so and takes `--wheels`.
 */
export function detectedWheels(facts: ProjectFacts): WheelsChoice {
  return facts.build.kind === 'compiled' ? (facts.build.builder === 'maturin' ? 'maturin' : 'cibuildwheel') : 'pure';
}

/**
 * The wheel platforms to build, in the builders' order. A list that leaves the builder nothing to build would make
 * an empty matrix: every platform is built instead (the command line refuses such a list before planning).
 */
function platformsFor(wheels: WheelsChoice, chosen: readonly WheelPlatform[] | undefined): WheelPlatform[] {
  const platforms = chosen ? WHEEL_PLATFORMS.filter((p) => chosen.includes(p)) : [...WHEEL_PLATFORMS];
  return wheels !== 'pure' && emptyPlatformsProblem(wheels, platforms) ? [...WHEEL_PLATFORMS] : platforms;
}

/**
 * What release tags start with: `v` (v1.2.3) for a package at the repository root; `<name>-v` (core-v1.2.3) for a
 * package in a subfolder, so that each package of a monorepo releases on its own tags only.
 */
export function tagPrefixFor(normalizedName: string, packageDir: string): string {
  return packageDir === '.' ? 'v' : `${normalizedName}-v`;
}

/**
 * A package folder as the workflow wants it: relative, POSIX separators, no `./` prefix or trailing slash; the
 * repository root is '.'. Callers may pass a Windows path from the editor.
 */
export function normalizePackageDir(dir: string): string {
  const parts = dir
    .replace(/\\/g, '/')
    .split('/')
    .filter((p) => p !== '' && p !== '.');
  return parts.length === 0 ? '.' : parts.join('/');
}
