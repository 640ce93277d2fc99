import type { FileReader } from '../files';
import { err, type Result } from '../result';
import { readProjectFacts } from './readProjectFacts';
import { readProjectFiles } from './setupFiles';
import type { ProjectFacts, PyprojectError } from './types';

/**
 * Reads and interprets one pyproject.toml with the setup.py, setup.cfg and sources beside it (read as text, never
 * run); a missing file is a NotFound error, not an exception. The wizard, the command line and the checks all read
 * projects here, so they see the same facts.
 */
export async function readPyprojectFile(filePath: string, files: FileReader, options: { name?: string } = {}): Promise<Result<ProjectFacts, PyprojectError>> {
  const text = await files.readText(filePath);
  if (text === undefined) {
    return err({ kind: 'NotFound', path: filePath, message: `No pyproject.toml at ${filePath}` });
  }
  return readProjectFacts(text, filePath, await readProjectFiles(filePath, files), options);
}
