import * as path from 'node:path';
import type { FileReader } from '../../files';
import { findPyprojects, readPyprojectFile } from '../../pyproject';
import type { ProjectFacts } from '../../pyproject/types';
import type { LintProject } from '../engine/types';

/**
 * The Python project a workflow publishes, for the rules that compare with pyproject.toml: the repository root's
 * pyproject.toml, else the only one in the repository. In a monorepo with several packages nothing is assumed
 * (those rules are skipped rather than compared with the wrong package).
 */
export async function projectForWorkflow(workflowPath: string, files: FileReader): Promise<{ project?: LintProject; pyprojectPath?: string }> {
  const workflows = path.dirname(path.resolve(workflowPath));
  if (path.basename(workflows) !== 'workflows' || path.basename(path.dirname(workflows)) !== '.github') return {};
  const root = path.dirname(path.dirname(workflows));
  const atRoot = path.join(root, 'pyproject.toml');
  const candidates = (await files.readText(atRoot)) !== undefined ? [atRoot] : await findPyprojects(root, files, { maxDepth: 3 });
  if (candidates.length !== 1) return {};
  const facts = await readPyprojectFile(candidates[0], files);
  if (!facts.ok) return { pyprojectPath: candidates[0] };
  return { pyprojectPath: candidates[0], project: lintProjectOf(facts.value) };
}

/** What the rules compare with, from the project facts of a pyproject.toml. */
export function lintProjectOf(facts: ProjectFacts): LintProject {
  return {
    name: facts.name,
    normalizedName: facts.normalizedName,
    versionFromVcs: facts.version.kind === 'dynamic' && facts.version.fromVcs,
    compiled: facts.build.kind === 'compiled',
    backend: facts.backendName,
  };
}
