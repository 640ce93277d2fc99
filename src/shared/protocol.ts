/**
 * The messages between the wizard's webview and the extension host, with runtime guards used on BOTH sides: the
 * host never trusts what the webview posts, and the webview never trusts what arrives on its message channel.
 *
 * The host computes everything and sends one `WizardView` (plain data, no tokens, no file contents other than the
 * proposed workflow); the webview renders it and posts intents back. The webview never writes files, never opens
 * URLs or the clipboard itself: it names a link or a value by id and the host does the work.
 *
 * Pure: no 'vscode', no DOM. Imported by src/webview (bundled for the browser) and src/vscode/wizard.
 */

export const STEP_IDS = ['detect', 'choose', 'review', 'write', 'pypi', 'github', 'done'] as const;
export type StepId = (typeof STEP_IDS)[number];

export const INDEX_IDS = ['pypi', 'testpypi'] as const;
export type IndexId = (typeof INDEX_IDS)[number];

/** The values of PyPI's "Add a new publisher" form, by field. */
export const VALUE_FIELDS = ['projectName', 'owner', 'repository', 'workflow', 'environment'] as const;
export type ValueField = (typeof VALUE_FIELDS)[number];

/** What the user chooses in step 2. */
export interface Choices {
  /** PyPI alone, or PyPI plus a TestPyPI job. */
  target: 'pypi' | 'testpypi' | 'both';
  trigger: 'release' | 'tag';
  environment: string;
  testPypiEnvironment: string;
  pythonVersion: string;
  buildTool: 'build' | 'uv';
  pinning: 'sha' | 'tag';
  /** `auto`: as the project's files say; otherwise the user's answer (asked when the files leave a doubt). */
  wheels: 'auto' | 'pure' | 'cibuildwheel' | 'maturin';
}

/** `new`: write a workflow; `migrate`: switch a token workflow to trusted publishing; `existing`: keep a trusted one. */
export const MODES = ['new', 'migrate', 'existing'] as const;
export type WizardMode = (typeof MODES)[number];

export const CHOICE_KEYS = ['target', 'trigger', 'environment', 'testPypiEnvironment', 'pythonVersion', 'buildTool', 'pinning', 'wheels'] as const;

export type Tone = 'info' | 'ok' | 'warning' | 'error';

export interface Notice {
  tone: Tone;
  text: string;
}

export interface StepView {
  id: StepId;
  title: string;
  /** `skipped`: not part of this path (Choose when migrating an existing workflow). `done`: what it does is done. */
  state: 'current' | 'done' | 'available' | 'locked' | 'skipped';
}

export interface NavView {
  back?: StepId;
  next?: StepId;
  nextLabel: string;
  /** Why Next is disabled, in words; undefined when it is enabled. */
  blocked?: string;
}

export interface DetectView {
  packages: Array<{ id: string; name: string; location: string; detail: string; error?: string }>;
  packageId?: string;
  project?: {
    name: string;
    normalizedName: string;
    backend: string;
    build: string;
    version: string;
    requiresPython?: string;
    packageDir: string;
    /** Problems in the project's files that break the release, each with the text to add. */
    warnings?: Array<{ message: string; suggestion: string }>;
  };
  projectError?: string;
  remotes: Array<{ name: string; url: string; repository?: string; error?: string }>;
  remoteName?: string;
  /** `Owner/Repo` as PyPI will be told. */
  repository?: string;
  repositoryError?: string;
  /** Why the remote must be chosen (origin is a fork of upstream): which repository runs the release? */
  remoteQuestion?: string;
  /** The folder the workflow goes to, relative to the workspace. */
  workflowsFolder?: string;
  workflows: Array<{
    fileName: string;
    errors: number;
    warnings: number;
    notes: number;
    /** What it publishes and how, one sentence per index (the checks' facts); empty when it does not publish. */
    publishing: string[];
    /** It publishes with trusted publishing only: the wizard can keep it ("check and register"). */
    canKeep: boolean;
    /** Uploads with a long-lived token (`token-publishing` or `token-overrides-oidc`). */
    tokenPublishing: boolean;
    /** A fix exists: the wizard can switch this file to trusted publishing. */
    canMigrate: boolean;
    secrets: string[];
    summary: string;
  }>;
  mode: WizardMode;
  migrateFile?: string;
  existingFile?: string;
  /** Several workflows publish with trusted publishing: which one should PyPI trust? */
  askWhich?: string;
  /** Writing a new workflow while others publish. */
  twoPublishers?: string;
}

