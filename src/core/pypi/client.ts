import { normalizeName } from '../pyproject/names';
import { err, ok, type Result } from '../result';
import { createDispatcher } from './dispatcher';
import { getJson, type HttpSettings } from './http';
import { bestFileOfVersion, liveFiles, newestVersion } from './latestFile';
import { readProjectInfo, readProvenance, readReleaseFiles, readSimpleProject, type SimpleFile } from './shapes';
import type { LatestPublisher, ProjectInfo, PypiClient, PypiClientOptions, PypiError, Publisher, ReleaseFile } from './types';

// Each API negotiates on its own media type (PEP 691 for the simple index, docs.pypi.org for the others).
const JSON_API = 'application/json';
const SIMPLE_JSON = 'application/vnd.pypi.simple.v1+json';
const INTEGRITY_JSON = 'application/vnd.pypi.integrity.v1+json';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRY_DELAY_MS = 500;

interface Setup {
  http: HttpSettings;
  /** Ends with `/`, so that relative paths resolve below a mirror's path prefix. */
  base: URL;
}

/**
 * A client for one index. Never throws and never logs: every failure is a `PypiError` for the caller to word.
 * Settings problems (a bad base or proxy URL) surface on the first call, not here, so creating a client is safe.
 */
export function createPypiClient(options: PypiClientOptions): PypiClient {
  const setup = prepare(options);
  // The provenance `latestPublisher` read last: verifying it (`provenance` of the same file, right after) needs no
  // second download.
  let lastProvenance: { key: string; body: unknown } | undefined;
  const provenanceKey = (normalized: string, version: string, filename: string) => `${normalized}\n${version.trim()}\n${filename}`;

  async function project(name: string): Promise<Result<ProjectInfo, PypiError>> {
    if (!setup.ok) return setup;
    const normalized = normalizeName(name.trim());
    if (normalized === '') return err({ kind: 'NotFound', message: 'No project name was given.' });
    const url = new URL(`pypi/${encodeURIComponent(normalized)}/json`, setup.value.base);
    const body = await getJson(setup.value.http, { url, accept: JSON_API, what: `project "${name}"` });
    if (!body.ok) return body;
    const info = readProjectInfo(body.value);
    if (!info.ok) return err(malformed(url, `project "${name}"`, info.error));
    return ok({ ...info.value, normalizedName: normalized });
  }

  async function latestPublisher(name: string): Promise<Result<LatestPublisher | undefined, PypiError>> {
    if (!setup.ok) return setup;
    const { http, base } = setup.value;
    const normalized = normalizeName(name.trim());
    if (normalized === '') return err({ kind: 'NotFound', message: 'No project name was given.' });
    const what = `project "${name}"`;
    const simpleUrl = new URL(`simple/${encodeURIComponent(normalized)}/`, base);
    const body = await getJson(http, { url: simpleUrl, accept: SIMPLE_JSON, what });
    if (!body.ok) return body;
    const simple = readSimpleProject(body.value);
    if (!simple.ok) return err(malformed(simpleUrl, what, simple.error));

    const files = liveFiles(simple.value.files);
    // A project registered (or fully deleted) without files has no release to look at.
    if (files.length === 0) return ok(undefined);
    let version = newestVersion(files, simple.value.versions);
    if (version === undefined) {
      // No upload times (an older mirror): fall back on the JSON API's idea of the latest release.
      const info = await project(name);
      if (!info.ok) return info;
      version = info.value.latestVersion;
      if (version === undefined) return ok(undefined);
    }
    const file = bestFileOfVersion(files, version, simple.value.versions);
    if (!file) return err(malformed(simpleUrl, what, `no file of version ${version} in the list`));

    const read = await provenancePublisher(http, base, simpleUrl, normalized, version, file);
    if (!read.ok) return read;
    if (read.value) lastProvenance = { key: provenanceKey(normalized, version, file.filename), body: read.value.body };
    return ok({ version, file: file.filename, ...(read.value ? { publisher: read.value.publisher } : {}) });
  }

  async function releaseFiles(name: string, version: string): Promise<Result<ReleaseFile[], PypiError>> {
    if (!setup.ok) return setup;
    const normalized = normalizeName(name.trim());
    if (normalized === '' || version.trim() === '') return err({ kind: 'NotFound', message: 'No project name or version was given.' });
    const what = `version ${version} of project "${name}"`;
    const url = new URL(`pypi/${encodeURIComponent(normalized)}/${encodeURIComponent(version.trim())}/json`, setup.value.base);
    const body = await getJson(setup.value.http, { url, accept: JSON_API, what });
    if (!body.ok) return body;
    const files = readReleaseFiles(body.value);
    return files.ok ? files : err(malformed(url, what, files.error));
  }

  async function provenance(name: string, version: string, filename: string): Promise<Result<unknown, PypiError>> {
    if (!setup.ok) return setup;
    const normalized = normalizeName(name.trim());
    if (lastProvenance?.key === provenanceKey(normalized, version, filename)) return ok(lastProvenance.body);
    const what = `provenance of ${filename}`;
    const url = new URL(`integrity/${encodeURIComponent(normalized)}/${encodeURIComponent(version.trim())}/${encodeURIComponent(filename)}/provenance`, setup.value.base);
    const body = await getJson(setup.value.http, { url, accept: INTEGRITY_JSON, what });
    if (!body.ok) return body.error.kind === 'NotFound' ? ok(undefined) : body;
    return body;
  }

  return { project, latestPublisher, releaseFiles, provenance };
}

