/**
 * Checks a GitHub environment name the way PyPI's "Add a new publisher" form does, so the extension can refuse a
 * name before the user types it on PyPI and gets an error there.
 *
 * Source: pypi/warehouse `warehouse/oidc/forms/github.py`, `GitHubPublisherBase.validate_environment`:
 *   - the field is optional (empty means "any environment, or none");
 *   - at most 255 characters (also GitHub's own limit for environment names);
 *   - may not start or end with a space;
 *   - may not contain control characters (U+0000-U+001F, U+007F) nor any of  ' " ` , ; \
 * PyPI stores the name lower-cased (`normalized_environment`) and GitHub compares environment names without regard to
 * case, so case is never an error.
 */

/** GitHub's and PyPI's maximum length for an environment name. */
export const ENVIRONMENT_NAME_MAX = 255;

// The same character class as warehouse's _INVALID_ENVIRONMENT_CHARS.
// eslint-disable-next-line no-control-regex
const INVALID_CHARS = /[\x00-\x1F\x7F'"`,;\\]/;

/** Punctuation said in words: "(found ,)" reads as an empty list. */
const CHARACTER_NAMES: Readonly<Record<string, string>> = {
  "'": 'a single quote',
  '"': 'a double quote',
  '`': 'a backtick',
  ',': 'a comma',
  ';': 'a semicolon',
  '\\': 'a backslash',
};

/** The reason PyPI would reject `name`, or undefined when it is acceptable. */
export function validateEnvironmentName(name: string): string | undefined {
  if (name === '') return undefined;
  // Count code points, as Python's len() does on PyPI's side (an emoji is one character there, two UTF-16 units here).
  const length = [...name].length;
  if (length > ENVIRONMENT_NAME_MAX) {
    return `Environment name is too long (${length} characters; the maximum is ${ENVIRONMENT_NAME_MAX}).`;
  }
  if (name.startsWith(' ')) return 'Environment name may not start with whitespace.';
  if (name.endsWith(' ')) return 'Environment name may not end with whitespace.';
  const bad = INVALID_CHARS.exec(name);
  if (bad) {
    const ch = bad[0];
    const code = ch.charCodeAt(0);
    const shown = code < 0x20 || code === 0x7f ? `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}` : (CHARACTER_NAMES[ch] ?? `“${ch}”`);
    return `Environment name must not contain non-printable characters or any of ' " \` , ; \\ (it has ${shown}).`;
  }
  return undefined;
}
