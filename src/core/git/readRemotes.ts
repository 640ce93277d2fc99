import * as path from 'node:path';
import type { FileReader } from '../files';
import { err, ok, type Result } from '../result';
import { findRepository } from './findRepository';
import { parseGitConfig } from './gitConfig';
import { noRemotes } from './gitConfigErrors';
import type { GitConfigError, GitRemote } from './types';

/**
 * The remotes of the repository holding `startDir`, read from its config file. No process is spawned: reading the
 * file is safe in an untrusted workspace, where running git (and its configured hooks and helpers) is not.
 */
export async function readRemotes(startDir: string, files: FileReader): Promise<Result<{ root: string; remotes: GitRemote[] }, GitConfigError>> {
  const found = await findRepository(startDir, files);
  if (!found.ok) return found;
  const { root, commonDir } = found.value;
  const config = await files.readText(path.join(commonDir, 'config'));
  const remotes = config === undefined ? [] : parseGitConfig(config);
  return remotes.length === 0 ? err(noRemotes(root)) : ok({ root, remotes });
}
