import type { FileReader } from '../files';
import { err, type Result } from '../result';
import { readProjectFacts } from './readProjectFacts';
import type { ProjectFacts, PyprojectError } from './types';

/** Reads and interprets one pyproject.toml; a missing file is a NotFound error, not an exception. */
export async function readPyprojectFile(filePath: string, files: FileReader): Promise<Result<ProjectFacts, PyprojectError>> {
  const text = await files.readText(filePath);
  if (text === undefined) {
    return err({ kind: 'NotFound', path: filePath, message: `No pyproject.toml at ${filePath}` });
  }
  return readProjectFacts(text, filePath);
}
