// The git module's public surface: callers import from here, not from the files behind it.
export { chooseRemote } from './chooseRemote';
export { findRepository } from './findRepository';
export { parseGitConfig } from './gitConfig';
export { readRemotes } from './readRemotes';
export { redactUrl } from './redactUrl';
export { parseRemoteUrl } from './remoteUrl';
export { forkQuestion, isForkOf, resolveGitHubRepository } from './resolveGithubRepository';
export type {
  GitConfigError,
  GitHubRepository,
  GitHubResolution,
  GitRemote,
  GitRepositoryLocation,
  RemoteChoice,
  RemoteUrlError,
} from './types';
