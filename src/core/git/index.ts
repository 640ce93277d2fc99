// The git module's public surface: callers import from here, not from the files behind it.
export { chooseRemote } from './choose-remote';
export { findRepository } from './find-repository';
export { parseGitConfig } from './git-config';
export { readRemotes } from './read-remotes';
export { redactUrl } from './redact-url';
export { parseRemoteUrl } from './remote-url';
export { resolveGitHubRepository } from './resolve-github-repository';
export type {
  GitConfigError,
  GitHubRepository,
  GitHubResolution,
  GitRemote,
  GitRepositoryLocation,
  RemoteChoice,
  RemoteUrlError,
} from './types';
