/**
 * Messages between the "Diagnose Failed Release" panel and its webview, with runtime guards for both directions: the
 * webview is untrusted input to the host (it renders log text from anywhere), and the host's view is checked before
 * it is rendered. The webview names things by index (the diagnosis, the edit, the value, the link); the host looks
 * them up in the report it holds, so no URL or text to write ever comes from the webview.
 */

/** Logs up to this size are pasted into the panel (the core reads the last 5 million characters of longer ones). */
export const MAX_PASTED_LOG_CHARS = 5_000_000;

export type Tone = 'info' | 'ok' | 'warning' | 'error';

export interface DiagnosisView {
  kind: string;
  title: string;
  summary: string;
  evidence: Array<{ step?: string; lines: Array<{ number: number; text: string }> }>;
  differences: Array<{ field: string; presented: string; expected: string; source: string; message: string }>;
  changes: string[];
  values: Array<{ label: string; value: string }>;
  edits: Array<{ title: string; file: string }>;
  links: Array<{ title: string; url: string }>;
}

export interface DiagnoseView {
  /** What the host is doing ("Fetching the latest failed run of release.yml…"); the buttons wait meanwhile. */
  busy?: string;
  /** False in Restricted Mode: nothing is fetched from GitHub or PyPI. */
  networkAllowed: boolean;
  notice?: { tone: Tone; text: string };
  /** Where the diagnosed log came from ("the log you pasted", "run v1.0.0, job Publish to PyPI"). */
  source?: string;
  result?: { recognised: boolean; diagnoses: DiagnosisView[] };
}

/** Logs up to this size are kept in the webview's state, to be diagnosed again after a window reload (the tail of longer ones). */
export const MAX_KEPT_LOG_CHARS = 1_000_000;
const MAX_SOURCE_CHARS = 1_000;

/** The diagnosed log, kept by the webview (setState) so that the diagnosis comes back after a window reload. */
export interface KeptLog {
  log: string;
  source: string;
  /** The job's page on GitHub, when the log came from there. */
  jobUrl?: string;
}

/**
 * `kept` is sent when it changes (a new diagnosis; null when cleared) and whenever the webview says it is ready:
 * the log is large, and the webview holds on to the last one it was sent.
 */
export type DiagnoseHostMessage = { type: 'state'; view: DiagnoseView; kept?: KeptLog | null };

/** What the webview keeps across reloads; read back by the host's serializer as untrusted input. */
export interface DiagnosePersistedState {
  version: 1;
  view: DiagnoseView;
  kept?: KeptLog;
}

export type DiagnoseWebviewMessage =
  | { type: 'ready' }
  | { type: 'diagnoseText'; text: string }
  | { type: 'pickFile' }
  | { type: 'fetchGitHub' }
  | { type: 'clear' }
  | { type: 'applyEdit'; diagnosis: number; edit: number }
  | { type: 'copy'; diagnosis: number; value: number }
  | { type: 'openLink'; diagnosis: number; link: number };

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isIndex = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 1000;
const isString = (value: unknown): value is string => typeof value === 'string';
const only = (value: Json, keys: string[]): boolean => Object.keys(value).every((k) => keys.includes(k));

export function isDiagnoseWebviewMessage(value: unknown): value is DiagnoseWebviewMessage {
  if (!isRecord(value) || !isString(value.type)) return false;
  switch (value.type) {
    case 'ready':
    case 'pickFile':
    case 'fetchGitHub':
    case 'clear':
      return only(value, ['type']);
    case 'diagnoseText':
      return only(value, ['type', 'text']) && isString(value.text) && value.text.length <= MAX_PASTED_LOG_CHARS;
    case 'applyEdit':
      return only(value, ['type', 'diagnosis', 'edit']) && isIndex(value.diagnosis) && isIndex(value.edit);
    case 'copy':
      return only(value, ['type', 'diagnosis', 'value']) && isIndex(value.diagnosis) && isIndex(value.value);
    case 'openLink':
      return only(value, ['type', 'diagnosis', 'link']) && isIndex(value.diagnosis) && isIndex(value.link);
    default:
      return false;
  }
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
const isArrayOf = <T>(value: unknown, item: (x: unknown) => x is T): value is T[] => Array.isArray(value) && value.every(item);

function isDiagnosisView(value: unknown): value is DiagnosisView {
  if (!isRecord(value)) return false;
  const line = (x: unknown): x is { number: number; text: string } => isRecord(x) && typeof x.number === 'number' && isString(x.text);
  const group = (x: unknown): x is DiagnosisView['evidence'][number] => isRecord(x) && (x.step === undefined || isString(x.step)) && isArrayOf(x.lines, line);
  const difference = (x: unknown): x is DiagnosisView['differences'][number] =>
    isRecord(x) && [x.field, x.presented, x.expected, x.source, x.message].every(isString);
  const pair = (x: unknown): x is { label: string; value: string } => isRecord(x) && isString(x.label) && isString(x.value);
  const edit = (x: unknown): x is DiagnosisView['edits'][number] => isRecord(x) && isString(x.title) && isString(x.file);
  const link = (x: unknown): x is DiagnosisView['links'][number] => isRecord(x) && isString(x.title) && isString(x.url) && /^https:\/\//.test(x.url);
  return (
    [value.kind, value.title, value.summary].every(isString) &&
    isArrayOf(value.evidence, group) &&
    isArrayOf(value.differences, difference) &&
    isStringArray(value.changes) &&
    isArrayOf(value.values, pair) &&
    isArrayOf(value.edits, edit) &&
    isArrayOf(value.links, link)
  );
}

export function isDiagnoseView(value: unknown): value is DiagnoseView {
  if (!isRecord(value) || typeof value.networkAllowed !== 'boolean') return false;
  if (value.busy !== undefined && !isString(value.busy)) return false;
  if (value.source !== undefined && !isString(value.source)) return false;
  if (value.notice !== undefined && !(isRecord(value.notice) && ['info', 'ok', 'warning', 'error'].includes(value.notice.tone as string) && isString(value.notice.text))) return false;
  if (value.result !== undefined && !(isRecord(value.result) && typeof value.result.recognised === 'boolean' && isArrayOf(value.result.diagnoses, isDiagnosisView))) return false;
  return true;
}

export function isKeptLog(value: unknown): value is KeptLog {
  return (
    isRecord(value) &&
    only(value, ['log', 'source', 'jobUrl']) &&
    isString(value.log) &&
    value.log.length <= MAX_KEPT_LOG_CHARS &&
    isString(value.source) &&
    value.source.length <= MAX_SOURCE_CHARS &&
    (value.jobUrl === undefined || (isString(value.jobUrl) && value.jobUrl.length <= MAX_SOURCE_CHARS && /^https:\/\/[^\s]+$/.test(value.jobUrl)))
  );
}

export function isDiagnoseHostMessage(value: unknown): value is DiagnoseHostMessage {
  return (
    isRecord(value) &&
    value.type === 'state' &&
    only(value, ['type', 'view', 'kept']) &&
    isDiagnoseView(value.view) &&
    (value.kept === undefined || value.kept === null || isKeptLog(value.kept))
  );
}

export function isDiagnosePersistedState(value: unknown): value is DiagnosePersistedState {
  return isRecord(value) && value.version === 1 && only(value, ['version', 'view', 'kept']) && isDiagnoseView(value.view) && (value.kept === undefined || isKeptLog(value.kept));
}
