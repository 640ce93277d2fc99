import { normalizeName } from '../pyproject/names';
import { canonicalVersion, findVersion } from '../pyproject/versions';
import { ACTION_PINS, INDEX_HOSTS, pendingPublishingUrl, projectPublishingUrl } from '../publish';
import { CLAIM_NAMES, readClaims, type TokenClaims } from './claims';
import { compareWithPublisher, fieldsOfClaims, reusableWorkflowDifference, type FieldDifference, type KnownPublisher, type PublisherFields } from './compare';
import { failedStep, lastLinesOf, readJobLog, type JobLog, type LogLine } from './jobLog';
import { distributionInLog, distributionOf, indexOfLog, publishActionOf, recogniseFailures, type LogFailure } from './recognise';
import type { DiagnoseContext, DiagnoseReport, Diagnosis, Evidence } from './types';
import { environmentOfUploads, setEnvironmentEdit, workspaceWorkflows, type WorkspaceWorkflows } from './workspace';

const TROUBLESHOOTING = 'https://docs.pypi.org/trusted-publishers/troubleshooting/';
const INDEX_NAMES = { pypi: 'PyPI', testpypi: 'TestPyPI' } as const;

/** Everything one diagnosis reads: the log, what it says, and the workspace around it. */
interface Facts {
  log: JobLog;
  index: 'pypi' | 'testpypi';
  claims?: TokenClaims;
  context: DiagnoseContext;
  workspace: WorkspaceWorkflows;
  /** The project name to use in PyPI's URLs: pyproject's, else the distribution's in the log. */
  projectName?: string;
}

/**
 * Reads a failed release job's log and says what failed, with the log lines that show it, what to change (with the
 * exact values), the edits to the workflow that fix it, and the PyPI pages to open. The log alone is enough; the
 * workspace's workflows, the project, and the publishers PyPI or the wizard know make the answer exact.
 */
export function diagnoseLog(text: string, context: DiagnoseContext = {}): DiagnoseReport {
  const log = readJobLog(text);
  const claims = readClaims(log);
  const recognised = recogniseFailures(log);
  const index = indexOfLog(log, recognised[0]?.at) ?? 'pypi';
  const distribution = distributionInLog(log);
  const projectName = context.project?.normalizedName ?? (distribution ? normalizeName(distribution.name) : undefined);
  const expectedEnvironment = knownPublishers({ log, index, claims, context, workspace: workspaceWorkflows([]) }).find((k) => k.source !== 'workspace' && k.fields.environment)?.fields.environment;
  const workspace = workspaceWorkflows(context.workflows ?? [], context.project, expectedEnvironment ? { [index]: expectedEnvironment } : undefined);
  const facts: Facts = { log, index, claims, context, workspace, projectName };

  // The fork message is a special case of the missing token (the action prints one or the other, both name the token).
  const failures = recognised.some((f) => f.kind === 'fork-pull-request') ? recognised.filter((f) => f.kind !== 'missing-id-token') : recognised;
  const diagnoses = failures.map((failure) => diagnose(failure, facts));
  // A reusable-workflow warning explains an invalid-publisher refusal; shown on its own only when nothing failed.
  const ordered = diagnoses.length > 1 ? diagnoses.filter((d) => d.kind !== 'reusable-workflow' || !diagnoses.some((o) => o.kind === 'invalid-publisher')) : diagnoses;
  const step = failedStep(log);
  return {
    recognised: ordered.length > 0,
    diagnoses: ordered.length > 0 ? ordered : [unknownFailure(facts, step)],
    index,
    ...(claims ? { claims } : {}),
    ...(step ? { failedStep: step } : {}),
  };
}

function diagnose(failure: LogFailure, facts: Facts): Diagnosis {
  switch (failure.kind) {
    case 'invalid-publisher':
      return invalidPublisher(failure, facts);
    case 'invalid-pending-publisher':
      return pendingOnExistingProject(failure, facts);
    case 'fork-pull-request':
      return forkPullRequest(failure, facts);
    case 'missing-id-token':
      return missingIdToken(failure, facts);
    case 'non-user-identity':
      return nonUserIdentity(failure, facts);
    case 'file-exists':
      return fileExists(failure, facts);
    case 'metadata-unsupported':
      return metadataUnsupported(failure, facts);
    case 'token-rejected':
      return tokenRejected(failure, facts);
    case 'non-linux-runner':
      return nonLinuxRunner(failure, facts);
    case 'reusable-workflow':
      return reusableWorkflow(failure, facts);
  }
}

