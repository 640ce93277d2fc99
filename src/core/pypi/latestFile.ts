/**
 * Which file of the simple index says the most about how the project is published today: a file of the newest
 * upload. Upload order, not version order: a pre-release pushed yesterday by the new workflow is better evidence
 * than last year's stable release, and PEP 440 ordering is not needed to know which came last.
 */
import type { SimpleFile } from './shapes';

/** Yanked files still tell who published them, but only count when nothing else is left. */
export function liveFiles(files: readonly SimpleFile[]): SimpleFile[] {
  const live = files.filter((f) => !f.yanked);
  return live.length > 0 ? live : [...files];
}

/**
 * The version of the most recently uploaded file. Undefined when some file lacks an upload time (PEP 700 is
 * optional for mirrors) or its version cannot be read from its name; the caller then asks the JSON API instead.
 */
export function newestVersion(files: readonly SimpleFile[], versions: readonly string[] | undefined): string | undefined {
  let newest: SimpleFile | undefined;
  for (const file of files) {
    if (file.uploadTime === undefined) return undefined;
    if (newest === undefined || file.uploadTime > (newest.uploadTime ?? -Infinity)) newest = file;
  }
  return newest && versionOfFile(newest.filename, versions);
}

/** Among the files of `version`, one with provenance if any (sdists and wheels may differ), else the newest. */
export function bestFileOfVersion(files: readonly SimpleFile[], version: string, versions: readonly string[] | undefined): SimpleFile | undefined {
  const rank = (f: SimpleFile): number => (typeof f.provenance === 'string' ? 2 : f.provenance === undefined ? 1 : 0);
  return files
    .filter((f) => versionOfFile(f.filename, versions) === version)
    .sort((a, b) => rank(b) - rank(a) || (b.uploadTime ?? 0) - (a.uploadTime ?? 0))[0];
}

const SDIST_SUFFIXES = ['.tar.gz', '.tar.bz2', '.tar.xz', '.tgz', '.tar', '.zip'];

/**
 * The release a distribution file belongs to. Wheel and egg names put the version in the second dash-separated
 * field (names escape their own dashes); sdist names end with `-<version>`, but legacy names may contain dashes, so
 * the known versions are matched as suffixes, longest first ("1.0.1" before "1.0").
 */
export function versionOfFile(filename: string, versions: readonly string[] | undefined): string | undefined {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.whl') || lower.endsWith('.egg')) {
    const field = filename.slice(0, -4).split('-')[1];
    if (!field) return undefined;
    if (!versions) return field;
    // Wheel names write a version's dashes as underscores.
    return versions.find((v) => v === field || v.replace(/-/g, '_').toLowerCase() === field.toLowerCase());
  }
  const suffix = SDIST_SUFFIXES.find((s) => lower.endsWith(s));
  if (suffix === undefined) {
    // Legacy installers (`pkg-1.0.win32.exe`, `.msi`, `.rpm`): the version is followed by a dot.
    return longestFirst(versions).find((v) => lower.includes(`-${v.toLowerCase()}.`));
  }
  const stem = lower.slice(0, -suffix.length);
  if (!versions) return /-(\d[^-]*)$/.exec(filename.slice(0, -suffix.length))?.[1];
  return longestFirst(versions).find((v) => stem.endsWith(`-${v.toLowerCase()}`));
}

const longestFirst = (versions: readonly string[] | undefined): string[] => [...(versions ?? [])].sort((a, b) => b.length - a.length);
