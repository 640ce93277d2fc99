import type { Result } from '../result';

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

/** Where a working tree's Git data lives. `commonDir` holds `config`; it differs from `gitDir` only in a linked worktree. */
export interface GitRepositoryLocation {
  /** The folder that holds `.git` (the top of the working tree). */
  root: string;
  /** The `.git` folder, or the folder a `.git` file points at (worktrees, submodules). */
  gitDir: string;
  /** The folder holding `config`: `gitDir`, or the main repository's `.git` for a linked worktree. */
  commonDir: string;
}

/**
 * The GitHub repository of a working tree, or why there is none. Every `url` in it is redacted (see `redactUrl`),
 * so callers can show any part of it.
 */
export type GitHubResolution =
  | { kind: 'ok'; root: string; remote: GitRemote; repository: GitHubRepository }
  | {
      kind: 'ask';
      root: string;
      candidates: Array<{ remote: GitRemote; parsed: Result<GitHubRepository, RemoteUrlError> }>;
      /** `origin` is a fork of `upstream` (same repository name on GitHub): which one runs the release? */
      fork?: { origin: GitHubRepository; upstream: GitHubRepository };
    }
  | { kind: 'error'; error: GitConfigError | RemoteUrlError; remoteName?: string };