function blank(kind: Diagnosis['kind'], summary: string, evidence: Evidence[]): Diagnosis {
  return { kind, summary, evidence, differences: [], changes: [], values: [], edits: [], links: [] };
}

/** Evidence grouped by step, each line once, in log order. */
function evidenceOf(lines: LogLine[]): Evidence[] {
  const groups: Evidence[] = [];
  const seen = new Set<LogLine>();
  for (const line of lines) {
    if (seen.has(line)) continue;
    seen.add(line);
    const last = groups[groups.length - 1];
    const entry = { number: line.number, text: line.text.trim() };
    if (last && last.step === line.step) last.lines.push(entry);
    else groups.push({ ...(line.step ? { step: line.step } : {}), lines: [entry] });
  }
  return groups;
}

const CLAIM_LINE = new RegExp(`^\\s*(?:>\\s*)?(?:[*-]\\s+)?\`?(?:r#)?(?:${CLAIM_NAMES.join('|')})\`?\\s*:`);
const claimLines = (log: JobLog): LogLine[] => log.lines.filter((l) => CLAIM_LINE.test(l.text));

/** The publishers we know of for the index, most authoritative first: PyPI's record, the wizard's values, the workspace. */
function knownPublishers(facts: Facts): KnownPublisher[] {
  const { context, index } = facts;
  const known: KnownPublisher[] = [];
  for (const release of context.published ?? []) {
    const publisher = release.publisher;
    if (release.index !== index || !/github/i.test(publisher.kind)) continue;
    const [owner, repository] = (publisher.repository ?? '').split('/');
    known.push({
      source: 'pypi',
      label: `the publisher ${INDEX_NAMES[index]} accepted for release ${release.version}`,
      fields: {
        ...(owner && repository ? { owner, repository } : {}),
        ...(publisher.workflow ? { workflow: publisher.workflow } : {}),
        ...(publisher.environment !== undefined ? { environment: publisher.environment ?? '' } : {}),
      },
    });
  }
  for (const shown of context.shown ?? []) {
    if (shown.index !== index) continue;
    known.push({
      source: 'wizard',
      label: 'the publisher the wizard showed',
      fields: { owner: shown.owner, repository: shown.repository, workflow: shown.workflow, environment: shown.environment },
    });
  }
  return known;
}

/** The workspace's publishing workflow, as a publisher: what it would present now. */
function workspacePublisher(facts: Facts, fileName: string | undefined): KnownPublisher | undefined {
  const file = facts.workspace.publishing(facts.index, fileName);
  if (!file) return undefined;
  const environment = environmentOfUploads(file.summary, facts.index);
  const repository = facts.context.repository;
  return {
    source: 'workspace',
    label: `the workflow in this workspace (${file.file})`,
    fields: {
      ...(repository ? { owner: repository.owner, repository: repository.repo } : {}),
      ...(repository?.ownerId !== undefined ? { ownerId: String(repository.ownerId) } : {}),
      workflow: file.summary.fileName,
      ...(environment !== undefined ? { environment } : {}),
    },
  };
}

/** The four form values, for copying; an empty environment is shown as such. */
function formValues(fields: PublisherFields, projectName?: string): Diagnosis['values'] {
  return [
    ...(projectName ? [{ label: 'PyPI Project Name', value: projectName }] : []),
    ...(fields.owner ? [{ label: 'Owner', value: fields.owner }] : []),
    ...(fields.repository ? [{ label: 'Repository name', value: fields.repository }] : []),
    ...(fields.workflow ? [{ label: 'Workflow name', value: fields.workflow }] : []),
    ...(fields.environment !== undefined ? [{ label: 'Environment name', value: fields.environment }] : []),
  ];
}

