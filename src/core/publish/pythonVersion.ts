/**
 * Which Python the build job installs.
 *
 * The build interpreter only runs the build frontend (`python -m build` or `uv build`); the artifacts it produces do
 * not depend on it for pure projects, and compiled projects get their own interpreters from cibuildwheel/maturin.
 * What matters is that the interpreter satisfies the project's `requires-python` (some backends check it, and build
 * hooks may import the project) and that actions/setup-python has it preinstalled on ubuntu-latest, so we pick the
 * newest CPython minor from a kept list that the specifier allows.
 */

/**
 * CPython minors the generator chooses from, oldest first. 3.9 is the oldest still installable on ubuntu-latest by
 * actions/setup-python; 3.14 (October 2025) is the newest with a year of releases behind it, supported by every
 * common build backend. Add a minor here once build backends and setup-python have supported it for a while.
 */
export const PYTHON_MINORS: readonly string[] = ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14'];

/**
 * Used when `requires-python` cannot be read. 3.13 rather than the newest: when we cannot tell what the project
 * needs, the release with the longest track record across build backends (and their compiled build dependencies)
 * is the least likely to surprise.
 */
export const DEFAULT_BUILD_PYTHON = '3.13';

type Op = '>=' | '>' | '<=' | '<' | '==' | '!=' | '===' | '~=';

interface Clause {
  op: Op;
  /** Numeric release segments, e.g. [3, 10] or [3, 10, 2]. */
  release: number[];
  /** `==3.10.*` / `!=3.10.*`. */
  wildcard: boolean;
}

/** A candidate is "the latest patch of X.Y", which is what setup-python installs for `python-version: 'X.Y'`. */
interface Candidate {
  major: number;
  minor: number;
}

/**
 * The newest minor from PYTHON_MINORS that `requiresPython` allows.
 *
 * Understands PEP 440 specifiers (`>=`, `>`, `<`, `<=`, `==`, `==X.Y.*`, `!=`, `~=`, `===`, comma-separated, with
 * spaces) and, because the pyproject reader may hand over `[tool.poetry.dependencies] python`, Poetry's `^X.Y`,
 * `~X.Y` and `*`. Anything else is unparseable and yields DEFAULT_BUILD_PYTHON. When the specifier is valid but
 * only allows minors newer than the list (e.g. `>=3.15`), the lowest allowed minor is returned so the build still
 * runs on a Python the project accepts.
 */
export function choosePythonVersion(requiresPython?: string): string {
  if (requiresPython === undefined) return PYTHON_MINORS[PYTHON_MINORS.length - 1];
  const clauses = parseSpecifier(requiresPython);
  if (clauses === undefined) return DEFAULT_BUILD_PYTHON;

  for (let i = PYTHON_MINORS.length - 1; i >= 0; i--) {
    const [major, minor] = PYTHON_MINORS[i].split('.').map(Number);
    if (clauses.every((c) => allows(c, { major, minor }))) return PYTHON_MINORS[i];
  }
  // Nothing in the list fits: a lower bound above the list names a newer Python the project needs.
  const newest = PYTHON_MINORS[PYTHON_MINORS.length - 1].split('.').map(Number);
  for (const c of clauses) {
    if ((c.op === '>=' || c.op === '~=' || c.op === '==' || c.op === '===') && c.release.length >= 2) {
      const [major, minor] = c.release;
      if (major > newest[0] || (major === newest[0] && minor > newest[1])) return `${major}.${minor}`;
    }
  }
  return DEFAULT_BUILD_PYTHON;
}

const RELEASE = /^\d+(?:\.\d+)*$/;

/** Splits a specifier into clauses; undefined when any part is not understood. */
function parseSpecifier(text: string): Clause[] | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '*') return [];
  const clauses: Clause[] = [];
  for (const rawPart of trimmed.split(',')) {
    const part = rawPart.replace(/\s+/g, '');
    if (part === '') return undefined;
    const poetry = parsePoetry(part);
    if (poetry !== undefined) {
      clauses.push(...poetry);
      continue;
    }
    const m = /^(===|~=|==|!=|>=|<=|>|<)(.+)$/.exec(part);
    if (!m) return undefined;
    const op = m[1] as Op;
    let version = m[2];
    let wildcard = false;
    if (version.endsWith('.*')) {
      if (op !== '==' && op !== '!=') return undefined;
      wildcard = true;
      version = version.slice(0, -2);
    }
    if (!RELEASE.test(version)) return undefined;
    const release = version.split('.').map(Number);
    if (op === '~=' && release.length < 2) return undefined;
    clauses.push({ op, release, wildcard });
  }
  return clauses;
}

/** Poetry's caret and tilde ranges, rewritten as PEP 440 clauses. */
function parsePoetry(part: string): Clause[] | undefined {
  const m = /^([~^])(\d+(?:\.\d+)*)$/.exec(part);
  if (!m) return undefined;
  const release = m[2].split('.').map(Number);
  const upper =
    m[1] === '^' || release.length === 1
      ? [release[0] + 1] // ^3.9 -> <4 ; ~3 -> <4
      : [release[0], release[1] + 1]; // ~3.9 / ~3.9.1 -> <3.10
  return [
    { op: '>=', release, wildcard: false },
    { op: '<', release: upper, wildcard: false },
  ];
}

/**
 * Compares "the latest patch of the candidate minor" with `release` on the first `n` segments. Missing release
 * segments count as 0 and the candidate's patch as infinity, so 3.10 (latest) > 3.10.0 and 3.10 (latest) < 3.11.
 */
function cmpPrefix(c: Candidate, release: number[], n: number): number {
  const cand = [c.major, c.minor, Number.POSITIVE_INFINITY];
  for (let i = 0; i < n; i++) {
    const a = cand[i] ?? Number.POSITIVE_INFINITY;
    const b = release[i] ?? 0;
    if (a !== b) return a < b ? -1 : 1;
  }
  return 0;
}

function allows(clause: Clause, c: Candidate): boolean {
  const { op, release, wildcard } = clause;
  const full = cmpPrefix(c, release, Math.max(release.length, 3));
  // "The same minor" at the precision the clause was written (major only, or major.minor).
  const sameMinor = () => cmpPrefix(c, release, Math.min(release.length, 2)) === 0;
  switch (op) {
    case '>=':
    case '>':
      // >3.10 admits 3.10.1 (PEP 440), and setup-python installs the latest 3.10 patch.
      return op === '>=' ? full >= 0 : full > 0;
    case '<':
      return full < 0;
    case '<=':
      // <=3.11 is read as "up to 3.11.x", which is what people mean by it; <=3.11.4 excludes the latest 3.11.
      return release.length <= 2 ? cmpPrefix(c, release, release.length) <= 0 : full <= 0;
    case '==':
    case '===':
      // ==3.11, ==3.11.*, ==3.11.4: the minor must match (a patch pin still means "3.11").
      return sameMinor();
    case '!=':
      // !=3.11.* or !=3.11 excludes the minor; !=3.11.4 excludes one patch and other 3.11 patches remain.
      if (release.length >= 3 && !wildcard) return true;
      return !sameMinor();
    case '~=': {
      // ~=3.10 means >=3.10,==3.*; ~=3.10.2 means >=3.10.2,==3.10.*
      const prefix = release.slice(0, -1);
      return full >= 0 && cmpPrefix(c, prefix, Math.min(prefix.length, 2)) === 0;
    }
  }
}
