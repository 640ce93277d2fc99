import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * Lays out files under a fresh temporary folder: `{ 'pyproject.toml': '...', '.git/config': '...' }`.
 * A `.git/config` written by hand is all the core reads (it never runs git), so no git process is needed.
 */
export function tempProject(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tp-test-'));
  for (const [relative, text] of Object.entries(files)) {
    const full = path.join(root, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

export const gitConfigWithRemotes = (remotes: Record<string, string>): string =>
  '[core]\n\trepositoryformatversion = 0\n' +
  Object.entries(remotes)
    .map(([name, url]) => `[remote "${name}"]\n\turl = ${url}\n\tfetch = +refs/heads/*:refs/remotes/${name}/*\n`)
    .join('');

export const simplePyproject = (name: string, extra = ''): string =>
  `[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "${name}"\nversion = "0.1.0"\nrequires-python = ">=3.9"\n${extra}`;
