import * as vscode from 'vscode';
import { nodeFiles } from '../core/files';
import { redactUrl, resolveGitHubRepository } from '../core/git';
import type { GitHubRepository } from '../core/git/types';

/**
 * The GitHub repository PyPI will trust, from the git remotes in `.git/config` (read directly: no git process, so
 * this works in untrusted workspaces). Asks when several remotes could be meant; says why when none can.
 */
export async function pickRepository(
  packageFolder: string,
  remoteName: string,
  log: vscode.LogOutputChannel,
): Promise<GitHubRepository | undefined> {
  const resolved = await resolveGitHubRepository(packageFolder, nodeFiles, remoteName);
  if (resolved.kind === 'ok') {
    log.info(`GitHub repository ${resolved.repository.owner}/${resolved.repository.repo} from remote '${resolved.remote.name}'`);
    return resolved.repository;
  }
  if (resolved.kind === 'error') {
    log.warn(`No usable GitHub remote: ${resolved.error.message}`);
    const learn = 'Learn about Trusted Publishers';
    const choice = await vscode.window.showErrorMessage(resolved.error.message, learn);
    if (choice === learn) await vscode.env.openExternal(vscode.Uri.parse('https://docs.pypi.org/trusted-publishers/'));
    return undefined;
  }
  const items = resolved.candidates.map((candidate) => ({
    label: candidate.remote.name,
    description: redactUrl(candidate.remote.url),
    detail: candidate.parsed.ok ? `${candidate.parsed.value.owner}/${candidate.parsed.value.repo}` : candidate.parsed.error.message,
    repository: candidate.parsed.ok ? candidate.parsed.value : undefined,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Which git remote is the repository that publishes to PyPI?',
    placeHolder: `Set "trustedPublishing.remoteName" to skip this question`,
  });
  if (picked && !picked.repository) {
    await vscode.window.showErrorMessage(picked.detail);
    return undefined;
  }
  return picked?.repository;
}
