import { isMap, isScalar } from 'yaml';
import { environmentOf } from '../analysis/environments';
import { flowText, indexLabel, ownsLine, uploadTarget } from '../analysis/oidcPublishing';
import { levelIn } from '../analysis/permissions';
import { findPublishSteps, type PublishStep } from '../analysis/publishing';
import { blankComments } from '../analysis/publishEvidence';
import { lineEnd, removePair } from '../edits/textEdits';
import type { Fix, Rule, RuleFinding, Span, TextEdit } from '../engine/types';
import type { JobModel, WorkflowModel } from '../analysis/workflowModel';
import { keySpan, pairOf, pairSpan, pairsOf, spanOf, stringOf, type MapPair } from '../analysis/yamlNodes';

/**
 * A job granted `id-token: write` in its own permissions block that does not publish (a build, test or docs job) can
 * mint an OIDC token, and when the PyPI publisher is not bound to a GitHub environment, PyPI accepts that token for
 * the project: any code the job runs (build backends, test dependencies, actions) could upload a release. Only the
 * upload job should hold it. Jobs that use the token for something else (attestations, signing, a cloud login,
 * GitHub Pages) keep it: an info that names the use.
 *
 * `id-token: write` in the workflow-level block is `id-token-workflow-level`'s: this rule reads job-level blocks, so no
 * grant is reported twice; of workflow-level grants it only says `write-all`, which that rule does not read. A job that
 * calls a reusable workflow may publish there and is left alone.
 * https://docs.pypi.org/trusted-publishers/security-model/
 */
export const idTokenWithoutPublish: Rule = {
  meta: { id: 'id-token-without-publish', title: 'A job that does not publish can request an OIDC token', severity: 'error' },
  check({ text, workflow, facts }) {
    // Cheapest first: in most workflows the only job with its own `id-token: write` is the one that uploads, and there
    // is no workflow-level `write-all`.
    const publishing = facts.publishingJobs;
    const top = workflow.pair('permissions');
    const topWriteAll = !!top && isScalar(top.value) && stringOf(top.value) === 'write-all';
    if (!topWriteAll && !workflow.jobs.some((job) => grantsOwnIdToken(job) && !job.calls && !publishing.includes(job))) return [];
    const trusted = facts.publishSteps.filter((p) => facts.trusted(p));
    if (trusted.length === 0) return [];
    const mayPublish = mayPublishIn(workflow, text, publishing);
    let context: UploadContext | undefined;
    const uploads = () => (context ??= uploadContext(trusted, text));
    const findings: RuleFinding[] = [];
    for (const job of workflow.jobs) {
      if (!grantsOwnIdToken(job) || mayPublish(job)) continue;
      const permissions = job.pair('permissions')!;
      const grant = pairOf(permissions.value, 'id-token');
      const range: Span = grant ? pairSpan(grant) : spanOf(permissions.value, keySpan(permissions));
      const { accept, publishers, related, why } = uploads();
      const other = otherOidcUse(job, text, permissions);
      if (other) {
        findings.push({
          severity: 'info',
          message:
            `Job '${job.id}' does not publish but can mint a token ${accept}. ` +
            `It needs the token for ${other.what}, and ${accept} it unless the publisher names a GitHub environment: ${environmentAdvice(publishers)}`,
          range,
          related: [{ range: other.range, message: `uses the OIDC token: ${other.what}` }, ...related],
        });
        continue;
      }
      const writeAll = !grant;
      const fix = writeAll ? undefined : removeGrant(text, permissions, grant);
      findings.push({
        message:
          (writeAll
            ? `Job '${job.id}' can request an OIDC token but does not publish: replace \`write-all\` with the scopes it uses. `
            : `Job '${job.id}' can request an OIDC token but does not publish: remove \`id-token: write\`. `) + why('this job runs'),
        range,
        related,
        ...(fix ? { fixes: [fix] } : {}),
      });
    }
    // `write-all` at workflow level: id-token-workflow-level reads `id-token: write` pairs only, so this one is said here.
    if (topWriteAll) {
      const exposed = workflow.jobs.filter((job) => !job.pair('permissions') && !mayPublish(job) && !usedByStep(job, text));
      if (exposed.length > 0) {
        const { related, why } = uploads();
        const names = exposed.map((j) => `'${j.id}'`).join(', ');
        findings.push({
          message:
            `${exposed.length === 1 ? `Job ${names} can request an OIDC token but does not publish` : `Jobs ${names} can request an OIDC token but do not publish`}: ` +
            `\`write-all\` at workflow level grants it to every job. ` +
            why(exposed.length === 1 ? 'that job runs' : 'those jobs run') +
            ' Replace `write-all` with the scopes the jobs use (`contents: read` for a checkout).',
          range: spanOf(top!.value, keySpan(top!)),
          related: [...exposed.map((job) => ({ range: keySpan({ key: job.keyNode, value: job.node } as MapPair), message: `'${job.id}' gets id-token: write without publishing` })), ...related],
        });
      }
    }
    return findings;
  },
};

