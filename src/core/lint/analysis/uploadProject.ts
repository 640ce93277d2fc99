import { normalizeName } from '../../pyproject';
import { environmentOf } from './environments';
import type { JobModel, StepModel, WorkflowModel } from './workflowModel';
import { pairOf, stringOf } from './yamlNodes';

/**
 * Which project an upload publishes, as far as the workflow says: the PyPI project its environment URL names, and the
 * folders of the repository its distributions are built from (none: the repository root). Two workflows of a
 * monorepo that publish different packages on the same release are not duplicates; these facts tell them apart.
 */
export interface UploadProject {
  /** Normalized project name from the job's environment URL (`https://pypi.org/p/<name>`). */
  name?: string;
  /** Sub-folders (or uv workspace members) the build or upload works in, sorted; `[]` for the repository root. */
  folders: string[];
}

const PROJECT_URL = /^\s*https?:\/\/(?:test\.)?pypi\.org\/(?:p|project)\/([^/?#\s]+)/i;

/**
 * Folder arguments in `run:` scripts, on one line (scans bounded, so a hostile script stays linear): `cd x`, `python -m build x`, `uv build x`, `tox -e build -- x`,
 * `--manifest-path x/Cargo.toml`, and a uv workspace member (`uv build --package x`).
 */
const FOLDER_IN_SCRIPT: RegExp[] = [
  /(?:^|[;&|][ \t]*|\n[ \t]*)cd[ \t]+([^\s;&|]+)/g,
  /\b(?:python\d?(?:\.\d+)?[ \t]+-m[ \t]+build|pyproject-build|uv[ \t]+build)((?:[ \t]+-[^\s=]+(?:[ \t]+[^\s\-&|;<>]\S*)?)*)[ \t]+([^\s\-&|;<>]\S*)/g,
  /\btox\b[^\n]{0,200}?[ \t]--[ \t]+(\S+)/g,
  /(?:--manifest-path|[ \t]-m)[ \t]+(\S+\/Cargo\.toml)/g,
  /\buv[ \t]+(?:build|publish)\b[^\n]{0,200}?[ \t]--package[ \t=]+(\w[\w.-]*)/g,
];

/** The project facts of the upload in `job`: its own environment URL, and the folders of it and the jobs it needs. */
export function uploadProject(workflow: WorkflowModel, job: JobModel, text: string): UploadProject {
  const url = stringOf(environmentOf(job)?.url);
  const named = url ? PROJECT_URL.exec(url)?.[1] : undefined;
  const folders = new Set<string>();
  const add = (raw: string | undefined) => {
    const folder = raw === undefined ? undefined : normalizeFolder(raw);
    if (folder) folders.add(folder);
  };
  add(workingDirectory(workflow.root));
  for (const each of withNeeds(workflow, job)) {
    add(workingDirectory(each.node));
    for (const step of each.steps) foldersOfStep(step, text).forEach(add);
  }
  return { ...(named && !named.includes('${{') ? { name: normalizeName(named) } : {}), folders: [...folders].sort() };
}

/** Both uploads are of one project: the same project name when both name one, else the same folders. */
export function sameProject(a: UploadProject, b: UploadProject): boolean {
  if (a.name && b.name) return a.name === b.name;
  return a.folders.join('\n') === b.folders.join('\n');
}

/** `defaults: run: working-directory:` of a workflow or a job. */
const workingDirectory = (node: unknown): string | undefined => stringOf(pairOf(pairOf(pairOf(node, 'defaults')?.value, 'run')?.value, 'working-directory')?.value);

function foldersOfStep(step: StepModel, text: string): string[] {
  const found: Array<string | undefined> = [stringOf(pairOf(step.node, 'working-directory')?.value)];
  if (step.uses?.action === 'pypa/gh-action-pypi-publish') {
    // Only `<folder>/dist/` says where the project is; `artifact/` or `dist-wheels/` is just where files were put.
    const packagesDir = stringOf(step.inputs.get('packages-dir')?.value) ?? stringOf(step.inputs.get('packages_dir')?.value);
    found.push(/^(.+)\/dist\/?$/.exec(packagesDir ?? '')?.[1]);
  }
  if (step.uses?.action === 'pyo3/maturin-action') {
    const args = stringOf(step.inputs.get('args')?.value) ?? '';
    found.push(/(?:--manifest-path|(?:^|\s)-m)\s+(\S+)/.exec(args)?.[1]);
    found.push(stringOf(step.inputs.get('working-directory')?.value));
  }
  if (step.run?.range) {
    const script = text.slice(step.run.range[0], step.run.range[1]);
    for (const pattern of FOLDER_IN_SCRIPT) for (const match of script.matchAll(pattern)) found.push(match[match.length - 1]);
  }
  return found.filter((f): f is string => f !== undefined);
}

/** `./plugins/x/dist/` -> `plugins/x`; the root, output folders and anything computed -> undefined. */
function normalizeFolder(raw: string): string | undefined {
  let folder = raw.trim().replace(/^['"]|['"]$/g, '');
  if (/[$*{}~]/.test(folder) || folder.startsWith('/') || folder.startsWith('..') || folder.startsWith('-')) return undefined;
  folder = folder.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  folder = folder.replace(/\/(?:Cargo\.toml|pyproject\.toml|setup\.py)$/, '').replace(/(?:^|\/)(?:dist|wheelhouse|wheels)(?:\/.*)?$/, '');
  // Output and download folders (`cd dist`, `dist-wheels`, `artifact`) are not where a project lives.
  if (folder === '' || folder === '.' || /^(?:dist|wheel|artifact|build|out|docs?)[\w.-]*$/i.test(folder)) return undefined;
  return folder;
}

/** The job and every job it needs, directly or not. */
function withNeeds(workflow: WorkflowModel, job: JobModel): JobModel[] {
  const seen = new Map<string, JobModel>();
  const visit = (current: JobModel) => {
    if (seen.has(current.id)) return;
    seen.set(current.id, current);
    for (const id of current.needs) {
      const needed = workflow.job(id);
      if (needed) visit(needed);
    }
  };
  visit(job);
  return [...seen.values()];
}
