// Makes a fresh fixture workspace: a copy of test/fixtures/workspaces/<name>/ in its own folder, made a git
// repository with one commit and an `origin` remote on GitHub, so the extension sees a real project.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './util';

export const FIXTURES_DIR = path.join(ROOT, 'test', 'fixtures', 'workspaces');

export interface WorkspaceOptions {
  /** Folder name under test/fixtures/workspaces/. */
  fixture: string;
  /** The GitHub repository as `Owner/Repo`; the case is kept (e.g. `Example-Org/Hello-PyPI`). */
  repository: string;
  /** The folder to create the workspace in (a fresh subfolder is made). */
  parentDir: string;
  /** A prefix for the subfolder name, e.g. the suite name. */
  label?: string;
  timeoutMs?: number;
}

export interface Workspace {
  /** Absolute path of the workspace folder. */
  readonly folder: string;
  readonly remoteUrl: string;
}

function git(cwd: string, args: readonly string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [
        // an identity and settings of our own: the machine's global git config plays no part
        '-c', 'user.name=PyPI Trusted Publishing Tests',
        '-c', 'user.email=tests@example.invalid',
        '-c', 'commit.gpgsign=false',
        '-c', 'core.autocrlf=false',
        ...args,
      ],
      { cwd, timeout: timeoutMs, killSignal: 'SIGKILL', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' } },
      (error, _stdout, stderr) => (error ? reject(new Error(`git ${args.join(' ')} in ${cwd}: ${error.message}\n${stderr}`)) : resolve()),
    );
  });
}

export async function makeWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(options.repository)) {
    throw new Error(`repository must look like Owner/Repo, got ${JSON.stringify(options.repository)}`);
  }
  const source = path.join(FIXTURES_DIR, options.fixture);
  if (!fs.existsSync(source)) throw new Error(`no fixture workspace ${source}`);
  fs.mkdirSync(options.parentDir, { recursive: true });
  const folder = fs.mkdtempSync(path.join(options.parentDir, `${options.label ?? options.fixture}-`));
  fs.cpSync(source, folder, { recursive: true });
  const timeoutMs = options.timeoutMs ?? 30_000;
  const remoteUrl = `https://github.com/${options.repository}.git`;
  await git(folder, ['init', '--quiet', '--initial-branch=main'], timeoutMs);
  await git(folder, ['add', '--all'], timeoutMs);
  await git(folder, ['commit', '--quiet', '--no-verify', '-m', `${options.fixture} fixture`], timeoutMs);
  await git(folder, ['remote', 'add', 'origin', remoteUrl], timeoutMs);
  return { folder, remoteUrl };
}
