/** A distribution file as the verifier needs it: its name and the SHA-256 of its bytes. */
export interface DistributionFile {
  filename: string;
  /** Lower-case hex. */
  sha256: string;
}

/**
 * A trusted publisher as a PEP 740 attestation bundle names it (the Integrity API's `publisher` object). Index-side
 * metadata: PyPI records it, the certificate must agree with it.
 */
export interface RecordedPublisher {
  /** 'GitHub', 'GitLab', 'Google', ... */
  kind: string;
  /** `owner/repo` (GitHub), `namespace/project` (GitLab). */
  repository?: string;
  /** GitHub: the workflow file name (`release.yml`); GitLab: the CI file path (`.gitlab-ci.yml`). */
  workflow?: string;
  /** Google: the service account. */
  email?: string;
  /** The environment PyPI's publisher requires; null or absent: any. */
  environment?: string | null;
}

/** Who the user expects to have published: a GitHub repository and, optionally, its workflow and environment. */
export interface ExpectedPublisher {
  /** `owner/repo`; case-insensitive, as GitHub names are. */
  repository?: string;
  /** The workflow file name, `release.yml`; a `.github/workflows/` path is reduced to its name. Exact. */
  workflow?: string;
  /**
   * The GitHub environment. Sigstore certificates do not carry it, so it is compared with the environment PyPI records
   * for the publisher, and says so.
   */
  environment?: string;
}

/** The signer as the certificate names it (Fulcio's extensions), read once the certificate chain is trusted. */
export interface SignerIdentity {
  kind: 'GitHub' | 'GitLab' | 'Google' | 'unknown';
  /** The OIDC issuer. */
  issuer: string;
  /** `owner/repo` from the Source Repository URI. */
  repository?: string;
  /** GitHub: the file name under `.github/workflows/`; GitLab: the CI file path. From the Build Config URI. */
  workflow?: string;
  /** The git ref the run was for, `refs/tags/v1.0`. */
  ref?: string;
  /** The commit. */
  sha?: string;
  /** The workflow that ran the build (`repo/.github/workflows/release.yml@refs/tags/v1.0`): the Build Config URI. */
  buildConfigUri?: string;
  /** The workflow that signed, when it differs from the build config (a reusable workflow). */
  buildSignerUri?: string;
  /** The run (GitHub Actions run or GitLab job) that signed. */
  runUri?: string;
  /** The certificate's subject alternative name (an email for Google, a workflow URI for CI). */
  subjectAlternativeName?: string;
}

export type CheckId = 'signature' | 'certificate' | 'transparencyLog' | 'subject' | 'recordedPublisher' | 'expectedPublisher';

export interface Check {
  id: CheckId;
  /** `skipped`: an earlier check failed, so this one says nothing. */
  status: 'pass' | 'fail' | 'skipped';
  /** One sentence: what was verified, or what failed and why. */
  message: string;
}

export interface AttestationVerification {
  /** Where it is in the provenance object: `attestation_bundles[bundle].attestations[index]`. */
  bundle: number;
  index: number;
  /** The publisher PyPI records for the bundle; undefined for a lone attestation. */
  recordedPublisher?: RecordedPublisher;
  /** Undefined when the certificate could not be read. Only to be trusted when `certificate` passed. */
  signer?: SignerIdentity;
  /** The transparency-log entries: log index and time integrated (ISO), for the summary. */
  logEntries: Array<{ logIndex: string; integratedTime?: string }>;
  checks: Check[];
  ok: boolean;
}

export interface ProvenanceVerification {
  file: DistributionFile;
  attestations: AttestationVerification[];
  /** Every attestation passed every check, and there is at least one. */
  ok: boolean;
  /** Why there is nothing to verify (no attestation at all), when that is the case. */
  problem?: string;
}
