import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * A cloned repository is untrusted input: `.github/workflows/release.yml` (or `.github` itself) may be a symbolic link
 * to `~/.bashrc` or anywhere else. Writing the workflow must never follow one, nor land outside the repository.
 * Returns why `target` may not be written, or undefined when it may.
 */
export async function refuseWriteTarget(target: string, root: string): Promise<string | undefined> {
  const relative = path.relative(root, target);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return `${target} is outside the repository (${root}); nothing was written`;
  }
  let current = root;
  for (const part of relative.split(path.sep)) {
    current = path.join(current, part);
    let stats;
    try {
      stats = await fs.lstat(current);
    } catch {
      return undefined; // from here on nothing exists: a new file in a new folder
    }
    if (stats.isSymbolicLink()) {
      return `${path.relative(root, current) || current} is a symbolic link: the workflow is not written through it (it could point outside the repository). Replace the link with a real folder or file first`;
    }
  }
  return undefined;
}
