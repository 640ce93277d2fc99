import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * The slice of a file system the core reads. The command line and the extension pass `nodeFiles`; tests may pass
 * an in-memory map. Paths are absolute, in the platform's own form.
 */
export interface FileReader {
  /** The file's text, or undefined when it does not exist or is not a file. */
  readText(filePath: string): Promise<string | undefined>;
  /** Entries of a directory, or [] when it does not exist. */
  list(dirPath: string): Promise<Array<{ name: string; isDirectory: boolean }>>;
}

export const nodeFiles: FileReader = {
  async readText(filePath) {
    try {
      return await fs.readFile(filePath, 'utf8');
    } catch {
      return undefined;
    }
  },
  async list(dirPath) {
    try {
      const entries = await fs.readdir(dirPath, { withFileTypes: true });
      return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
    } catch {
      return [];
    }
  },
};

/** An in-memory FileReader over `{ absolutePath: text }`, for tests and for callers that already hold the text. */
export function memoryFiles(files: Record<string, string>): FileReader {
  const norm = (p: string) => path.resolve(p);
  const map = new Map(Object.entries(files).map(([p, t]) => [norm(p), t]));
  return {
    async readText(filePath) {
      return map.get(norm(filePath));
    },
    async list(dirPath) {
      const dir = norm(dirPath);
      const seen = new Map<string, boolean>();
      for (const p of map.keys()) {
        if (!p.startsWith(dir + path.sep)) continue;
        const rest = p.slice(dir.length + 1).split(path.sep);
        seen.set(rest[0], seen.get(rest[0]) || rest.length > 1);
      }
      return [...seen].map(([name, isDirectory]) => ({ name, isDirectory }));
    },
  };
}
