/** `secrets.NAME` in an expression or a script. Global: secretsIn resets it before each search. */
const SECRET_REFERENCE = /secrets\.([A-Za-z0-9_]+)/g;

/**
 * The names of the secrets a value reads (`${{ secrets.PYPI_TOKEN }}` gives PYPI_TOKEN), in order. Most values read
 * none and are not searched; the others by one pattern, without matchAll's iterator and copied pattern per value.
 */
export function secretsIn(value: string): string[] {
  if (!value.includes('secrets.')) return [];
  const names: string[] = [];
  SECRET_REFERENCE.lastIndex = 0;
  for (let match = SECRET_REFERENCE.exec(value); match !== null; match = SECRET_REFERENCE.exec(value)) names.push(match[1]);
  return names;
}
