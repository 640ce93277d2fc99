/** Where a dynamic version comes from. `vcs` sources need the full git history at build time. */
export type VersionSource =
  | { kind: 'static'; value: string }
  | {
      kind: 'dynamic';
      /** e.g. 'setuptools_scm', 'hatch-vcs', 'pdm-backend scm', 'poetry-dynamic-versioning', 'maturin (Cargo.toml)', 'file', 'attr', 'unknown' */
      provider: string;
      /** True when the version is computed from git tags (setuptools_scm, hatch-vcs, pdm scm, versioningit, dunamai...). */
      fromVcs: boolean;
    };

/**
 * How wheels are built: pure Python (one wheel) or compiled (one wheel per platform). `detail` says what in the
 * project's files showed it, for people. A pure project may carry a `doubt`: weak signs of compiled code (a
 * `Programming Language :: C` classifier, `.c` files with nothing that builds them) that the user should confirm.
 */
export type BuildKind =
  | { kind: 'pure'; doubt?: string }
  | {
      kind: 'compiled';
      builder: 'maturin' | 'scikit-build-core' | 'meson-python' | 'setuptools-extensions' | 'setuptools-rust' | 'other';
      detail: string;
      /** setuptools-rust only: the project's [tool.cibuildwheel] already installs Rust in the Linux containers. */
      rustConfigured?: boolean;
    };

/** Something about the project that will break or surprise the release, with what to change. */
export interface ProjectWarning {
  kind: 'PoetryWithoutBuildSystem';
  message: string;
  /** Text to add to pyproject.toml, as the tool's documentation gives it. */
  suggestion: string;
}

export interface ProjectFacts {
  /** The name as written. */
  name: string;
  /** PEP 503 normalized: lower case, runs of `-_.` become `-`. This is the name in PyPI URLs. */
  normalizedName: string;
  /** Which table the name came from. */
  /** `given`: no file declares it; the user typed it (the command line's --name). */
  nameSource: 'project' | 'tool.poetry' | 'tool.pdm' | 'tool.flit.metadata' | 'setup.cfg' | 'given';
  version: VersionSource;
  /** The `requires-python` specifier, if declared. */
  requiresPython?: string;
  /** `build-system.build-backend`, or undefined when the file has none (frontends then use setuptools' legacy backend). */
  buildBackend?: string;
  /** A short human name for the backend: 'hatchling', 'setuptools', 'poetry-core', 'flit-core', 'pdm-backend', 'maturin', ... */
  backendName: string;
  build: BuildKind;
  /** Problems found in the project's files (left out when there are none). */
  warnings?: ProjectWarning[];
}

export type PyprojectError =
  | { kind: 'NotFound'; path: string; message: string }
  /** `line` and `column` are 1-based; `offset` is the same point as a 0-based character offset into the text. */
  | { kind: 'TomlSyntax'; path: string; line: number; column: number; offset: number; message: string }
  | { kind: 'MissingName'; path: string; message: string }
  | { kind: 'InvalidName'; path: string; name: string; message: string };
