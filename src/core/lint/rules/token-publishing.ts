import { proposedEnvironmentName } from '../analysis/environments';
import { buildsInPublishJob, isReportedTokenUpload } from '../analysis/tokenMigration';
import { insertJobKey } from '../edits/jobEdits';
import { splitBuildJob } from '../edits/buildJobSplit';
import { applyEdits, lineStart, nextLineStart } from '../edits/textEdits';
import { analyzeWorkflow } from '../analysis/facts';
import { parseWorkflow } from '../analysis/workflowModel';
import { setStepInput } from '../edits/stepEdits';
import {
  indexLabel,
  jobPermissionGrant,
  OIDC_TOOLS,
  pinsOldTwine,
  overlapping,
  removeCredentials,
  secretGroup,
  secretLabel,
  TOOL_LABEL,
  uploadTarget,
  type SecretUpload,
} from '../analysis/oidcPublishing';
import { passwordLogin } from '../analysis/credentials';
import type { Fix, LintContext, Rule, RuleFinding, Span, TextEdit } from '../engine/types';
import { evidenceSentence, isOpaque } from '../analysis/publishing';
import type { JobModel } from '../analysis/workflowModel';
import { spanOf } from '../analysis/yamlNodes';
import { later } from '../engine/fixesLater';

/**
 * A PyPI API token stored as a repository secret works from anywhere, for as long as nobody revokes it: one leak
 * (a log, a compromised action, a malicious build dependency) and the project can be published by someone else.
 * Trusted publishing replaces it with a token that GitHub mints per run and that expires within minutes.
 * https://docs.pypi.org/trusted-publishers/
 *
 * One root cause, one finding: the build in the same job (build-in-publish-job) and a checkout that keeps the
 * GITHUB_TOKEN on disk (checkout-persists-credentials) are part of the same move, so this finding relates them and
 * its fix sets `persist-credentials: false` too. Moving the build to its own job is left to build-in-publish-job,
 * and the fix's title says so.
 */
export const tokenPublishing: Rule = {
  meta: { id: 'token-publishing', title: 'Upload to PyPI uses a long-lived token', severity: 'warning' },
  check(context) {
    const all = context.facts.secretUploads;
    if (all.length === 0) return [];
    const reusable = context.workflow.triggers.has('workflow_call');
    const findings: RuleFinding[] = [];
    for (const found of all) {
      // A job that already has id-token: write is token-overrides-oidc's case (outside reusable workflows).
      if (isReportedTokenUpload(found, context.facts)) findings.push(tokenFinding(context, all, found, reusable));
    }
    return findings;
  },
};

type RelatedSpan = { range: Span; message: string };

/** The finding for one token, which names every job it reaches. */
function tokenFinding(context: LintContext, all: SecretUpload[], found: SecretUpload, reusable: boolean): RuleFinding {
  const { text, workflow } = context;
  const { credential, secret, uploads } = found;
  const jobs: JobModel[] = [];
  const tools: string[] = [];
  let target: ReturnType<typeof uploadTarget> | undefined;
  let oneTarget = true;
  let seen: string | undefined;
  for (const upload of uploads) {
    if (!jobs.includes(upload.job)) jobs.push(upload.job);
    const to = uploadTarget(upload, text);
    if (target === undefined) target = to;
    else if (to !== target) oneTarget = false;
    if (!OIDC_TOOLS.has(upload.tool) && !isOpaque(upload.tool) && !tools.includes(TOOL_LABEL[upload.tool])) tools.push(TOOL_LABEL[upload.tool]);
    seen ??= evidenceSentence(upload);
  }
  const names = jobs.map((j) => `'${j.id}'`).join(', ');
  const index = oneTarget && target !== undefined ? indexLabel(target) : 'PyPI';
  // A user name other than __token__ goes with an account password (or a secret that may hold one), not a token.
  const kind = passwordLogin(uploads, workflow, text) ? 'password' : 'token';
  const advice = reusable
    ? `This workflow is reusable (on: workflow_call): trusted publishing from it works only when a workflow of this repository calls it, with the publisher on ${index} naming this file, and PyPI does not officially support that yet. Move the upload into a job of the calling workflow, register that workflow as a trusted publisher on ${index}, grant the job \`id-token: write\` and remove the ${kind}`
    : tools.length > 0
      ? `${tools.join(' and ')} cannot use trusted publishing: upload with pypa/gh-action-pypi-publish (or \`uv publish\`) instead, register this workflow as a trusted publisher on ${index}, grant the job \`id-token: write\` and remove the ${kind}`
      : seen
        ? `Use trusted publishing instead: upload with pypa/gh-action-pypi-publish (or \`uv publish\`, twine 6.1+) in a job with \`id-token: write\`, register this workflow as a trusted publisher on ${index} and remove the ${kind}`
        : `Use trusted publishing instead: register this workflow as a trusted publisher on ${index}, grant the job \`id-token: write\` and remove the ${kind}`;
  const why =
    kind === 'password'
      ? `${index} refuses account passwords for uploads, so this works only if the user name is __token__ and the password an API token, which works from anywhere until someone revokes it`
      : 'A long-lived token works from anywhere until someone revokes it';
  const credentialWords = kind === 'password' ? 'a user name and password' : 'a long-lived token';
  const related: RelatedSpan[] = [];
  for (const upload of uploads) related.push({ range: upload.range, message: 'the upload that reads the token' });
  sameMove(context, jobs, uploads, related);
  const finding: RuleFinding = {
    message:
      (seen
        ? `Job ${names} appears to upload to ${index} with ${credentialWords}. ${seen[0].toUpperCase()}${seen.slice(1)}. `
        : `Job ${names} uploads to ${index} with ${credentialWords}, ${secretLabel(secret)}. It reaches the upload through \`${credential.name}\`. `) +
      `${why}. ${advice}; then delete ${secretLabel(secret)} from the repository's settings and revoke the ${kind === 'password' ? 'API token, if it is one,' : 'token'} on ${index}.`,
    range: credential.range,
    related,
  };
  if (!reusable && tools.length === 0) finding.fixes = later(migrateFixes, context, all, found);
  return finding;
}

