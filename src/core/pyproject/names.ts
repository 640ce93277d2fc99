/** Project-name rules shared by PyPI and pip: how a name is compared, and which names can be published at all. */

/** PEP 503: the form PyPI uses in URLs and for comparing names (`Flask_SQLAlchemy` and `flask-sqlalchemy` are one project). */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

// The core-metadata "Name" rule (also PEP 508's identifier): ASCII letters and digits, with `.`, `_`, `-` allowed
// only between them. PyPI rejects an upload whose name does not match.
const VALID_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

/** Undefined when `name` is a valid project name; otherwise a sentence saying what is wrong, for the user. */
export function validateName(name: string): string | undefined {
  if (VALID_NAME.test(name)) return undefined;
  if (name.length === 0) return 'the name is empty';
  if (name.trim() !== name) return 'the name starts or ends with white space';
  const badChar = [...name].find((ch) => !/[A-Za-z0-9._-]/.test(ch));
  if (badChar !== undefined) {
    const shown = /\s/.test(badChar) ? 'a space' : `"${badChar}"`;
    return `the name contains ${shown}; only ASCII letters, digits, ".", "-" and "_" are allowed`;
  }
  return 'the name must start and end with an ASCII letter or digit (".", "-" and "_" may only appear in between)';
}