/** The job's own permissions block grants `id-token: write` (by name, or with `write-all`). */
function grantsOwnIdToken(job: JobModel): boolean {
  const permissions = job.pair('permissions');
  return !!permissions && levelIn(permissions.value, 'id-token') === 'write';
}

/**
 * Whether a job may publish: it calls a reusable workflow, or it uploads. Weak evidence (a step named for publishing
 * that gets no credential) cannot say a job publishes, nor that it does not; that second reading of the workflow is
 * made only when a job is not already known to publish.
 */
function mayPublishIn(workflow: WorkflowModel, text: string, publishingJobs: readonly JobModel[]): (job: JobModel) => boolean {
  let perhaps: Set<JobModel> | undefined;
  return (job) => {
    if (job.calls || publishingJobs.includes(job)) return true;
    perhaps ??= new Set(findPublishSteps(workflow, text, { weak: true }).map((p) => p.job));
    return perhaps.has(job);
  };
}

interface UploadContext {
  /** The jobs that upload with trusted publishing. */
  publishers: JobModel[];
  /** The trusted uploads, as related spans of every finding. */
  related: Array<{ range: Span; message: string }>;
  /** "PyPI accepts", "PyPI and TestPyPI accept". */
  accept: string;
  /** Why the grant matters, with `who` the code that could mint the token. */
  why: (who: string) => string;
}

/** What every finding says about the trusted uploads; worked out only when there is a finding. */
function uploadContext(trusted: readonly PublishStep[], text: string): UploadContext {
  const publishers = [...new Set(trusted.map((p) => p.job))];
  const labels = trusted.map((p) => indexLabel(uploadTarget(p, text)));
  const related = trusted.map((p, i) => ({ range: p.range, message: `the upload to ${labels[i]} with trusted publishing, in job '${p.job.id}'` }));
  const indexes = [...new Set(labels)].join(' and ');
  const accept = `${indexes} ${indexes.includes(' and ') ? 'accept' : 'accepts'}`;
  const uploaders = `${publishers.length === 1 ? 'job' : 'jobs'} ${publishers.map((j) => `'${j.id}'`).join(', ')}`;
  const why = (who: string) =>
    `The workflow publishes to ${indexes} with trusted publishing (${uploaders}), and unless the publisher names a GitHub environment, ` +
    `any code ${who} (build backends, dependencies, actions) can mint a token that ${accept} for the project. Grant \`id-token: write\` to the job that uploads only.`;
  return { publishers, related, accept, why };
}

/**
 * Deletes `id-token: write` from a job's block. When it was the only scope the block becomes `permissions: {}`: a job
 * without a block would inherit the workflow's permissions (or the repository's default), more than it had.
 */
function removeGrant(text: string, permissions: MapPair, grant: MapPair): Fix | undefined {
  const map = permissions.value;
  if (!isMap(map)) return undefined;
  const remaining = pairsOf(map).filter((p) => p !== grant);
  const edits: TextEdit[] = [];
  if (map.flow) {
    if (!map.range) return undefined;
    edits.push({ start: map.range[0], end: map.range[1], newText: flowText(text, remaining) });
  } else {
    if (!ownsLine(text, grant)) return undefined;
    edits.push(removePair(text, grant));
    if (remaining.length === 0) {
      const keyEnd = permissions.key.range?.[1] ?? 0;
      const colon = text.indexOf(':', keyEnd);
      if (colon === -1 || colon >= lineEnd(text, keyEnd)) return undefined;
      edits.push({ start: colon + 1, end: colon + 1, newText: ' {}' });
    }
  }
  return { title: 'Remove id-token: write from this job', edits };
}

/** Which environment the publisher should name: the upload jobs' own, or one to give them. */
function environmentAdvice(publishers: JobModel[]): string {
  const names = [
    ...new Set(
      publishers.flatMap((job) => {
        const environment = environmentOf(job);
        const name = environment?.name && !environment.dynamic ? stringOf(environment.name) : undefined;
        return name ? [`'${name}'`] : [];
      }),
    ),
  ];
  if (names.length === 0) return 'give the upload job an environment and register the publisher with it.';
  return names.length === 1
    ? `register the publisher with environment ${names[0]}, the upload job's.`
    : `register each publisher with its upload job's environment (${names.join(', ')}).`;
}