/** The project's publishing page prefilled with `fields`, and the account's pending-publisher page. */
function publisherLinks(facts: Facts, fields: PublisherFields, which: 'both' | 'project' | 'pending' = 'both'): Diagnosis['links'] {
  const links: Diagnosis['links'] = [];
  const complete = fields.owner && fields.repository && fields.workflow;
  if (which !== 'pending' && facts.projectName && complete) {
    links.push({
      title: `Add this publisher on ${INDEX_HOSTS[facts.index]} (form filled in)`,
      url: projectPublishingUrl(facts.index, facts.projectName, {
        owner: fields.owner!,
        repository: fields.repository!,
        workflow: fields.workflow!,
        environment: fields.environment ?? '',
      }),
    });
  }
  if (which !== 'project') links.push({ title: `Pending publishers of your ${INDEX_HOSTS[facts.index]} account (for a project not yet on the index)`, url: pendingPublishingUrl(facts.index) });
  return links;
}

function invalidPublisher(failure: LogFailure, facts: Facts): Diagnosis {
  const { claims, index } = facts;
  const evidence = evidenceOf([...failure.evidence, ...claimLines(facts.log)]);
  const where = INDEX_NAMES[index];
  if (!claims) {
    const result = blank(
      'invalid-publisher',
      `${where} refused the run's token: no trusted publisher of the project matches the repository, workflow file and environment the run presented${failure.reason ? ` (${failure.reason})` : ''}.`,
      evidence,
    );
    result.changes.push(
      'The log does not show the token\'s claims. Re-run the job with a current pypa/gh-action-pypi-publish (it prints them), or compare the publisher on PyPI with the workflow file name and the publish job\'s environment by hand.',
    );
    result.links.push({ title: 'PyPI: troubleshooting trusted publishing', url: TROUBLESHOOTING });
    return result;
  }
  const presented = fieldsOfClaims(claims);
  const reusable = reusableWorkflowDifference(claims);
  const known = knownPublishers(facts);
  const differences: FieldDifference[] = [...(reusable ? [reusable] : []), ...known.flatMap((k) => compareWithPublisher(claims, k))];
  const workspace = workspacePublisher(facts, presented.workflow);
  const workspaceDifferences = workspace ? compareWithPublisher(claims, workspace) : [];

  const main = differences[0];
  const summary = main
    ? `${where} found no publisher for this run: ${main.message.replace(/^The /, 'the ')}`
    : known.length > 0
      ? `${where} found no publisher for this run, although its claims match ${known[0].label}: check that the publisher is registered on ${INDEX_HOSTS[index]} (not only on the other index) for project ${facts.projectName ?? 'of this release'}, and was not removed.`
      : `${where} found no publisher matching the values this run presented. PyPI's side is not known here: register exactly these values as the project's trusted publisher.`;
  const result = blank('invalid-publisher', summary, evidence);
  result.differences = [...differences, ...workspaceDifferences];

  if (reusable) {
    result.changes.push(`Move the publish job from ${reusable.presented} into ${reusable.expected} itself, then register ${reusable.expected} as the publisher's Workflow name.`);
    result.edits.push(...facts.workspace.fixesOf(['reusable-workflow-publish']));
  }
  // One piece of advice per field, from the most authoritative publisher that differs (PyPI's, then the wizard's).
  const byField = differences.filter((d, i) => d.source !== 'workspace' && d.source !== 'caller' && differences.findIndex((o) => o.field === d.field) === i);
  for (const difference of byField) {
    if (difference.field === 'environment') {
      const expected = difference.expected === '(none)' ? '' : difference.expected;
      const file = facts.workspace.publishing(index, presented.workflow);
      const edit = file && expected !== '' && environmentOfUploads(file.summary, index) !== expected ? setEnvironmentEdit(file, index, expected) : undefined;
      if (edit) result.edits.push(edit);
      result.changes.push(
        `Either run the upload job in environment ${expected === '' ? '(none)' : expected} (the workflow edit below), or change the publisher's Environment name on ${INDEX_HOSTS[index]} to ${difference.presented === '(none)' ? 'nothing (leave it empty)' : difference.presented}.`,
      );
    } else if (difference.field === 'workflow') {
      result.changes.push(
        `Register a publisher with Workflow name ${difference.presented} (the file the run used), or rename the workflow file back to ${difference.expected}; PyPI compares the file name exactly.`,
      );
    } else if (difference.field === 'repository' || difference.field === 'repository_owner_id') {
      result.changes.push(`Add a publisher for ${presented.owner}/${presented.repository} on the project's publishing page and remove the one for ${difference.expected}.`);
    }
  }
  if (!main) {
    result.changes.push(
      `Register exactly these values as a GitHub trusted publisher on ${INDEX_HOSTS[index]}${facts.projectName ? ` for project ${facts.projectName}` : ''} (taken from the run's claims).`,
    );
  }
  for (const difference of workspaceDifferences) {
    result.changes.push(
      difference.field === 'workflow'
        ? `Note: the run used ${difference.presented}, while this workspace publishes with ${difference.expected}; the next release runs ${difference.expected}, so that is the file name to register.`
        : difference.field === 'environment'
          ? `Note: the workspace's workflow now runs the upload in environment ${difference.expected}, not ${difference.presented} as in this run; register the environment of the workflow you will release with.`
          : `Note: ${difference.message}`,
    );
  }
  result.values = formValues(presented, facts.projectName);
  result.links.push(...publisherLinks(facts, presented), { title: 'PyPI: troubleshooting trusted publishing', url: TROUBLESHOOTING });
  return result;
}

