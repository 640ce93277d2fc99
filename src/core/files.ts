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
  /** What is at a path, for messages that say exactly why it cannot be used (optional: readers in tests may omit it). */
  kind?(filePath: string): Promise<PathKind>;
}

export type PathKind = 'file' | 'directory' | 'missing' | 'unreadable';

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
  async kind(filePath) {
    try {
      const stats = await fs.stat(filePath);
      if (stats.isDirectory()) {
        await fs.readdir(filePath);
        return 'directory';
      }
      await (await fs.open(filePath, 'r')).close();
      return 'file';
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'missing' : 'unreadable';
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
