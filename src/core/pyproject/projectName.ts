import type { ProjectFacts } from './types';
import { stringAt, tableAt, type Table } from './tomlValues';

export type NameLookup =
  | { kind: 'found'; name: string; source: ProjectFacts['nameSource'] }
  /** The key exists but does not hold a string (e.g. `name = 5`). */
  | { kind: 'notAString'; source: ProjectFacts['nameSource']; written: string }
  | { kind: 'missing'; hasProjectTable: boolean };

/**
 * Where the distribution name is declared. PEP 621's `[project].name` wins; older files keep it in a tool's own table
 * (Poetry before 2.0, PDM before PEP 621, flit before 3.2), and those tools still build such files.
 */
export function findProjectName(doc: Table): NameLookup {
  const candidates: Array<{ source: ProjectFacts['nameSource']; table: Table | undefined; keys: string[] }> = [
    { source: 'project', table: tableAt(doc, 'project'), keys: ['name'] },
    { source: 'tool.poetry', table: tableAt(doc, 'tool', 'poetry'), keys: ['name'] },
    { source: 'tool.pdm', table: tableAt(doc, 'tool', 'pdm'), keys: ['name'] },
    // Old flit names the distribution after the import module unless `dist-name` overrides it.
    { source: 'tool.flit.metadata', table: tableAt(doc, 'tool', 'flit', 'metadata'), keys: ['dist-name', 'module'] },
  ];
  for (const { source, table, keys } of candidates) {
    for (const key of keys) {
      const value = table?.[key];
      if (value === undefined) continue;
      const name = stringAt(table, key);
      return name !== undefined ? { kind: 'found', name, source } : { kind: 'notAString', source, written: showValue(value) };
    }
  }
  return { kind: 'missing', hasProjectTable: tableAt(doc, 'project') !== undefined };
}

function showValue(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}
