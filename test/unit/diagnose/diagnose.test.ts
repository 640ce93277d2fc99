import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { diagnoseLog, diagnosisJson, formatDiagnosisText, type DiagnoseContext, type Diagnosis, type WorkflowEdit } from '../../../src/core/diagnose';
import { applyEdits, lintWorkflow, summarizePublishing } from '../../../src/core/lint';
import { logFixture, releaseWorkflow } from './fixtures';

const project = (name: string, extra: Partial<NonNullable<DiagnoseContext['project']>> = {}) => ({ name, normalizedName: name.toLowerCase().replace(/[-_.]+/g, '-'), ...extra });

/** Applies one offered edit and returns the new text, checking it still parses. */
function applied(text: string, edit: WorkflowEdit): string {
  const result = applyEdits(text, edit.edits);
  assert.equal(parseDocument(result).errors.length, 0, `the edited workflow does not parse:\n${result}`);
  return result;
}

function first(log: string, context: DiagnoseContext = {}): Diagnosis {
  return diagnoseLog(logFixture(log), context).diagnoses[0];
}

describe('diagnose: invalid-publisher, field by field', () => {
  it('without PyPI\'s side, says "register exactly these" with the claims\' values and a prefilled form', () => {
    const d = first('invalid-publisher-raw.log', { project: project('compiled-knowledge') });
    assert.equal(d.kind, 'invalid-publisher');
    assert.match(d.summary, /register exactly these values/);
    assert.deepEqual(d.values, [
      { label: 'PyPI Project Name', value: 'compiled-knowledge' },
      { label: 'Owner', value: 'ropeless' },
      { label: 'Repository name', value: 'compiled_knowledge' },
      { label: 'Workflow name', value: 'python-publish.yml' },
      { label: 'Environment name', value: 'pypi' },
    ]);
    const form = new URL(d.links[0].url);
    assert.equal(form.host, 'pypi.org');
    assert.equal(form.pathname, '/manage/project/compiled-knowledge/settings/publishing/');
    assert.equal(form.searchParams.get('workflow_filename'), 'python-publish.yml');
    assert.equal(form.searchParams.get('environment'), 'pypi');
    assert.equal(form.searchParams.get('owner'), 'ropeless');
    // The evidence quotes the refusal and the claims, with the step they were printed in.
    const quoted = d.evidence.flatMap((e) => e.lines.map((l) => l.text));
    assert.ok(quoted.some((t) => t.includes('invalid-publisher')));
    assert.ok(quoted.includes('* `environment`: `pypi`'));
  });

  it('names the environment that differs from the publisher PyPI accepted, and offers the workflow edit', () => {
    const workflow = releaseWorkflow({ jobKeys: ['environment: release', 'permissions:', '  id-token: write'] });
    const d = first('invalid-publisher-uv.log', {
      workflows: [{ file: '.github/workflows/publish.yml', text: workflow }],
      published: [{ index: 'pypi', version: '0.3.0', publisher: { kind: 'GitHub', repository: 'bosprimigenious/continuum', workflow: 'publish.yml', environment: 'pypi' } }],
    });
    assert.equal(d.differences[0].field, 'environment');
    assert.equal(d.differences[0].presented, 'release');
    assert.equal(d.differences[0].expected, 'pypi');
    assert.match(d.summary, /environment release .*accepted for release 0\.3\.0 names pypi/);
    assert.equal(d.edits.length, 1);
    const fixed = applied(workflow, d.edits[0]);
    assert.equal(summarizePublishing('publish.yml', fixed).uploads[0].environment, 'pypi');
    // Applying it again changes nothing more: the same diagnosis on the fixed workspace offers no edit.
    const again = first('invalid-publisher-uv.log', {
      workflows: [{ file: '.github/workflows/publish.yml', text: fixed }],
      published: [{ index: 'pypi', version: '0.3.0', publisher: { kind: 'GitHub', repository: 'bosprimigenious/continuum', workflow: 'publish.yml', environment: 'pypi' } }],
    });
    assert.deepEqual(again.edits, []);
  });

  it('adds an environment to a job that had none, keeping comments and CRLF line endings', () => {
    const workflow = releaseWorkflow({
      jobKeys: ['# uploads the release', 'permissions:', '  id-token: write'],
      uses: 'pypa/gh-action-pypi-publish@release/v1\n        with:\n          repository-url: https://test.pypi.org/legacy/',
    }).replace(/\n/g, '\r\n');
    const d = first('invalid-publisher-annotation.log', {
      workflows: [{ file: '.github/workflows/run-tests.yml', text: workflow }],
      shown: [{ index: 'testpypi', owner: 'pyOpenSci', repository: 'pyosMeta', workflow: 'run-tests.yml', environment: 'testpypi' }],
    });
    assert.equal(d.differences[0].field, 'environment');
    assert.equal(d.differences[0].presented, '(none)');
    assert.match(d.summary, /ran in no GitHub environment .*wizard showed names environment testpypi/);
    const fixed = applied(workflow, d.edits[0]);
    assert.ok(fixed.includes('# uploads the release'));
    assert.ok(!/[^\r]\n/.test(fixed), 'a bare LF was written into a CRLF file');
    assert.equal(summarizePublishing('run-tests.yml', fixed).uploads[0].environment, 'testpypi');
  });

  it('names a workflow file that differs in case or in .yml/.yaml', () => {
    const caseOnly = first('invalid-publisher-raw.log', { shown: [{ index: 'pypi', owner: 'ropeless', repository: 'compiled_knowledge', workflow: 'Python-publish.yml', environment: 'pypi' }] });
    assert.equal(caseOnly.differences[0].field, 'workflow');
    assert.match(caseOnly.differences[0].message, /only in letter case/);
    const extension = first('invalid-publisher-raw.log', { shown: [{ index: 'pypi', owner: 'ropeless', repository: 'compiled_knowledge', workflow: 'python-publish.yaml', environment: 'pypi' }] });
    assert.match(extension.differences[0].message, /\.yml, the other in \.yaml/);
  });

  it('says when the repository was renamed or transferred since the release PyPI accepted', () => {
    const d = first('invalid-publisher-uv.log', {
      published: [{ index: 'pypi', version: '0.2.0', publisher: { kind: 'GitHub', repository: 'old-owner/continuum', workflow: 'publish.yml', environment: 'release' } }],
    });
    assert.equal(d.differences[0].field, 'repository');
    assert.match(d.differences[0].message, /renamed or transferred/);
    const owner = first('invalid-publisher-uv.log', {
      workflows: [{ file: '.github/workflows/publish.yml', text: releaseWorkflow({ jobKeys: ['environment: release', 'permissions:', '  id-token: write'] }) }],
      repository: { owner: 'bosprimigenious', repo: 'continuum', ownerId: 4242 },
    });
    assert.ok(owner.differences.some((x) => x.field === 'repository_owner_id' && x.expected === '4242'));
  });

  it('compares with the workspace: the run used a file the workspace no longer publishes with', () => {
    const d = first('invalid-publisher-ui-paste.txt', {
      workflows: [{ file: '.github/workflows/release.yml', text: releaseWorkflow() }],
      repository: { owner: 'poliastro', repo: 'czml3' },
    });
    const note = d.differences.find((x) => x.source === 'workspace')!;
    assert.equal(note.field, 'workflow');
    assert.equal(note.presented, 'publish-to-pypi.yml');
    assert.equal(note.expected, 'release.yml');
    assert.ok(d.changes.some((c) => /next release runs release\.yml/.test(c)));
  });

  it('a reusable workflow: names both files and says to move the publish job', () => {
    const report = diagnoseLog(logFixture('reusable-workflow.log'));
    assert.equal(report.diagnoses.length, 1, 'the warning explains the refusal; it is not a second diagnosis');
    const [d] = report.diagnoses;
    assert.equal(d.differences[0].field, 'reusable-workflow');
    assert.match(d.summary, /reusable workflow _publish\.yml .*called from release\.yml/);
    assert.ok(d.values.some((v) => v.label === 'Workflow name' && v.value === '_publish.yml'));
  });

  it('PyPI and the wizard agreeing on the environment: one piece of advice, one edit', () => {
    const workflow = releaseWorkflow({ jobKeys: ['environment: release', 'permissions:', '  id-token: write'] });
    const d = first('invalid-publisher-uv.log', {
      workflows: [{ file: '.github/workflows/publish.yml', text: workflow }],
      published: [{ index: 'pypi', version: '0.3.0', publisher: { kind: 'GitHub', repository: 'bosprimigenious/continuum', workflow: 'publish.yml', environment: 'pypi' } }],
      shown: [{ index: 'pypi', owner: 'bosprimigenious', repository: 'continuum', workflow: 'publish.yml', environment: 'pypi' }],
    });
    assert.deepEqual(d.differences.filter((x) => x.field === 'environment').map((x) => x.source), ['pypi', 'wizard']);
    assert.equal(d.edits.length, 1);
    assert.equal(d.changes.filter((c) => c.startsWith('Either run the upload job')).length, 1);
  });

  it('claims that match every known publisher: points at the index and the project instead', () => {
    const d = first('invalid-publisher-raw.log', { shown: [{ index: 'pypi', owner: 'ropeless', repository: 'compiled_knowledge', workflow: 'python-publish.yml', environment: 'pypi' }] });
    assert.deepEqual(d.differences, []);
    assert.match(d.summary, /claims match the publisher the wizard showed/);
  });
});

