import * as path from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { err, ok, type Result } from '../result';
import type { PyprojectError } from './types';
import type { Table } from './tomlValues';

/** Parses pyproject.toml text; a syntax error becomes a TomlSyntax error with a 1-based position, never an exception. */
export function parsePyprojectToml(text: string, filePath: string): Result<Table, PyprojectError> {
  try {
    return ok(parse(text) as Table);
  } catch (e) {
    const { line, column, reason } = describeParseError(e);
    const fileName = path.basename(filePath) || 'pyproject.toml';
    return err({
      kind: 'TomlSyntax',
      path: filePath,
      line,
      column,
      offset: offsetOf(text, line, column),
      message: `${fileName} is not valid TOML at line ${line}, column ${column}: ${reason}`,
    });
  }
}

function describeParseError(e: unknown): { line: number; column: number; reason: string } {
  if (e instanceof TomlError) {
    // smol-toml's message is "Invalid TOML document: <reason>\n\n<code excerpt>"; keep only the reason, since the
    // position is reported separately and editors show their own excerpt.
    const reason = e.message.replace(/^Invalid TOML document:\s*/, '').split('\n')[0].trim();
    return { line: e.line, column: e.column, reason: reason || 'syntax error' };
  }
  // Anything else (e.g. nesting deeper than the parser allows) has no position: point at the start of the file.
  return { line: 1, column: 1, reason: e instanceof Error ? e.message : String(e) };
}

/** The 0-based offset of a 1-based line and column, as editors' `positionAt`/`offsetAt` use. */
function offsetOf(text: string, line: number, column: number): number {
  let lineStart = 0;
  for (let current = 1; current < line; current++) {
    const newline = text.indexOf('\n', lineStart);
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return Math.min(lineStart + column - 1, text.length);
}
