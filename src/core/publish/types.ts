/** Everything the workflow generator needs. Built from project facts plus the user's choices by `planRelease`. */
export interface ReleasePlan {
  projectName: string;
  normalizedName: string;
  /** Quoted into the workflow as a string, e.g. '3.13'. */
  pythonVersion: string;
  /** The version comes from git tags: checkout needs `fetch-depth: 0`. */
  versionFromVcs: boolean;
  /** How the sdist and pure wheel are built. */
  buildTool: 'build' | 'uv';
  /** Pure projects get one build job; compiled ones a wheel matrix plus an sdist job. */
  wheels: WheelsChoice;
  /**
   * cibuildwheel must install Rust in its Linux containers (setuptools-rust projects whose [tool.cibuildwheel] does
   * not already); the macOS and Windows runners have Rust.
   */
  installRust: boolean;
  /** The platforms compiled wheels are built for (see wheelPlatforms.ts); every one of the builder's by default. */
  platforms: WheelPlatform[];
  /** The package folder relative to the repository root, POSIX separators; '.' for a package at the root. */
  packageDir: string;
  /** `release` publishes on a published GitHub release; `tag` on a pushed `v*` tag. */
  trigger: 'release' | 'tag';
  /** What a release tag starts with before the version: `v` (tag v1.2.3 releases 1.2.3), `<name>-v` in a monorepo. */
  tagPrefix: string;
  /** The GitHub environment of the PyPI publish job (what goes in PyPI's "Environment name"). */
  environment: string;
  /** Publishes to PyPI. False only for a TestPyPI-only workflow (a rehearsal before going live). */
  pypi: boolean;
  /** Adds a TestPyPI job with its own environment. */
  testPypi: boolean;
  testPypiEnvironment: string;
  /** `sha` pins every action to a full commit SHA with a version comment; `tag` uses the version tag. */
  pinning: 'sha' | 'tag';
  /** File name under .github/workflows/ (what goes in PyPI's "Workflow name"). */
  workflowFileName: string;
}

import type { WheelPlatform } from './wheelPlatforms';

/** How the wheels are built: one pure wheel, cibuildwheel on a matrix of runners, or maturin-action. */
export type WheelsChoice = 'pure' | 'cibuildwheel' | 'maturin';
export const WHEELS_CHOICES: readonly WheelsChoice[] = ['pure', 'cibuildwheel', 'maturin'];

/** The user's choices; anything left out is inferred from the project facts or a safe default. */
export interface PlanOptions {
  /** Overrides what the project's files say (`--wheels` on the command line, the wizard's question). */
  wheels?: WheelsChoice;
  /** Trims the wheel matrix (the `trustedPublishing.wheelPlatforms` setting, `--platforms`). */
  platforms?: WheelPlatform[];
  environment?: string;
  /** False for a TestPyPI-only workflow (then `testPypi` is implied). */
  pypi?: boolean;
  testPypi?: boolean;
  testPypiEnvironment?: string;
  trigger?: 'release' | 'tag';
  pythonVersion?: string;
  buildTool?: 'build' | 'uv';
  pinning?: 'sha' | 'tag';
  workflowFileName?: string;
  packageDir?: string;
}

/** Whether the project already exists on the index: decides which PyPI page to open. */
export type ProjectExistence = 'exists' | 'new' | 'unknown';

export interface PublisherRoute {
  /** 'project' = the project's own publishing settings (prefilled); 'pending' = account-level pending publisher (copy the values). */
  kind: 'project' | 'pending';
  url: string;
  /** True when the page reads the values from the URL's query. */
  prefilled: boolean;
}

/** What to type into PyPI's "Add a new publisher" form for GitHub, and where. */
export interface PublisherValues {
  index: 'pypi' | 'testpypi';
  /** The pending-publisher form asks for this; the project page already knows it. */
  projectName: string;
  normalizedName: string;
  owner: string;
  repository: string;
  /** The file name only, e.g. 'release.yml'. */
  workflow: string;
  environment: string;
  /** Where Workflow and Environment come from, for people: "from .github/workflows/publish.yaml, job 'publish'". */
  source: string;
  /** Read from a workflow that already publishes (not the settings' defaults for a workflow still to write). */
  fromExistingWorkflow: boolean;
  existence: ProjectExistence;
  /** One route when existence is known, both when it is 'unknown'. */
  routes: PublisherRoute[];
}
