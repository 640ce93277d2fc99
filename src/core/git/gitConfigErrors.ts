import type { GitConfigError } from './types';

/* The messages for a folder that yields no remote; each says what to do next. */

export function notARepository(dir: string): GitConfigError {
  return {
    kind: 'NotARepository',
    dir,
    message: `No Git repository contains ${dir}. Trusted publishing needs the project's GitHub repository: open the repository's folder, or run "git init" and add a github.com remote.`,
  };
}

/** A `.git` file must read `gitdir: <path>`; git itself refuses any other ("invalid gitfile format"). */
export function brokenGitFile(dotGitFile: string): GitConfigError {
  return {
    kind: 'NotARepository',
    dir: dotGitFile,
    message: `${dotGitFile} is a file but does not say where the repository is (it should read "gitdir: <path>"). Git cannot use this folder until it is repaired.`,
  };
}

export function noRemotes(root: string): GitConfigError {
  return {
    kind: 'NoRemotes',
    dir: root,
    message: `The Git repository at ${root} has no remote, so there is no GitHub repository to tell PyPI about. Push it to GitHub first, e.g. git remote add origin https://github.com/OWNER/REPO.git`,
  };
}
