import { normalizeName } from './names';
import { stringsAt, tableAt, type Table } from './tomlValues';

// A PEP 508 requirement starts with the distribution name; extras, versions and markers follow it.
const LEADING_NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;

/** The normalized distribution name of a PEP 508 requirement (`"setuptools_scm[toml]>=3.4"` -> `setuptools-scm`). */
export function requirementName(requirement: string): string | undefined {
  const match = LEADING_NAME.exec(requirement);
  return match ? normalizeName(match[1]) : undefined;
}

/** Normalized names of `[build-system].requires`, in file order: the packages present when the wheel is built. */
export function buildRequirementNames(doc: Table): string[] {
  return stringsAt(tableAt(doc, 'build-system'), 'requires')
    .map(requirementName)
    .filter((name): name is string => name !== undefined);
}