describe('diagnose: the other failures', () => {
  it('missing id-token: offers the check\'s fix, and the fixed workflow passes the check', () => {
    const workflow = releaseWorkflow({ jobKeys: ['environment: pypi'] });
    for (const log of ['missing-id-token.log', 'missing-id-token-uv.log']) {
      const d = first(log, { workflows: [{ file: '.github/workflows/release.yml', text: workflow }] });
      assert.equal(d.kind, 'missing-id-token', log);
      assert.equal(d.edits.length, 1, log);
      const fixed = applied(workflow, d.edits[0]);
      assert.ok(!lintWorkflow(fixed).findings.some((f) => f.ruleId === 'missing-id-token'));
    }
  });

  it('a fork pull request: says no permission helps, and offers no id-token edit', () => {
    const report = diagnoseLog(logFixture('fork-pull-request.log'));
    assert.deepEqual(report.diagnoses.map((d) => d.kind), ['fork-pull-request']);
    assert.match(report.diagnoses[0].changes[0], /a fork cannot start/);
  });

  it('invalid-pending-publisher: sends to the project\'s own publishing page', () => {
    const d = first('invalid-pending-publisher.log', { project: project('protovalidate') });
    assert.match(d.summary, /project protovalidate already exists on pypi\.org/);
    assert.ok(d.links[0].url.startsWith('https://pypi.org/manage/project/protovalidate/settings/publishing/?provider=github'));
    assert.ok(new URL(d.links[0].url).searchParams.get('workflow_filename') === 'release.yaml');
  });

  it('File already exists: names the file; skip-existing is offered only for TestPyPI', () => {
    const d = first('file-already-exists-twine.log', { project: project('sierralocal', { version: '0.4.1' }) });
    assert.equal(d.kind, 'file-exists');
    assert.match(d.summary, /sierralocal-0\.4\.1-py3-none-any\.whl/);
    assert.ok(d.changes.some((c) => /still the version in pyproject\.toml/.test(c)));
    assert.ok(!d.changes.some((c) => /skip-existing/.test(c)));
    const uv = first('file-already-exists-uv.log', { releasedVersions: ['0.1.1', '0.1.2'] });
    assert.ok(uv.changes.some((c) => /already on pypi\.org/.test(c)));
  });

  it('File already exists for an older release: found among all the versions on the index, however spelled', () => {
    // The uv log re-uploads 0.1.2; the index has moved on to 0.2.0 and spells the release 0.1.2.0.
    const older = first('file-already-exists-uv.log', { releasedVersions: ['0.1.0', '0.1.2.0', '0.2.0'], latestVersion: '0.2.0' });
    const said = older.changes.find((c) => /already on pypi\.org/.test(c));
    assert.ok(said, older.changes.join(' | '));
    assert.match(said, /Version 0\.1\.2 is already on pypi\.org \(as 0\.1\.2\.0\), an older release than 0\.2\.0: bump the version/);
    const fresh = first('file-already-exists-uv.log', { releasedVersions: ['0.1.0', '0.1.1', '0.2.0'], latestVersion: '0.2.0' });
    assert.ok(!fresh.changes.some((c) => /already on pypi\.org/.test(c)), 'a version the index does not have is not said to be there');
  });

  it('a job that uploads to TestPyPI, then to PyPI: the index is the one of the failing upload', () => {
    const log = [
      '##[group]Run pypa/gh-action-pypi-publish@release/v1',
      'with:',
      '  repository-url: https://test.pypi.org/legacy/',
      '##[endgroup]',
      'Uploading distributions to https://test.pypi.org/legacy/',
      'View at: https://test.pypi.org/project/sierralocal/0.4.1/',
      logFixture('file-already-exists-twine.log'),
    ].join('\n');
    const report = diagnoseLog(log);
    assert.equal(report.index, 'pypi');
    assert.ok(!report.diagnoses[0].changes.some((c) => /skip-existing/.test(c)), 'skip-existing is for TestPyPI only');
  });

  it('File already exists after a duplicate trigger: quotes the check and offers its fix', () => {
    const workflow = releaseWorkflow({ on: ['on:', '  release:', '    types: [published, created]'] });
    const d = first('file-already-exists-twine.log', { workflows: [{ file: '.github/workflows/release.yml', text: workflow }] });
    assert.ok(d.changes[0].startsWith('One release starts the upload twice'), d.changes[0]);
    assert.equal(d.edits.length, 1);
    const fixed = applied(workflow, d.edits[0]);
    assert.equal(first('file-already-exists-twine.log', { workflows: [{ file: '.github/workflows/release.yml', text: fixed }] }).edits.length, 0);
  });

  it('metadata the bundled twine cannot read: bumps the pinned action', () => {
    const workflow = releaseWorkflow({ uses: 'pypa/gh-action-pypi-publish@v1.8.14' });
    const d = first('metadata-2-4.log', { workflows: [{ file: '.github/workflows/release.yml', text: workflow }] });
    assert.equal(d.kind, 'metadata-unsupported');
    assert.match(d.summary, /bundles its own twine/);
    const fixed = applied(workflow, d.edits[0]);
    assert.ok(!lintWorkflow(fixed).findings.some((f) => f.ruleId === 'outdated-publish-action'));
    assert.deepEqual(first('license-file.log').summary.match(/license-file, license-expression/)?.[0], 'license-file, license-expression');
    assert.match(first('metadata-twine-check.log').changes[0], /Upgrade twine/);
  });

  it('Non-user identities: names the distribution\'s normalized name for the pending publisher', () => {
    const d = first('non-user-identity.log');
    assert.match(d.summary, /TestPyPI refused to create project coordinaxs-hypothesis/);
    assert.deepEqual(d.values[0], { label: 'PyPI Project Name', value: 'coordinaxs-hypothesis' });
    const mismatch = first('non-user-identity.log', { project: project('coordinax') });
    assert.ok(mismatch.changes.some((c) => /pyproject\.toml names coordinax/.test(c)));
  });

  it('a refused token, a runner that is not Linux', () => {
    const token = first('token-rejected.log', {
      workflows: [{ file: '.github/workflows/release.yml', text: releaseWorkflow({ jobKeys: [] }).replace('pypa/gh-action-pypi-publish@release/v1', 'pypa/gh-action-pypi-publish@release/v1\n        with:\n          password: ${{ secrets.PYPI_API_TOKEN }}') }],
      repository: { owner: 'octo', repo: 'osapi' },
      project: project('osapi'),
    });
    assert.equal(token.kind, 'token-rejected');
    assert.match(token.changes[0], /trusted publishing/);
    assert.ok(token.edits.length >= 1, 'the token-publishing check\'s migration is offered');
    for (const log of ['non-linux-runner.log', 'non-linux-runner-composite.log']) assert.equal(first(log).kind, 'non-linux-runner');
  });

  it('anything else: not a failure we know, the failing step\'s last lines, the job link', () => {
    const report = diagnoseLog(logFixture('unknown-local-version.log'), { jobUrl: 'https://github.com/o/r/actions/runs/1/job/2' });
    assert.equal(report.recognised, false);
    const [d] = report.diagnoses;
    assert.match(d.summary, /not a trusted-publishing failure we know/);
    assert.equal(d.evidence[0].step, 'pypa/gh-action-pypi-publish@release/v1');
    assert.equal(d.links[0].url, 'https://github.com/o/r/actions/runs/1/job/2');
  });

  it('text and JSON reports carry the same diagnosis', () => {
    const report = diagnoseLog(logFixture('invalid-publisher-raw.log'));
    const text = formatDiagnosisText(report);
    assert.match(text, /^No trusted publisher matches this run \(invalid-publisher\)/);
    assert.match(text, /Workflow name +python-publish\.yml/);
    const json = JSON.parse(diagnosisJson(report));
    assert.equal(json.recognised, true);
    assert.equal(json.diagnoses[0].kind, 'invalid-publisher');
    assert.equal(json.claims.environment, 'pypi');
  });
});
