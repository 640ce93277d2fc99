/**
 * Read-only accessors over a parsed TOML document. pyproject.toml files are written by hand and often hold keys of the
 * wrong type; these helpers return undefined instead of trusting the shape, so callers never need casts.
 */

/** A TOML table as smol-toml returns it (a plain object with a null prototype). */
export type Table = Readonly<Record<string, unknown>>;

export function asTable(value: unknown): Table | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
    ? (value as Table)
    : undefined;
}

/** The table at a dotted path of keys, e.g. `tableAt(doc, 'tool', 'hatch', 'version')`. */
export function tableAt(root: Table | undefined, ...keys: string[]): Table | undefined {
  let current: Table | undefined = root;
  for (const key of keys) {
    current = current === undefined ? undefined : asTable(current[key]);
  }
  return current;
}

export function stringAt(table: Table | undefined, key: string): string | undefined {
  const value = table?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** The string items of an array value; anything else (a missing key, a non-array, non-string items) is skipped. */
export function stringsAt(table: Table | undefined, key: string): string[] {
  const value = table?.[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function hasKey(table: Table | undefined, key: string): boolean {
  return table !== undefined && Object.prototype.hasOwnProperty.call(table, key);
}
