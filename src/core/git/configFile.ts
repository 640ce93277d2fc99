/**
 * A reader for git's config file format, following git's own parser (config.c) closely enough that the values we
 * read are the values git uses: section names and keys are case-insensitive, quoted subsection names keep their
 * case, values may be quoted, escaped, continued with a trailing backslash and followed by `;` or `#` comments.
 * Where git would stop with a syntax error we skip the rest of the line instead: a half-read config still names the
 * remotes it can.
 */

/** One `key = value` line. `value` is undefined for a bare `key` (git's shorthand for true). */
export interface ConfigEntry {
  /** Lower-cased, e.g. `remote`. */
  section: string;
  /** As written for `[remote "Name"]`; lower-cased for the old `[remote.name]` form, as git does. */
  subsection: string | undefined;
  /** Lower-cased, e.g. `url` for `URL`. */
  key: string;
  value: string | undefined;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
const isKeyChar = (c: string) => /^[A-Za-z0-9-]$/.test(c);
const isSectionChar = (c: string) => /^[A-Za-z0-9.-]$/.test(c);

export function readConfigEntries(configText: string): ConfigEntry[] {
  // git reads CRLF files as LF, and tolerates a UTF-8 byte order mark.
  const text = configText.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const entries: ConfigEntry[] = [];
  let section: string | undefined;
  let subsection: string | undefined;
  let i = 0;

  const skipLine = () => {
    while (i < text.length && text[i] !== '\n') i++;
  };

  while (i < text.length) {
    const c = text[i];
    if (isSpace(c)) {
      i++;
    } else if (c === '#' || c === ';') {
      skipLine();
    } else if (c === '[') {
      const header = readSectionHeader(text, i + 1);
      if (header) {
        ({ section, subsection } = header);
        i = header.end;
      } else {
        section = undefined;
        skipLine();
      }
    } else if (/[A-Za-z]/.test(c) && section !== undefined) {
      const start = i;
      while (i < text.length && isKeyChar(text[i])) i++;
      const key = text.slice(start, i).toLowerCase();
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (text[i] === '=') {
        const parsed = readValue(text, i + 1);
        entries.push({ section, subsection, key, value: parsed.value });
        i = parsed.end;
      } else if (i >= text.length || text[i] === '\n' || text[i] === '#' || text[i] === ';') {
        entries.push({ section, subsection, key, value: undefined });
        skipLine();
      } else {
        skipLine();
      }
    } else {
      skipLine();
    }
  }
  return entries;
}

/** Reads `section]`, `section "sub"]` or `section.sub]` starting just after '['. Undefined when malformed. */
function readSectionHeader(text: string, from: number): { section: string; subsection: string | undefined; end: number } | undefined {
  let i = from;
  while (i < text.length && isSectionChar(text[i])) i++;
  const name = text.slice(from, i).toLowerCase();
  if (name === '') return undefined;
  if (text[i] === ']') {
    const dot = name.indexOf('.');
    // The deprecated `[section.subsection]` form: git lower-cases the whole header, subsection included.
    return dot < 0 ? { section: name, subsection: undefined, end: i + 1 } : { section: name.slice(0, dot), subsection: name.slice(dot + 1), end: i + 1 };
  }
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] !== '"' || name.includes('.')) return undefined;
  i++;
  let subsection = '';
  for (; i < text.length && text[i] !== '"'; i++) {
    if (text[i] === '\n') return undefined;
    // In subsection names `\"` and `\\` are escapes; before any other character git drops the backslash.
    if (text[i] === '\\') i++;
    if (i >= text.length || text[i] === '\n') return undefined;
    subsection += text[i];
  }
  if (text[i] !== '"' || text[i + 1] !== ']') return undefined;
  return { section: name, subsection, end: i + 2 };
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', b: '\b', '\\': '\\', '"': '"' };

/**
 * Reads a value starting just after '=', up to the end of its (possibly continued) line, as git's parse_value does:
 * leading and trailing blanks go, blanks inside stay (as single spaces per character, like git), quotes are
 * removed and protect `;`, `#` and blanks, and a comment ends the value.
 */
function readValue(text: string, from: number): { value: string; end: number } {
  let value = '';
  let pendingSpaces = 0;
  let quoted = false;
  let inComment = false;
  let i = from;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') break;
    if (inComment) continue;
    if (isSpace(c) && !quoted) {
      if (value.length > 0) pendingSpaces++;
      continue;
    }
    if (!quoted && (c === ';' || c === '#')) {
      inComment = true;
      continue;
    }
    value += ' '.repeat(pendingSpaces);
    pendingSpaces = 0;
    if (c === '\\') {
      const next = text[i + 1];
      i++;
      if (next === '\n') continue; // a continuation line
      if (next === undefined) break;
      value += ESCAPES[next] ?? next;
    } else if (c === '"') {
      quoted = !quoted;
    } else {
      value += c;
    }
  }
  return { value, end: i };
}