/**
 * Adds to `related` the build steps and the checkouts that keep the GITHUB_TOKEN, in the jobs that upload: parts of
 * the same move.
 */
function sameMove({ facts }: LintContext, jobs: JobModel[], uploads: SecretUpload['uploads'], related: RelatedSpan[]): void {
  for (const job of jobs) {
    const own = jobs.length === 1 ? uploads : uploads.filter((u) => u.job === job);
    for (const build of buildsInPublishJob(job, own, facts)) {
      related.push({ range: build.range, message: `builds in the job that uploads (build-in-publish-job): part of the same move` });
    }
    const checkouts = facts.persistingCheckouts(job);
    // None when a script of the job may push with the token (read only for a job that has such a checkout).
    if (checkouts.length === 0 || facts.gitUse(job).hidden) continue;
    for (const c of checkouts) {
      related.push({
        range: c.setting ? spanOf(c.setting.value ?? c.setting.key) : spanOf(c.step.uses!.node),
        message: 'keeps the GITHUB_TOKEN on disk (checkout-persists-credentials): part of the same move',
      });
    }
  }
}

function migrateFixes(context: LintContext, all: SecretUpload[], found: SecretUpload): Fix[] | undefined {
  const fix = migrate(context, all, found);
  return fix && [fix];
}

/**
 * Removes the token and gives each uploading job what trusted publishing needs: `id-token: write` (keeping the
 * scopes it had) and a GitHub environment, which the trusted publisher on PyPI can then require. Jobs are switched
 * whole (every secret of theirs goes), so every finding of one job offers the same edits.
 */
