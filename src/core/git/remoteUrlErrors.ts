import type { HostingProvider } from './remoteHosts';
import type { RemoteUrlError } from './types';

/*
 * The messages a Python maintainer reads when their remote cannot be used. Each takes the redacted URL or a host
 * name, never the URL as written, so no credential can reach a notification or a log.
 */

const EXAMPLES = 'https://github.com/OWNER/REPO or git@github.com:OWNER/REPO.git';

export function notGitHub(host: string, provider: HostingProvider, redactedUrl: string): RemoteUrlError {
  return { kind: 'NotGitHub', host, provider, url: redactedUrl, message: notGitHubMessage(host, provider) };
}

function notGitHubMessage(host: string, provider: HostingProvider): string {
  const onlyGitHub = `The remote points at ${host}, but PyPI's GitHub publisher only trusts workflows on github.com.`;
  switch (provider) {
    case 'gitlab':
      return host === 'gitlab.com'
        ? `${onlyGitHub} PyPI supports GitLab.com CI/CD through its separate GitLab publisher form.`
        : `${onlyGitHub} PyPI's GitLab publisher covers GitLab.com; for a self-managed GitLab it is in beta for PyPI organizations onboarded by PyPI staff.`;
    case 'bitbucket':
      return `${onlyGitHub} PyPI has no Bitbucket publisher; its other publishers cover GitLab.com, Google Cloud and ActiveState.`;
    case 'github-enterprise':
      return looksLikeSshAlias(host)
        ? `The remote's host "${host}" is not github.com; if it is an SSH alias from ~/.ssh/config, add a remote that names github.com itself (such as git@github.com:OWNER/REPO.git). PyPI trusts GitHub workflows only on github.com (and GitLab CI/CD through its separate GitLab publisher form).`
        : `The remote points at ${host}, a GitHub Enterprise host: PyPI trusted publishing does not support GitHub Enterprise, only workflows on github.com. PyPI's other publishers cover GitLab.com, Google Cloud and ActiveState.`;
    case 'other':
      return `${onlyGitHub} PyPI's other publishers cover GitLab.com, Google Cloud and ActiveState, not ${host}.`;
  }
}

/**
 * `github-work` or `github.com-work`: people with several GitHub accounts name SSH aliases like this. A real
 * Enterprise server has a dotted name of its own (github.mycorp.com).
 */
function looksLikeSshAlias(host: string): boolean {
  return !host.includes('.') || /^github\.com[-_]/.test(host);
}

export function localPath(redactedUrl: string): RemoteUrlError {
  return {
    kind: 'LocalPath',
    url: redactedUrl,
    message: `The remote is a folder on this computer (${redactedUrl}), not a repository on github.com. PyPI's GitHub publisher needs a remote such as ${EXAMPLES}.`,
  };
}

/** `why` is a sentence saying what is wrong with this particular URL. */
export function unparseable(redactedUrl: string, why: string): RemoteUrlError {
  return {
    kind: 'Unparseable',
    url: redactedUrl,
    message: `${why} Expected a GitHub remote such as ${EXAMPLES}.`,
  };
}
