import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { formatText, lintWorkflow, lintWorkspace, locateFinding, splitMessage, SUMMARY_LIMIT, type Finding, type LintProject } from '../../../src/core/lint';

/**
 * What a maintainer reads first: every finding opens with one sentence of at most 120 characters that says what is
 * wrong, on the real workflows kept as fixtures (their sources are in each folder's MANIFEST.tsv, SOURCES.tsv or
 * SOURCE.md), and the words of that sentence match what the workflow does.
 */
const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');
const REAL_FOLDERS = ['real-workflows', 'corpus/workflows', 'reusable-callers', 'real-workspaces'];

function workflowFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return workflowFiles(file);
    return /\.ya?ml$/.test(name) ? [file] : [];
  });
}

const realWorkflows = REAL_FOLDERS.flatMap((folder) => workflowFiles(path.join(FIXTURES, folder)));
const read = (file: string) => readFileSync(file, 'utf8');
const fixture = (name: string) => read(path.join(FIXTURES, name));
const firstSentence = (message: string) => splitMessage(message).summary;

/** A project that wakes the rules that compare with pyproject.toml (compiled code, a version from git tags). */
const PROJECT: LintProject = { name: 'example-project', normalizedName: 'example-project', versionFromVcs: true, compiled: true, backend: 'setuptools' };

describe('finding messages on real workflows', () => {
  it('covers the real workflows kept as fixtures', () => {
    assert.ok(realWorkflows.length >= 50, `${realWorkflows.length} files`);
  });

  it('open with a first sentence of at most 120 characters, with or without a project', () => {
    const long: string[] = [];
    let count = 0;
    for (const file of realWorkflows) {
      for (const options of [{}, { project: PROJECT }]) {
        for (const finding of lintWorkflow(read(file), options).findings) {
          count += 1;
          const first = firstSentence(finding.message);
          if (first.length > SUMMARY_LIMIT) long.push(`${path.basename(file)} [${finding.ruleId}] ${first.length}: ${first}`);
        }
      }
    }
    assert.ok(count > 400, `${count} findings read`);
    assert.deepEqual(long, []);
  });

  it('open with a first sentence of at most 120 characters when the workflows of one repository are compared', () => {
    for (const folder of readdirSync(path.join(FIXTURES, 'real-workspaces'))) {
      const dir = path.join(FIXTURES, 'real-workspaces', folder);
      if (!statSync(dir).isDirectory()) continue;
      const files = workflowFiles(dir).map((file) => ({ file, text: read(file) }));
      for (const [file, findings] of lintWorkspace(files)) {
        for (const f of findings) assert.ok(firstSentence(f.message).length <= SUMMARY_LIMIT, `${path.basename(file)} [${f.ruleId}]: ${firstSentence(f.message)}`);
      }
    }
  });

  it('end their first sentence with a full stop and say more after it', () => {
    for (const file of realWorkflows) {
      for (const finding of lintWorkflow(read(file)).findings) {
        const { summary, detail } = splitMessage(finding.message);
        assert.match(summary, /\.$/, `${path.basename(file)} [${finding.ruleId}]: ${summary}`);
        assert.ok(detail.length > 0, `${path.basename(file)} [${finding.ruleId}] says why and how after "${summary}"`);
      }
    }
  });
});

