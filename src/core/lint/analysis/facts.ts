import { downloadsOf, isOpaque, needsClosure, uploadsOf, type ArtifactDownload, type ArtifactUpload } from './artifacts';
import { versionOf, remoteRefs, type ActionVersion } from './actionRefs';
import { buildStepsOf as distributionBuildsOf, type BuildStep as DistributionBuild } from './buildSteps';
import { gitUseOf, persistingCheckouts, type JobGitUse, type PersistingCheckout } from './checkoutCredentials';
import { credentialsOf, type Credential } from './credentials';
import { buildStepsOf as projectBuildsOf, secretUploads, type BuildStep as ProjectBuild, type SecretUpload } from './oidcPublishing';
import { effectivePermissions, type EffectivePermissions } from './permissions';
import { publishingJobs } from './publishers';
import { findPublishJobs, findPublishSteps, type PublishStep } from './publishing';
import { pypaPublishSteps } from './pypaInputs';
import { releaseJobs } from './releaseJobs';
import { usesTrustedPublishing } from './trustedPublishing';
import type { ActionReference, JobModel, StepModel, WorkflowModel } from './workflowModel';
import { flatMapped } from './lists';
import { keptOn } from './keptOn';

/**
 * What the rules ask about one workflow, each answer computed once per parsed text and kept: which steps upload to a
 * package index and on what evidence (publishEvidence.ts decides), which jobs build, the permissions each job really
 * has, the credentials an upload gets, artifacts, action versions. A rule reads these; it does not work them out
 * again. (38 rules asking "which steps publish?" of the same text used to mean 38 readings.)
 *
 * Everything is computed on first use: a workflow that does not publish never pays for the upload analysis, and an
 * answer a rule does not ask for costs nothing.
 */
export class WorkflowFacts {
  // Each answer is kept in a field of its own: asking again (rules ask the same questions many times per check) is a
  // field read, with no closure or key made for it.
  private readonly answers: {
    publishSteps?: readonly PublishStep[];
    publishJobs?: Array<{ job: JobModel; steps: PublishStep[] }>;
    publishingJobs?: JobModel[];
    releaseJobs?: JobModel[];
    secretUploads?: SecretUpload[];
    pypaSteps?: Array<{ job: JobModel; step: StepModel; uses: ActionReference }>;
    remoteRefs?: Array<{ job: string; ref: ActionReference; step: boolean }>;
    artifactUploads?: ArtifactUpload[];
  } = {};
  private readonly perJob = new Map<JobModel, JobAnswers>();
  private readonly perUpload = new Map<PublishStep, { credentials?: Credential[]; trusted?: boolean }>();

  constructor(
    readonly workflow: WorkflowModel,
    readonly text: string,
  ) {}

  /** Every upload to a package index, on certain or strong evidence (never on names alone). */
  get publishSteps(): readonly PublishStep[] {
    return (this.answers.publishSteps ??= findPublishSteps(this.workflow, this.text));
  }

  /** Jobs holding at least one upload, with their uploads. */
  get publishJobs(): Array<{ job: JobModel; steps: PublishStep[] }> {
    return (this.answers.publishJobs ??= findPublishJobs(this.workflow, this.text));
  }

  /** The publishing jobs, and jobs that call a reusable workflow given a PyPI secret or OIDC (see publishers.ts). */
  get publishingJobs(): JobModel[] {
    return (this.answers.publishingJobs ??= publishingJobs(this.workflow, this.text));
  }

  /** The jobs whose work ends up in a release: the publishing jobs and the building jobs they wait for. */
  get releaseJobs(): JobModel[] {
    return (this.answers.releaseJobs ??= releaseJobs(this.workflow, this.text));
  }

  /** Uploads that get a long-lived secret (token or password), with the secret's name. */
  get secretUploads(): SecretUpload[] {
    return (this.answers.secretUploads ??= secretUploads(this.workflow, this.text));
  }

  /** Steps that use the PyPA publish action. */
  get pypaSteps(): Array<{ job: JobModel; step: StepModel; uses: ActionReference }> {
    return (this.answers.pypaSteps ??= pypaPublishSteps(this.workflow));
  }

  /** Every `uses:` of another repository's action or workflow, by job. */
  get remoteRefs(): Array<{ job: string; ref: ActionReference; step: boolean }> {
    return (this.answers.remoteRefs ??= remoteRefs(this.workflow));
  }

