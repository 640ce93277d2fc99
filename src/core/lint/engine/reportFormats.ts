import { lastAtOrBefore } from '../../sortedSearch';
import { docsUrl } from './docsUrl';
import { splitMessage, twoLineMessage } from './messageParts';
import { RULE_METAS } from './registry';
import { YAML_SYNTAX } from './lintWorkflow';
import type { Finding } from './types';

/**
 * A message for places that show text as written (the editor's Problems panel and hovers, a terminal, GitHub
 * annotations): code spans lose their backticks and are quoted instead.
 */
export const plainMessage = (message: string): string => message.replace(/`([^`\n]+)`/g, "'$1'");

const counted = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A finding with 1-based line/column positions, as printed by the command line. */
export interface LocatedFinding {
  file: string;
  ruleId: string;
  severity: Finding['severity'];
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** Places in other files that the finding is about (e.g. the other workflow's upload); absent when none. */
  related?: LocatedRelated[];
}

export interface LocatedRelated {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

/**
 * 1-based line and column of an offset (columns count UTF-16 units, as editors and SARIF do). The line starts are
 * found once per text and searched by halves, so locating every finding of a large file stays cheap.
 */
export function locate(text: string, offset: number): { line: number; column: number } {
  const starts = lineStartsOf(text);
  const line = lastAtOrBefore(starts, offset);
  return { line: line + 1, column: offset - starts[line] + 1 };
}

let lastLineStarts: { text: string; starts: number[] } = { text: '', starts: [0] };

/** Offsets where lines begin (after each '\n'), remembered for the last text asked about. */
export function lineStartsOf(text: string): number[] {
  if (lastLineStarts.text === text) return lastLineStarts.starts;
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  lastLineStarts = { text, starts };
  return starts;
}

/**
 * The finding with line/column positions. Related places in other files are kept when `textOf` gives those files'
 * text (related places in the same file are not printed).
 */
export function locateFinding(file: string, text: string, finding: Finding, textOf?: (file: string) => string | undefined): LocatedFinding {
  const start = locate(text, finding.range.start);
  const end = locate(text, finding.range.end);
  const located: LocatedFinding = { file, ruleId: finding.ruleId, severity: finding.severity, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, message: finding.message };
  const related = (finding.related ?? []).flatMap((r) => {
    const other = r.file !== undefined && r.file !== file ? textOf?.(r.file) : undefined;
    if (other === undefined) return [];
    const from = locate(other, r.range.start);
    const to = locate(other, r.range.end);
    return [{ file: r.file!, line: from.line, column: from.column, endLine: to.line, endColumn: to.column, message: r.message }];
  });
  if (related.length > 0) located.related = related;
  return located;
}

/** ` (see publish.yml:12:15)` for findings about another file too. */
const seeAlso = (f: LocatedFinding): string => (f.related?.length ? ` (see ${f.related.map((r) => `${r.file}:${r.line}:${r.column}`).join(', ')})` : '');

/** Width of the indented lines under a finding (the why and the how), for an ordinary terminal. */
const DETAIL_WIDTH = 100;
const DETAIL_INDENT = '    ';

/** Words laid out in lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * One line per finding with what is wrong (`file:line:col: severity [rule] first sentence`, the shape problem
 * matchers read), then the why and the how indented below it.
 */
export function formatText(findings: LocatedFinding[]): string {
  if (findings.length === 0) return 'No problems found.\n';
  const lines = findings.map((f) => {
    const { summary, detail } = splitMessage(plainMessage(f.message));
    const head = `${f.file}:${f.line}:${f.column}: ${f.severity === 'info' ? 'note' : f.severity} [${f.ruleId}] ${summary}${seeAlso(f)}`;
    return [head, ...wrap(detail, DETAIL_WIDTH - DETAIL_INDENT.length).map((l) => DETAIL_INDENT + l)].join('\n');
  });
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  const counts = `${counted(count('error'), 'error')}, ${counted(count('warning'), 'warning')}, ${counted(count('info'), 'note')}`;
  return `${lines.join('\n')}\n\n${counted(findings.length, 'problem')} (${counts})\n`;
}

export function formatJson(findings: LocatedFinding[]): string {
  return JSON.stringify(findings, null, 2) + '\n';
}

/** GitHub Actions workflow commands: annotations on the pull request's files. */
export function formatGithub(findings: LocatedFinding[]): string {
  const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const command = { error: 'error', warning: 'warning', info: 'notice' } as const;
  return findings
    .map(
      (f) =>
        `::${command[f.severity]} file=${escapeProperty(f.file)},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=${escapeProperty(f.ruleId)}::${escapeData(twoLineMessage(plainMessage(f.message)) + seeAlso(f))}\n`,
    )
    .join('');
}

/** SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`). */
export function formatSarif(findings: LocatedFinding[], version: string): string {
  const rules = [YAML_SYNTAX, ...RULE_METAS];
  const level = { error: 'error', warning: 'warning', info: 'note' } as const;
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'trusted-publishing',
            informationUri: 'https://docs.pypi.org/trusted-publishers/',
            version,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.title },
              helpUri: docsUrl(r.id),
              defaultConfiguration: { level: level[r.severity] },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: rules.findIndex((r) => r.id === f.ruleId),
          level: level[f.severity],
          message: { text: plainMessage(f.message), markdown: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file.split('\\').join('/') },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
          ...(f.related?.length
            ? {
                relatedLocations: f.related.map((r, id) => ({
                  id,
                  message: { text: r.message },
                  physicalLocation: {
                    artifactLocation: { uri: r.file.split('\\').join('/') },
                    region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
                  },
                })),
              }
            : {}),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