export interface ChooseView {
  choices: Choices;
  errors: Partial<Record<keyof Choices, string>>;
  /** Pure projects choose their build tool; compiled ones get a wheel matrix. */
  pure: boolean;
  wheels: string;
  /** What the project's files say about the wheels, and why. */
  wheelsReason: string;
  /** Weak signs of compiled code: the user must answer the wheels question. */
  wheelsDoubt?: string;
  pythonVersions: string[];
  suggestedPython: string;
  requiresPython?: string;
  workflowFileName: string;
}

export interface FindingView {
  /** Its position in the workflow's findings: what `applyFix` and `openFinding` name. */
  index: number;
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  fixTitle?: string;
}

export interface ReviewView {
  mode: WizardMode;
  fileName: string;
  relativePath: string;
  /** The exact text that will be written. */
  yaml: string;
  exists: boolean;
  existingSummary?: string;
  action: 'replace' | 'rename';
  alternativeName?: string;
  /** The file on disk already holds exactly this text. */
  upToDate: boolean;
  migrationTitle?: string;
  /** Kept workflow (`existing`): what it publishes, and the checks' findings with their fixes. */
  publishing?: string[];
  findings?: FindingView[];
  /** Writing a new workflow while others publish. */
  twoPublishers?: string;
}

export interface WriteView {
  mode: WizardMode;
  relativePath: string;
  /** The button's label: "Create …", "Replace …", "Apply the migration to …". */
  actionLabel: string;
  written?: { relativePath: string; upToDate: boolean; migrated: boolean };
  error?: string;
  /** The package is in no git repository: GitHub only reads workflows at a repository's root. */
  warning?: string;
}

export interface LinkView {
  /** The host opens the URL it holds for this id; the webview shows the URL as text only. */
  id: string;
  label: string;
  url: string;
  detail?: string;
}

export interface PypiIndexView {
  index: IndexId;
  label: string;
  status: 'checking' | 'exists' | 'new' | 'unknown';
  statusText: string;
  values: Array<{ field: ValueField; label: string; value: string; hint?: string; copied?: boolean }>;
  /** Where Workflow name and Environment name come from: "from .github/workflows/publish.yaml, job 'publish'". */
  source: string;
  links: LinkView[];
  pendingNote?: string;
  publisher?: Notice & { link?: LinkView };
}

export interface PypiView {
  indexes: PypiIndexView[];
  checking: boolean;
}

export interface GitHubView {
  state: 'signed-out' | 'working' | 'skipped' | 'signed-in' | 'error';
  message?: string;
  /** Signing in: a Cancel button stops waiting for VS Code's sign-in prompt. */
  cancellable?: boolean;
  login?: string;
  repository?: { fullName: string; visibility: string; admin: boolean };
  caseWarning?: string;
  environments: Array<{
    name: string;
    exists: boolean;
    protection?: string;
    actionLabel: string;
    enabled: boolean;
    reason?: string;
    result?: Notice;
  }>;
  otherEnvironments: string[];
  reviewersNote?: string;
  secrets: Array<{ name: string; state: 'present' | 'absent' | 'unknown' | 'deleted'; result?: Notice }>;
  revokeLink?: LinkView;
}

export interface DoneView {
  items: Array<{ state: 'done' | 'todo' | 'unknown'; text: string; detail?: string }>;
  release: { text: string; command?: string; link?: LinkView };
}

/** What the host needs to put the wizard back where it was after a reload (kept by the webview with its view). */
export interface SessionView {
  packageId?: string;
  choices: Choices;
  mode: WizardMode;
  migrateFile?: string;
  existingFile?: string;
  action: 'replace' | 'rename';
  written?: { fileName: string; migrated: boolean; secrets: string[] };
}

