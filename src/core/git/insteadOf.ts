/**
 * git's `[url "<base>"] insteadOf = <prefix>`: a remote URL starting with `<prefix>` is fetched from `<base>`
 * followed by the rest. People use it for short names (`gh:OWNER/REPO`) and to force SSH or HTTPS, so the URL git
 * really uses is the rewritten one.
 */
export interface UrlRewrite {
  base: string;
  prefix: string;
}

/** The URL as git rewrites it: the longest matching prefix wins, and the first one listed among equally long ones. */
export function applyInsteadOf(url: string, rewrites: readonly UrlRewrite[]): string {
  let best: UrlRewrite | undefined;
  for (const rewrite of rewrites) {
    if (url.startsWith(rewrite.prefix) && (best === undefined || rewrite.prefix.length > best.prefix.length)) best = rewrite;
  }
  return best === undefined ? url : best.base + url.slice(best.prefix.length);
}
