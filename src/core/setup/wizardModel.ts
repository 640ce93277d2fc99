import type { GitHubRepository } from '../git/types';
import type { EnsureEnvironmentResult, EnvironmentFacts, RepositoryFacts } from '../github/types';
import { summarizePublishing, uploadsTo, type WorkflowPublishing } from '../lint/analysis/publishingSummary';
import type { NewEnvironments } from '../lint/engine/types';
import { generateWorkflow, planRelease, validateEnvironmentName } from '../publish';
import { choosePublisherOrigin, plannedOrigin, publishesThroughCalls, WORKFLOWS_FOLDER, type PublisherOrigin } from '../publish/existingPublishers';
import type { ReleasePlan } from '../publish/types';
import type { WheelPlatform } from '../publish/wheelPlatforms';
import type { Choices, IndexId, Notice, SessionView, StepId, ValueField, WebviewMessage, WizardMode } from '../../shared/protocol';
import { STEP_IDS } from '../../shared/protocol';
import { changedChoices, planOptionsOf, validateChoices } from './choices';
import type { LoadedPackage, PackageCandidate, RemoteCandidate } from './detect';
import { publisherOfSummary, withMigrationEnvironments, type WorkflowInspection } from './inspectWorkflow';
import { alternativeWorkflowName } from './packageLocation';
import type { IndexCheck } from './pypiReport';

/**
 * The wizard's state machine. The host owns one WizardModel per panel; user intents (already checked by the protocol
 * guards) and I/O results become WizardEvents, `reduce` makes the next model, and `wizardView` (wizardView.ts) turns
 * it into what the webview renders. Pure: the adapter in src/vscode/wizard does every read, write and request.
 */

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

export interface GitHubState {
  status: 'signed-out' | 'working' | 'skipped' | 'signed-in' | 'error';
  message?: string;
  /** While signing in: the user can give up waiting for VS Code's sign-in prompt. */
  cancellable?: boolean;
  viewer?: { login: string; id: number };
  repository?: RepositoryFacts;
  environments?: EnvironmentFacts[];
  environmentsError?: string;
  /** Create/update results by environment name. */
  ensured: Record<string, Outcome<EnsureEnvironmentResult>>;
  /** The repository's secret names, when they could be listed. */
  secretNames?: string[];
  deleted: Record<string, Outcome<true>>;
  /** The latest release run of the wizard's workflow, when it failed (looked up once signed in). */
  failedRun?: FailedReleaseRun;
}

/** A failed release run, as the wizard keeps it: what the line shows and what "Diagnose failed release" opens. */
export interface FailedReleaseRun {
  /** The workflow file the run belongs to (a name under .github/workflows/). */
  workflow: string;
  runId: number;
  /** `run_number`: the `#123` GitHub shows. */
  number?: number;
  /** When the run was created (ISO 8601). */
  createdAt: string;
}

export interface WrittenFile {
  fileName: string;
  /** The text that was written (or found already on disk). */
  text: string;
  migrated: boolean;
  /** The file held this text already: nothing was written. */
  upToDate: boolean;
  /** The secrets the migrated workflow no longer reads. */
  secrets: string[];
}

export interface WizardModel {
  step: StepId;
  busy?: string;
  notice?: Notice;
  packages: PackageCandidate[];
  packageId?: string;
  project?: LoadedPackage;
  projectError?: string;
  remotes: RemoteCandidate[];
  remoteName?: string;
  repositoryError?: string;
  /** Why the user must choose the remote (a fork and its parent): shown until a remote is chosen. */
  remoteQuestion?: string;
  /** `.github/workflows` of the repository, relative to the workspace, for people (known even without a project). */
  workflowsFolder?: string;
  workflows: WorkflowInspection[];
  /** `new`: write a workflow; `migrate`: switch a token workflow over; `existing`: keep a trusted workflow, check and register it. */
  mode: WizardMode;
  migrateFile?: string;
  /** The trusted-publishing workflow kept in `existing` mode; undefined while the user has to choose among several. */
  existingFile?: string;
  /** From the settings; the review step may pick another name when it exists. */
  workflowFileName: string;
  /** From the settings: the wheel platforms of a compiled project (all of the builder's when unset). */
  platforms?: WheelPlatform[];
  choices: Choices;
  existingAction: 'replace' | 'rename';
  written?: WrittenFile;
  writeError?: string;
  pypiChecking: boolean;
  pypi: Partial<Record<IndexId, IndexCheck>>;
  /** The value whose Copy button says "Copied" (until the next action). */
  copied?: { index: IndexId; field: ValueField };
  github: GitHubState;
}