  /** The permissions a job runs with, by GitHub's rules (its own block, else the workflow's, else the default). */
  permissions(job: JobModel): EffectivePermissions {
    return (this.of(job).permissions ??= effectivePermissions(this.workflow, job));
  }

  /** The job may request an OIDC token (`id-token: write`, its own or inherited). */
  hasIdToken(job: JobModel): boolean {
    return this.permissions(job).level('id-token') === 'write';
  }

  /** Steps that build or install the project (what must not run next to an upload credential). */
  projectBuilds(job: JobModel): ProjectBuild[] {
    return (this.of(job).projectBuilds ??= projectBuildsOf(job, this.text));
  }

  /** Steps that build distributions (a build frontend, or a wheel builder such as cibuildwheel). */
  distributionBuilds(job: JobModel): DistributionBuild[] {
    return (this.of(job).distributionBuilds ??= distributionBuildsOf(job, this.text));
  }

  uploads(job: JobModel): ArtifactUpload[] {
    return (this.of(job).uploads ??= uploadsOf(job, this.text));
  }

  /** The job's checkouts that keep the GITHUB_TOKEN on disk (none when a step of the job pushes with git). */
  persistingCheckouts(job: JobModel): PersistingCheckout[] {
    return (this.of(job).persistingCheckouts ??= persistingCheckouts(job, this.text));
  }

  /** What the job does with git: reads from the remote, or runs a script that may push. */
  gitUse(job: JobModel): JobGitUse {
    return (this.of(job).gitUse ??= gitUseOf(job, this.text));
  }

  /** Every artifact upload of the workflow, job by job (one list, so that matchingUploads' index is made once). */
  get artifactUploads(): ArtifactUpload[] {
    return (this.answers.artifactUploads ??= flatMapped(this.workflow.jobs, (job) => this.uploads(job)));
  }

  /** The job, or a job it waits for, may upload artifacts under names this file does not show. */
  waitsForOpaque(job: JobModel): boolean {
    return (this.of(job).waitsForOpaque ??= isOpaque(job) || [...this.needsClosure(job)].some((id) => {
      const upstream = this.workflow.job(id);
      return !!upstream && isOpaque(upstream);
    }));
  }

  downloads(job: JobModel): ArtifactDownload[] {
    return (this.of(job).downloads ??= downloadsOf(job, this.text));
  }

  /** Ids of the jobs this job waits for, directly or not. */
  needsClosure(job: JobModel): Set<string> {
    return (this.of(job).needsClosure ??= needsClosure(this.workflow, job));
  }

  /** The credentials (token, password) an upload gets, from its step, its job or the workflow. */
  credentials(publish: PublishStep): Credential[] {
    return (this.ofUpload(publish).credentials ??= credentialsOf(publish, this.workflow, this.text));
  }

  /** The upload uses trusted publishing: no credential reaches it and its tool trades an OIDC token. */
  trusted(publish: PublishStep): boolean {
    return (this.ofUpload(publish).trusted ??= usesTrustedPublishing(publish, this.workflow, this.text));
  }

  /** The version an action reference names (its tag, or the version comment after a SHA). */
  version(ref: ActionReference): ActionVersion | undefined {
    return versionOf(this.text, ref); // kept per reference by versionOf
  }

  private of(job: JobModel): JobAnswers {
    let answers = this.perJob.get(job);
    if (!answers) this.perJob.set(job, (answers = {}));
    return answers;
  }

  private ofUpload(publish: PublishStep): { credentials?: Credential[]; trusted?: boolean } {
    let answers = this.perUpload.get(publish);
    if (!answers) this.perUpload.set(publish, (answers = {}));
    return answers;
  }
}

interface JobAnswers {
  permissions?: EffectivePermissions;
  projectBuilds?: ProjectBuild[];
  distributionBuilds?: DistributionBuild[];
  uploads?: ArtifactUpload[];
  downloads?: ArtifactDownload[];
  needsClosure?: Set<string>;
  waitsForOpaque?: boolean;
  persistingCheckouts?: PersistingCheckout[];
  gitUse?: JobGitUse;
}

const factsOf = keptOn<WorkflowModel, WorkflowFacts>('facts');

/**
 * The facts of a parsed workflow, made once: the checks, the publishing summary and the wizard ask about the same
 * parse (see parseWorkflow), and share the answers.
 */
export function analyzeWorkflow(workflow: WorkflowModel, text: string): WorkflowFacts {
  const known = factsOf.get(workflow);
  if (known?.text === text) return known;
  const facts = new WorkflowFacts(workflow, text);
  factsOf.set(workflow, facts);
  return facts;
}
