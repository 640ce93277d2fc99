import type * as Undici from 'undici';

/*
 * The parts of undici the PyPI client uses: fetch and the two proxy agents. undici's entry point loads all of it
 * (mock agents, caches, WebSocket, EventSource, the interceptors) and is more than half of what the extension ships;
 * these three modules and what they need are a fraction of it. The package declares no `exports`, so these paths are
 * part of what it publishes; a test checks they still give the classes and the function the entry point gives.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
// As undici's entry point does: the request/connect/stream methods every dispatcher has (a proxy agent's CONNECT
// tunnel uses `connect`).
Object.assign(require('undici/lib/dispatcher/dispatcher.js').prototype, require('undici/lib/api/index.js'));
export const fetch: typeof Undici.fetch = require('undici/lib/web/fetch/index.js').fetch;
export const ProxyAgent: typeof Undici.ProxyAgent = require('undici/lib/dispatcher/proxy-agent.js');
export const EnvHttpProxyAgent: typeof Undici.EnvHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent.js');
