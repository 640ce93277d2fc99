import type { GitHubRepository } from '../git/types';
import type { EnsureEnvironmentResult, EnvironmentFacts, RepositoryFacts } from '../github/types';
import { generateWorkflow, planRelease } from '../publish';
import type { ReleasePlan } from '../publish/types';
import type { Choices, IndexId, Notice, SessionView, StepId, WebviewMessage } from '../../shared/protocol';
import { STEP_IDS } from '../../shared/protocol';
import { changedChoices, planOptionsOf, validateChoices } from './choices';
import type { LoadedPackage, PackageCandidate, RemoteCandidate } from './detect';
import { workflowPublisher, type WorkflowInspection } from './inspectWorkflow';
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
  viewer?: { login: string; id: number };
  repository?: RepositoryFacts;
  environments?: EnvironmentFacts[];
  environmentsError?: string;
  /** Create/update results by environment name. */
  ensured: Record<string, Outcome<EnsureEnvironmentResult>>;
  /** The repository's secret names, when they could be listed. */
  secretNames?: string[];
  deleted: Record<string, Outcome<true>>;
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
  workflows: WorkflowInspection[];
  mode: 'new' | 'migrate';
  migrateFile?: string;
  /** From the settings; the review step may pick another name when it exists. */
  workflowFileName: string;
  choices: Choices;
  existingAction: 'replace' | 'rename';
  written?: WrittenFile;
  writeError?: string;
  pypiChecking: boolean;
  pypi: Partial<Record<IndexId, IndexCheck>>;
  github: GitHubState;
}

export type WizardEvent =
  | { type: 'busy'; text?: string }
  | { type: 'notice'; notice?: Notice }
  | ({ type: 'detected' } & Pick<
      WizardModel,
      'packages' | 'packageId' | 'project' | 'projectError' | 'remotes' | 'remoteName' | 'repositoryError' | 'workflows' | 'choices' | 'workflowFileName'
    >)
  // The webview's own requests that change the model, exactly as the protocol defines them.
  | Extract<WebviewMessage, { type: 'selectRemote' | 'navigate' | 'setChoices' | 'setExistingAction' | 'setMode' }>
  | { type: 'written'; file: WrittenFile; inspection: WorkflowInspection }
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

/** Which file the wizard writes, and how. */
export function targetOf(model: WizardModel): Target | undefined {
  if (!model.project) return undefined;
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
  const compiled = project.facts.build.kind === 'compiled';
  return planRelease(project.facts, { ...planOptionsOf(model.choices, compiled), packageDir: project.location.packageDir, workflowFileName: fileName });
}

function generateFor(model: WizardModel, fileName: string): string | undefined {
  const plan = newPlan(model, fileName);
  return plan && Object.keys(validateChoices(model.choices)).length === 0 ? generateWorkflow(plan) : undefined;
}

/** The plan the later steps describe: the generated workflow's, or the migrated workflow's as read from its text. */
export function planOf(model: WizardModel): ReleasePlan | undefined {
  const target = targetOf(model);
  if (!target || !model.project) return undefined;
  if (target.action !== 'migrate') return newPlan(model, target.fileName);
  const text = migratedText(model);
  if (text === undefined) return undefined;
  const publisher = workflowPublisher(text);
  return planRelease(model.project.facts, {
    workflowFileName: model.written?.fileName ?? target.fileName,
    environment: publisher.environment ?? '',
    testPypi: publisher.testPypiEnvironment !== undefined,
    testPypiEnvironment: publisher.testPypiEnvironment ?? '',
    trigger: publisher.trigger === 'tag' ? 'tag' : 'release',
    packageDir: model.project.location.packageDir,
  });
}

/** How the migrated or generated workflow starts: decides the first-release instructions. */
export function triggerOf(model: WizardModel): 'release' | 'tag' | 'other' {
  if (targetOf(model)?.action !== 'migrate') return model.choices.trigger;
  const text = migratedText(model);
  return text === undefined ? 'other' : workflowPublisher(text).trigger;
}

/** The indexes the workflow uploads to. */
export function indexesOf(model: WizardModel): IndexId[] {
  const plan = planOf(model);
  if (!plan) return [];
  if (targetOf(model)?.action === 'migrate') {
    const text = migratedText(model);
    const publisher = text === undefined ? undefined : workflowPublisher(text);
    const indexes: IndexId[] = [];
    if (publisher?.environment !== undefined) indexes.push('pypi');
    if (publisher?.testPypiEnvironment !== undefined) indexes.push('testpypi');
    return indexes;
  }
  return [...(plan.pypi ? (['pypi'] as const) : []), ...(plan.testPypi ? (['testpypi'] as const) : [])];
}

/** The exact text the write step writes. */
export function proposedText(model: WizardModel): string | undefined {
  const target = targetOf(model);
  if (!target) return undefined;
  if (target.action === 'migrate') return migratedText(model);
  return generateFor(model, target.fileName);
}

/** The environments the publish jobs name (what PyPI's publishers and GitHub's settings must agree on). */
export function environmentsOf(model: WizardModel): Array<{ index: IndexId; name: string }> {
  const plan = planOf(model);
  if (!plan) return [];
  return indexesOf(model)
    .map((index) => ({ index, name: index === 'pypi' ? plan.environment : plan.testPypiEnvironment }))
    .filter((e) => e.name !== '');
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
  return STEP_IDS.filter((step) => !(step === 'choose' && model.mode === 'migrate'));
}

/** Why `step` cannot be shown yet, in words; undefined when it can. */
export function blockerOf(model: WizardModel, step: StepId): string | undefined {
  if (step === 'detect') return undefined;
  if (model.busy && !model.project) return 'Still looking at the workspace.';
  if (!model.project) return model.projectError ?? 'No Python project to set up.';
  if (!repositoryOf(model)) return model.repositoryError ?? 'Choose the git remote of the GitHub repository.';
  if (step === 'choose') return model.mode === 'migrate' ? 'Not needed: the migration keeps your workflow and its choices.' : undefined;
  if (model.mode === 'new' && Object.keys(validateChoices(model.choices)).length > 0) return 'Correct the choices first.';
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
        ...detected,
        busy: undefined,
        mode: 'new',
        migrateFile: undefined,
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
        github: initialGitHub(),
        notice: undefined,
      };
    }
    case 'navigate':
      if (event.step === model.step || blockerOf(model, event.step)) return model;
      return { ...model, step: event.step, notice: undefined };
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
      if (event.mode === 'new') {
        if (model.mode === 'new' || model.written) return model;
        return { ...model, mode: 'new', migrateFile: undefined, step: 'detect' };
      } else {
        const source = model.workflows.find((w) => w.fileName === event.fileName && w.migration);
        if (!source || (model.mode === 'migrate' && model.migrateFile === event.fileName) || model.written) return model;
        return { ...model, mode: 'migrate', migrateFile: source.fileName, step: 'detect' };
      }
    case 'written': {
      const workflows = [...model.workflows.filter((w) => w.fileName !== event.file.fileName), event.inspection].sort((a, b) =>
        a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0,
      );
      return { ...model, written: event.file, workflows, writeError: undefined, busy: undefined };
    }
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
    action: model.existingAction,
    ...(model.written ? { written: { fileName: model.written.fileName, migrated: model.written.migrated, secrets: model.written.secrets } } : {}),
  };
}
