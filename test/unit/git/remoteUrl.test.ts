import * as assert from 'node:assert/strict';
import { parseRemoteUrl } from '../../../src/core/git';
import type { RemoteUrlError } from '../../../src/core/git';

/** The error of a URL that must not parse, failing the test with the value when it does. */
function errorOf(url: string): RemoteUrlError {
  const result = parseRemoteUrl(url);
  if (result.ok) assert.fail(`expected ${JSON.stringify(url)} to be rejected, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('parseRemoteUrl', () => {
  describe('reads owner and repository from every form of github.com remote', () => {
    // Mixed case on purpose: PyPI compares the repository name exactly, so the case must survive.
    const owner = 'Octo-Org';
    const repo = 'Sample_Project';
    const forms: string[] = [
      'https://github.com/Octo-Org/Sample_Project',
      'https://github.com/Octo-Org/Sample_Project.git',
      'http://github.com/Octo-Org/Sample_Project.git',
      'git@github.com:Octo-Org/Sample_Project.git',
      'git@github.com:Octo-Org/Sample_Project',
      'github.com:Octo-Org/Sample_Project.git',
      'git@github.com:/Octo-Org/Sample_Project.git',
      'ssh://git@github.com/Octo-Org/Sample_Project',
      'ssh://git@github.com:22/Octo-Org/Sample_Project.git',
      'ssh://git@ssh.github.com:443/Octo-Org/Sample_Project',
      'ssh://github.com/Octo-Org/Sample_Project.git',
      'git://github.com/Octo-Org/Sample_Project.git',
      'git+ssh://git@github.com/Octo-Org/Sample_Project.git',
      'ssh+git://git@github.com/Octo-Org/Sample_Project.git',
      'git+https://github.com/Octo-Org/Sample_Project.git',
      'https://github.com/Octo-Org/Sample_Project/',
      'https://github.com/Octo-Org/Sample_Project.git//',
      'git@github.com:Octo-Org/Sample_Project.git/',
      'https://user:secret@github.com/Octo-Org/Sample_Project',
      'https://x-access-token:ghp_abc123@github.com/Octo-Org/Sample_Project.git',
      'https://ghp_abc123@github.com/Octo-Org/Sample_Project.git',
      'https://www.github.com/Octo-Org/Sample_Project',
      'https://GitHub.com/Octo-Org/Sample_Project',
      'git@GITHUB.COM:Octo-Org/Sample_Project.git',
      'https://github.com.:443/Octo-Org/Sample_Project',
      '  https://github.com/Octo-Org/Sample_Project.git \n',
      'https://github.com/Octo-Org/Sample_Project/tree/main/src',
      'https://github.com/Octo-Org/Sample_Project?tab=readme-ov-file#install',
    ];
    for (const url of forms) {
      it(JSON.stringify(url), () => {
        assert.deepEqual(parseRemoteUrl(url), { ok: true, value: { owner, repo } });
      });
    }
  });

  describe('keeps the repository name as GitHub spells it', () => {
    const cases: Array<[url: string, owner: string, repo: string]> = [
      ['git@github.com:pypa/sampleproject.git.git', 'pypa', 'sampleproject.git'],
      ['https://github.com/octo-org/.github', 'octo-org', '.github'],
      ['https://github.com/octo-org/my.pkg.git', 'octo-org', 'my.pkg'],
      ['https://github.com/A1/x', 'A1', 'x'],
      ['https://github.com/a-b-c/-_.x', 'a-b-c', '-_.x'],
    ];
    for (const [url, expectedOwner, expectedRepo] of cases) {
      it(`${url} -> ${expectedOwner}/${expectedRepo}`, () => {
        assert.deepEqual(parseRemoteUrl(url), { ok: true, value: { owner: expectedOwner, repo: expectedRepo } });
      });
    }
  });

  describe('names the service of a remote that is not github.com', () => {
    const cases: Array<[url: string, host: string, provider: string]> = [
      ['https://gitlab.com/group/project.git', 'gitlab.com', 'gitlab'],
      ['git@gitlab.com:group/sub/project.git', 'gitlab.com', 'gitlab'],
      ['https://gitlab.mycorp.com/team/project', 'gitlab.mycorp.com', 'gitlab'],
      ['git@bitbucket.org:team/project.git', 'bitbucket.org', 'bitbucket'],
      ['https://bitbucket.mycorp.com/scm/team/project.git', 'bitbucket.mycorp.com', 'bitbucket'],
      ['https://github.mycorp.com/team/project.git', 'github.mycorp.com', 'github-enterprise'],
      ['git@acme.ghe.com:team/project.git', 'acme.ghe.com', 'github-enterprise'],
      ['git@github-work:team/project.git', 'github-work', 'github-enterprise'],
      ['https://codeberg.org/team/project', 'codeberg.org', 'other'],
      ['https://gist.github.com/0123abcd.git', 'gist.github.com', 'other'],
      ['git@SSH.Dev.Azure.com:v3/org/project/repo', 'ssh.dev.azure.com', 'other'],
    ];
    for (const [url, host, provider] of cases) {
      it(`${url} -> ${provider}`, () => {
        const error = errorOf(url);
        assert.equal(error.kind, 'NotGitHub');
        assert.equal(error.kind === 'NotGitHub' && error.host, host);
        assert.equal(error.kind === 'NotGitHub' && error.provider, provider);
        assert.equal(error.url, url);
        assert.match(error.message, /github\.com/);
        assert.match(error.message, /GitLab/);
      });
    }

    it('points GitLab.com users at PyPI\'s GitLab publisher', () => {
      assert.equal(
        errorOf('https://gitlab.com/group/project.git').message,
        "The remote points at gitlab.com, but PyPI's GitHub publisher only trusts workflows on github.com. PyPI supports GitLab.com CI/CD through its separate GitLab publisher form.",
      );
    });

    it('says GitHub Enterprise is not supported', () => {
      assert.match(errorOf('https://github.mycorp.com/team/project.git').message, /GitHub Enterprise.*not support|not support.*GitHub Enterprise/);
    });

    it('suggests an SSH alias may stand for github.com', () => {
      assert.match(errorOf('git@github.com-work:team/project.git').message, /SSH alias/);
    });
  });

  describe('recognises folders on this computer', () => {
    const paths = ['/srv/git/project.git', '../project', './project', '~/code/project', 'file:///srv/git/project.git', 'FILE:///srv/git/project.git', 'C:\\repos\\project', 'C:/repos/project', '\\\\server\\share\\project', 'project-folder'];
    for (const url of paths) {
      it(url, () => {
        const error = errorOf(url);
        assert.equal(error.kind, 'LocalPath');
        assert.equal(error.url, url);
        assert.match(error.message, /folder on this computer/);
        assert.match(error.message, /github\.com/);
      });
    }
  });

  describe('rejects what cannot name a github.com repository', () => {
    const cases: Array<[url: string, why: RegExp]> = [
      ['', /empty/],
      ['   ', /empty/],
      ['https://github.com/octo-org', /not both an owner and a repository/],
      ['https://github.com/', /not both an owner and a repository/],
      ['https://github.com', /not both an owner and a repository/],
      ['git@github.com:', /not both an owner and a repository/],
      ['git@github.com:octo-org/project/extra', /more path/],
      ['ssh://git@github.com/octo-org/project/extra.git', /more path/],
      ['ssh://git@github.com:octo-org/project.git', /port/],
      ['https://:443/octo-org/project', /no host/],
      ['@:octo-org/project', /no host/],
      ['ftp://github.com/octo-org/project.git', /ftp:\/\//],
      ['https://github.com/-octo/project', /account name/],
      ['https://github.com/octo-/project', /account name/],
      ['https://github.com/octo--org/project', /account name/],
      [`https://github.com/${'a'.repeat(40)}/project`, /account name/],
      ['https://github.com/octo_org/project', /account name/],
      ['https://github.com/octo-org/..', /repository name/],
      ['https://github.com/octo-org/.git', /repository name/],
      ['https://github.com/octo-org/my%20project', /repository name/],
      ['https://github.com/octo-org/my project', /repository name/],
    ];
    for (const [url, why] of cases) {
      it(JSON.stringify(url), () => {
        const error = errorOf(url);
        assert.equal(error.kind, 'Unparseable');
        assert.equal(error.url, url.trim());
        assert.match(error.message, why);
        assert.match(error.message, /github\.com/);
      });
    }

    it('accepts the longest account name GitHub allows', () => {
      assert.equal(parseRemoteUrl(`https://github.com/${'a'.repeat(39)}/project`).ok, true);
    });
  });

  describe('never repeats credentials', () => {
    const secret = 'ghp_S3cr3tT0k3n';
    const urls = [
      `https://x-access-token:${secret}@github.com/octo-org/project.git`,
      `https://${secret}@github.com/octo-org/project.git`,
      `https://user:${secret}@gitlab.com/group/project.git`,
      `https://user:${secret}@github.mycorp.com/team/project.git`,
      `https://user:${secret}@github.com/octo-org`,
      `https://user:${secret}@github.com/bad_owner/project`,
      `ssh://deploy:${secret}@gitlab.com/group/project.git`,
      `${secret}@bitbucket.org:team/project.git`,
      `ssh://git:${secret}@github.com:octo-org/project.git`,
      `https://user:pa/${secret}@gitlab.com/group/project.git`,
      `https://user:${secret}@github.com:notaport/octo-org/project.git`,
      `  https://user:${secret}@codeberg.org/team/project  `,
    ];
    for (const url of urls) {
      it(url.trim(), () => {
        const result = parseRemoteUrl(url);
        assert.ok(!JSON.stringify(result).includes(secret), JSON.stringify(result));
        if (!result.ok) assert.match(result.error.url, /\*\*\*@/);
      });
    }
  });
});
