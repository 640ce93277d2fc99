import type { RemoteUrlError } from './types';

export type HostingProvider = Extract<RemoteUrlError, { kind: 'NotGitHub' }>['provider'];

/**
 * Host names that reach github.com itself: `ssh.github.com` serves SSH on port 443 for networks that block port 22,
 * and `www.` appears when a browser address is pasted.
 */
const GITHUB_HOSTS = new Set(['github.com', 'www.github.com', 'ssh.github.com']);

/** Lower-cased, without the trailing dot of a fully qualified name: host names are case-insensitive. */
export function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}

/** Which service a (normalized) host belongs to: 'github' only for github.com, the one host PyPI's GitHub publisher trusts. */
export function classifyHost(host: string): 'github' | HostingProvider {
  if (GITHUB_HOSTS.has(host)) return 'github';
  if (host.includes('gitlab')) return 'gitlab';
  if (host.includes('bitbucket')) return 'bitbucket';
  // gist.github.com, api.github.com…: github.com's own services, not an Enterprise server, and not a repository.
  if (host.endsWith('.github.com')) return 'other';
  // github.mycorp.com (Enterprise Server), tenant.ghe.com (Enterprise Cloud with data residency), SSH aliases.
  if (host.includes('github') || host.endsWith('.ghe.com')) return 'github-enterprise';
  return 'other';
}