/** Actions that use the job's OIDC token for something other than PyPI, with what for. */
const OIDC_ACTIONS: ReadonlyMap<string, string> = new Map([
  ['actions/attest-build-provenance', 'build provenance attestations'],
  ['actions/attest', 'attestations'],
  ['actions/attest-sbom', 'SBOM attestations'],
  ['sigstore/gh-action-sigstore-python', 'Sigstore signing'],
  ['aws-actions/configure-aws-credentials', 'an AWS login'],
  ['google-github-actions/auth', 'a Google Cloud login'],
  ['azure/login', 'an Azure login'],
  ['hashicorp/vault-action', 'a Vault login'],
  ['actions/deploy-pages', 'a GitHub Pages deployment'],
  ['rust-lang/crates-io-auth-action', 'crates.io trusted publishing'],
  ['octo-sts/action', 'an Octo STS token'],
  ['pulumi/auth-actions', 'a Pulumi login'],
  ['jfrog/setup-jfrog-cli', 'a JFrog login'],
  ['chainguard-dev/setup-chainctl', 'a Chainguard login'],
]);

/** Actions that use OIDC when an input asks for it (`use_oidc: true`). */
const OIDC_INPUTS: ReadonlyMap<string, { input: RegExp; what: string }> = new Map([
  ['codecov/codecov-action', { input: /^use_oidc$/, what: 'a Codecov upload' }],
  ['codecov/test-results-action', { input: /^use_oidc$/, what: 'a Codecov upload' }],
  ['hynek/build-and-inspect-python-package', { input: /^attest-build-provenance-github$/, what: 'build provenance attestations' }],
]);

/** Scopes that only work together with the OIDC token: a job granted them uses it for that. */
const OIDC_SCOPES: ReadonlyMap<string, string> = new Map([
  ['attestations', 'attestations (the job is granted `attestations: write`)'],
  ['pages', 'a GitHub Pages deployment (the job is granted `pages: write`)'],
]);

/** Third-party actions whose name says they log in or sign, which may use the OIDC token. */
const OIDC_NAME = /(?:^|[/_-])(?:oidc|auth|login|credentials?|sts|attest\w*|sigstore|cosign|sign(?:ing)?)(?:$|[/_-])/i;

/** Commands that use the job's OIDC token. */
const OIDC_COMMANDS: Array<{ pattern: RegExp; what: string }> = [
  { pattern: /\bACTIONS_ID_TOKEN_REQUEST_(?:URL|TOKEN)\b/, what: 'a script that requests the token' },
  { pattern: /\bcosign\s+(?:sign|attest)(?:-blob)?\b/, what: 'Sigstore signing (`cosign`)' },
  { pattern: /\b(?:python[\d.]*\s+-m\s+)?sigstore\s+(?:sign|attest)\b/, what: 'Sigstore signing' },
  { pattern: /\bgitsign\b/, what: 'Sigstore signing (`gitsign`)' },
  { pattern: /\b(?:npm|pnpm)\s+publish\b|\byarn\s+npm\s+publish\b/, what: 'an npm release (provenance or trusted publishing)' },
];

/** The first step that needs the OIDC token for something else, and for what; undefined when none says so. */
function otherOidcUse(job: JobModel, text: string, permissions: MapPair): { what: string; range: Span } | undefined {
  const used = usedByStep(job, text);
  if (used) return used;
  for (const pair of pairsOf(permissions.value)) {
    const what = OIDC_SCOPES.get(String(pair.key.value));
    if (what && stringOf(pair.value) === 'write') return { what, range: pairSpan(pair) };
  }
  return undefined;
}

function usedByStep(job: JobModel, text: string): { what: string; range: Span } | undefined {
  for (const step of job.steps) {
    const uses = step.uses;
    if (uses?.kind === 'repository' && uses.node.range) {
      const range = { start: uses.node.range[0], end: uses.node.range[1] };
      const name = uses.raw.split('@')[0];
      const known = OIDC_ACTIONS.get(uses.action);
      if (known) return { what: `${known} (\`${name}\`)`, range };
      const conditional = OIDC_INPUTS.get(uses.action);
      if (conditional) {
        const asked = [...step.inputs.values()].some((p) => conditional.input.test(String(p.key.value)) && stringOf(p.value) !== 'false');
        if (asked) return { what: `${conditional.what} (\`${name}\`)`, range };
        continue;
      }
      if (OIDC_NAME.test(`${uses.action}/${uses.path ?? ''}`)) return { what: `\`${name}\`, whose name says it logs in or signs`, range };
      continue;
    }
    const run = step.run?.range;
    if (!run) continue;
    const source = blankComments(text.slice(run[0], run[1]));
    for (const { pattern, what } of OIDC_COMMANDS) {
      const match = pattern.exec(source);
      if (match) return { what, range: { start: run[0] + match.index, end: run[0] + match.index + match[0].length } };
    }
  }
  return undefined;
}
