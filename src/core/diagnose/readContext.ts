import * as path from 'node:path';
import type { FileReader } from '../files';
import { findRepository, resolveGitHubRepository } from '../git';
import { lintProjectOf } from '../lint';
import { WORKFLOWS_FOLDER } from '../publish';
import { findPyprojects, readPyprojectFile } from '../pyproject';
import type { DiagnoseContext } from './types';

/**
 * What a folder tells about its releases, for the diagnosis: the repository's workflows (named relative to the
 * repository root, `/`-separated), its one pyproject.toml's project (several: none, the log names the distribution),
 * and its GitHub repository (from the git remote). Anything missing is left out; nothing here fails.
 */
export async function readDiagnoseContext(folder: string, files: FileReader): Promise<{ root: string; context: DiagnoseContext }> {
  const repository = await findRepository(folder, files);
  const root = repository.ok ? repository.value.root : folder;
  const context: DiagnoseContext = { workflows: [] };

  const dir = path.join(root, ...WORKFLOWS_FOLDER.split('/'));
  const names = (await files.list(dir)).filter((e) => !e.isDirectory && /\.ya?ml$/i.test(e.name)).map((e) => e.name).sort();
  for (const name of names) {
    const text = await files.readText(path.join(dir, name));
    if (text !== undefined) context.workflows!.push({ file: `${WORKFLOWS_FOLDER}/${name}`, text });
  }

  const own = path.join(root, 'pyproject.toml');
  const pyprojects = (await files.readText(own)) !== undefined ? [own] : await findPyprojects(root, files);
  if (pyprojects.length === 1) {
    const facts = await readPyprojectFile(pyprojects[0], files);
    if (facts.ok) context.project = { ...lintProjectOf(facts.value), ...(facts.value.version.kind === 'static' ? { version: facts.value.version.value } : {}) };
  }
  const remote = await resolveGitHubRepository(root, files);
  if (remote.kind === 'ok') context.repository = { owner: remote.repository.owner, repo: remote.repository.repo };
  return { root, context };
}
