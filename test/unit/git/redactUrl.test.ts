import * as assert from 'node:assert/strict';
import { redactUrl } from '../../../src/core/git';

describe('redactUrl', () => {
  const cases: Array<[url: string, shown: string]> = [
    ['https://user:ghp_abc123@github.com/o/r.git', 'https://***@github.com/o/r.git'],
    ['https://x-access-token:ghs_abc123@github.com/o/r.git', 'https://***@github.com/o/r.git'],
    ['https://ghp_abc123@github.com/o/r', 'https://***@github.com/o/r'],
    ['http://user:pw@gitlab.example.com:8080/o/r', 'http://***@gitlab.example.com:8080/o/r'],
    ['git+https://gitlab-ci-token:glpat-abc@gitlab.com/g/p.git', 'git+https://***@gitlab.com/g/p.git'],
    // Over https a user named git is still whatever the user put there.
    ['https://git@github.com/o/r', 'https://***@github.com/o/r'],
    ['ssh://git@github.com/o/r.git', 'ssh://git@github.com/o/r.git'],
    ['git+ssh://git@github.com/o/r.git', 'git+ssh://git@github.com/o/r.git'],
    ['ssh://deploy:ghp_abc123@github.com/o/r.git', 'ssh://***@github.com/o/r.git'],
    ['ssh://git:ghp_abc123@github.com/o/r.git', 'ssh://***@github.com/o/r.git'],
    ['git@github.com:o/r.git', 'git@github.com:o/r.git'],
    ['ghp_abc123@github.com:o/r.git', '***@github.com:o/r.git'],
    ['deploy:ghp_abc123@github.com:o/r.git', '***@github.com:o/r.git'],
    // A raw '@' or '/' inside a password must not leave part of it visible.
    ['https://user:p@ss@github.com/o/r', 'https://***@github.com/o/r'],
    ['https://user:pa/ss@github.com/o/r', 'https://***@github.com/o/r'],
    ['https://user:p%40ss@github.com/o/r', 'https://***@github.com/o/r'],
    ['  https://user:ghp_abc123@github.com/o/r  ', 'https://***@github.com/o/r'],
    ['https://github.com/o/r', 'https://github.com/o/r'],
    ['https://github.com/o/r/tree/feature@2', 'https://github.com/o/r/tree/feature@2'],
    ['github.com:o/r', 'github.com:o/r'],
    ['/home/me@corp/r', '/home/me@corp/r'],
    ['C:\\Users\\me@corp\\r', 'C:\\Users\\me@corp\\r'],
    // Credentials in the query string.
    ['https://example.com/o/r.git?token=ghp_abc123', 'https://example.com/o/r.git?token=***'],
    ['https://example.com/api?page=2&access_token=ghp_abc123#x', 'https://example.com/api?page=2&access_token=***#x'],
    ['https://gitlab.example/o/r?private_token=glpat-1&ref=main', 'https://gitlab.example/o/r?private_token=***&ref=main'],
    ['https://u:p@example.com/r?X-Amz-Signature=abc&id=1', 'https://***@example.com/r?X-Amz-Signature=***&id=1'],
    ['https://example.com/r?tokens_page=2', 'https://example.com/r?tokens_page=2'],
  ];
  for (const [url, shown] of cases) {
    it(`${JSON.stringify(url)} -> ${shown}`, () => {
      assert.equal(redactUrl(url), shown);
    });
  }
});