export interface WizardView {
  step: StepId;
  session: SessionView;
  steps: StepView[];
  nav: NavView;
  busy?: string;
  notice?: Notice;
  detect: DetectView;
  choose?: ChooseView;
  review?: ReviewView;
  write?: WriteView;
  pypi?: PypiView;
  github?: GitHubView;
  done?: DoneView;
  /** The latest release run of the wizard's workflow failed: the line above its "Diagnose failed release" button. */
  failedRun?: { text: string };
}

/** Host → webview. */
export type HostMessage = { type: 'state'; view: WizardView };

/** Webview → host. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'redetect' }
  | { type: 'selectPackage'; id: string }
  | { type: 'selectRemote'; name: string }
  | { type: 'navigate'; step: StepId }
  | { type: 'setChoices'; choices: Partial<Choices> }
  | { type: 'setExistingAction'; action: 'replace' | 'rename' }
  | { type: 'setMode'; mode: 'new' }
  | { type: 'setMode'; mode: 'migrate' | 'existing'; fileName: string }
  | { type: 'applyFix'; fileName: string; finding: number }
  | { type: 'openFinding'; fileName: string; finding: number }
  | { type: 'cancelSignIn' }
  | { type: 'showDiff' }
  | { type: 'write' }
  | { type: 'openWritten' }
  | { type: 'copy'; index: IndexId; field: ValueField }
  | { type: 'openLink'; id: string }
  | { type: 'checkPypi' }
  | { type: 'signIn' }
  | { type: 'ensureEnvironment'; name: string }
  | { type: 'deleteSecret'; name: string }
  /** Diagnose the failed run the view shows; the host uses the run it stored, the message names none. */
  | { type: 'diagnoseRun' };

/** What the webview keeps with `setState`, and what a WebviewPanelSerializer hands back after a reload. */
export interface PersistedState {
  version: 1;
  view: WizardView;
}

// ---------------------------------------------------------------------------------------------------------------
// Guards

/** Longest string accepted in a message field (ids, names, a Python version, an environment name of 255). */
export const MAX_FIELD = 300;

type Check = (value: unknown) => boolean;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
const isString = (value: unknown): value is string => typeof value === 'string';
const isField = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_FIELD;
const isBool = (value: unknown): value is boolean => typeof value === 'boolean';
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (value: unknown): value is T =>
    typeof value === 'string' && (allowed as readonly string[]).includes(value);
const optional = (check: Check): Check => (value) => value === undefined || check(value);
const arrayOf = (check: Check): Check => (value) => Array.isArray(value) && value.every(check);

/** An object with exactly these keys (optional ones may be absent), each passing its check. */
function shape(fields: Record<string, Check>, value: unknown): boolean {
  if (!isRecord(value)) return false;
  for (const key of Object.keys(value)) if (!(key in fields)) return false;
  return Object.entries(fields).every(([key, check]) => check(value[key]));
}
const shaped = (fields: Record<string, Check>): Check => (value) => shape(fields, value);

export const isStepId = oneOf(STEP_IDS);
export const isIndexId = oneOf(INDEX_IDS);
export const isValueField = oneOf(VALUE_FIELDS);

const CHOICE_CHECKS: Record<keyof Choices, Check> = {
  target: oneOf(['pypi', 'testpypi', 'both'] as const),
  trigger: oneOf(['release', 'tag'] as const),
  environment: isField,
  testPypiEnvironment: isField,
  pythonVersion: isField,
  buildTool: oneOf(['build', 'uv'] as const),
  pinning: oneOf(['sha', 'tag'] as const),
  // Optional: a state saved before the question existed still restores.
  wheels: optional(oneOf(['auto', 'pure', 'cibuildwheel', 'maturin'] as const)),
};

const isPartialChoices: Check = (value) => shape(Object.fromEntries(CHOICE_KEYS.map((k) => [k, optional(CHOICE_CHECKS[k])])), value);
const isChoices: Check = (value) => shape(CHOICE_CHECKS, value);

