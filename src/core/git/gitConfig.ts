import { readConfigEntries } from './configFile';
import { applyInsteadOf, type UrlRewrite } from './insteadOf';
import type { GitRemote } from './types';

/**
 * The remotes a git config file defines, in the order they first appear, each with the URL `git fetch` would use:
 * the first `url` of the remote, rewritten by the file's `insteadOf` rules. Remotes without a URL are left out.
 */
export function parseGitConfig(text: string): GitRemote[] {
  const urlsByRemote = new Map<string, string[]>();
  const rewrites: UrlRewrite[] = [];
  for (const { section, subsection, key, value } of readConfigEntries(text)) {
    if (subsection === undefined || subsection === '') continue;
    if (section === 'remote') {
      const urls = urlsByRemote.get(subsection) ?? [];
      urlsByRemote.set(subsection, urls);
      if (key !== 'url' || value === undefined) continue;
      // Since git 2.46 an empty `url =` clears the URLs listed before it (e.g. to override an included file).
      if (value === '') urls.length = 0;
      else urls.push(value);
    } else if (section === 'url' && key === 'insteadof' && value !== undefined) {
      rewrites.push({ base: subsection, prefix: value });
    }
  }
  return [...urlsByRemote]
    .filter(([, urls]) => urls.length > 0)
    .map(([name, urls]) => ({ name, url: applyInsteadOf(urls[0], rewrites) }));
}
