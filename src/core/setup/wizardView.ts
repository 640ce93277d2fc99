import { runLabel } from '../diagnose/latestRun';
import { plainMessage } from '../lint';
import { PYTHON_MINORS, choosePythonVersion, wheelsReport } from '../publish';
import type { ChooseView, DetectView, LinkView, ReviewView, StepView, WizardView, WriteView } from '../../shared/protocol';
import { doneView, stepDone } from './checklist';
import { validateChoices } from './choices';
import { describeBuild, describeVersion } from './detect';
import { githubView } from './githubReport';
import { summarizeCounts } from './inspectWorkflow';
import { pypiIndexView } from './pypiReport';
import {
  blockerOf,
  existingSource,
  failedRunOf,
  indexesOf,
  publishesTrusted,
  publisherOriginOf,
  stepTitle,
  twoPublishersWarning,
  navigation,
  planOf,
  proposedText,
  repositoryOf,
  sequenceOf,
  sessionOf,
  targetOf,
  writtenOf,
  type FailedReleaseRun,
  type WizardModel,
} from './wizardModel';

/**
 * Everything the webview shows, computed from the model. Only the current step and the ones before carry data.
 * `now` dates the failed release run ("2 hours ago").
 */
export function wizardView(model: WizardModel, now: number = Date.now()): WizardView {
  const sequence = sequenceOf(model);
  const current = sequence.indexOf(model.step);
  const steps: StepView[] = (['detect', 'choose', 'review', 'write', 'pypi', 'github', 'done'] as const).map((id) => {
    const at = sequence.indexOf(id);
    // Detect, Choose and Review are done once passed; Write, PyPI, GitHub and Done only when the checklist says so.
    const passed = id === 'detect' || id === 'choose' || id === 'review' ? at < current : stepDone(model, id);
    const state: StepView['state'] =
      at < 0 ? 'skipped' : id === model.step ? 'current' : blockerOf(model, id) ? 'locked' : passed ? 'done' : 'available';
    return { id, title: stepTitle(model, id), state };
  });
  const nav = navigation(model);
  const view: WizardView = {
    step: model.step,
    session: sessionOf(model),
    steps,
    nav: {
      ...(nav.back ? { back: nav.back } : {}),
      ...(nav.next ? { next: nav.next } : {}),
      nextLabel: nav.next ? `Next: ${stepTitle(model, nav.next)}` : 'Finished',
      ...(nav.blocked ? { blocked: nav.blocked } : {}),
    },
    detect: detectView(model),
  };
  if (model.busy) view.busy = model.busy;
  if (model.notice) view.notice = model.notice;
  const show = (step: 'choose' | 'review' | 'write' | 'pypi' | 'github' | 'done') => model.step === step;
  if (show('choose')) view.choose = chooseView(model);
  if (show('review')) view.review = reviewView(model);
  if (show('write')) view.write = writeView(model);
  if (show('pypi')) {
    const plan = planOf(model);
    const repository = repositoryOf(model);
    if (plan && repository) {
      view.pypi = {
        checking: model.pypiChecking,
        indexes: indexesOf(model).map((index) =>
          pypiIndexView(plan, repository, index, model.pypi[index], model.pypiChecking, publisherOriginOf(model, index), model.copied?.index === index ? model.copied.field : undefined),
        ),
      };
    }
  }
  if (show('github')) view.github = githubView(model);
  if (show('done')) view.done = doneView(model);
  // Where the user is signed in and looks at what is set up: the release that already failed is worth a look.
  const failed = show('github') || show('done') ? failedRunOf(model) : undefined;
  if (failed) view.failedRun = { text: failedRunText(failed, now) };
  return view;
}

/** "The latest release run (#14, 2 days ago) of release.yml failed." */
export function failedRunText(run: FailedReleaseRun, now: number): string {
  return `The latest release run (${runLabel({ id: run.runId, number: run.number, createdAt: run.createdAt }, now)}) of ${run.workflow} failed.`;
}

function detectView(model: WizardModel): DetectView {
  const project = model.project;
  const repository = repositoryOf(model);
  return {
    packages: model.packages.map((p) => ({ id: p.id, name: p.name, location: p.location, detail: p.detail, ...(p.error ? { error: p.error } : {}) })),
    ...(model.packageId ? { packageId: model.packageId } : {}),
    ...(project
      ? {
          project: {
            name: project.facts.name,
            normalizedName: project.facts.normalizedName,
            backend: project.facts.backendName,
            build: describeBuild(project.facts),
            version: describeVersion(project.facts),
            ...(project.facts.requiresPython ? { requiresPython: project.facts.requiresPython } : {}),
            packageDir: project.location.packageDir,
            ...(project.facts.warnings ? { warnings: project.facts.warnings.map((w) => ({ message: w.message, suggestion: w.suggestion })) } : {}),
          },
        }
      : {}),
    ...(model.workflowsFolder ?? project?.workflowsFolder ? { workflowsFolder: model.workflowsFolder ?? project?.workflowsFolder } : {}),
    ...(model.projectError ? { projectError: model.projectError } : {}),
    remotes: model.remotes.map((r) => ({
      name: r.name,
      url: r.url,
      ...(r.repository ? { repository: `${r.repository.owner}/${r.repository.repo}` } : {}),
      ...(r.error ? { error: r.error } : {}),
    })),
    ...(model.remoteName ? { remoteName: model.remoteName } : {}),
    ...(repository ? { repository: `${repository.owner}/${repository.repo}` } : {}),
    ...(model.repositoryError ? { repositoryError: model.repositoryError } : {}),
    ...(model.remoteQuestion ? { remoteQuestion: model.remoteQuestion } : {}),
    workflows: model.workflows.map((w) => ({
      fileName: w.fileName,
      errors: w.counts.error,
      warnings: w.counts.warning,
      notes: w.counts.info,
      publishing: w.description,
      canKeep: publishesTrusted(w),
      tokenPublishing: w.tokenPublishing,
      canMigrate: !!w.migration,
      secrets: w.secrets,
      summary: summarizeCounts(w.counts),
    })),
    mode: model.mode,
    ...(model.migrateFile ? { migrateFile: model.migrateFile } : {}),
    ...(model.existingFile ? { existingFile: model.existingFile } : {}),
    ...(model.mode === 'existing' && !existingSource(model)
      ? { askWhich: `${model.workflows.filter(publishesTrusted).length} workflows publish with trusted publishing. PyPI trusts one workflow per publisher: which one should the wizard check and register?` }
      : {}),
    ...(twoPublishersWarning(model) ? { twoPublishers: twoPublishersWarning(model) } : {}),
  };
}