/** The Integrity API's publisher for one file; undefined when the file has no provenance (token upload, older file). */
async function provenancePublisher(
  http: HttpSettings,
  base: URL,
  simpleUrl: URL,
  normalized: string,
  version: string,
  file: SimpleFile,
): Promise<Result<{ publisher: Publisher; body: unknown } | undefined, PypiError>> {
  // PEP 740: `null` in the simple index means "no provenance", so there is nothing to ask for.
  if (file.provenance === null) return ok(undefined);
  const what = `provenance of ${file.filename}`;
  let url: URL;
  if (file.provenance !== undefined) {
    // The index's own URL first (URLs in the JSON simple API may be relative to the page, PEP 691).
    const resolved = URL.canParse(file.provenance, simpleUrl.href) ? new URL(file.provenance, simpleUrl) : undefined;
    if (!resolved || (resolved.protocol !== 'https:' && resolved.protocol !== 'http:')) return err(malformed(simpleUrl, what, 'the provenance link is not an http(s) URL'));
    url = resolved;
  } else {
    // An index that does not say: try PyPI's route (docs.pypi.org/api/integrity); a 404 means none.
    url = new URL(`integrity/${encodeURIComponent(normalized)}/${encodeURIComponent(version)}/${encodeURIComponent(file.filename)}/provenance`, base);
  }
  const body = await getJson(http, { url, accept: INTEGRITY_JSON, what });
  if (!body.ok) return body.error.kind === 'NotFound' ? ok(undefined) : body;
  const publisher = readProvenance(body.value);
  if (!publisher.ok) return err(malformed(url, what, publisher.error));
  return ok(publisher.value ? { publisher: publisher.value, body: body.value } : undefined);
}

function prepare(options: PypiClientOptions): Result<Setup, PypiError> {
  const base = URL.canParse(options.baseUrl.trim()) ? new URL(options.baseUrl.trim()) : undefined;
  if (!base || (base.protocol !== 'https:' && base.protocol !== 'http:')) {
    return err({ kind: 'Network', message: 'The package index URL is not an http(s) URL.' });
  }
  // fetch refuses URLs with credentials; a private mirror's `https://user:token@host/` becomes a Basic header for
  // that origin only, so a provenance link elsewhere never receives it.
  let credentials: HttpSettings['credentials'];
  if (base.username || base.password) {
    const pair = `${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`;
    credentials = { origin: base.origin, authorization: `Basic ${Buffer.from(pair).toString('base64')}` };
    base.username = '';
    base.password = '';
  }
  base.search = '';
  base.hash = '';
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  let dispatcher: HttpSettings['dispatcher'];
  try {
    dispatcher = createDispatcher(options.proxy);
  } catch {
    // Not echoed: a proxy URL may hold a password.
    return err({ kind: 'Network', message: 'The proxy URL (http.proxy) is not a valid URL.' });
  }
  return ok({
    base,
    http: {
      dispatcher,
      userAgent: options.userAgent,
      timeoutMs: positive(options.timeoutMs) ?? DEFAULT_TIMEOUT_MS,
      retryDelayMs: nonNegative(options.retryDelayMs) ?? DEFAULT_RETRY_DELAY_MS,
      ...(credentials ? { credentials } : {}),
    },
  });
}

function malformed(url: URL, what: string, detail: string): PypiError {
  return { kind: 'Malformed', message: `${url.host} sent an unexpected answer for ${what}: ${detail}.` };
}

const positive = (n: number | undefined): number | undefined => (n !== undefined && Number.isFinite(n) && n > 0 ? n : undefined);
const nonNegative = (n: number | undefined): number | undefined => (n !== undefined && Number.isFinite(n) && n >= 0 ? n : undefined);