function pendingOnExistingProject(failure: LogFailure, facts: Facts): Diagnosis {
  const name = facts.projectName;
  const result = blank(
    'invalid-pending-publisher',
    `The run matched a pending publisher, but ${name ? `project ${name}` : 'the project'} already exists on ${INDEX_HOSTS[facts.index]}: a pending publisher can only create a new project.`,
    evidenceOf([...failure.evidence, ...claimLines(facts.log)]),
  );
  const fields = facts.claims ? fieldsOfClaims(facts.claims) : {};
  result.changes.push(
    `Add the publisher on the project's own publishing page${name ? ` (${INDEX_HOSTS[facts.index]}/manage/project/${name}/settings/publishing/)` : ''} with the values below, then remove the pending publisher from your account's publishing page.`,
  );
  result.values = formValues(fields, name);
  result.links.push(...publisherLinks(facts, fields));
  return result;
}

function missingIdToken(failure: LogFailure, facts: Facts): Diagnosis {
  const result = blank(
    'missing-id-token',
    'The upload could not get an OIDC token from GitHub: the publish job is not granted `id-token: write`, so GitHub did not give it the token request URL.',
    evidenceOf(failure.evidence),
  );
  const fileName = facts.claims ? fieldsOfClaims(facts.claims).workflow : undefined;
  const file = facts.workspace.publishing(facts.index, fileName);
  const fixes = facts.workspace.fixesOf(['missing-id-token'], file?.file);
  result.edits.push(...fixes);
  result.changes.push(
    fixes.length > 0
      ? fixes.map((f) => f.message).join(' ')
      : file
        ? `The workflow ${file.file} now grants id-token: write to its publish job; run the release again (the failed run used an older version of the file, or another workflow).`
        : 'Add `permissions: id-token: write` to the job that uploads (only to that job).',
  );
  result.values.push({ label: 'Job permission', value: 'id-token: write' });
  return result;
}

function forkPullRequest(failure: LogFailure, facts: Facts): Diagnosis {
  const result = blank(
    'fork-pull-request',
    'The upload ran for a pull request from a fork, and GitHub never gives those runs an OIDC token, whatever the permissions say.',
    evidenceOf(failure.evidence),
  );
  const fixes = facts.workspace.fixesOf(['publish-on-pull-request', 'pull-request-target-publish']);
  result.edits.push(...fixes);
  result.changes.push(
    'Publish only from events a fork cannot start: a published release, a pushed tag, or a manual workflow_dispatch.',
    ...fixes.map((f) => f.message),
  );
  return result;
}

