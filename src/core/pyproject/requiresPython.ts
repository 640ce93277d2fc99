import { stringAt, tableAt, type Table } from './tomlValues';

/**
 * The supported Python versions as a PEP 440 specifier: `[project].requires-python`, else what a legacy tool table
 * declares (Poetry's `python` dependency, converted; old PDM's `python_requires`; old flit's `requires-python`).
 */
export function readRequiresPython(doc: Table): string | undefined {
  const declared =
    stringAt(tableAt(doc, 'project'), 'requires-python') ??
    poetryToSpecifier(stringAt(tableAt(doc, 'tool', 'poetry', 'dependencies'), 'python')) ??
    stringAt(tableAt(doc, 'tool', 'pdm'), 'python_requires') ??
    stringAt(tableAt(doc, 'tool', 'pdm'), 'requires-python') ??
    stringAt(tableAt(doc, 'tool', 'flit', 'metadata'), 'requires-python');
  const trimmed = declared?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * A rough translation of a Poetry constraint into PEP 440. `^3.9` becomes `>=3.9`: its implied `<4.0` only says
 * "Python 3", and is dropped because an upper cap in requires-python misleads resolvers. `~3.9` becomes
 * `>=3.9,<3.10`, a bare `3.9` becomes `==3.9`. PEP 440 has no "or", so `a || b` keeps only the lowest lower bound.
 */
export function poetryToSpecifier(constraint: string | undefined): string | undefined {
  if (constraint === undefined) return undefined;
  const alternatives = constraint
    .split('||')
    .map((alternative) => convertConjunction(alternative))
    .filter((converted): converted is string => converted !== undefined);
  if (alternatives.length <= 1) return alternatives[0];
  const lowest = alternatives
    .map((converted) => /(?:^|,)(?:>=|==|~=)([0-9][0-9.]*)/.exec(converted)?.[1])
    .filter((version): version is string => version !== undefined)
    .sort(compareVersions)[0];
  return lowest === undefined ? undefined : `>=${lowest}`;
}

function convertConjunction(alternative: string): string | undefined {
  // Poetry separates "and" clauses with commas or spaces, and allows a space after the operator (`>= 3.8`).
  const clauses = alternative
    .replace(/([<>=!~^]+)\s+/g, '$1')
    .split(/[\s,]+/)
    .filter((clause) => clause !== '' && clause !== '*');
  const converted = clauses.flatMap(convertClause);
  return converted.length > 0 ? converted.join(',') : undefined;
}

function convertClause(clause: string): string[] {
  if (clause.startsWith('^')) return [`>=${clause.slice(1)}`];
  if (clause.startsWith('~') && !clause.startsWith('~=')) {
    const version = clause.slice(1);
    return [`>=${version}`, `<${nextRelease(version)}`];
  }
  if (/^(~=|==|!=|>=|<=|>|<)/.test(clause)) return [clause];
  if (clause.startsWith('=')) return [`=${clause}`];
  return [`==${clause}`];
}

/** The release a tilde constraint stops before: `3.9` -> `3.10`, `3.9.1` -> `3.10`, `3` -> `4`. */
function nextRelease(version: string): string {
  const [major, minor] = version.split('.').map((part) => Number.parseInt(part, 10));
  if (Number.isNaN(major)) return version;
  return minor === undefined || Number.isNaN(minor) ? `${major + 1}` : `${major}.${minor + 1}`;
}

function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
