import * as path from 'node:path';

/**
 * Where a Python package sits relative to its git repository. The workflow always goes to the repository root's
 * `.github/workflows/` (GitHub reads nothing else), and jobs `cd` into the package folder.
 */
export interface PackageLocation {
  pyprojectPath: string;
  /** The repository root, or the package folder itself when it is not inside a git repository. */
  repositoryRoot: string;
  /** The package folder relative to the repository root, with `/` separators; '.' at the root. */
  packageDir: string;
}

export function locatePackage(pyprojectPath: string, repositoryRoot: string | undefined): PackageLocation {
  const packageFolder = path.dirname(path.resolve(pyprojectPath));
  const root = repositoryRoot ? path.resolve(repositoryRoot) : packageFolder;
  const relative = path.relative(root, packageFolder);
  // A pyproject outside the repository (should not happen, but symlinks can do it): treat its folder as the root.
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    return { pyprojectPath, repositoryRoot: packageFolder, packageDir: '.' };
  }
  return { pyprojectPath, repositoryRoot: root, packageDir: relative === '' ? '.' : relative.split(path.sep).join('/') };
}

/** `.github/workflows/<file>` under the repository root. */
export function workflowPath(location: PackageLocation, workflowFileName: string): string {
  return path.join(location.repositoryRoot, '.github', 'workflows', workflowFileName);
}

/**
 * A file name next to an existing workflow that does not clash: release.yml → release-pypi.yml, then
 * release-pypi-2.yml... PyPI's publisher names the file, so the name should still say what it is for.
 */
export function alternativeWorkflowName(wanted: string, taken: ReadonlySet<string>): string {
  const match = /^(.*?)(\.ya?ml)$/.exec(wanted);
  const stem = match ? match[1] : wanted;
  const extension = match ? match[2] : '.yml';
  const lowerTaken = new Set([...taken].map((n) => n.toLowerCase()));
  const candidates = [`${stem}-pypi${extension}`];
  for (let i = 2; i < 100; i++) candidates.push(`${stem}-pypi-${i}${extension}`);
  return candidates.find((name) => !lowerTaken.has(name.toLowerCase())) ?? `${stem}-${Date.now()}${extension}`;
}
