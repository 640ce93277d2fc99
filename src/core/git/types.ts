/** A repository on github.com, with the owner and name spelled exactly as in the remote (PyPI matches the case). */
export interface GitHubRepository {
  owner: string;
  repo: string;
}

/** Why a remote URL cannot be used for PyPI's GitHub publisher. `url` never holds credentials. */
export type RemoteUrlError =
  | { kind: 'NotGitHub'; host: string; provider: 'gitlab' | 'bitbucket' | 'github-enterprise' | 'other'; url: string; message: string }
  | { kind: 'LocalPath'; url: string; message: string }
  | { kind: 'Unparseable'; url: string; message: string };

/** A remote as read from `.git/config` or the Git extension. */
export interface GitRemote {
  name: string;
  /** The fetch URL as written by the user (may contain credentials: never log or show it; use `redactUrl`). */
  url: string;
}

/** The outcome of picking one remote out of many. */
export type RemoteChoice =
  | { kind: 'chosen'; remote: GitRemote; reason: 'setting' | 'origin' | 'upstream' | 'only' }
  | { kind: 'ask'; candidates: GitRemote[] }
  | { kind: 'none' };

export type GitConfigError =
  | { kind: 'NotARepository'; dir: string; message: string }
  | { kind: 'NoRemotes'; dir: string; message: string };
