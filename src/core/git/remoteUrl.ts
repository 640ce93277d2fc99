import { err, ok, type Result } from '../result';
import { isValidOwner, isValidRepositoryName } from './githubNames';
import { classifyHost, normalizeHost } from './remoteHosts';
import { localPath, notGitHub, unparseable } from './remoteUrlErrors';
import { redactUrl } from './redactUrl';
import type { GitHubRepository, RemoteUrlError } from './types';

/** The host and path of a remote URL, before anyone looks at what they mean. */
type Address =
  | { kind: 'remote'; host: string; path: string; fromBrowser: boolean }
  | { kind: 'local' }
  | { kind: 'unparseable'; why: string };

/** Absolute and relative paths, home-relative paths, Windows drives and shares, and file: URLs. */
const LOCAL_PATH = /^(?:[/.~]|[A-Za-z]:[\\/]|\\\\|file:)/i;
const SCHEME_URL = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s;

/** http(s) URLs may be addresses pasted from a browser (`…/OWNER/REPO/tree/main`), so extra path is allowed there. */
const WEB_SCHEMES = new Set(['http', 'https', 'git+http', 'git+https']);
const GIT_SCHEMES = new Set(['ssh', 'git+ssh', 'ssh+git', 'git']);

/**
 * The github.com repository a remote URL names, with owner and name spelled exactly as written (PyPI compares the
 * repository name exactly), or why it names none. The error's `url` and `message` never contain credentials.
 */
export function parseRemoteUrl(url: string): Result<GitHubRepository, RemoteUrlError> {
  const text = url.trim();
  const shown = redactUrl(text);
  if (text === '') return err(unparseable(shown, 'The remote has an empty URL.'));
  const address = splitAddress(text);
  if (address.kind === 'local') return err(localPath(shown));
  if (address.kind === 'unparseable') return err(unparseable(shown, address.why));
  const host = normalizeHost(address.host);
  const provider = classifyHost(host);
  if (provider !== 'github') return err(notGitHub(host, provider, shown));
  return readOwnerAndRepository(address.path, address.fromBrowser, shown);
}

/** Tells the URL forms apart the way git does: a scheme, else `host:path` with no '/' before the ':', else a path. */
function splitAddress(text: string): Address {
  if (LOCAL_PATH.test(text)) return { kind: 'local' };
  const scheme = SCHEME_URL.exec(text);
  if (scheme) return splitSchemeUrl(scheme[1].toLowerCase(), scheme[2]);
  const colon = text.indexOf(':');
  const slash = text.indexOf('/');
  if (colon > 0 && (slash < 0 || colon < slash)) return splitScpLike(text, slash < 0 ? text.length : slash);
  return { kind: 'local' };
}

/** `[user@]host:path`. The user part may itself hold a ':' (`user:token@host:path`), so the host starts after its '@'. */
function splitScpLike(text: string, firstSlash: number): Address {
  const hostStart = text.lastIndexOf('@', firstSlash - 1) + 1;
  const hostEnd = text.indexOf(':', hostStart);
  if (hostEnd < 0) return { kind: 'unparseable', why: 'The remote URL has no repository path after its host.' };
  if (hostEnd === hostStart) return { kind: 'unparseable', why: 'The remote URL has no host name.' };
  return { kind: 'remote', host: text.slice(hostStart, hostEnd), path: text.slice(hostEnd + 1), fromBrowser: false };
}

function splitSchemeUrl(scheme: string, rest: string): Address {
  const fromBrowser = WEB_SCHEMES.has(scheme);
  if (!fromBrowser && !GIT_SCHEMES.has(scheme)) {
    return { kind: 'unparseable', why: `Git does not reach GitHub through "${scheme}://" URLs.` };
  }
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);
  const hostMatch = /^(?:\[([^\]]*)\]|([^:[\]]*))(?::\d*)?$/.exec(hostAndPort);
  if (!hostMatch) {
    // Typically `ssh://git@github.com:OWNER/REPO`: the scp-like ':' inside an ssh:// URL, where it starts a port.
    // The text after the ':' is not echoed: in a malformed URL it may be part of a password.
    return { kind: 'unparseable', why: `In ${scheme}:// URLs a ':' after the host starts a port number, and this remote has something else there (the path goes after a '/').` };
  }
  const host = hostMatch[1] ?? hostMatch[2];
  if (host === '') return { kind: 'unparseable', why: 'The remote URL has no host name.' };
  const path = slash < 0 ? '' : rest.slice(slash);
  // A query or fragment belongs to the web page, not to the repository path.
  return { kind: 'remote', host, path: fromBrowser ? path.replace(/[?#].*$/s, '') : path, fromBrowser };
}

function readOwnerAndRepository(path: string, fromBrowser: boolean, shown: string): Result<GitHubRepository, RemoteUrlError> {
  // Empty segments come from trailing or doubled slashes, which git and GitHub ignore.
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments.length < 2) {
    return err(unparseable(shown, `The remote ${shown} names github.com but not both an owner and a repository.`));
  }
  if (segments.length > 2 && !fromBrowser) {
    return err(unparseable(shown, `The remote ${shown} has more path than the OWNER/REPO that github.com serves.`));
  }
  const [owner, written] = segments;
  // Only one '.git' is git's own suffix; `name.git.git` names the repository `name.git`.
  const repo = written.endsWith('.git') ? written.slice(0, -'.git'.length) : written;
  if (!isValidOwner(owner)) {
    return err(unparseable(shown, `"${owner}" in ${shown} is not a GitHub account name (letters, digits and single hyphens, at most 39 characters).`));
  }
  if (!isValidRepositoryName(repo)) {
    return err(unparseable(shown, `"${repo}" in ${shown} is not a GitHub repository name (letters, digits, '-', '_' and '.').`));
  }
  return ok({ owner, repo });
}
