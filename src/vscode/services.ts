import * as path from 'node:path';
import * as vscode from 'vscode';
import type * as Network from '../core/network';
import type { GitHubClient } from '../core/github/types';
import type { PypiClient } from '../core/pypi/types';
import { readSettings } from './settings';

/** What the editor layer needs from the network, created on first use. */
export interface Services {
  pypi(index: 'pypi' | 'testpypi'): PypiClient;
  /**
   * A GitHub client signed in through VS Code's GitHub authentication, asking for the `repo` scope only now that an
   * environment or a secret is to be touched. Undefined when the user declines or no sign-in is available.
   */
  github(options: { createIfNone: boolean }): Promise<GitHubClient | undefined>;
}

export function createServices(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Services {
  let network: typeof Network | undefined;
  // dist/network.js sits beside dist/extension.js; required here, on first use, not at activation.
  const load = (): typeof Network => (network ??= require(path.join(context.extensionPath, 'dist', 'network.js')) as typeof Network);
  const userAgent = `pypi-trusted-publishing/${context.extension.packageJSON.version} (VS Code ${vscode.version})`;

  return {
    pypi(index) {
      const settings = readSettings();
      const http = vscode.workspace.getConfiguration('http');
      return load().createPypiClient({
        baseUrl: index === 'pypi' ? settings.pypiUrl : settings.testPypiUrl,
        userAgent,
        proxy: { url: http.get<string>('proxy') || undefined, strictSSL: http.get<boolean>('proxyStrictSSL') !== false },
      });
    },
    async github({ createIfNone }) {
      const settings = readSettings();
      try {
        const session = await vscode.authentication.getSession(settings.githubAuthProvider, ['repo'], createIfNone ? { createIfNone: true } : { silent: true });
        if (!session) return undefined;
        log.info(`Signed in to GitHub as ${session.account.label}`);
        return load().createGitHubClient({ token: session.accessToken, baseUrl: settings.githubApiUrl, userAgent });
      } catch (error) {
        // Declined, or no GitHub authentication in this editor: the caller says what could not be done.
        log.warn(`GitHub sign-in not available: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    },
  };
}
