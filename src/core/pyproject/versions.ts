/**
 * PEP 440 normalization, for telling whether two spellings name the same release: PyPI keeps one release per
 * canonical version (warehouse compares `packaging.utils.canonicalize_version`), so `1.0`, `1.0.0`, `v1.0` and
 * `1.0-0` are all the release PyPI shows as `1.0`, and `1.0RC1`, `1.0-rc.1` and `1.0c1` are all `1.0rc1`.
 */

// The PEP 440 appendix's regular expression, with the spellings it allows in each part.
const VERSION =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/;

const PRE: Record<string, string> = { a: 'a', alpha: 'a', b: 'b', beta: 'b', c: 'rc', rc: 'rc', pre: 'rc', preview: 'rc' };

/** A number as PEP 440 reads it: leading zeros do not count (`01` is `1`). */
const int = (digits: string): string => String(BigInt(digits));

/**
 * The canonical form of a version: lower case, no `v`, no zero epoch, no leading zeros, no trailing `.0` in the
 * release segment, `a`/`b`/`rc`/`.post`/`.dev` spelled one way, the local part joined with dots. A string that is
 * not a PEP 440 version is compared as written, trimmed and in lower case.
 */
export function canonicalVersion(version: string): string {
  const text = version.trim().toLowerCase();
  const match = VERSION.exec(text);
  if (!match) return text;
  const [, epoch, release, preLabel, preNumber, postImplicit, postLabel, postNumber, devLabel, devNumber, local] = match;
  const parts = release.split('.').map(int);
  while (parts.length > 1 && parts[parts.length - 1] === '0') parts.pop();
  let canonical = epoch && int(epoch) !== '0' ? `${int(epoch)}!` : '';
  canonical += parts.join('.');
  if (preLabel) canonical += `${PRE[preLabel]}${int(preNumber ?? '0')}`;
  if (postImplicit !== undefined) canonical += `.post${int(postImplicit)}`;
  else if (postLabel) canonical += `.post${int(postNumber ?? '0')}`;
  if (devLabel) canonical += `.dev${int(devNumber ?? '0')}`;
  if (local) canonical += `+${local.split(/[-_.]/).map((part) => (/^\d+$/.test(part) ? int(part) : part)).join('.')}`;
  return canonical;
}

/** Whether `version` is one of `versions`, after normalization: the spelling of the release as the list has it, else undefined. */
export function findVersion(version: string, versions: readonly string[]): string | undefined {
  const wanted = canonicalVersion(version);
  return versions.find((v) => canonicalVersion(v) === wanted);
}