function nonUserIdentity(failure: LogFailure, facts: Facts): Diagnosis {
  const distribution = distributionInLog(facts.log);
  const built = distribution ? normalizeName(distribution.name) : undefined;
  const project = facts.context.project;
  const result = blank(
    'non-user-identity',
    `${INDEX_NAMES[facts.index]} refused to create project ${built ?? 'of this upload'}: the token came from a publisher of another project name (a pending publisher made for a different name), and a trusted publisher cannot create a project of any other name.`,
    evidenceOf([...failure.evidence, ...facts.log.lines.filter((l) => distribution && l.text.includes(distribution.file)).slice(0, 1)]),
  );
  if (built && project && project.normalizedName !== built) {
    result.changes.push(`The built distribution is named ${distribution!.name} (normalized ${built}), but pyproject.toml names ${project.name} (${project.normalizedName}): build the project the publisher is for, or fix the name.`);
  }
  if (built) {
    result.changes.push(
      `Make the pending publisher's PyPI Project Name exactly ${built} (names compare after normalization: case, '-', '_' and '.' do not count) on your ${INDEX_HOSTS[facts.index]} account. If ${built} is already taken on ${INDEX_HOSTS[facts.index]} by a project that is not yours, choose another name.`,
    );
    result.values.push({ label: 'PyPI Project Name', value: built });
  }
  if (facts.claims) result.values.push(...formValues(fieldsOfClaims(facts.claims)));
  result.links.push({ title: `Pending publishers of your ${INDEX_HOSTS[facts.index]} account`, url: pendingPublishingUrl(facts.index) }, { title: `${INDEX_HOSTS[facts.index]}: is the name taken?`, url: `https://${INDEX_HOSTS[facts.index]}/project/${built ?? ''}/` });
  return result;
}

function fileExists(failure: LogFailure, facts: Facts): Diagnosis {
  const distribution = failure.file ? distributionOf(failure.file) : distributionInLog(facts.log);
  const version = distribution?.version;
  const result = blank(
    'file-exists',
    `${INDEX_NAMES[facts.index]} already has ${failure.file ?? 'this file'}: a file name can be uploaded only once, even after it is deleted.`,
    evidenceOf(failure.evidence),
  );
  const duplicates = facts.workspace.fixesOf(['duplicate-release-trigger']);
  const duplicateFindings = facts.workspace.findingsOf(['duplicate-release-trigger']);
  if (duplicateFindings.length > 0) {
    result.changes.push(`One release starts the upload twice, so the second upload finds the first one's files: ${duplicateFindings.map((f) => f.message).join(' ')}`);
    result.edits.push(...duplicates);
  }
  const project = facts.context.project;
  // Every release counts, not only the latest: re-uploading an older version (a tag moved back, a stale branch)
  // fails the same way. Compared as PEP 440 normalizes versions, as PyPI does (`1.0.0` is release `1.0`).
  const released = version && facts.context.releasedVersions ? findVersion(version, facts.context.releasedVersions) : undefined;
  const inPyproject = version && project?.version !== undefined && canonicalVersion(project.version) === canonicalVersion(version);
  if (version && (released !== undefined || inPyproject)) {
    const latest = facts.context.latestVersion;
    const onIndex =
      released === undefined
        ? ''
        : `already on ${INDEX_HOSTS[facts.index]}${released !== version ? ` (as ${released})` : ''}${latest && canonicalVersion(latest) !== canonicalVersion(released) ? `, an older release than ${latest}` : ''}`;
    result.changes.push(
      `Version ${version} is ${onIndex || 'still the version in pyproject.toml'}: bump the version${project?.versionFromVcs ? ' (tag a new version: the version comes from git tags)' : ''} and release again.`,
    );
  } else if (duplicateFindings.length === 0) {
    result.changes.push(`Bump the version${version ? ` (this upload was ${version})` : ''} and release again; if another job or workflow uploaded the same files first, let only one of them upload.`);
  }
  if (facts.index === 'testpypi') {
    result.changes.push('For a TestPyPI rehearsal that runs on every push, `skip-existing: true` on the TestPyPI upload step is fine (never on the PyPI step).');
  }
  if (version) result.values.push({ label: 'Version already uploaded', value: version });
  result.links.push({ title: 'PyPI help: file name reuse', url: `https://${INDEX_HOSTS[facts.index]}/help/#file-name-reuse` });
  return result;
}