describe('finding messages say what the workflow does', () => {
  const of = (text: string, ruleId: string): Finding[] => lintWorkflow(text).findings.filter((f) => f.ruleId === ruleId);

  it('an upload to TestPyPI is called an upload to TestPyPI, down to where the token is revoked (AdityaNG/kitti_iterator)', () => {
    const [test, main] = of(fixture('corpus/workflows/AdityaNG__kitti_iterator__pypi.yml'), 'token-publishing');
    assert.match(firstSentence(test.message), /^Job 'build-n-publish' uploads to TestPyPI with a long-lived token, the secret TEST_PYPI_API_TOKEN\.$/);
    assert.match(test.message, /trusted publisher on TestPyPI/);
    assert.match(test.message, /revoke the token on TestPyPI\.$/);
    assert.doesNotMatch(test.message, /\bPyPI\b(?<!TestPyPI)/, 'no bare "PyPI" in a message about a TestPyPI upload');
    assert.match(firstSentence(main.message), /uploads to PyPI with a long-lived token, the secret PYPI_API_TOKEN\.$/);
  });

  it('a TestPyPI upload by a tool without trusted publishing names TestPyPI (deepset-ai/haystack nightly)', () => {
    const [finding] = of(fixture('real-workflows/deepset-ai__haystack__nightly_testpypi_release.yml'), 'token-publishing');
    assert.match(firstSentence(finding.message), /uploads to TestPyPI/);
    assert.match(finding.message, /trusted publisher on TestPyPI/);
    assert.match(finding.message, /revoke the token on TestPyPI\.$/);
  });

  it('a user name and password is not called a token (fsspec/filesystem_spec)', () => {
    const [finding] = of(fixture('corpus/workflows/fsspec__filesystem_spec__pypipublish.yaml'), 'token-publishing');
    assert.equal(firstSentence(finding.message), "Job 'deploy' uploads to PyPI with a user name and password, the secret PYPI_PASSWORD.");
    assert.doesNotMatch(finding.message, /long-lived token/);
    assert.match(finding.message, /remove the password/);
  });

  it('a `password` input with the action\'s default user (__token__) is a token (Chia-Network/clvm)', () => {
    for (const finding of of(fixture('corpus/workflows/Chia-Network__clvm__publish-to-test-pypi.yml'), 'token-publishing')) {
      assert.match(firstSentence(finding.message), /with a long-lived token/);
    }
  });

  it('speaks of `git fetch` only in a job that runs one', () => {
    const withFetch = of(fixture('corpus/workflows/Chia-Network__clvm__publish-to-test-pypi.yml'), 'checkout-persists-credentials');
    assert.ok(withFetch.length > 0 && withFetch.every((f) => /`git fetch`/.test(f.message)));
    for (const file of realWorkflows) {
      const text = read(file);
      for (const f of of(text, 'checkout-persists-credentials')) {
        if (/`git fetch`/.test(f.message)) assert.match(text, /\bgit\s+(?:-C\s+\S+\s+)?fetch\b/, path.basename(file));
      }
    }
    const submodules = `on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: git submodule update --init
      - run: python -m build
      - uses: pypa/gh-action-pypi-publish@release/v1
        with:
          password: \${{ secrets.PYPI_TOKEN }}
`;
    const [finding] = of(submodules, 'checkout-persists-credentials');
    assert.doesNotMatch(finding.message, /git fetch/);
    assert.match(finding.message, /the job's later `git submodule` would then need another way in: prefer `submodules: true` on the checkout/);
  });
});

describe('messages on the command line', () => {
  it('put the first sentence on the finding\'s line and the rest indented below it', () => {
    const file = 'corpus/workflows/fsspec__filesystem_spec__pypipublish.yaml';
    const text = fixture(file);
    const finding = lintWorkflow(text).findings.find((f) => f.ruleId === 'token-publishing')!;
    const out = formatText([locateFinding('pypipublish.yaml', text, finding)]);
    const [head, ...rest] = out.split('\n');
    assert.match(head, /^pypipublish\.yaml:\d+:\d+: warning \[token-publishing\] Job 'deploy' uploads to PyPI with a user name and password, the secret PYPI_PASSWORD\.$/);
    const body = rest.slice(0, rest.indexOf(''));
    assert.ok(body.length > 1 && body.every((l) => l.startsWith('    ') && l.length <= 100), body.join('\n'));
    assert.equal(body.map((l) => l.trim()).join(' '), splitMessage(finding.message).detail.replace(/`([^`\n]+)`/g, "'$1'"));
  });
});

describe('pypa/gh-action-pypi-publish@master (its Dockerfile installs the newest twine on every run)', () => {
  const sunset = (file: string) => lintWorkflow(fixture(file)).findings.filter((f) => f.ruleId === 'sunset-action-ref');

  it('is a warning where a password is given: the upload still works (Chia-Network/clvm)', () => {
    const findings = sunset('corpus/workflows/Chia-Network__clvm__publish-to-test-pypi.yml');
    assert.equal(findings.length, 2);
    for (const f of findings) {
      assert.equal(f.severity, 'warning');
      assert.doesNotMatch(f.message, /old twine|rejects/, 'no claim that its twine rejects current metadata');
    }
  });

  it('is an error without a password: the job expects trusted publishing, which master cannot do', () => {
    const findings = sunset('lint/sunset-action-ref/bad-master.yml');
    assert.ok(findings.length > 0);
    for (const f of findings) {
      assert.equal(f.severity, 'error');
      assert.match(firstSentence(f.message), /cannot use trusted publishing\.$/);
    }
  });

  it('keeps its underscore inputs: they are the only spelling there, so deprecated-action-input stays silent', () => {
    const findings = lintWorkflow(fixture('corpus/workflows/Chia-Network__clvm__publish-to-test-pypi.yml')).findings;
    assert.deepEqual(findings.filter((f) => f.ruleId === 'deprecated-action-input').map((f) => f.message), []);
  });
});
