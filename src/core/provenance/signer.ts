/**
 * Who signed, from the certificate's Fulcio claims, and whether that is a given publisher. The comparisons follow
 * pypi-attestations' verification policies (`_GitHubTrustedPublisherPolicy`, `_GitLabTrustedPublisherPolicy`), which
 * PyPI applies to every attestation it accepts:
 * - the OIDC issuer is the CI system's;
 * - the Source Repository URI is the publisher's repository;
 * - the Build Config URI is `<repository>/.github/workflows/<workflow>@<ref or commit>` (GitLab:
 *   `<project>//<ci file>@<ref or commit>`), with the ref or commit the certificate itself names.
 * Repository names compare case-insensitively (GitHub and GitLab paths are); workflow names exactly, as PyPI does.
 */
import type { FulcioClaims } from './certificate';
import type { SignerIdentity } from './types';

export const ISSUERS = {
  GitHub: 'https://token.actions.githubusercontent.com',
  GitLab: 'https://gitlab.com',
  Google: 'https://accounts.google.com',
} as const;

/** A publisher to compare the signer with: PyPI's record of it, or the one the user expects. */
export interface WantedPublisher {
  kind: string;
  repository?: string;
  workflow?: string;
  email?: string;
}

interface BuildConfig {
  repository: string;
  workflow: string;
  /** The ref or commit after the `@`. */
  at: string;
}

export function signerIdentity(claims: FulcioClaims): SignerIdentity {
  const issuer = claims.issuer ?? '';
  const kind = issuer === ISSUERS.GitHub ? 'GitHub' : issuer === ISSUERS.GitLab ? 'GitLab' : issuer === ISSUERS.Google ? 'Google' : 'unknown';
  const host = kind === 'GitHub' ? 'https://github.com/' : kind === 'GitLab' ? 'https://gitlab.com/' : undefined;
  const repository = host && claims.sourceRepositoryUri?.startsWith(host) ? claims.sourceRepositoryUri.slice(host.length) : undefined;
  const config = buildConfig(kind, claims.buildConfigUri);
  return {
    kind,
    issuer,
    ...(repository ? { repository } : {}),
    ...(config ? { workflow: config.workflow } : {}),
    ...(claims.sourceRepositoryRef ? { ref: claims.sourceRepositoryRef } : {}),
    ...(claims.sourceRepositoryDigest ? { sha: claims.sourceRepositoryDigest } : {}),
    ...(claims.buildConfigUri ? { buildConfigUri: claims.buildConfigUri } : {}),
    ...(claims.buildSignerUri && claims.buildSignerUri !== claims.buildConfigUri ? { buildSignerUri: claims.buildSignerUri } : {}),
    ...(claims.runInvocationUri ? { runUri: claims.runInvocationUri } : {}),
    ...(claims.subjectAlternativeName ? { subjectAlternativeName: claims.subjectAlternativeName } : {}),
  };
}

/** `GitHub workflow owner/repo/.github/workflows/release.yml@refs/tags/v1.0`, and the like. */
export function describeSigner(signer: SignerIdentity): string {
  const uri = (signer.buildConfigUri ?? '').replace(/^https:\/\/(github|gitlab)\.com\//, '');
  switch (signer.kind) {
    case 'GitHub':
      return uri ? `GitHub workflow ${uri}` : `GitHub repository ${signer.repository ?? '(unnamed)'}`;
    case 'GitLab':
      return uri ? `GitLab CI ${uri}` : `GitLab project ${signer.repository ?? '(unnamed)'}`;
    case 'Google':
      return `Google service account ${signer.subjectAlternativeName ?? '(unnamed)'}`;
    default:
      return `${signer.subjectAlternativeName ?? 'an identity'} from ${signer.issuer || 'an unnamed issuer'}`;
  }
}

/** How the signer differs from `wanted`, one phrase each (`repository "a/b", not "c/d"`); [] when it is that publisher. */
export function publisherDifferences(claims: FulcioClaims, signer: SignerIdentity, wanted: WantedPublisher): string[] {
  if (wanted.kind === 'Google') {
    if (signer.kind !== 'Google') return [`signed by ${describeSigner(signer)}, not by a Google service account`];
    return wanted.email !== undefined && signer.subjectAlternativeName !== wanted.email
      ? [`service account "${signer.subjectAlternativeName ?? ''}", not "${wanted.email}"`]
      : [];
  }
  if (wanted.kind !== 'GitHub' && wanted.kind !== 'GitLab') return [`publisher kind "${wanted.kind}" cannot be matched with a Sigstore certificate here`];
  if (signer.kind !== wanted.kind) return [`signed by ${describeSigner(signer)}, not by ${wanted.kind === 'GitHub' ? 'a GitHub workflow' : 'GitLab CI'}`];

  const differences: string[] = [];
  const config = buildConfig(signer.kind, claims.buildConfigUri);
  if (wanted.repository !== undefined) {
    if (!sameRepository(signer.repository, wanted.repository)) {
      differences.push(`repository "${signer.repository ?? '(none named)'}", not "${wanted.repository}"`);
    } else if (config && !sameRepository(config.repository, wanted.repository)) {
      differences.push(`the workflow that ran is in "${config.repository}", not "${wanted.repository}"`);
    }
  }
  if (wanted.workflow !== undefined) {
    if (!config) {
      differences.push(`the certificate names no workflow (no readable Build Config URI), not "${wanted.workflow}"`);
    } else if (config.workflow !== wanted.workflow) {
      const caseOnly = config.workflow.toLowerCase() === wanted.workflow.toLowerCase() ? ' (workflow names compare case-sensitively)' : '';
      differences.push(`workflow "${config.workflow}", not "${wanted.workflow}"${caseOnly}`);
    } else if (config.at !== claims.sourceRepositoryDigest && config.at !== claims.sourceRepositoryRef) {
      differences.push(`the workflow ran at "${config.at}", which is neither the commit nor the ref the certificate names`);
    }
  }
  return differences;
}

function buildConfig(kind: SignerIdentity['kind'], uri: string | undefined): BuildConfig | undefined {
  if (!uri) return undefined;
  const match =
    kind === 'GitHub'
      ? /^https:\/\/github\.com\/([^/]+\/[^/]+)\/\.github\/workflows\/([^@]+)@(.+)$/.exec(uri)
      : kind === 'GitLab'
        ? /^https:\/\/gitlab\.com\/(.+?)\/\/([^@]+)@(.+)$/.exec(uri)
        : null;
  return match ? { repository: match[1], workflow: match[2], at: match[3] } : undefined;
}

const sameRepository = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b.toLowerCase();
