/**
 * Where requests go is the user's decision, never a repository's: base URLs come from machine-scoped settings, and
 * even then only as `https://` (plain `http://` only for this machine's loopback addresses, where tests run their
 * servers). A URL that fails these rules is not used; the default is, and the reason is logged.
 */

export type BaseUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

const LOOPBACK_HOSTS = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function checkBaseUrl(value: string): BaseUrlCheck {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { ok: false, reason: `'${value}' is not a URL` };
  }
  if (url.search || url.hash) return { ok: false, reason: `${url.origin}${url.pathname} must not carry a query or fragment` };
  // Said without the user information: a reason ends up in the log.
  const loopback = LOOPBACK_HOSTS.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback && !url.username)) {
    return { ok: false, reason: `${url.origin} is not https:// (plain http:// is only accepted on this machine's loopback address)` };
  }
  // User information stays (a private mirror's basic credentials, sent to that origin only by the PyPI client).
  return { ok: true, url: value.trim().replace(/\/+$/, '') };
}
