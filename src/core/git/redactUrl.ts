/**
 * Remote URLs can carry credentials (`https://x-access-token:ghp_…@github.com/…`, written there by CI tools or by
 * hand). Anything shown to the user or logged goes through `redactUrl` first.
 */

/** Schemes where `git@` is the conventional login name, not a secret. */
const SSH_SCHEMES = new Set(['ssh', 'git+ssh', 'ssh+git']);

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

/** Windows paths such as `C:\Users\me@corp\repo` are folders, not `user@host`; leave them alone. */
const WINDOWS_PATH = /^(?:[A-Za-z]:[\\/]|\\\\)/;

/**
 * The URL (trimmed) with its user information replaced by `***`: `https://user:token@host/…` becomes
 * `https://***@host/…`. The `git@` of `ssh://git@…` and `git@host:path` is kept, since every GitHub SSH URL has it.
 */
export function redactUrl(url: string): string {
  return redactQuery(redactUserInfo(url.trim()));
}

/** Query parameters that carry credentials (`?token=`, `access_token=`, `private_token=`, `password=`...). */
const SECRET_PARAMETER = /([?&;](?:[A-Za-z0-9_.-]*[_.-])?(?:token|access_token|password|passwd|pwd|secret|key|sig|signature|auth|authorization|code|credential|credentials)=)[^&#;\s]*/gi;

/** `?token=abc&page=2` → `?token=***&page=2`: the value goes, the name stays so the message still says what it was. */
function redactQuery(text: string): string {
  return text.replace(SECRET_PARAMETER, '$1***');
}

function redactUserInfo(text: string): string {
  const scheme = SCHEME.exec(text);
  if (scheme) {
    const start = scheme[0].length;
    const at = endOfUserInfo(text, start);
    if (at <= start) return text; // no '@', or nothing before it to hide
    const keep = SSH_SCHEMES.has(scheme[1].toLowerCase()) && text.slice(start, at) === 'git';
    return keep ? text : `${text.slice(0, start)}***${text.slice(at)}`;
  }
  if (WINDOWS_PATH.test(text)) return text;
  // scp-like `[user@]host:path`.
  const at = endOfUserInfo(text, 0);
  if (at <= 0 || text.slice(0, at) === 'git') return text;
  return `***${text.slice(at)}`;
}

/**
 * Index of the '@' that ends the user information starting at `start`, or -1. Normally the last '@' before the first
 * '/'. A password may hold a raw '/' (`user:pa/ss@host`): when a ':' comes before the first '@' and no '@' precedes
 * the first '/', the user information runs to the last '@' before the next '/'. That may hide a little too much of
 * an odd URL, which is better than showing a password.
 */
function endOfUserInfo(text: string, start: number): number {
  const slash = text.indexOf('/', start);
  const authorityEnd = slash < 0 ? text.length : slash;
  const at = text.lastIndexOf('@', authorityEnd - 1);
  if (at >= start) return at;
  const firstAt = text.indexOf('@', start);
  if (firstAt < 0 || !text.slice(start, firstAt).includes(':')) return -1;
  const nextSlash = text.indexOf('/', firstAt);
  return text.lastIndexOf('@', (nextSlash < 0 ? text.length : nextSlash) - 1);
}
