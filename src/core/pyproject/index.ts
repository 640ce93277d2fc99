/** pyproject.toml -> the facts publishing depends on. Pure: file access only through a FileReader. */
export { normalizeName, validateName } from './names';
export { readProjectFacts } from './readProjectFacts';
export { readPyprojectFile } from './readPyprojectFile';
export { findPyprojects } from './findPyprojects';
export type { BuildKind, ProjectFacts, PyprojectError, VersionSource } from './types';