export type WizardEvent =
  | { type: 'busy'; text?: string }
  | { type: 'notice'; notice?: Notice }
  | ({ type: 'detected' } & Pick<
      WizardModel,
      'packages' | 'packageId' | 'project' | 'projectError' | 'remotes' | 'remoteName' | 'repositoryError' | 'remoteQuestion' | 'workflows' | 'choices' | 'workflowFileName' | 'workflowsFolder' | 'platforms'
    >)
  // The webview's own requests that change the model, exactly as the protocol defines them.
  | Extract<WebviewMessage, { type: 'selectRemote' | 'navigate' | 'setChoices' | 'setExistingAction' | 'setMode' }>
  | { type: 'written'; file: WrittenFile; inspection: WorkflowInspection }
  /** A kept workflow changed (a fix applied from the Check step): its new inspection. */
  | { type: 'inspected'; inspection: WorkflowInspection }
  | { type: 'copied'; index: IndexId; field: ValueField }
  | { type: 'writeFailed'; message: string }
  | { type: 'pypiChecking' }
  | { type: 'pypiChecked'; index: IndexId; check: IndexCheck }
  | { type: 'pypiDone' }
  | { type: 'github'; update: Partial<GitHubState> }
  | { type: 'environmentEnsured'; name: string; result: Outcome<EnsureEnvironmentResult> }
  | { type: 'secretDeleted'; name: string; result: Outcome<true> };

export const STEP_TITLES: Readonly<Record<StepId, string>> = {
  detect: 'Detect',
  choose: 'Choose',
  review: 'Review',
  write: 'Write',
  pypi: 'PyPI',
  github: 'GitHub',
  done: 'Done',
};

export const initialGitHub = (): GitHubState => ({ status: 'signed-out', ensured: {}, deleted: {} });

/** The step titles of a path: keeping a workflow reviews nothing new, it checks what exists. */
export function stepTitle(model: Pick<WizardModel, 'mode'>, step: StepId): string {
  return step === 'review' && model.mode === 'existing' ? 'Check' : STEP_TITLES[step];
}