const MESSAGE_SHAPES: Record<WebviewMessage['type'], Record<string, Check>> = {
  ready: {},
  redetect: {},
  selectPackage: { id: isField },
  selectRemote: { name: isField },
  navigate: { step: isStepId },
  setChoices: { choices: isPartialChoices },
  setExistingAction: { action: oneOf(['replace', 'rename'] as const) },
  setMode: { mode: oneOf(MODES), fileName: optional(isField) },
  applyFix: { fileName: isField, finding: isCount },
  openFinding: { fileName: isField, finding: isCount },
  cancelSignIn: {},
  showDiff: {},
  write: {},
  openWritten: {},
  copy: { index: isIndexId, field: isValueField },
  openLink: { id: isField },
  checkPypi: {},
  signIn: {},
  ensureEnvironment: { name: isField },
  deleteSecret: { name: isField },
  diagnoseRun: {},
};

/** True only for a well-formed message from the webview: known type, exactly the fields it takes, right types. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (!isRecord(value) || typeof value.type !== 'string' || !Object.prototype.hasOwnProperty.call(MESSAGE_SHAPES, value.type)) return false;
  const { type, ...rest } = value;
  if (!shape(MESSAGE_SHAPES[type as WebviewMessage['type']], rest)) return false;
  if (type === 'setMode') return rest.mode === 'new' ? rest.fileName === undefined : typeof rest.fileName === 'string';
  return true;
}

const isNotice = shaped({ tone: oneOf(['info', 'ok', 'warning', 'error'] as const), text: isString });
const isLink = shaped({ id: isField, label: isString, url: isString, detail: optional(isString) });

const isDetect = shaped({
  packages: arrayOf(shaped({ id: isField, name: isString, location: isString, detail: isString, error: optional(isString) })),
  packageId: optional(isField),
  project: optional(
    shaped({
      name: isString,
      normalizedName: isString,
      backend: isString,
      build: isString,
      version: isString,
      requiresPython: optional(isString),
      packageDir: isString,
      warnings: optional(arrayOf(shaped({ message: isString, suggestion: isString }))),
    }),
  ),
  projectError: optional(isString),
  remotes: arrayOf(shaped({ name: isField, url: isString, repository: optional(isString), error: optional(isString) })),
  remoteName: optional(isField),
  repository: optional(isString),
  repositoryError: optional(isString),
  remoteQuestion: optional(isString),
  workflowsFolder: optional(isString),
  workflows: arrayOf(
    shaped({
      fileName: isField,
      errors: isCount,
      warnings: isCount,
      notes: isCount,
      publishing: arrayOf(isString),
      canKeep: isBool,
      tokenPublishing: isBool,
      canMigrate: isBool,
      secrets: arrayOf(isString),
      summary: isString,
    }),
  ),
  mode: oneOf(MODES),
  migrateFile: optional(isField),
  existingFile: optional(isField),
  askWhich: optional(isString),
  twoPublishers: optional(isString),
});

const isChoose = shaped({
  choices: isChoices,
  errors: (value) => isRecord(value) && Object.entries(value).every(([k, v]) => (CHOICE_KEYS as readonly string[]).includes(k) && isString(v)),
  pure: isBool,
  wheels: isString,
  wheelsReason: isString,
  wheelsDoubt: optional(isString),
  pythonVersions: arrayOf(isString),
  suggestedPython: isString,
  requiresPython: optional(isString),
  workflowFileName: isString,
});

const isFinding = shaped({
  index: isCount,
  ruleId: isString,
  severity: oneOf(['error', 'warning', 'info'] as const),
  message: isString,
  line: isCount,
  fixTitle: optional(isString),
});

const isReview = shaped({
  mode: oneOf(MODES),
  fileName: isString,
  relativePath: isString,
  yaml: isString,
  exists: isBool,
  existingSummary: optional(isString),
  action: oneOf(['replace', 'rename'] as const),
  alternativeName: optional(isString),
  upToDate: isBool,
  migrationTitle: optional(isString),
  publishing: optional(arrayOf(isString)),
  findings: optional(arrayOf(isFinding)),
  twoPublishers: optional(isString),
});

const isWrite = shaped({
  mode: oneOf(MODES),
  relativePath: isString,
  actionLabel: isString,
  written: optional(shaped({ relativePath: isString, upToDate: isBool, migrated: isBool })),
  error: optional(isString),
  warning: optional(isString),
});

const isPypi = shaped({
  checking: isBool,
  indexes: arrayOf(
    shaped({
      index: isIndexId,
      label: isString,
      status: oneOf(['checking', 'exists', 'new', 'unknown'] as const),
      statusText: isString,
      values: arrayOf(shaped({ field: isValueField, label: isString, value: isString, hint: optional(isString), copied: optional(isBool) })),
      source: isString,
      links: arrayOf(isLink),
      pendingNote: optional(isString),
      publisher: optional((value) => isRecord(value) && isNotice({ tone: value.tone, text: value.text }) && optional(isLink)(value.link) && Object.keys(value).every((k) => ['tone', 'text', 'link'].includes(k))),
    }),
  ),
});

const isGitHub = shaped({
  state: oneOf(['signed-out', 'working', 'skipped', 'signed-in', 'error'] as const),
  message: optional(isString),
  cancellable: optional(isBool),
  login: optional(isString),
  repository: optional(shaped({ fullName: isString, visibility: isString, admin: isBool })),
  caseWarning: optional(isString),
  environments: arrayOf(
    shaped({
      name: isField,
      exists: isBool,
      protection: optional(isString),
      actionLabel: isString,
      enabled: isBool,
      reason: optional(isString),
      result: optional(isNotice),
    }),
  ),
  otherEnvironments: arrayOf(isString),
  reviewersNote: optional(isString),
  secrets: arrayOf(shaped({ name: isField, state: oneOf(['present', 'absent', 'unknown', 'deleted'] as const), result: optional(isNotice) })),
  revokeLink: optional(isLink),
});

const isDone = shaped({
  items: arrayOf(shaped({ state: oneOf(['done', 'todo', 'unknown'] as const), text: isString, detail: optional(isString) })),
  release: shaped({ text: isString, command: optional(isString), link: optional(isLink) }),
});

const isSession = shaped({
  packageId: optional(isField),
  choices: isChoices,
  mode: oneOf(MODES),
  migrateFile: optional(isField),
  existingFile: optional(isField),
  action: oneOf(['replace', 'rename'] as const),
  written: optional(shaped({ fileName: isField, migrated: isBool, secrets: arrayOf(isField) })),
});

export function isWizardView(value: unknown): value is WizardView {
  return shape(
    {
      step: isStepId,
      session: isSession,
      steps: arrayOf(shaped({ id: isStepId, title: isString, state: oneOf(['current', 'done', 'available', 'locked', 'skipped'] as const) })),
      nav: shaped({ back: optional(isStepId), next: optional(isStepId), nextLabel: isString, blocked: optional(isString) }),
      busy: optional(isString),
      notice: optional(isNotice),
      detect: isDetect,
      choose: optional(isChoose),
      review: optional(isReview),
      write: optional(isWrite),
      pypi: optional(isPypi),
      github: optional(isGitHub),
      done: optional(isDone),
      failedRun: optional(shaped({ text: isString })),
    },
    value,
  );
}

/** True only for a well-formed message from the host. */
export function isHostMessage(value: unknown): value is HostMessage {
  return isRecord(value) && value.type === 'state' && Object.keys(value).length === 2 && isWizardView(value.view);
}

/** Where the wizard was, as the host also keeps it (in case the webview's own state did not outlive a reload). */
export interface SavedWizard {
  step: StepId;
  session: SessionView;
}

export function isSavedWizard(value: unknown): value is SavedWizard {
  return shape({ step: isStepId, session: isSession }, value);
}

export function isPersistedState(value: unknown): value is PersistedState {
  return isRecord(value) && value.version === 1 && Object.keys(value).length === 2 && isWizardView(value.view);
}
