import * as path from 'node:path';
import type { FileReader } from '../files';
import { err, ok, type Result } from '../result';
import { brokenGitFile, notARepository } from './gitConfigErrors';
import type { GitConfigError, GitRepositoryLocation } from './types';

/**
 * Finds the repository holding `startDir` as git does, without running git (this runs in untrusted workspaces):
 * the nearest folder at or above it with a `.git` entry. `.git` is usually a folder; in linked worktrees and
 * submodules it is a file reading `gitdir: <path>`, and a worktree's git folder has a `commondir` file pointing at
 * the main repository's `.git`, where `config` (and so the remotes) lives.
 */
export async function findRepository(startDir: string, files: FileReader): Promise<Result<GitRepositoryLocation, GitConfigError>> {
  const start = path.resolve(startDir);
  for (let dir = start; ; dir = path.dirname(dir)) {
    const dotGit = (await files.list(dir)).find((entry) => entry.name === '.git');
    if (dotGit) {
      const gitDir = dotGit.isDirectory ? path.join(dir, '.git') : await followGitFile(dir, files);
      if (gitDir === undefined) return err(brokenGitFile(path.join(dir, '.git')));
      return ok({ root: dir, gitDir, commonDir: await readCommonDir(gitDir, files) });
    }
    if (path.dirname(dir) === dir) return err(notARepository(start));
  }
}

/** The folder a `.git` file points at, resolved against the folder holding it; undefined when the file is malformed. */
async function followGitFile(dir: string, files: FileReader): Promise<string | undefined> {
  const dotGit = path.join(dir, '.git');
  const text = await files.readText(dotGit);
  if (text === undefined) {
    // Listed but not readable as a file: a symbolic link to a git folder (directory listings report links as non-folders).
    return (await files.readText(path.join(dotGit, 'HEAD'))) === undefined ? undefined : dotGit;
  }
  const match = /^gitdir:[ \t]*(.*?)\s*$/m.exec(text.replace(/^\uFEFF/, '').split('\n')[0] ?? '');
  return match && match[1] !== '' ? path.resolve(dir, match[1]) : undefined;
}

/** A worktree's git folder names the shared one in `commondir` (usually relative, e.g. `../..`); others share nothing. */
async function readCommonDir(gitDir: string, files: FileReader): Promise<string> {
  const commonDir = (await files.readText(path.join(gitDir, 'commondir')))?.trim();
  return commonDir ? path.resolve(gitDir, commonDir) : gitDir;
}
