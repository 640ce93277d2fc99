import type { Dispatcher } from 'undici';
import { EnvHttpProxyAgent, ProxyAgent } from './undiciParts';
import type { PypiClientOptions } from './types';

/**
 * The undici dispatcher for every request of one client. VS Code's `http.proxy` wins; without it the standard
 * HTTP_PROXY / HTTPS_PROXY / NO_PROXY variables apply, as they do for pip. Throws on an unusable proxy URL; the
 * client turns that into a typed error.
 */
export function createDispatcher(proxy: PypiClientOptions['proxy']): Dispatcher {
  // `http.proxyStrictSSL: false` is how users behind TLS-intercepting proxies opt out of certificate checks, so it
  // must reach every TLS connection: to the index directly, to the proxy, and through the proxy's tunnel.
  const tls = { rejectUnauthorized: proxy?.strictSSL !== false };
  // Plain-http targets go to the proxy in absolute form rather than through CONNECT: common proxy setups (squid's
  // default) refuse CONNECT to any port but 443. https targets are always tunnelled.
  const proxyTunnel = false;
  const url = proxy?.url?.trim();
  if (url) {
    // VS Code accepts `host:port` in http.proxy; undici needs a scheme.
    const uri = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`;
    return new ProxyAgent({ uri, requestTls: tls, proxyTls: tls, proxyTunnel });
  }
  return new EnvHttpProxyAgent({ connect: tls, requestTls: tls, proxyTls: tls, proxyTunnel });
}
