import type { FileReader } from '../files';
import { chooseRemote } from './chooseRemote';
import { noRemotes } from './gitConfigErrors';
import { readRemotes } from './readRemotes';
import { redactUrl } from './redactUrl';
import { parseRemoteUrl } from './remoteUrl';
import type { GitHubResolution, GitRemote } from './types';

/**
 * The GitHub repository of the working tree holding `startDir`, in one call: find the repository, read its
 * remotes, pick one (`preferredName` is the `trustedPublishing.remoteName` setting) and parse its URL. Remote URLs
 * in the result are redacted, so callers can show them as they are.
 */
export async function resolveGitHubRepository(startDir: string, files: FileReader, preferredName?: string): Promise<GitHubResolution> {
  const read = await readRemotes(startDir, files);
  if (!read.ok) return { kind: 'error', error: read.error };
  const { root, remotes } = read.value;
  const choice = chooseRemote(remotes, preferredName);
  switch (choice.kind) {
    case 'chosen': {
      const parsed = parseRemoteUrl(choice.remote.url);
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
