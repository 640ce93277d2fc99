import * as path from 'node:path';
import * as vscode from 'vscode';
import type * as Network from '../core/network';
import type * as Provenance from '../core/provenance';
import type { GitHubClient } from '../core/github/types';
import type { PypiClient, PypiError } from '../core/pypi/types';
import { readSettings } from './settings';

/** What the editor layer needs from the network, created on first use. */
export interface Services {
  /** False in Restricted Mode: then no request is made at all (callers can skip asking). */
  networkAllowed(): boolean;
  pypi(index: 'pypi' | 'testpypi'): PypiClient;
  /**
   * A GitHub client signed in through VS Code's GitHub authentication, asking for the `repo` scope only now that an
   * environment or a secret is to be touched. Undefined when the user declines or no sign-in is available.
   */
  github(options: { createIfNone: boolean }): Promise<GitHubClient | undefined>;
  /** The PEP 740 verifier (dist/provenance.js), loaded on first use: it is large and works offline. */
  provenance(): typeof Provenance;
}

export function createServices(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Services {
  let network: typeof Network | undefined;
  // dist/network.js sits beside dist/extension.js; required here, on first use, not at activation.
  const load = (): typeof Network => (network ??= require(path.join(context.extensionPath, 'dist', 'network.js')) as typeof Network);
  let provenance: typeof Provenance | undefined;
  const userAgent = `pypi-trusted-publishing/${context.extension.packageJSON.version} (VS Code ${vscode.version})`;
  const said = new Set<string>();
  const sayOnce = (message: string) => {
    if (said.has(message)) return;
    said.add(message);
    log.warn(message);
  };
  const readChecked = () => {
    const settings = readSettings();
    settings.problems.forEach(sayOnce);
    return settings;
  };
  // A repository opened in Restricted Mode is untrusted input: it gets checks, but no request leaves the machine.
  const restricted = () => {
    if (vscode.workspace.isTrusted) return false;
    sayOnce('Restricted Mode: no requests to PyPI or GitHub until the workspace is trusted.');
    return true;
  };

  return {
    networkAllowed: () => !restricted(),
    provenance: () => (provenance ??= require(path.join(context.extensionPath, 'dist', 'provenance.js')) as typeof Provenance),
    pypi(index) {
      if (restricted()) return restrictedPypi;
      const settings = readChecked();
      const http = vscode.workspace.getConfiguration('http');
      return load().createPypiClient({
        baseUrl: index === 'pypi' ? settings.pypiUrl : settings.testPypiUrl,
        userAgent,
        proxy: { url: http.get<string>('proxy') || undefined, strictSSL: http.get<boolean>('proxyStrictSSL') !== false },
      });
    },
    async github({ createIfNone }) {
      if (restricted()) return undefined;
      const settings = readChecked();
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

const RESTRICTED: PypiError = { kind: 'Network', message: 'No request was made: this workspace is in Restricted Mode. Trust it to let the extension ask the index.' };

/** Answers every question without a request, saying why. */
const restrictedPypi: PypiClient = {
  project: async () => ({ ok: false, error: RESTRICTED }),
  latestPublisher: async () => ({ ok: false, error: RESTRICTED }),
  releaseFiles: async () => ({ ok: false, error: RESTRICTED }),
  provenance: async () => ({ ok: false, error: RESTRICTED }),
};