export function initialModel(choices: Choices, workflowFileName: string): WizardModel {
  return {
    step: 'detect',
    busy: 'Looking at the workspace…',
    packages: [],
    remotes: [],
    workflows: [],
    mode: 'new',
    workflowFileName,
    choices,
    existingAction: 'replace',
    pypiChecking: false,
    pypi: {},
    github: initialGitHub(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Derived facts

/** The repository PyPI must trust: GitHub's own spelling once known, else the chosen remote's. */
export function repositoryOf(model: WizardModel): GitHubRepository | undefined {
  const remote = model.remotes.find((r) => r.name === model.remoteName)?.repository;
  const facts = model.github.repository;
  if (remote && facts && `${facts.owner}/${facts.repo}`.toLowerCase() === `${remote.owner}/${remote.repo}`.toLowerCase()) {
    return { owner: facts.owner, repo: facts.repo };
  }
  return remote;
}

/** The remote's spelling of the repository, as detected (before GitHub corrects the case). */
export function remoteRepositoryOf(model: WizardModel): GitHubRepository | undefined {
  return model.remotes.find((r) => r.name === model.remoteName)?.repository;
}

/**
 * The workflow the wizard is about, as it is on disk: the kept one ("check and register"), or the one it wrote or
 * migrated (or found already written). Undefined while nothing is written: a proposal has no runs on GitHub.
 */
export function releaseWorkflowOf(model: WizardModel): WorkflowInspection | undefined {
  const kept = existingSource(model);
  if (kept) return kept;
  const written = writtenOf(model);
  return written ? model.workflows.find((w) => w.fileName === written.fileName) : undefined;
}

/** The failed run to offer a diagnosis of: only while it belongs to the workflow the wizard is about now. */
export function failedRunOf(model: WizardModel): FailedReleaseRun | undefined {
  const run = model.github.failedRun;
  return run && model.github.status === 'signed-in' && run.workflow === releaseWorkflowOf(model)?.fileName ? run : undefined;
}

/** A workflow the wizard can keep as it is: it publishes, and no upload reads a token. */
export const publishesTrusted = (w: WorkflowInspection): boolean => w.publishing.uploads.length > 0 && !w.tokenPublishing;

/** The kept workflow in `existing` mode. */
export function existingSource(model: WizardModel): WorkflowInspection | undefined {
  if (model.mode !== 'existing') return undefined;
  return model.workflows.find((w) => w.fileName === model.existingFile && publishesTrusted(w));
}

/** The mode detection starts in: keep the one trusted workflow (a called one, not its caller); ask when several; else write a new one. */
function startingMode(workflows: WorkflowInspection[]): Pick<WizardModel, 'mode' | 'existingFile'> {
  // A caller that publishes through a reusable workflow of the repository is not the publisher: the called file is.
  const summaries = workflows.map((w) => w.publishing);
  const trusted = workflows.filter((w) => publishesTrusted(w) && !publishesThroughCalls(w.publishing, summaries));
  if (trusted.length === 0) return { mode: 'new', existingFile: undefined };
  return { mode: 'existing', existingFile: trusted.length === 1 ? trusted[0].fileName : undefined };
}

export function migrationSource(model: WizardModel): WorkflowInspection | undefined {
  if (model.mode !== 'migrate') return undefined;
  return model.workflows.find((w) => w.fileName === model.migrateFile && w.migration);
}

/** The migrated text: after the write, what was written; before, what the fix would make of the file. */
function migratedText(model: WizardModel): string | undefined {
  if (model.written?.migrated) return model.written.text;
  return migrationSource(model)?.migration?.migratedText;
}

export interface Target {
  fileName: string;
  /** A file of that name exists under .github/workflows/ (before this wizard wrote it). */
  exists: boolean;
  existing?: WorkflowInspection;
  /** Offered instead of replacing an existing file. */
  alternativeName?: string;
  action: 'create' | 'replace' | 'rename' | 'migrate';
}

/** Which file the wizard writes, and how (nothing in `existing` mode). */
export function targetOf(model: WizardModel): Target | undefined {
  if (!model.project || model.mode === 'existing') return undefined;
  if (model.written?.migrated) {
    return { fileName: model.written.fileName, exists: true, existing: model.workflows.find((w) => w.fileName === model.written!.fileName), action: 'migrate' };
  }
  if (model.mode === 'migrate') {
    const source = migrationSource(model);
    return source ? { fileName: source.fileName, exists: true, existing: source, action: 'migrate' } : undefined;
  }
  const names = new Set(model.workflows.map((w) => w.fileName));
  if (model.written && !model.written.migrated) {
    const existing = model.workflows.find((w) => w.fileName === model.written!.fileName);
    return { fileName: model.written.fileName, exists: true, existing, action: 'replace' };
  }
  const existing = model.workflows.find((w) => w.fileName === model.workflowFileName);
  if (!existing) return { fileName: model.workflowFileName, exists: false, action: 'create' };
  const alternativeName = alternativeWorkflowName(model.workflowFileName, names);
  // A file that already holds exactly the generated text is this wizard's earlier work: nothing to rename.
  if (model.existingAction === 'rename' && existing.text !== generateFor(model, model.workflowFileName)) {
    return { fileName: alternativeName, exists: names.has(alternativeName), alternativeName, action: 'rename' };
  }
  return { fileName: model.workflowFileName, exists: true, existing, alternativeName, action: 'replace' };
}

function newPlan(model: WizardModel, fileName: string): ReleasePlan | undefined {
  const project = model.project;
  if (!project) return undefined;
  const chosen = model.choices.wheels ?? 'auto';
  const compiled = chosen === 'auto' ? project.facts.build.kind === 'compiled' : chosen !== 'pure';
  return planRelease(project.facts, {
    ...planOptionsOf(model.choices, compiled),
    ...(model.platforms ? { platforms: model.platforms } : {}),
    packageDir: project.location.packageDir,
    workflowFileName: fileName,
  });
}

function generateFor(model: WizardModel, fileName: string): string | undefined {
  const plan = newPlan(model, fileName);
  return plan && Object.keys(validateChoices(model.choices, model.project?.facts)).length === 0 ? generateWorkflow(plan) : undefined;
}

/**
 * The workflow the later steps describe when it is one of the repository's own (kept, or migrated), as the checks'
 * publishing summary reads it; undefined for a workflow the wizard generates.
 */
export function sourcePublishing(model: WizardModel): WorkflowPublishing | undefined {
  const kept = existingSource(model);
  if (kept) return kept.publishing;
  const target = targetOf(model);
  if (target?.action !== 'migrate') return undefined;
  const text = migratedText(model);
  return text === undefined ? undefined : summarizePublishing(model.written?.fileName ?? target.fileName, text);
}

/** The plan the later steps describe: the generated workflow's, or the kept or migrated workflow's as read from its text. */
export function planOf(model: WizardModel): ReleasePlan | undefined {
  if (!model.project) return undefined;
  if (model.mode === 'existing' || targetOf(model)?.action === 'migrate') {
    const summary = sourcePublishing(model);
    if (!summary) return undefined;
    const publisher = publisherOfSummary(summary);
    return planRelease(model.project.facts, {
      workflowFileName: summary.fileName,
      pypi: publisher.environment !== undefined,
      environment: publisher.environment ?? '',
      testPypi: publisher.testPypiEnvironment !== undefined,
      testPypiEnvironment: publisher.testPypiEnvironment ?? '',
      trigger: publisher.trigger === 'tag' ? 'tag' : 'release',
      packageDir: model.project.location.packageDir,
    });
  }
  const target = targetOf(model);
  return target ? newPlan(model, target.fileName) : undefined;
}

/** How the kept, migrated or generated workflow starts: decides the first-release instructions. */
export function triggerOf(model: WizardModel): 'release' | 'tag' | 'other' {
  if (model.mode === 'new') return model.choices.trigger;
  const summary = sourcePublishing(model);
  return summary ? publisherOfSummary(summary).trigger : 'other';
}

/** The indexes the workflow uploads to. */
export function indexesOf(model: WizardModel): IndexId[] {
  const plan = planOf(model);
  if (!plan) return [];
  const summary = sourcePublishing(model);
  if (summary) return (['pypi', 'testpypi'] as const).filter((index) => uploadsTo(summary, index).length > 0);
  return [...(plan.pypi ? (['pypi'] as const) : []), ...(plan.testPypi ? (['testpypi'] as const) : [])];
}

/**
 * The Workflow name and Environment name PyPI must trust for `index`, and where they come from: the repository's
 * workflow (kept, migrated, or written by the wizard), else the workflow the wizard will write, from the choices.
 */
export function publisherOriginOf(model: WizardModel, index: IndexId): PublisherOrigin | undefined {
  const plan = planOf(model);
  if (!plan) return undefined;
  const source = sourcePublishing(model);
  const written = model.mode === 'new' ? writtenOf(model) : undefined;
  const summary = source ?? (written ? summarizePublishing(written.fileName, written.text) : undefined);
  if (summary) {
    const choice = choosePublisherOrigin([summary], index, plan, summary.fileName);
    if (choice.kind === 'existing') return choice.origin;
  }
  const planned = plannedOrigin(plan, index);
  const others = otherPublishers(model).filter((w) => uploadsTo(w.publishing, index).length > 0);
  if (others.length === 0) return planned;
  const names = others.map((w) => w.fileName).join(', ');
  return { ...planned, source: `for the workflow the wizard will write (${WORKFLOWS_FOLDER}/${plan.workflowFileName}); ${names} also ${others.length === 1 ? 'publishes' : 'publish'} to ${index === 'pypi' ? 'PyPI' : 'TestPyPI'}` };
}

/**
 * The repository's other workflows that publish, while the wizard writes a new one: two workflows would then
 * publish the same project (a file the wizard replaces does not count).
 */
export function otherPublishers(model: WizardModel): WorkflowInspection[] {
  if (model.mode !== 'new') return [];
  const target = targetOf(model);
  const replaced = target && target.action !== 'rename' ? target.fileName : undefined;
  return model.workflows.filter((w) => w.fileName !== replaced && w.publishing.uploads.length > 0);
}

/** "Two workflows would publish: publish.yaml publishes to PyPI with trusted publishing…", or undefined. */
export function twoPublishersWarning(model: WizardModel): string | undefined {
  const others = otherPublishers(model);
  if (others.length === 0) return undefined;
  const said = others.flatMap((w) => w.description).join('; ');
  const instead = others.some(publishesTrusted)
    ? 'keep the one you have (step Detect: "Check and register")'
    : others.some((w) => w.migration)
      ? 'switch the one you have over (step Detect: "Migrate")'
      : "remove the other workflow's upload";
  return `Two workflows would publish this project: ${said}. PyPI trusts each workflow separately: ${instead}, or remove one upload once the new workflow works.`;
}

/** The exact text the write step writes. */
export function proposedText(model: WizardModel): string | undefined {
  const target = targetOf(model);
  if (!target) return undefined;
  if (target.action === 'migrate') return migratedText(model);
  return generateFor(model, target.fileName);
}

/** The environments the publish jobs name (what PyPI's publishers and GitHub's settings must agree on), once each. */
export function environmentsOf(model: WizardModel): Array<{ index: IndexId; name: string }> {
  const environments: Array<{ index: IndexId; name: string }> = [];
  for (const index of indexesOf(model)) {
    const name = publisherOriginOf(model, index)?.environment ?? '';
    if (name !== '' && !environments.some((e) => e.name.toLowerCase() === name.toLowerCase())) environments.push({ index, name });
  }
  return environments;
}

/** The written file, or the file on disk that already holds exactly the proposed text (an earlier run's). */
export function writtenOf(model: WizardModel): WrittenFile | undefined {
  if (model.written) return model.written;
  const target = targetOf(model);
  const text = proposedText(model);
  if (target && target.action !== 'migrate' && target.existing && text !== undefined && target.existing.text === text) {
    return { fileName: target.fileName, text, migrated: false, upToDate: true, secrets: [] };
  }
  return undefined;
}

/** The secrets a migrated workflow stopped reading (to delete on GitHub, then revoke on PyPI). */
export function oldSecrets(model: WizardModel): string[] {
  return model.written?.migrated ? model.written.secrets : [];
}

// ---------------------------------------------------------------------------------------------------------------
// Navigation

export function sequenceOf(model: WizardModel): StepId[] {
  return STEP_IDS.filter((step) => !(step === 'choose' && model.mode !== 'new') && !(step === 'write' && model.mode === 'existing'));
}

/** Why `step` cannot be shown yet, in words; undefined when it can. */
export function blockerOf(model: WizardModel, step: StepId): string | undefined {
  if (step === 'detect') return undefined;
  if (model.busy && !model.project) return 'Still looking at the workspace.';
  if (!model.project) return model.projectError ?? 'No Python project to set up.';
  if (!repositoryOf(model)) return model.repositoryError ?? model.remoteQuestion ?? 'Choose the git remote of the GitHub repository.';
  if (step === 'choose') return model.mode !== 'new' ? 'Not needed: the wizard keeps your workflow and its choices.' : undefined;
  if (model.mode === 'existing') {
    if (!existingSource(model)) return 'Choose the workflow PyPI should trust (step Detect).';
    return step === 'write' ? 'Not needed: the wizard keeps your workflow.' : undefined;
  }
  if (model.mode === 'new' && Object.keys(validateChoices(model.choices, model.project?.facts)).length > 0) return 'Correct the choices first.';
  if (model.mode === 'migrate' && !migratedText(model)) return 'The migration is no longer possible: detect again.';
  if (step === 'review' || step === 'write') return undefined;
  return writtenOf(model) ? undefined : 'Write the workflow first.';
}

export function navigation(model: WizardModel): { back?: StepId; next?: StepId; blocked?: string } {
  const sequence = sequenceOf(model);
  const at = sequence.indexOf(model.step);
  const back = at > 0 ? sequence[at - 1] : undefined;
  const next = at >= 0 && at < sequence.length - 1 ? sequence[at + 1] : undefined;
  return { back, next, blocked: next ? blockerOf(model, next) : undefined };
}

// ---------------------------------------------------------------------------------------------------------------
// The reducer

/** The next model; the same object when the event does not apply (a locked step, an unknown remote...). */
export function reduce(model: WizardModel, event: WizardEvent): WizardModel {
  switch (event.type) {
    case 'busy':
      return { ...model, busy: event.text };
    case 'notice':
      return { ...model, notice: event.notice };
    case 'detected': {
      const { type: _type, ...detected } = event;
      const next: WizardModel = {
        ...model,
        // What this detection did not find is gone (a pyproject.toml renamed away leaves no project behind).
        packageId: undefined,
        project: undefined,
        projectError: undefined,
        remoteName: undefined,
        repositoryError: undefined,
        remoteQuestion: undefined,
        workflowsFolder: undefined,
        ...detected,
        // A remote the user picked among several stays picked while it exists.
        ...(detected.remoteName === undefined && detected.remotes.some((r) => r.name === model.remoteName)
          ? { remoteName: model.remoteName, repositoryError: detected.remotes.find((r) => r.name === model.remoteName)?.error, remoteQuestion: undefined }
          : {}),
        busy: undefined,
        ...startingMode(detected.workflows),
        migrateFile: undefined,
        copied: undefined,
        existingAction: 'replace',
        written: undefined,
        writeError: undefined,
        pypiChecking: false,
        pypi: {},
        github: sameRepository(model, detected.remotes, detected.remoteName) ? model.github : initialGitHub(),
      };
      return { ...next, step: blockerOf(next, model.step) ? 'detect' : model.step };
    }
    case 'selectRemote': {
      const remote = model.remotes.find((r) => r.name === event.name);
      if (!remote || model.remoteName === event.name) return model;
      return {
        ...model,
        remoteName: remote.name,
        repositoryError: remote.error,
        remoteQuestion: undefined,
        github: initialGitHub(),
        notice: undefined,
      };
    }
    case 'navigate':
      if (event.step === model.step || blockerOf(model, event.step)) return model;
      return { ...model, step: event.step, notice: undefined, copied: undefined };
    case 'setChoices': {
      if (model.mode !== 'new') return model;
      const changed = changedChoices(model.choices, event.choices);
      if (Object.keys(changed).length === 0) return model;
      return { ...model, choices: { ...model.choices, ...changed }, written: undefined, writeError: undefined, notice: undefined };
    }
    case 'setExistingAction':
      if (model.existingAction === event.action || model.written) return model;
      return { ...model, existingAction: event.action };
    case 'setMode':
      if (model.written) return model;
      if (event.mode === 'new') {
        if (model.mode === 'new') return model;
        return { ...model, mode: 'new', migrateFile: undefined, existingFile: undefined, step: 'detect', pypi: {} };
      } else if (event.mode === 'existing') {
        const kept = model.workflows.find((w) => w.fileName === event.fileName && publishesTrusted(w));
        if (!kept || (model.mode === 'existing' && model.existingFile === kept.fileName)) return model;
        return { ...model, mode: 'existing', existingFile: kept.fileName, migrateFile: undefined, step: 'detect', pypi: {} };
      } else {
        const source = model.workflows.find((w) => w.fileName === event.fileName && w.migration);
        if (!source || (model.mode === 'migrate' && model.migrateFile === event.fileName)) return model;
        // A job without an environment gets the one chosen in the wizard (the settings' until the user changes it).
        const migrated = withMigrationEnvironments(source, chosenEnvironments(model.choices));
        const workflows = model.workflows.map((w) => (w === source ? migrated : w));
        return { ...model, workflows, mode: 'migrate', migrateFile: source.fileName, existingFile: undefined, step: 'detect', pypi: {} };
      }
    case 'written': {
      const workflows = [...model.workflows.filter((w) => w.fileName !== event.file.fileName), event.inspection].sort((a, b) =>
        a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0,
      );
      return { ...model, written: event.file, workflows, writeError: undefined, busy: undefined };
    }
    case 'inspected': {
      const workflows = model.workflows.map((w) => (w.fileName === event.inspection.fileName ? event.inspection : w));
      return { ...model, workflows, busy: undefined };
    }
    case 'copied':
      return { ...model, copied: { index: event.index, field: event.field }, notice: undefined };
    case 'writeFailed':
      return { ...model, writeError: event.message, busy: undefined };
    case 'pypiChecking':
      return { ...model, pypiChecking: true };
    case 'pypiChecked':
      return { ...model, pypi: { ...model.pypi, [event.index]: event.check } };
    case 'pypiDone':
      return { ...model, pypiChecking: false };
    case 'github':
      return { ...model, github: { ...model.github, ...event.update } };
    case 'environmentEnsured': {
      const github = { ...model.github, ensured: { ...model.github.ensured, [event.name]: event.result } };
      if (event.result.ok) {
        const environment = event.result.value.environment;
        const others = (github.environments ?? []).filter((e) => e.name.toLowerCase() !== environment.name.toLowerCase());
        github.environments = [...others, environment];
      }
      return { ...model, github };
    }
    case 'secretDeleted': {
      const github = { ...model.github, deleted: { ...model.github.deleted, [event.name]: event.result } };
      if (event.result.ok && github.secretNames) github.secretNames = github.secretNames.filter((n) => n !== event.name);
      return { ...model, github };
    }
  }
}

/** The environment names of the choices that PyPI would accept; the others are left to the defaults. */
function chosenEnvironments(choices: Choices): NewEnvironments {
  const usable = (name: string) => (name.trim() !== '' && !validateEnvironmentName(name) ? name : undefined);
  return { pypi: usable(choices.environment), testpypi: usable(choices.testPypiEnvironment) };
}

function sameRepository(model: WizardModel, remotes: RemoteCandidate[], remoteName: string | undefined): boolean {
  const before = remoteRepositoryOf(model);
  const after = remotes.find((r) => r.name === remoteName)?.repository;
  return !!before && !!after && before.owner === after.owner && before.repo === after.repo;
}

/**
 * A model restored from what the webview kept before a reload: the choices, the mode, the existing-file choice, the
 * file written, and the step, each only when it still applies to what was detected now.
 */
export function restore(model: WizardModel, saved: { step: StepId; session: SessionView }): WizardModel {
  const { session } = saved;
  let next = model;
  if (session.mode === 'migrate' && session.migrateFile) next = reduce(next, { type: 'setMode', mode: 'migrate', fileName: session.migrateFile });
  else if (session.mode === 'existing' && session.existingFile) next = reduce(next, { type: 'setMode', mode: 'existing', fileName: session.existingFile });
  else if (session.mode === 'new') next = reduce(next, { type: 'setMode', mode: 'new' });
  next = reduce(next, { type: 'setChoices', choices: session.choices });
  next = reduce(next, { type: 'setExistingAction', action: session.action });
  const written = session.written;
  const onDisk = written && next.workflows.find((w) => w.fileName === written.fileName);
  if (written && onDisk) {
    if (written.migrated && !onDisk.tokenPublishing) {
      next = { ...next, mode: 'migrate', migrateFile: written.fileName, written: { fileName: written.fileName, text: onDisk.text, migrated: true, upToDate: false, secrets: written.secrets } };
    } else if (!written.migrated && next.mode === 'new' && onDisk.text === generateFor(next, written.fileName)) {
      next = { ...next, written: { fileName: written.fileName, text: onDisk.text, migrated: false, upToDate: false, secrets: [] } };
    }
  }
  // Go as far towards the saved step as is still possible.
  const sequence = sequenceOf(next);
  for (const step of sequence.slice(1, sequence.indexOf(saved.step) + 1)) {
    const moved = reduce(next, { type: 'navigate', step });
    if (moved === next) break;
    next = moved;
  }
  return next;
}

/** What the webview keeps so that `restore` can rebuild the model after a reload. */
export function sessionOf(model: WizardModel): SessionView {
  return {
    ...(model.packageId ? { packageId: model.packageId } : {}),
    choices: model.choices,
    mode: model.mode,
    ...(model.migrateFile ? { migrateFile: model.migrateFile } : {}),
    ...(model.existingFile ? { existingFile: model.existingFile } : {}),
    action: model.existingAction,
    ...(model.written ? { written: { fileName: model.written.fileName, migrated: model.written.migrated, secrets: model.written.secrets } } : {}),
  };
}
