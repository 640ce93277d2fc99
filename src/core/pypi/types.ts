import type { Result } from '../result';

/** How to reach a package index's JSON APIs. Base URLs come from settings, so tests and mirrors can point elsewhere. */
export interface PypiClientOptions {
  /** e.g. `https://pypi.org` or `https://test.pypi.org` (no trailing slash needed). */
  baseUrl: string;
  /** Names the extension and its version, e.g. `pypi-trusted-publishing/0.1.0 (vscode)`. */
  userAgent: string;
  /** Per request; default 10 s. */
  timeoutMs?: number;
  /** First retry delay on a 5xx or network error (one retry); default 500 ms. */
  retryDelayMs?: number;
  /** VS Code's `http.proxy` / `http.proxyStrictSSL`; without a URL the standard proxy environment variables apply. */
  proxy?: { url?: string; strictSSL?: boolean };
}

export type PypiError =
  | { kind: 'NotFound'; message: string }
  | { kind: 'Timeout'; message: string }
  | { kind: 'Network'; message: string }
  | { kind: 'Server'; status: number; message: string }
  | { kind: 'RateLimited'; retryAfterSeconds?: number; message: string }
  | { kind: 'Malformed'; message: string };

export interface ProjectInfo {
  /** The name as the index spells it. */
  name: string;
  normalizedName: string;
  /** The newest release's version, when the project has any. */
  latestVersion?: string;
  /** Every version the index has (the JSON API's `releases`), as it spells them; undefined when the answer does not list them. */
  releasedVersions?: string[];
}

/** A trusted publisher as an attestation's provenance names it (Integrity API `publisher` object). */
export interface Publisher {
  /** 'GitHub', 'GitLab', 'Google', 'ActiveState'... */
  kind: string;
  /** `owner/repo` for GitHub. */
  repository?: string;
  /** The workflow file name for GitHub, e.g. `release.yml`. */
  workflow?: string;
  environment?: string | null;
}

export interface LatestPublisher {
  version: string;
  /** The distribution file whose provenance was read. */
  file: string;
  /** Undefined when the release has no provenance (uploaded with a token, or before attestations). */
  publisher?: Publisher;
}

/** One file of a release, as the JSON API lists it (`GET /pypi/<project>/<version>/json`, `urls`). */
export interface ReleaseFile {
  filename: string;
  /** Lower-case hex, as the index lists it. */
  sha256: string;
  size?: number;
  /** Where the file is downloaded from. */
  url?: string;
  yanked: boolean;
}

export interface PypiClient {
  /** Whether the project exists (`/pypi/<name>/json`): a 404 is `NotFound`. */
  project(name: string): Promise<Result<ProjectInfo, PypiError>>;
  /** Which trusted publisher uploaded the newest release (simple API JSON, then the Integrity API). */
  latestPublisher(name: string): Promise<Result<LatestPublisher | undefined, PypiError>>;
  /** The files of one release (JSON API); a project or version the index does not have is `NotFound`. */
  releaseFiles(name: string, version: string): Promise<Result<ReleaseFile[], PypiError>>;
  /**
   * The provenance object of one file, unverified (Integrity API); undefined when the file has none (uploaded with a
   * token, or before attestations).
   */
  provenance(name: string, version: string, filename: string): Promise<Result<unknown, PypiError>>;
}
