import * as assert from 'node:assert/strict';
import { newNonce, wizardHtml } from '../../../src/vscode/wizard/wizardHtml';
import { checkCsp } from './csp';

describe('wizard HTML', () => {
  const render = () =>
    wizardHtml({
      cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
      nonce: newNonce(),
      scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
      styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css', 'https://file+.vscode-resource.vscode-cdn.net/ext/media/wizard.css'],
    });

  it('has a strict CSP whose nonce matches the script tag, all assets on cspSource, no inline handlers', () => {
    const first = checkCsp(render(), 'https://file+.vscode-resource.vscode-cdn.net');
    const second = checkCsp(render(), 'https://file+.vscode-resource.vscode-cdn.net');
    assert.notEqual(first.nonce, second.nonce);
  });

  it('nonces carry at least 128 bits and differ every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    assert.equal(nonces.size, 100);
    for (const nonce of nonces) assert.ok(Buffer.from(nonce, 'base64').length * 8 >= 128);
  });
});
