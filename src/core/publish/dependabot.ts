import { isMap, isScalar, isSeq, parseDocument, YAMLMap, YAMLSeq } from 'yaml';

/**
 * `.github/dependabot.yml` with a `github-actions` entry, so the SHA-pinned actions in the release workflow get
 * update pull requests (Dependabot rewrites both the SHA and the `# vX.Y.Z` comment).
 *
 * An existing file is never re-printed: the yaml library's printer does not keep the user's layout and comments
 * (eemeli/yaml issues 110 and 207), so we only compute one insertion in the file's own indentation.
 */
export type DependabotResult =
  /** No file yet: write `text` to `.github/dependabot.yml`. */
  | { kind: 'create'; text: string }
  /** Insert `text` at character `offset` of the existing file. */
  | { kind: 'append'; text: string; offset: number }
  /** The file already updates GitHub Actions. */
  | { kind: 'present' };

export const DEPENDABOT_PATH = '.github/dependabot.yml';

const ECOSYSTEM = 'github-actions';

/** The file we create when there is none. */
export const DEPENDABOT_FILE = `# Keeps the pinned actions in .github/workflows up to date: Dependabot opens a pull request
# with the new commit SHA and version comment when an action publishes a release.
# https://docs.github.com/en/code-security/dependabot/working-with-dependabot/dependabot-options-reference
version: 2
updates:
${entryLines(2, 4, 2).join('\n')}
`;

/** What to do so that `.github/dependabot.yml` updates GitHub Actions; `existing` is the file's text, if any. */
export function dependabotConfig(existing?: string): DependabotResult {
  if (existing === undefined || existing.trim() === '') return { kind: 'create', text: DEPENDABOT_FILE };

  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const doc = parseDocument(existing);
  const root = doc.contents;
  // A file the YAML parser rejects (Dependabot rejects it too) still gets a best-effort edit by lines, which the
  // editor shows to the user; the original text is never changed, only added to.
  if (doc.errors.length > 0 || !isMap(root)) return byLines(existing, eol);

  const updatesPair = root.items.find((p) => isScalar(p.key) && p.key.value === 'updates');
  if (!updatesPair) {
    // No `updates:` at all: add the key at the end, at the root's own indentation (column 0 for a block map).
    const text = ['updates:', ...entryLines(2, 4, 2)].join(eol) + eol;
    return { kind: 'append', text: (existing.endsWith('\n') ? '' : eol) + text, offset: existing.length };
  }

  const updates = updatesPair.value;
  if (updates === null || (isScalar(updates) && (updates.value === null || updates.value === ''))) {
    // `updates:` with nothing under it: the entry goes on the next line.
    const keyNode = updatesPair.key as { range?: [number, number, number] };
    const lineEnd = endOfLine(existing, keyNode.range?.[1] ?? 0);
    const keyCol = column(existing, keyNode.range?.[0] ?? 0);
    const text = entryLines(keyCol + 2, keyCol + 4, 2).join(eol) + eol;
    return lineEnd >= existing.length
      ? { kind: 'append', text: eol + text, offset: existing.length }
      : { kind: 'append', text, offset: lineEnd + eolLength(existing, lineEnd) };
  }
  if (!isSeq(updates)) return byLines(existing, eol);

  const seq = updates as YAMLSeq;
  for (const item of seq.items) {
    if (isMap(item) && item.get('package-ecosystem') === ECOSYSTEM) return { kind: 'present' };
  }

  if (seq.flow) return appendToFlowSeq(existing, seq);
  return appendToBlockSeq(existing, seq, eol);
}

/** The lines of one `updates` entry: dash at `dashCol`, keys at `keyCol`, nested maps indented by `unit`. */
function entryLines(dashCol: number, keyCol: number, unit: number): string[] {
  const at = (col: number, text: string) => ' '.repeat(col) + text;
  return [
    at(dashCol, `- package-ecosystem: ${ECOSYSTEM}`),
    at(keyCol, 'directory: /'),
    at(keyCol, 'schedule:'),
    at(keyCol + unit, 'interval: weekly'),
    // One pull request for all action updates instead of one per action.
    at(keyCol, 'groups:'),
    at(keyCol + unit, `${ECOSYSTEM}:`),
    at(keyCol + 2 * unit, 'patterns:'),
    at(keyCol + 3 * unit, "- '*'"),
  ];
}

