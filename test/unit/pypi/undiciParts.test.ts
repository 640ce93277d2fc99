import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as undici from 'undici';
import { EnvHttpProxyAgent, fetch, ProxyAgent } from '../../../src/core/pypi/undiciParts';

// The PyPI client loads three of undici's modules rather than its entry point (network.js is a third smaller). If a
// new undici moved them, these would no longer be the ones the entry point gives.
describe("undici's parts the PyPI client loads", () => {
  it('are the proxy agents the entry point exports, and a fetch', () => {
    assert.equal(ProxyAgent, undici.ProxyAgent);
    assert.equal(EnvHttpProxyAgent, undici.EnvHttpProxyAgent);
    assert.equal(typeof fetch, 'function');
  });

  it('give every dispatcher the request methods a proxy tunnel needs, without the entry point loaded', () => {
    // In a process of its own: this file loads the entry point, which would add the methods itself.
    const script = `
      const { EnvHttpProxyAgent } = require(${JSON.stringify(require.resolve('../../../src/core/pypi/undiciParts'))});
      const agent = new EnvHttpProxyAgent();
      process.stdout.write(['request', 'connect', 'stream', 'pipeline', 'upgrade'].filter((m) => typeof agent[m] !== 'function').join(','));
      agent.close();`;
    assert.equal(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }), '', 'methods missing');
  });
});
