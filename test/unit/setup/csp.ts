import * as assert from 'node:assert/strict';

/**
 * Asserts what the wizard's page must hold: CSP `default-src 'none'` with a nonce of at least 128 bits that the one
 * script tag carries, no 'unsafe-inline' or 'unsafe-eval', every src/href on `cspSource`, no inline handler, style
 * or script. Returns the nonce. Shared by the unit test and the host test (which checks the real panel's HTML).
 */
export function checkCsp(html: string, cspSource: string): { nonce: string } {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(meta, 'a CSP meta tag');
  const csp = meta[1].replace(/&#39;|&apos;/g, "'");
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));
  assert.deepEqual(directives.get('default-src'), ["'none'"]);
  assert.deepEqual(directives.get('base-uri'), ["'none'"], 'no <base> may redirect relative URLs');
  assert.deepEqual(directives.get('form-action'), ["'none'"], 'no form may post anywhere');
  const sources = cspSource.split(/\s+/).filter(Boolean);
  assert.deepEqual(directives.get('style-src'), sources);
  assert.deepEqual(directives.get('font-src'), sources);
  assert.deepEqual(directives.get('img-src'), sources);
  const script = directives.get('script-src');
  assert.equal(script?.length, 1);
  const nonce = /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(script![0])?.[1];
  assert.ok(nonce, `script-src is one nonce: ${script}`);
  assert.ok(Buffer.from(nonce, 'base64').length * 8 >= 128, 'the nonce has at least 128 bits');
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  // No wildcard beyond what cspSource itself holds (VS Code's is `https://*.vscode-cdn.net`).
  assert.doesNotMatch(sources.reduce((rest, source) => rest.split(source).join(''), csp), /\*/);

  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1, 'one script tag');
  assert.match(scripts[0][1], new RegExp(`nonce="${nonce.replace(/[+/]/g, '\\$&')}"`), 'the script carries the nonce');
  assert.equal(scripts[0][2].trim(), '', 'no inline script');
  assert.doesNotMatch(html, /<style\b/i, 'no inline style element');
  assert.doesNotMatch(html, /\sstyle\s*=/i, 'no style attribute');
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handler');
  const urls = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  assert.ok(urls.length >= 3, 'the script and the style sheets');
  // A source such as https://*.vscode-cdn.net matches any subdomain, as CSP host-source matching does.
  const allowed = sources.map((source) => new RegExp(`^${source.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]+')}(/|$)`));
  for (const url of urls) assert.ok(allowed.some((pattern) => pattern.test(url)), `${url} is on ${cspSource}`);
  return { nonce };
}
