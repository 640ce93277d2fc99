import * as path from 'node:path';
import type { FileReader } from '../files';

// Folders that hold installed, generated or vendored code: a pyproject.toml in them belongs to someone else's package.
const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  'venv',
  'build',
  'dist',
  '__pycache__',
  'site-packages',
  'target',
]);

function isSkipped(dirName: string): boolean {
  // Hidden folders cover .git, .venv, .tox, .nox, .mypy_cache, .pytest_cache, .eggs and editor state.
  return dirName.startsWith('.') || SKIPPED_DIRS.has(dirName) || dirName.endsWith('.egg-info');
}

/**
 * Every pyproject.toml under `rootDir`, as absolute paths: the root's own first (the usual single-package case), then
 * the others sorted by path (monorepo sub-packages). `maxDepth` counts folders below the root; default 4.
 */
export async function findPyprojects(rootDir: string, files: FileReader, options: { maxDepth?: number } = {}): Promise<string[]> {
  const maxDepth = options.maxDepth ?? 4;
  const root = path.resolve(rootDir);
  const found: string[] = [];

  async function visit(dir: string, depth: number): Promise<void> {
    const entries = await files.list(dir);
    const subdirs: string[] = [];
    for (const entry of entries) {
      if (!entry.isDirectory && entry.name === 'pyproject.toml') found.push(path.join(dir, entry.name));
      else if (entry.isDirectory && depth < maxDepth && !isSkipped(entry.name)) subdirs.push(path.join(dir, entry.name));
    }
    await Promise.all(subdirs.map((subdir) => visit(subdir, depth + 1)));
  }

  await visit(root, 0);
  const rootFile = path.join(root, 'pyproject.toml');
  // Plain code-unit order, not locale order, so the result is the same on every machine.
  const others = found.filter((file) => file !== rootFile).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return found.includes(rootFile) ? [rootFile, ...others] : others;
}
