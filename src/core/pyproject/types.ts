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

/** How wheels are built: pure Python (one wheel) or compiled (one wheel per platform). */
export type BuildKind =
  | { kind: 'pure' }
  | { kind: 'compiled'; builder: 'maturin' | 'scikit-build-core' | 'meson-python' | 'setuptools-extensions' | 'other'; detail: string };

export interface ProjectFacts {
  /** The name as written. */
  name: string;
  /** PEP 503 normalized: lower case, runs of `-_.` become `-`. This is the name in PyPI URLs. */
  normalizedName: string;
  /** Which table the name came from. */
  nameSource: 'project' | 'tool.poetry' | 'tool.pdm' | 'tool.flit.metadata';
  version: VersionSource;
  /** The `requires-python` specifier, if declared. */
  requiresPython?: string;
  /** `build-system.build-backend`, or undefined when the file has none (frontends then use setuptools' legacy backend). */
  buildBackend?: string;
  /** A short human name for the backend: 'hatchling', 'setuptools', 'poetry-core', 'flit-core', 'pdm-backend', 'maturin', ... */
  backendName: string;
  build: BuildKind;
}

export type PyprojectError =
  | { kind: 'NotFound'; path: string; message: string }
  /** `line` and `column` are 1-based; `offset` is the same point as a 0-based character offset into the text. */
  | { kind: 'TomlSyntax'; path: string; line: number; column: number; offset: number; message: string }
  | { kind: 'MissingName'; path: string; message: string }
  | { kind: 'InvalidName'; path: string; name: string; message: string };