function metadataUnsupported(failure: LogFailure, facts: Facts): Diagnosis {
  const action = publishActionOf(facts.log);
  const what = failure.rejectedFields
    ? `fields it does not know (${failure.rejectedFields.join(', ')}: license metadata of Metadata-Version 2.4)`
    : `a Metadata-Version newer than it reads (it knows ${failure.supportedVersions ?? 'older ones'})`;
  const result = blank(
    'metadata-unsupported',
    `The twine that checked the distributions is too old for their metadata: it rejected ${what}. ${action ? 'The PyPA publish action bundles its own twine, so the action is too old.' : ''}`.trim(),
    evidenceOf(failure.evidence),
  );
  const fixes = facts.workspace.fixesOf(['outdated-publish-action', 'sunset-action-ref']);
  result.edits.push(...fixes);
  if (action) {
    result.changes.push(
      fixes.length > 0
        ? `Update pypa/gh-action-pypi-publish${action.ref ? ` (the run used @${action.ref}${action.version && action.version !== action.ref ? `, ${action.version}` : ''})` : ''}: ${fixes.map((f) => f.title).join('; ')}.`
        : `Update pypa/gh-action-pypi-publish${action.ref ? ` (the run used @${action.ref})` : ''} to ${ACTION_PINS['pypa/gh-action-pypi-publish'].version}, or follow release/v1 (v1.12.3 reads Metadata-Version 2.4, v1.14.2 reads 2.5).`,
    );
  } else {
    result.changes.push('Upgrade twine together with packaging and pkginfo where the check or upload runs (`python -m pip install -U twine packaging pkginfo`).');
  }
  return result;
}

function tokenRejected(failure: LogFailure, facts: Facts): Diagnosis {
  const result = blank(
    'token-rejected',
    `${INDEX_NAMES[facts.index]} refused the upload's credentials (HTTP 403): the API token is wrong, expired or revoked, or a password was used.`,
    evidenceOf(failure.evidence),
  );
  const fixes = facts.workspace.fixesOf(['token-publishing']);
  result.edits.push(...fixes);
  result.changes.push(
    'Move the upload to trusted publishing: no token to leak, expire or revoke. Register the workflow as a trusted publisher, remove the token from the upload step, and give the job `id-token: write`.',
    ...fixes.map((f) => f.title),
  );
  const file = facts.workspace.publishing(facts.index);
  const repository = facts.context.repository;
  if (file && repository) {
    const fields: PublisherFields = { owner: repository.owner, repository: repository.repo, workflow: file.summary.fileName, environment: environmentOfUploads(file.summary, facts.index) ?? '' };
    result.values.push(...formValues(fields, facts.projectName));
    result.links.push(...publisherLinks(facts, fields, 'project'));
  }
  result.links.push({ title: 'PyPI help: invalid authentication', url: `https://${INDEX_HOSTS[facts.index]}/help/#invalid-auth` });
  return result;
}

function nonLinuxRunner(failure: LogFailure, facts: Facts): Diagnosis {
  const result = blank(
    'non-linux-runner',
    'pypa/gh-action-pypi-publish ran on a Windows or macOS runner, and it only runs on Linux.',
    evidenceOf(failure.evidence),
  );
  const fixes = facts.workspace.fixesOf(['non-linux-publish-runner']);
  result.edits.push(...fixes);
  result.changes.push('Upload from one job on ubuntu-latest that downloads the distributions the other jobs built (actions/upload-artifact, then actions/download-artifact).', ...fixes.map((f) => f.title));
  return result;
}

function reusableWorkflow(failure: LogFailure, facts: Facts): Diagnosis {
  const called = failure.calledRef?.split('@')[0].split('/').pop();
  const caller = failure.callerRef?.split('@')[0].split('/').pop();
  const result = blank(
    'reusable-workflow',
    `The upload ran in the reusable workflow ${called ?? '(called)'}, called from ${caller ?? 'another workflow'}: PyPI does not support trusted publishing from reusable workflows.`,
    evidenceOf(failure.evidence),
  );
  result.changes.push(`Move the publish job into ${caller ?? 'the top-level workflow'} itself, and register that file as the publisher's Workflow name.`);
  result.edits.push(...facts.workspace.fixesOf(['reusable-workflow-publish']));
  result.links.push({ title: 'PyPI: reusable workflows on GitHub', url: `${TROUBLESHOOTING}#reusable-workflows-on-github` });
  return result;
}

function unknownFailure(facts: Facts, step: string | undefined): Diagnosis {
  const lines = lastLinesOf(facts.log, step);
  const result = blank(
    'unknown',
    lines.length > 0
      ? `This is not a trusted-publishing failure we know. The step that failed${step ? ` (${step})` : ''} ends with the lines below.`
      : 'The log is empty: nothing to diagnose.',
    evidenceOf(lines),
  );
  if (facts.context.jobUrl) result.links.push({ title: 'Open the job on GitHub', url: facts.context.jobUrl });
  result.links.push({ title: 'PyPI: troubleshooting trusted publishing', url: TROUBLESHOOTING });
  return result;
}
