import { err, ok, type Result } from '../result';
import { identifyBackend } from './backend';
import { detectBuild } from './buildKind';
import { normalizeName, validateName } from './names';
import { parsePyprojectToml } from './parseToml';
import { findProjectName } from './projectName';
import { readRequiresPython } from './requiresPython';
import { readSetupCfg, type ProjectFiles, type SetupCfgFacts } from './setupFiles';
import { tableAt, type Table } from './tomlValues';
import type { ProjectFacts, ProjectWarning, PyprojectError, VersionSource } from './types';
import { detectVersion } from './versionSource';

const NAME_TABLE: Record<ProjectFacts['nameSource'], string> = {
  project: '[project]',
  'tool.poetry': '[tool.poetry]',
  'tool.pdm': '[tool.pdm]',
  'tool.flit.metadata': '[tool.flit.metadata]',
  'setup.cfg': "setup.cfg's [metadata]",
  given: '--name',
};

/**
 * The facts publishing depends on, read from the text of a pyproject.toml and, when given, the setup.py, setup.cfg
 * and source files beside it (`extra`, see readProjectFiles). `filePath` is only used in errors.
 */
export function readProjectFacts(
  text: string,
  filePath: string,
  extra?: ProjectFiles,
  options: { name?: string } = {},
): Result<ProjectFacts, PyprojectError> {
  const parsed = parsePyprojectToml(text, filePath);
  if (!parsed.ok) return parsed;
  const doc = parsed.value;

  const setupCfg = extra?.setupCfg !== undefined ? readSetupCfg(extra.setupCfg) : undefined;
  let lookup = findProjectName(doc);
  // setuptools reads the metadata from setup.cfg when pyproject.toml has no [project] table.
  if (lookup.kind === 'missing' && !lookup.hasProjectTable && setupCfg?.name !== undefined) {
    lookup = { kind: 'found', name: setupCfg.name, source: 'setup.cfg' };
  }
  // The name the user gave (the command line's --name) stands in for one no file declares.
  if (lookup.kind === 'missing' && options.name !== undefined) lookup = { kind: 'found', name: options.name, source: 'given' };
  if (lookup.kind === 'missing') {
    const why = lookup.hasProjectTable
      ? 'the [project] table has no `name`'
      : `the file has no [project] table, and no [tool.poetry], [tool.pdm] or [tool.flit.metadata] name either${extra?.setupPy !== undefined ? ' (setup.py may set it, but it is never run to find out: move the name to [project] or to setup.cfg\'s [metadata], or give it on the command line with --name)' : ' (the metadata may still be in setup.py or setup.cfg)'}`;
    return err({
      kind: 'MissingName',
      path: filePath,
      message: `pyproject.toml has no [project] name: ${why}; add \`name = "your-project"\` under [project]`,
    });
  }
  if (lookup.kind === 'notAString') {
    return err({
      kind: 'InvalidName',
      path: filePath,
      name: lookup.written,
      message: `pyproject.toml's ${NAME_TABLE[lookup.source]} name is ${lookup.written}, not a string; write it in quotes, e.g. \`name = "your-project"\``,
    });
  }
  const reason = validateName(lookup.name);
  if (reason !== undefined) {
    return err({
      kind: 'InvalidName',
      path: filePath,
      name: lookup.name,
      message: `pyproject.toml's ${NAME_TABLE[lookup.source]} name "${lookup.name}" cannot be published to PyPI: ${reason}`,
    });
  }

  const backend = identifyBackend(doc);
  const normalizedName = normalizeName(lookup.name);
  const facts: ProjectFacts = {
    name: lookup.name,
    normalizedName,
    nameSource: lookup.source,
    version: lookup.source === 'setup.cfg' ? setupCfgVersion(setupCfg) : detectVersion(doc, backend),
    backendName: backend.backendName,
    build: detectBuild(doc, backend, normalizedName, extra),
  };
  // Optional facts are left out rather than set to undefined, so the object compares and serialises cleanly.
  if (backend.buildBackend !== undefined) facts.buildBackend = backend.buildBackend;
  const requiresPython = readRequiresPython(doc);
  if (requiresPython !== undefined) facts.requiresPython = requiresPython;
  const warnings = projectWarnings(doc);
  if (warnings.length > 0) facts.warnings = warnings;
  return ok(facts);
}

/** setup.cfg's literal `version`, else dynamic (`attr:`, `file:`, or set in setup.py). */
function setupCfgVersion(cfg: SetupCfgFacts | undefined): VersionSource {
  return cfg?.version !== undefined ? { kind: 'static', value: cfg.version } : { kind: 'dynamic', provider: 'setup.cfg', fromVcs: false };
}

/** The [build-system] table poetry-core's README asks Poetry projects to have. */
export const POETRY_BUILD_SYSTEM = '[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n';

/** Problems in the file that break the release, each with what to change. */
function projectWarnings(doc: Table): ProjectWarning[] {
  const warnings: ProjectWarning[] = [];
  if (tableAt(doc, 'tool', 'poetry') !== undefined && tableAt(doc, 'build-system') === undefined) {
    warnings.push({
      kind: 'PoetryWithoutBuildSystem',
      message:
        tableAt(doc, 'project') === undefined
          ? 'pyproject.toml has [tool.poetry] but no [build-system]: every build frontend then uses setuptools, which does not read [tool.poetry] and builds a package named UNKNOWN, version 0.0.0. Add the [build-system] table Poetry documents.'
          : 'pyproject.toml has [tool.poetry] but no [build-system]: build frontends then use setuptools instead of Poetry, and [tool.poetry] settings (packages, includes) are ignored. Add the [build-system] table Poetry documents.',
      suggestion: POETRY_BUILD_SYSTEM,
    });
  }
  return warnings;
}
