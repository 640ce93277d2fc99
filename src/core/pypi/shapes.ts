/**
 * Runtime checks of the index's JSON bodies. Only the fields this extension uses are checked, and each is checked
 * before use: a mirror, a proxy's error page or a future API version must give `Malformed`, never a crash.
 */
import { err, ok, type Result } from '../result';
import type { Publisher, ReleaseFile } from './types';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Absent and null read as undefined; any other non-string is a shape error. */
function optionalString(object: Json, key: string, where: string): Result<string | undefined, string> {
  const value = object[key];
  if (value === undefined || value === null) return ok(undefined);
  return typeof value === 'string' ? ok(value) : err(`${where}.${key} is not a string`);
}

/**
 * `GET /pypi/<project>/json`: `info.name`, `info.version` (PyPI's latest release) and the keys of `releases` (every
 * version the index has, yanked or emptied ones too: their file names stay taken). `releases` is optional (PyPI
 * calls it deprecated); when absent or not an object the versions are not known.
 */
export function readProjectInfo(body: unknown): Result<{ name: string; latestVersion?: string; releasedVersions?: string[] }, string> {
  if (!isObject(body) || !isObject(body.info)) return err('no "info" object');
  const { name, version } = body.info;
  if (typeof name !== 'string' || name === '') return err('info.name is not a name');
  if (version !== undefined && version !== null && typeof version !== 'string') return err('info.version is not a string');
  const latestVersion = typeof version === 'string' && version !== '' ? version : undefined;
  return ok({ name, ...(latestVersion ? { latestVersion } : {}), ...(isObject(body.releases) ? { releasedVersions: Object.keys(body.releases) } : {}) });
}

/** `GET /pypi/<project>/<version>/json`: the release's files (`urls`) with their SHA-256. */
export function readReleaseFiles(body: unknown): Result<ReleaseFile[], string> {
  if (!isObject(body)) return err('not a JSON object');
  if (!Array.isArray(body.urls)) return err('no "urls" list');
  const files: ReleaseFile[] = [];
  for (const [index, raw] of body.urls.entries()) {
    const where = `urls[${index}]`;
    if (!isObject(raw)) return err(`${where} is not an object`);
    if (typeof raw.filename !== 'string' || raw.filename === '' || /[/\\]/.test(raw.filename)) return err(`${where}.filename is not a file name`);
    const sha256 = isObject(raw.digests) ? raw.digests.sha256 : undefined;
    if (typeof sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(sha256)) return err(`${where}.digests.sha256 is not a SHA-256`);
    const url = optionalString(raw, 'url', where);
    if (!url.ok) return url;
    const size = typeof raw.size === 'number' && Number.isSafeInteger(raw.size) && raw.size >= 0 ? raw.size : undefined;
    files.push({
      filename: raw.filename,
      sha256: sha256.toLowerCase(),
      ...(size !== undefined ? { size } : {}),
      ...(url.value ? { url: url.value } : {}),
      yanked: raw.yanked === true,
    });
  }
  return ok(files);
}

export interface SimpleFile {
  filename: string;
  /**
   * PEP 740 in the JSON simple API: the provenance URL, `null` when the file has none, `undefined` when the index
   * does not say (an index without PEP 740 support).
   */
  provenance: string | null | undefined;
  /** PEP 700 `upload-time`, in ms since the epoch, when present and readable. */
  uploadTime?: number;
  yanked: boolean;
}

export interface SimpleProject {
  files: SimpleFile[];
  /** PEP 700 `versions`; missing from API version 1.0 answers. */
  versions?: string[];
}

/** `GET /simple/<project>/` as `application/vnd.pypi.simple.v1+json` (PEP 691, 700, 740). */
export function readSimpleProject(body: unknown): Result<SimpleProject, string> {
  if (!isObject(body)) return err('not a JSON object');
  if (!Array.isArray(body.files)) return err('no "files" list');
  const files: SimpleFile[] = [];
  for (const [index, raw] of body.files.entries()) {
    const where = `files[${index}]`;
    if (!isObject(raw)) return err(`${where} is not an object`);
    if (typeof raw.filename !== 'string' || raw.filename === '') return err(`${where}.filename is not a file name`);
    const provenance = raw.provenance;
    if (provenance !== undefined && provenance !== null && typeof provenance !== 'string') return err(`${where}.provenance is not a URL`);
    const uploaded = optionalString(raw, 'upload-time', where);
    if (!uploaded.ok) return uploaded;
    const time = uploaded.value === undefined ? NaN : Date.parse(uploaded.value);
    // PEP 592: `yanked` is a boolean or a non-empty reason.
    const yanked = raw.yanked === true || (typeof raw.yanked === 'string' && raw.yanked !== '');
    files.push({ filename: raw.filename, provenance, yanked, ...(Number.isNaN(time) ? {} : { uploadTime: time }) });
  }
  let versions: string[] | undefined;
  if (body.versions !== undefined) {
    if (!Array.isArray(body.versions) || !body.versions.every((v): v is string => typeof v === 'string')) return err('"versions" is not a list of strings');
    versions = body.versions;
  }
  return ok({ files, versions });
}

/**
 * A PEP 740 provenance object (`GET /integrity/<project>/<version>/<file>/provenance`) to the publisher of its first
 * attestation bundle: the uploader's. Indexes may append bundles from other signers later (PEP 740, "Changes to
 * provenance objects"), so the first is the one that says how the file was published. Undefined without bundles.
 */
export function readProvenance(body: unknown): Result<Publisher | undefined, string> {
  if (!isObject(body)) return err('not a JSON object');
  if (body.version !== 1) return err(`provenance version ${JSON.stringify(body.version)} is not 1`);
  if (!Array.isArray(body.attestation_bundles)) return err('no "attestation_bundles" list');
  const [bundle] = body.attestation_bundles as unknown[];
  if (bundle === undefined) return ok(undefined);
  if (!isObject(bundle) || !isObject(bundle.publisher)) return err('attestation_bundles[0] has no "publisher" object');
  return readPublisher(bundle.publisher);
}

function readPublisher(raw: Json): Result<Publisher, string> {
  const where = 'publisher';
  if (typeof raw.kind !== 'string' || raw.kind === '') return err('publisher.kind is not a string');
  const fields: Record<string, string | undefined> = {};
  for (const key of ['repository', 'repository_owner', 'repository_name', 'workflow', 'workflow_filename', 'environment']) {
    const value = optionalString(raw, key, where);
    if (!value.ok) return value;
    fields[key] = value.value;
  }
  // PyPI sends `repository` and `workflow` (pypi-attestations' GitHubPublisher); PEP 740's illustrative appendix
  // spells them `repository_owner`/`repository_name` and `workflow_filename`, which another index might follow.
  const joined = fields.repository_owner && fields.repository_name ? `${fields.repository_owner}/${fields.repository_name}` : undefined;
  const repository = fields.repository || joined;
  const workflow = fields.workflow || fields.workflow_filename;
  const environment = fields.environment?.trim();
  return ok({
    kind: raw.kind,
    ...(repository ? { repository } : {}),
    ...(workflow ? { workflow } : {}),
    // PyPI sends null for "any environment"; an empty name means the same.
    environment: environment ? environment : null,
  });
}
