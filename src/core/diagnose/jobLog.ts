import { lastAtOrBefore } from '../sortedSearch';

/**
 * A GitHub Actions job log, as downloaded (`2024-05-01T12:00:00.1234567Z ` before every line, `##[group]Run ...` at the
 * start of each step, `##[error]` annotations) or as copied from the web page (no timestamps, `Error:` for an error
 * annotation, line-number links pasted into the text) or as printed by a tool (`::error::` with `%0A` for newlines).
 * Read into plain lines that remember their step, so a diagnosis can quote them with the step name.
 */

export interface LogLine {
  /** 1-based line number in the text as given (what a user sees in an editor). */
  number: number;
  /** The line without timestamp, annotation marker and colour codes, trailing spaces trimmed. */
  text: string;
  /** The step the line belongs to (`pypa/gh-action-pypi-publish@release/v1`), when the log names steps. */
  step?: string;
  annotation?: 'error' | 'warning' | 'notice';
}

export interface JobLog {
  lines: LogLine[];
  /**
   * Every line's text joined by single spaces, runs of white space collapsed: messages that a tool wrapped at 80
   * columns (twine's rich output) read as one sentence here.
   */
  flat: string;
  /** The line that holds a `flat` offset. */
  lineAt(offset: number): LogLine;
  /** The lines a `flat` range spans. */
  linesIn(start: number, end: number): LogLine[];
}

/** A log is read up to this many characters (a long job log is megabytes; the failure is near its end). */
export const MAX_LOG_CHARS = 5_000_000;

const GH_CLI_PREFIX = /^([^\t\n]+)\t([^\t\n]+)\t(?=\uFEFF?\d{4}-\d\d-\d\dT)/;
const TIMESTAMP = /^\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/;
// ESC-introduced colour codes, and the same codes whose ESC was lost on the way (`[31mERROR [0m` in a pasted log).
const COLOURS = /\u001b\[[0-9;]*[A-Za-z]|\[[0-9]{1,3}(?:;[0-9]{1,3})*m/g;
// The web page turns line numbers into links; copying a line with one pastes `[12](https://github.com/...#step:4:13)`.
const LINE_LINK = /\[(\d+)\]\(https:\/\/github\.com\/[^)\s]*#step:\d+:\d+\)/g;

/** Undoes the escaping of a workflow command's message (`%0A` newline, `%0D` carriage return, `%25` percent). */
function unescapeCommand(text: string): string {
  return text.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

export function readJobLog(raw: string): JobLog {
  const text = raw.length > MAX_LOG_CHARS ? raw.slice(raw.length - MAX_LOG_CHARS) : raw;
  const lines: LogLine[] = [];
  let step: string | undefined;
  let inGroup = false;
  text.split(/\r?\n/).forEach((given, index) => {
    let rawLine = given;
    const number = index + 1;
    // `gh run view --log-failed` puts the job and the step before each line, tab-separated.
    const cli = GH_CLI_PREFIX.exec(rawLine);
    if (cli) {
      if (cli[2] !== 'UNKNOWN STEP') step = cli[2];
      rawLine = rawLine.slice(cli[0].length);
    }
    let line = rawLine.replace(TIMESTAMP, '').replace(COLOURS, '').replace(LINE_LINK, '$1');
    const group = /^##\[group\](.*)$/.exec(line);
    if (group) {
      inGroup = true;
      const run = /^Run (.+)$/.exec(group[1].trim());
      // A step's log opens with a group named after what it runs; other groups (runner set-up) are not steps.
      if (run) step = run[1].trim();
      line = group[1];
    } else if (/^##\[endgroup\]/.test(line)) {
      inGroup = false;
      return;
    } else if (!inGroup && /^Run \S+\/\S+@\S+$/.test(line.trim())) {
      // Copied from the web page, a step begins with its "Run owner/action@ref" line.
      step = line.trim().slice(4);
    }
    let annotation: LogLine['annotation'];
    const marker = /^(?:##\[(error|warning|notice)\]|::(error|warning|notice)(?:\s[^:]*)?::|(Error|Warning|Notice): )/.exec(line);
    if (marker) {
      annotation = (marker[1] ?? marker[2] ?? marker[3]).toLowerCase() as LogLine['annotation'];
      line = line.slice(marker[0].length);
      // A workflow command as the tool printed it, its newlines still escaped.
      if (marker[2]) line = unescapeCommand(line);
    }
    const parts = line.split(/\r?\n/);
    parts.forEach((part, i) => {
      lines.push({ number, text: part.replace(/\s+$/, ''), ...(step ? { step } : {}), ...(annotation && i === 0 ? { annotation } : {}) });
    });
  });
  return withFlatText(lines);
}

function withFlatText(lines: LogLine[]): JobLog {
  const starts: number[] = [];
  let flat = '';
  for (const line of lines) {
    const piece = line.text.replace(/\s+/g, ' ').trim();
    if (flat !== '' && piece !== '') flat += ' ';
    starts.push(flat.length);
    flat += piece;
  }
  const indexAt = (offset: number): number => lastAtOrBefore(starts, offset);
  return {
    lines,
    flat,
    lineAt: (offset) => lines[indexAt(offset)],
    linesIn: (start, end) => {
      const first = indexAt(start);
      const last = indexAt(Math.max(start, end - 1));
      return lines.slice(first, last + 1).filter((l) => l.text.trim() !== '');
    },
  };
}

/** The steps in the order the log shows them. */
export function stepsOf(log: JobLog): string[] {
  return [...new Set(log.lines.flatMap((l) => (l.step ? [l.step] : [])))];
}

/**
 * The step that failed: the one holding the first error annotation (GitHub marks a failing step with
 * `##[error]Process completed with exit code N.` or the action's own error), else the last step.
 */
export function failedStep(log: JobLog): string | undefined {
  const error = log.lines.find((l) => l.annotation === 'error');
  return error?.step ?? log.lines.at(-1)?.step;
}

/** The last `count` non-empty lines of a step (or of the log), the error annotations of GitHub itself left out. */
export function lastLinesOf(log: JobLog, step: string | undefined, count = 12): LogLine[] {
  const inStep = log.lines.filter((l) => (step === undefined || l.step === step) && l.text.trim() !== '');
  const firstError = inStep.findIndex((l) => l.annotation === 'error');
  const upTo = firstError >= 0 ? inStep.slice(0, firstError + 1) : inStep;
  return upTo.slice(-count);
}
