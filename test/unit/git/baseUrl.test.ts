import * as assert from 'node:assert/strict';
import { checkBaseUrl } from '../../../src/core/baseUrl';

describe('base URLs for requests (where the token may go)', () => {
  it('takes https URLs, without a trailing slash', () => {
    assert.deepEqual(checkBaseUrl('https://pypi.org/'), { ok: true, url: 'https://pypi.org' });
    assert.deepEqual(checkBaseUrl(' https://ghe.example.com/api/v3 '), { ok: true, url: 'https://ghe.example.com/api/v3' });
  });

  it('takes plain http only on loopback addresses, where test servers run', () => {
    for (const url of ['http://127.0.0.1:8080', 'http://localhost:9', 'http://[::1]:3000', 'http://127.1.2.3']) assert.equal(checkBaseUrl(url).ok, true, url);
    for (const url of ['http://evil.example', 'http://10.0.0.1', 'http://localhost.evil.example', 'ftp://pypi.org', 'file:///etc/passwd']) {
      assert.equal(checkBaseUrl(url).ok, false, url);
    }
  });

  it("keeps a private mirror's credentials over https only, refuses queries and non-URLs, and never echoes a password", () => {
    assert.equal(checkBaseUrl('https://user:hunter2@pypi.example/simple').ok, true);
    const plain = checkBaseUrl('http://user:hunter2@pypi.example');
    assert.equal(plain.ok, false);
    assert.doesNotMatch(!plain.ok ? plain.reason : '', /hunter2/);
    assert.equal(checkBaseUrl('https://pypi.org/?token=x').ok, false);
    assert.equal(checkBaseUrl('pypi.org').ok, false);
  });
});
