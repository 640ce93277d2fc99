import * as assert from 'node:assert/strict';
import { parseGitConfig } from '../../../src/core/git';

/** Config text from lines, so tabs and trailing blanks stay visible in the test source. */
const config = (...lines: string[]) => lines.join('\n') + '\n';

describe('parseGitConfig', () => {
  it('reads the config that git clone writes', () => {
    const text = config(
      '[core]',
      '\trepositoryformatversion = 0',
      '\tfilemode = true',
      '\tbare = false',
      '[remote "origin"]',
      '\turl = https://github.com/pypa/sampleproject.git',
      '\tfetch = +refs/heads/*:refs/remotes/origin/*',
      '[branch "main"]',
      '\tremote = origin',
      '\tmerge = refs/heads/main',
    );
    assert.deepEqual(parseGitConfig(text), [{ name: 'origin', url: 'https://github.com/pypa/sampleproject.git' }]);
  });

  it('lists remotes in the order of the file', () => {
    const text = config('[remote "upstream"]', 'url = git@github.com:pypa/pip.git', '[remote "origin"]', 'url = git@github.com:me/pip.git', '[remote "backup"]', 'url = /mnt/backup/pip.git');
    assert.deepEqual(
      parseGitConfig(text).map((remote) => remote.name),
      ['upstream', 'origin', 'backup'],
    );
  });

  it('reads section names and keys in any case, and keeps the case of remote names', () => {
    const text = config('[REMOTE "Origin"]', '\tURL = https://github.com/Me/Project', '[Remote "fork"]', '\tUrl = https://github.com/me/fork');
    assert.deepEqual(parseGitConfig(text), [
      { name: 'Origin', url: 'https://github.com/Me/Project' },
      { name: 'fork', url: 'https://github.com/me/fork' },
    ]);
  });

  it('unescapes quoted remote names', () => {
    const text = config('[remote "my \\"fork\\""]', 'url = a', '[remote "back\\\\slash"]', 'url = b', '[remote "dropped\\x"]', 'url = c');
    assert.deepEqual(
      parseGitConfig(text).map((remote) => remote.name),
      ['my "fork"', 'back\\slash', 'droppedx'],
    );
  });

  it('reads the old [remote.name] form, lower-cased as git does', () => {
    assert.deepEqual(parseGitConfig(config('[remote.Origin]', 'url = https://github.com/o/r')), [{ name: 'origin', url: 'https://github.com/o/r' }]);
  });

  it('drops comments, whole-line and after values', () => {
    const text = config(
      '# [remote "commented"]',
      '; url = https://example.com/nope',
      '[remote "origin"] # the main one',
      '\turl = https://github.com/o/r.git ; moved from GitLab in 2024',
      '\t# url = https://gitlab.com/o/r.git',
      '[remote "mirror"]',
      '\turl = https://github.com/o/mirror.git# no space before the comment',
    );
    assert.deepEqual(parseGitConfig(text), [
      { name: 'origin', url: 'https://github.com/o/r.git' },
      { name: 'mirror', url: 'https://github.com/o/mirror.git' },
    ]);
  });

  it('reads quoted values: quotes removed, # and ; and blanks inside them kept', () => {
    const text = config('[remote "origin"]', '\turl = "https://github.com/o/r.git#not-a-comment;really"  ; a comment', '[remote "spaced"]', '\turl = "  /srv/my repos/x  "');
    assert.deepEqual(parseGitConfig(text), [
      { name: 'origin', url: 'https://github.com/o/r.git#not-a-comment;really' },
      { name: 'spaced', url: '  /srv/my repos/x  ' },
    ]);
  });

  it('reads escapes and continuation lines in values', () => {
    const text = config('[remote "origin"]', '\turl = https://github.com/\\', 'o/r.git', '[remote "escaped"]', '\turl = "C:\\\\repos\\\\x" say \\"hi\\"\\t!');
    assert.deepEqual(parseGitConfig(text), [
      { name: 'origin', url: 'https://github.com/o/r.git' },
      { name: 'escaped', url: 'C:\\repos\\x say "hi"\t!' },
    ]);
  });

  it('reads a key on the same line as its section header', () => {
    assert.deepEqual(parseGitConfig('[remote "origin"] url = git@github.com:o/r.git\n'), [{ name: 'origin', url: 'git@github.com:o/r.git' }]);
  });

  it('reads Windows line endings and a byte order mark', () => {
    const text = '\uFEFF[remote "origin"]\r\n\turl = https://github.com/o/r.git\r\n\tfetch = +refs/heads/*:refs/remotes/origin/*\r\n';
    assert.deepEqual(parseGitConfig(text), [{ name: 'origin', url: 'https://github.com/o/r.git' }]);
  });

  it('takes the first url of a remote, the one git fetches from', () => {
    const text = config('[remote "origin"]', 'url = https://github.com/o/r.git', 'url = https://gitlab.com/o/r.git', '[remote "origin"]', 'url = https://codeberg.org/o/r.git');
    assert.deepEqual(parseGitConfig(text), [{ name: 'origin', url: 'https://github.com/o/r.git' }]);
  });

  it('starts the url list afresh after an empty url, as git 2.46 does', () => {
    const text = config('[remote "origin"]', 'url = https://gitlab.com/o/r.git', 'url =', 'url = https://github.com/o/r.git');
    assert.deepEqual(parseGitConfig(text), [{ name: 'origin', url: 'https://github.com/o/r.git' }]);
  });

  it('leaves out remotes without a url (pushurl and fetch are not where git fetches from)', () => {
    const text = config('[remote "pushonly"]', 'pushurl = https://github.com/o/r.git', '[remote "bare"]', 'url', '[remote "origin"]', 'url = https://github.com/o/r.git');
    assert.deepEqual(parseGitConfig(text), [{ name: 'origin', url: 'https://github.com/o/r.git' }]);
  });

  it('skips a malformed line and keeps reading', () => {
    const text = config('[remote "broken', 'url = https://example.com/wrong', '[remote "origin"]', '!!! not a key', '5key = x', 'url = https://github.com/o/r.git');
    assert.deepEqual(parseGitConfig(text), [{ name: 'origin', url: 'https://github.com/o/r.git' }]);
  });

  it('finds nothing in an empty config', () => {
    assert.deepEqual(parseGitConfig(''), []);
    assert.deepEqual(parseGitConfig(config('[core]', '\tbare = false')), []);
  });

  describe('insteadOf', () => {
    it('rewrites a short name to the URL git fetches', () => {
      const text = config('[url "git@github.com:"]', '\tinsteadOf = gh:', '[remote "origin"]', '\turl = gh:Octo-Org/Project.git');
      assert.deepEqual(parseGitConfig(text), [{ name: 'origin', url: 'git@github.com:Octo-Org/Project.git' }]);
    });

    it('applies rules written after the remote, in any key case', () => {
      const text = config('[remote "origin"]', '\turl = work:team/project', '[URL "https://github.com/"]', '\tINSTEADOF = work:');
      assert.deepEqual(parseGitConfig(text), [{ name: 'origin', url: 'https://github.com/team/project' }]);
    });

    it('uses the longest matching prefix', () => {
      const text = config(
        '[url "https://example.com/"]',
        '\tinsteadOf = https://',
        '[url "git@github.com:"]',
        '\tinsteadOf = https://github.com/',
        '\tinsteadOf = gh:',
        '[remote "origin"]',
        '\turl = https://github.com/o/r.git',
        '[remote "other"]',
        '\turl = https://codeberg.org/o/r.git',
      );
      assert.deepEqual(parseGitConfig(text), [
        { name: 'origin', url: 'git@github.com:o/r.git' },
        { name: 'other', url: 'https://example.com/codeberg.org/o/r.git' },
      ]);
    });

    it('ignores pushInsteadOf, which only changes where git pushes', () => {
      const text = config('[url "git@github.com:"]', '\tpushInsteadOf = https://github.com/', '[remote "origin"]', '\turl = https://github.com/o/r.git');
      assert.deepEqual(parseGitConfig(text), [{ name: 'origin', url: 'https://github.com/o/r.git' }]);
    });

    it('matches prefixes case-sensitively, as git does', () => {
      const text = config('[url "git@github.com:"]', '\tinsteadOf = GH:', '[remote "origin"]', '\turl = gh:o/r');
      assert.deepEqual(parseGitConfig(text), [{ name: 'origin', url: 'gh:o/r' }]);
    });
  });
});
