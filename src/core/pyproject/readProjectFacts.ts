import { err, ok, type Result } from '../result';
import { identifyBackend } from './backend';
import { detectBuild } from './buildKind';
import { normalizeName, validateName } from './names';
import { parsePyprojectToml } from './parseToml';
import { findProjectName } from './projectName';
import { readRequiresPython } from './requiresPython';
import type { ProjectFiles } from './setupFiles';
import type { ProjectFacts, PyprojectError } from './types';
import { detectVersion } from './versionSource';

const NAME_TABLE: Record<ProjectFacts['nameSource'], string> = {
  project: '[project]',
  'tool.poetry': '[tool.poetry]',
  'tool.pdm': '[tool.pdm]',
  'tool.flit.metadata': '[tool.flit.metadata]',
  'setup.cfg': "setup.cfg's [metadata]",
};

/**
 * The facts publishing depends on, read from the text of a pyproject.toml and, when given, the setup.py, setup.cfg
 * and source files beside it (`extra`, see readProjectFiles). `filePath` is only used in errors.
 */
export function readProjectFacts(text: string, filePath: string, extra?: ProjectFiles): Result<ProjectFacts, PyprojectError> {
  const parsed = parsePyprojectToml(text, filePath);
  if (!parsed.ok) return parsed;
  const doc = parsed.value;

  const lookup = findProjectName(doc);
  if (lookup.kind === 'missing') {
    const why = lookup.hasProjectTable
      ? 'the [project] table has no `name`'
      : 'the file has no [project] table, and no [tool.poetry], [tool.pdm] or [tool.flit.metadata] name either (the metadata may still be in setup.py or setup.cfg)';
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
    version: detectVersion(doc, backend),
    backendName: backend.backendName,
    build: detectBuild(doc, backend, normalizedName, extra),
  };
  // Optional facts are left out rather than set to undefined, so the object compares and serialises cleanly.
  if (backend.buildBackend !== undefined) facts.buildBackend = backend.buildBackend;
  const requiresPython = readRequiresPython(doc);
  if (requiresPython !== undefined) facts.requiresPython = requiresPython;
  return ok(facts);
}
