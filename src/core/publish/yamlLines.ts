/**
 * A tiny builder for YAML written as text.
 *
 * The generator writes the workflow line by line instead of stringifying an object: a stringifier decides where
 * comments go (or drops them), re-quotes values and reorders nothing on purpose; we want every comment next to the
 * line it explains and byte-for-byte stable output for the golden tests.
 */
export class YamlLines {
  private readonly lines: string[] = [];

  /** Adds `text` at `depth` levels of two-space indentation. */
  line(depth: number, text: string): this {
    this.lines.push('  '.repeat(depth) + text);
    return this;
  }

  /** Adds one or more `# ...` lines at `depth`; each string is one comment line. */
  comment(depth: number, ...texts: string[]): this {
    for (const t of texts) this.line(depth, t === '' ? '#' : `# ${oneLine(t)}`);
    return this;
  }

  blank(): this {
    this.lines.push('');
    return this;
  }

  /** The document, with exactly one trailing newline and no trailing spaces. */
  toString(): string {
    return this.lines.map((l) => l.replace(/\s+$/, '')).join('\n') + '\n';
  }
}

/** Control characters would end a comment line early; show them escaped instead. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x1F\x7F]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

// Letters, digits and a few punctuation marks that mean nothing to YAML in the middle of a block-context scalar;
// no `:` or `#` (which could start a mapping or a comment) and no leading indicator character.
const PLAIN_SAFE = /^[A-Za-z0-9][A-Za-z0-9 ._/()+${}-]*$/;
const YAML_WORDS = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;

/**
 * A YAML scalar for a string value: plain when that cannot be misread (no number, boolean or null look-alikes),
 * otherwise single-quoted; double-quoted (JSON escapes are valid YAML) when it holds a control character.
 */
export function yamlString(value: string): string {
  if (PLAIN_SAFE.test(value) && !value.endsWith(' ') && !YAML_WORDS.test(value) && !/^[0-9._-]+$/.test(value)) {
    return value;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1F\x7F]/.test(value)) return JSON.stringify(value);
  return `'${value.replace(/'/g, "''")}'`;
}

/** Always single-quoted: for values that must stay strings even when they look like numbers (python-version). */
export function quotedString(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1F\x7F]/.test(value)) return JSON.stringify(value);
  return `'${value.replace(/'/g, "''")}'`;
}
