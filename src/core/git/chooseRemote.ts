import type { GitRemote, RemoteChoice } from './types';

/** The names git and GitHub's docs use for "my repository" and "the project I forked", in that order of preference. */
const CONVENTIONAL_NAMES = ['origin', 'upstream'] as const;

/**
 * Picks the remote whose repository PyPI should trust: the one named by the `trustedPublishing.remoteName` setting
 * when it exists (a stale setting falls back like an empty one), else `origin`, else `upstream`, else the only
 * remote. With several other remotes only the user knows, so the caller asks.
 */
export function chooseRemote(remotes: GitRemote[], preferredName?: string): RemoteChoice {
  if (remotes.length === 0) return { kind: 'none' };
  // Remote names are case-sensitive in git, so only surrounding blanks of the setting are forgiven.
  const preferred = preferredName?.trim();
  const setting = preferred ? remotes.find((remote) => remote.name === preferred) : undefined;
  if (setting) return { kind: 'chosen', remote: setting, reason: 'setting' };
  for (const name of CONVENTIONAL_NAMES) {
    const remote = remotes.find((candidate) => candidate.name === name);
    if (remote) return { kind: 'chosen', remote, reason: name };
  }
  if (remotes.length === 1) return { kind: 'chosen', remote: remotes[0], reason: 'only' };
  return { kind: 'ask', candidates: [...remotes] };
}