function appendToBlockSeq(text: string, seq: YAMLSeq, eol: string): DependabotResult {
  const first = seq.items[0] as { range?: [number, number, number] } | undefined;
  const last = seq.items[seq.items.length - 1] as { range?: [number, number, number] } | undefined;
  if (!first?.range || !last?.range) return byLines(text, eol);

  // Indentation as the file writes it: the dash of the first item, its keys, and one nesting step.
  const keyCol = column(text, first.range[0]);
  const lineStart = text.lastIndexOf('\n', first.range[0] - 1) + 1;
  const dashIdx = text.lastIndexOf('-', first.range[0] - 1);
  const dashCol = dashIdx >= lineStart ? dashIdx - lineStart : Math.max(0, keyCol - 2);
  const unit = nestingUnit(text, seq.items[0], keyCol);

  // After the last line of the last item's value: comments that follow stay where they are.
  const end = endOfLine(text, Math.max(last.range[1] - 1, last.range[0]));
  const lines = [
    ' '.repeat(dashCol) + '# Keep the pinned GitHub Actions up to date.',
    ...entryLines(dashCol, keyCol, unit),
  ];
  if (end >= text.length) return { kind: 'append', text: eol + lines.join(eol) + eol, offset: text.length };
  return { kind: 'append', text: lines.join(eol) + eol, offset: end + eolLength(text, end) };
}

/** `updates: [...]` written in flow style: add one flow mapping before the closing bracket. */
function appendToFlowSeq(text: string, seq: YAMLSeq): DependabotResult {
  const range = (seq as { range?: [number, number, number] }).range;
  const close = range ? text.lastIndexOf(']', range[1] - 1) : -1;
  if (!range || close < range[0]) return byLines(text, text.includes('\r\n') ? '\r\n' : '\n');
  const entry = `{package-ecosystem: ${ECOSYSTEM}, directory: /, schedule: {interval: weekly}}`;
  return { kind: 'append', text: (seq.items.length > 0 ? ', ' : '') + entry, offset: close };
}

/**
 * The fallback for text the YAML parser cannot read: find an `updates:` line and append after the last line of its
 * block, or add `updates:` at the end. Good enough for a file with a stray syntax error elsewhere.
 */
function byLines(text: string, eol: string): DependabotResult {
  if (/^[\t ]*(?:-[\t ]+)?package-ecosystem:[\t ]*["']?github-actions["']?[\t ]*(?:#.*)?$/m.test(text)) {
    return { kind: 'present' };
  }
  const lines = text.split('\n');
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length + 1;
  }
  const indent = (l: string) => l.length - l.trimStart().length;
  const key = lines.findIndex((l) => /^[\t ]*updates:[\t ]*(?:#.*)?\r?$/.test(l));
  if (key < 0) {
    const added = ['updates:', ...entryLines(2, 4, 2)].join(eol) + eol;
    return { kind: 'append', text: (text.endsWith('\n') ? '' : eol) + added, offset: text.length };
  }
  const base = indent(lines[key]);
  let lastContent = key;
  let dashCol = -1;
  for (let i = key + 1; i < lines.length; i++) {
    const l = lines[i].replace(/\r$/, '');
    const trimmed = l.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const isItem = trimmed.startsWith('- ') || trimmed === '-';
    if (indent(l) < base || (indent(l) === base && !isItem)) break;
    if (isItem && dashCol < 0) dashCol = indent(l);
    lastContent = i;
  }
  if (dashCol < 0) dashCol = base + 2;
  const added = entryLines(dashCol, dashCol + 2, 2).join(eol) + eol;
  if (lastContent + 1 >= lines.length) return { kind: 'append', text: eol + added, offset: text.length };
  return { kind: 'append', text: added, offset: starts[lastContent + 1] };
}

/** The indentation step inside an item: taken from its first nested block mapping, else 2. */
function nestingUnit(text: string, item: unknown, keyCol: number): number {
  if (!isMap(item)) return 2;
  for (const pair of (item as YAMLMap).items) {
    const v = pair.value as { range?: [number, number, number] } | null;
    if (isMap(pair.value) && !(pair.value as YAMLMap).flow && v?.range) {
      const step = column(text, v.range[0]) - keyCol;
      if (step > 0) return step;
    }
  }
  return 2;
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The offset of the line break ending the line that holds `offset` (or the text's length). */
function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

function eolLength(text: string, at: number): number {
  return text.startsWith('\r\n', at) ? 2 : text.startsWith('\n', at) ? 1 : 0;
}
