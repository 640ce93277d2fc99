import * as vscode from 'vscode';
import type { LocalGitState } from '../../core/release/types';

/**
 * The slice of VS Code's built-in Git extension API (`vscode.git`, API version 1, its `git.d.ts`) used here: the
 * working tree and the branch of the repository holding the project, and a push. No git process is spawned by us.
 */
interface GitBranch {
  name?: string;
  commit?: string;
  upstream?: { remote: string; name: string };
  ahead?: number;
  behind?: number;
}

interface GitRepository {
  rootUri: vscode.Uri;
  state: {
    HEAD: GitBranch | undefined;
    workingTreeChanges: unknown[];
    indexChanges: unknown[];
    mergeChanges: unknown[];
    untrackedChanges?: unknown[];
  };
  status(): Promise<void>;
  push(remoteName?: string, branchName?: string, setUpstream?: boolean): Promise<void>;
}

interface GitApi {
  state: 'uninitialized' | 'initialized';
  onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  getRepository(uri: vscode.Uri): GitRepository | null;
}

interface GitExtension {
  enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** How long to wait for the Git extension to open its repositories after the editor started. */
const READY_TIMEOUT_MS = 10_000;

async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return undefined;
  const exports = extension.isActive ? extension.exports : await extension.activate();
  if (!exports?.enabled) return undefined;
  const api = exports.getAPI(1);
  if (api.state === 'initialized') return api;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, READY_TIMEOUT_MS);
    const listener = api.onDidChangeState((state) => state === 'initialized' && done());
    function done() {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    }
  });
  return api;
}

/** The Git extension's repository holding `file`; undefined when Git is disabled or the file is in none. */
export async function gitRepositoryOf(file: vscode.Uri): Promise<GitRepository | undefined> {
  try {
    return (await gitApi())?.getRepository(file) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The working tree and branch as the Git extension sees them, refreshed first. */
export async function readGitState(file: vscode.Uri): Promise<LocalGitState | undefined> {
  const repository = await gitRepositoryOf(file);
  if (!repository) return undefined;
  await repository.status().catch(() => undefined);
  const { state } = repository;
  const head = state.HEAD;
  const changes = state.workingTreeChanges.length + state.indexChanges.length + state.mergeChanges.length + (state.untrackedChanges?.length ?? 0);
  return {
    changes,
    ...(head?.name ? { branch: head.name } : {}),
    ...(head?.commit ? { headSha: head.commit } : {}),
    ...(head?.upstream ? { upstream: `${head.upstream.remote}/${head.upstream.name}` } : {}),
    ...(head?.ahead !== undefined ? { ahead: head.ahead } : {}),
    ...(head?.behind !== undefined ? { behind: head.behind } : {}),
  };
}

/** Pushes the current branch (publishing it to the first remote when it has no upstream), as the Git view's Push does. */
export async function pushBranch(file: vscode.Uri): Promise<void> {
  const repository = await gitRepositoryOf(file);
  if (!repository) throw new Error('the Git extension has no repository for this project');
  const head = repository.state.HEAD;
  if (head?.upstream) await repository.push();
  else await repository.push('origin', head?.name, true);
}