function migrate(context: LintContext, all: SecretUpload[], found: SecretUpload): Fix | undefined {
  const { text, workflow, facts, environments: chosen } = context;
  const { secrets, jobs } = secretGroup(all, found);
  const uploads = secrets.flatMap((s) => s.uploads);
  if (uploads.some((u) => !OIDC_TOOLS.has(u.tool) || uploadTarget(u, text) === 'unknown' || facts.hasIdToken(u.job))) return undefined;
  if (jobs.some((job) => pinsOldTwine(job, text))) return undefined;
  const removal = removeCredentials(text, secrets, workflow);
  if (!removal) return undefined;
  const edits: TextEdit[] = [...removal];
  const publishes = facts.publishSteps;
  for (const job of jobs) {
    const grant = jobPermissionGrant(text, workflow, job, [['id-token', 'write']]);
    const targets = publishes.filter((p) => p.job === job).map((u) => uploadTarget(u, text));
    // A job that has an environment keeps it (PyPI's publisher may already name it); else the user's choice, else the
    // one PyPI has on record or missing-environment proposes.
    const index = targets.every((t) => t === 'testpypi') ? 'testpypi' : 'pypi';
    const environment = job.pair('environment') ? [] : [`environment: ${chosen?.[index] || environmentFor(context, job, index === 'testpypi')}`];
    if ('edit' in grant) {
      edits.push(overlapping(text, grant.edit));
      if (environment.length > 0) edits.push(overlapping(text, insertJobKey(text, job, environment)));
    } else {
      edits.push(overlapping(text, insertJobKey(text, job, [...environment, ...grant.lines])));
    }
  }
  // The checkouts stop keeping the GITHUB_TOKEN on disk, as checkout-persists-credentials asks (not where a script
  // may push with it: that one needs a decision).
  let checkouts = 0;
  for (const job of jobs) {
    if (facts.gitUse(job).hidden) continue;
    for (const { step } of facts.persistingCheckouts(job)) {
      const edit = setStepInput(text, step, 'persist-credentials', 'false');
      if (!edit) continue;
      edits.push(edit);
      checkouts += 1;
    }
  }
  const names = secrets.map((s) => s.credential.name).join(', ');
  const building = jobs.filter((job) => buildsInPublishJob(job, uploads.filter((u) => u.job === job), facts).length > 0);
  const title = `Switch to trusted publishing: remove ${names}, grant id-token: write to job ${jobs.map((j) => `'${j.id}'`).join(', ')}${checkouts > 0 ? ', set persist-credentials: false' : ''}`;
  if (building.length === 0) return { title, edits };
  // The build moves to a job of its own as build-in-publish-job's fix would move it, on the migrated text, so that
  // one fix settles the whole move. Where that fix needs a decision, the title says the build is left.
  const split = splitBuilds(text, edits, building);
  if (!split) return { title: `${title} (building in job ${building.map((j) => `'${j.id}'`).join(', ')} is left: see build-in-publish-job)`, edits };
  return { title: `${title}, move the build into a new job ${split.buildJobs.map((id) => `'${id}'`).join(', ')}`, edits: [split.edit] };
}

/**
 * The migration's edits and then the build split of each building job, as one edit of the original text: from the
 * first to the last changed character (the text between is the result's own, so its comments stay as they are).
 */
function splitBuilds(text: string, edits: TextEdit[], building: JobModel[]): { edit: TextEdit; buildJobs: string[] } | undefined {
  let current = applyEdits(text, edits);
  const buildJobs: string[] = [];
  for (const { id } of building) {
    const { workflow } = parseWorkflow(current);
    if (!workflow) return undefined;
    const facts = analyzeWorkflow(workflow, current);
    const job = workflow.job(id);
    const uploads = facts.publishJobs.find((p) => p.job === job)?.steps;
    if (!job || !uploads) return undefined;
    const split = splitBuildJob(current, workflow, job, uploads, buildsInPublishJob(job, uploads, facts));
    if (!split) return undefined;
    current = applyEdits(current, split.edits);
    buildJobs.push(split.buildJob);
  }
  let start = 0;
  while (start < text.length && start < current.length && text[start] === current[start]) start++;
  let end = 0;
  while (end < text.length - start && end < current.length - start && text[text.length - 1 - end] === current[current.length - 1 - end]) end++;
  // Whole lines: an edit that starts or ends inside a line (a job id both texts begin with) reads oddly in the editor.
  start = lineStart(text, start);
  const tail = text.length - end;
  end = text.length - Math.max(start, tail === lineStart(text, tail) ? tail : nextLineStart(text, tail));
  return { edit: { start, end: text.length - end, newText: current.slice(start, current.length - end) }, buildJobs };
}

/**
 * The environment the migrated job gets: the one PyPI's record of the last release names for this repository and
 * workflow (its trusted publisher expects it), else the name missing-environment proposes (one the workflow already
 * uses for releasing, or `pypi`/`testpypi`), so that neither rule has more to say after the switch.
 */
function environmentFor({ workflow, published, location }: LintContext, job: JobModel, test: boolean): string {
  const release = published?.find((p) => p.index === (test ? 'testpypi' : 'pypi'));
  const repository = location?.repository && `${location.repository.owner}/${location.repository.repo}`.toLowerCase();
  const recorded = release?.publisher.environment;
  if (recorded && release.publisher.repository?.toLowerCase() === repository && release.publisher.workflow === location?.fileName && /^[\w.-]+$/.test(recorded)) return recorded;
  return proposedEnvironmentName(workflow, job, test);
}