function chooseView(model: WizardModel): ChooseView {
  const facts = model.project?.facts;
  const plan = planOf(model);
  return {
    choices: model.choices,
    errors: validateChoices(model.choices, facts),
    pure: (plan?.wheels ?? 'pure') === 'pure',
    wheels: plan?.wheels === 'maturin' ? 'maturin wheels for Linux, macOS and Windows' : plan?.wheels === 'cibuildwheel' ? 'cibuildwheel wheels for Linux, macOS and Windows' : 'one pure-Python wheel and the sdist',
    wheelsReason: facts ? wheelsReport(facts).summary : '',
    ...(facts && wheelsReport(facts).doubt ? { wheelsDoubt: wheelsReport(facts).doubt } : {}),
    pythonVersions: [...PYTHON_MINORS],
    suggestedPython: choosePythonVersion(facts?.requiresPython),
    ...(facts?.requiresPython ? { requiresPython: facts.requiresPython } : {}),
    workflowFileName: model.workflowFileName,
  };
}

function relativePath(model: WizardModel, fileName: string): string {
  return `${model.project?.workflowsFolder ?? '.github/workflows'}/${fileName}`;
}

function reviewView(model: WizardModel): ReviewView | undefined {
  const kept = existingSource(model);
  if (kept) {
    return {
      mode: 'existing',
      fileName: kept.fileName,
      relativePath: relativePath(model, kept.fileName),
      yaml: kept.text,
      exists: true,
      action: model.existingAction,
      upToDate: true,
      publishing: kept.description,
      findings: kept.findings.map((f, index) => ({
        index,
        ruleId: f.ruleId,
        severity: f.severity,
        message: plainMessage(f.message),
        line: f.line,
        ...(f.fix ? { fixTitle: f.fix.title } : {}),
      })),
    };
  }
  const target = targetOf(model);
  const text = proposedText(model);
  if (!target || text === undefined) return undefined;
  const existing = model.workflows.find((w) => w.fileName === model.workflowFileName);
  const written = writtenOf(model);
  const upToDate = !!written?.upToDate || (!!target.existing && target.existing.text === text);
  const twoPublishers = twoPublishersWarning(model);
  return {
    mode: target.action === 'migrate' ? 'migrate' : 'new',
    fileName: target.fileName,
    relativePath: relativePath(model, target.fileName),
    yaml: text,
    // A file that already holds exactly this workflow needs no "replace it?" question.
    exists: target.action === 'migrate' ? true : !!existing && !model.written && !upToDate,
    ...(existing && target.action !== 'migrate' ? { existingSummary: `${model.workflowFileName} exists (${summarizeCounts(existing.counts)}).` } : {}),
    action: model.existingAction,
    ...(target.alternativeName ? { alternativeName: target.alternativeName } : {}),
    upToDate,
    ...(target.action === 'migrate' && target.existing?.migration ? { migrationTitle: target.existing.migration.title } : {}),
    ...(twoPublishers ? { twoPublishers } : {}),
  };
}

function writeView(model: WizardModel): WriteView | undefined {
  const target = targetOf(model);
  if (!target) return undefined;
  const path = relativePath(model, target.fileName);
  const written = writtenOf(model);
  const actionLabel =
    target.action === 'migrate'
      ? `Apply the migration to ${target.fileName}`
      : target.action === 'replace' && target.exists
        ? `Replace ${target.fileName}`
        : `Create ${path}`;
  return {
    mode: target.action === 'migrate' ? 'migrate' : 'new',
    relativePath: path,
    actionLabel,
    ...(written ? { written: { relativePath: relativePath(model, written.fileName), upToDate: written.upToDate, migrated: written.migrated } } : {}),
    ...(model.writeError ? { error: model.writeError } : {}),
    ...(model.project && !model.project.inRepository
      ? { warning: 'This package is in no git repository: the workflow goes beside it. GitHub only runs workflows from the repository root\'s .github/workflows/.' }
      : {}),
  };
}

/** Every link the view shows, by id: the only URLs the host opens when the webview asks. */
export function linksOf(view: WizardView): Map<string, string> {
  const links = new Map<string, string>();
  const add = (link: LinkView | undefined) => link && links.set(link.id, link.url);
  for (const index of view.pypi?.indexes ?? []) {
    index.links.forEach(add);
    add(index.publisher?.link);
  }
  add(view.github?.revokeLink);
  add(view.done?.release.link);
  return links;
}
