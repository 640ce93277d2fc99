import type { FileReader } from '../files';
import { chooseRemote } from './chooseRemote';
import { noRemotes } from './gitConfigErrors';
import { readRemotes } from './readRemotes';
import { redactUrl } from './redactUrl';
import { parseRemoteUrl } from './remoteUrl';
import type { GitHubRepository, GitHubResolution, GitRemote } from './types';

/**
 * The GitHub repository of the working tree holding `startDir`, in one call: find the repository, read its
 * remotes, pick one (`preferredName` is the `trustedPublishing.remoteName` setting) and parse its URL. Remote URLs
 * in the result are redacted, so callers can show them as they are.
 */
export async function resolveGitHubRepository(
  startDir: string,
  files: FileReader,
  preferredName?: string,
  /** `preferredName` is the user's answer (the command line's --remote), not a setting's default: never ask. */
  options: { explicit?: boolean } = {},
): Promise<GitHubResolution> {
  const read = await readRemotes(startDir, files);
  if (!read.ok) return { kind: 'error', error: read.error };
  const { root, remotes } = read.value;
  const choice = chooseRemote(remotes, preferredName);
  switch (choice.kind) {
    case 'chosen': {
      const parsed = parseRemoteUrl(choice.remote.url);
      // A fork's clone: origin is the user's fork, upstream the project. PyPI trusts the repository whose workflow
      // runs the release, which only the user knows; the setting's default ('origin') is no answer to that.
      const upstream = remotes.find((remote) => remote.name === 'upstream');
      const upstreamParsed = upstream ? parseRemoteUrl(upstream.url) : undefined;
      if (
        choice.remote.name === 'origin' &&
        !options.explicit &&
        (choice.reason === 'origin' || preferredName?.trim() === 'origin') &&
        parsed.ok &&
        upstream &&
        upstreamParsed?.ok &&
        isForkOf(parsed.value, upstreamParsed.value)
      ) {
        return {
          kind: 'ask',
          root,
          candidates: [
            { remote: redacted(choice.remote), parsed },
            { remote: redacted(upstream), parsed: upstreamParsed },
          ],
          fork: { origin: parsed.value, upstream: upstreamParsed.value },
        };
      }
      return parsed.ok
        ? { kind: 'ok', root, remote: redacted(choice.remote), repository: parsed.value }
        : { kind: 'error', error: parsed.error, remoteName: choice.remote.name };
    }
    case 'ask':
      return {
        kind: 'ask',
        root,
        candidates: choice.candidates.map((remote) => ({ remote: redacted(remote), parsed: parseRemoteUrl(remote.url) })),
      };
    case 'none':
      // readRemotes already reports a repository without remotes; kept so every choice has an answer.
      return { kind: 'error', error: noRemotes(root) };
  }
}

function redacted(remote: GitRemote): GitRemote {
  return { name: remote.name, url: redactUrl(remote.url) };
}

/** Same repository name under another owner: how GitHub names a fork. */
export function isForkOf(fork: GitHubRepository, parent: GitHubRepository): boolean {
  return fork.repo.toLowerCase() === parent.repo.toLowerCase() && fork.owner.toLowerCase() !== parent.owner.toLowerCase();
}

/** What to tell people about a fork's two remotes. */
export function forkQuestion(fork: { origin: GitHubRepository; upstream: GitHubRepository }): string {
  const origin = `${fork.origin.owner}/${fork.origin.repo}`;
  const upstream = `${fork.upstream.owner}/${fork.upstream.repo}`;
  return `origin (${origin}) looks like a fork of upstream (${upstream}). PyPI trusts the repository whose workflow runs the release: ${upstream} when releases are made there, ${origin} only if you release from your fork.`;
}
