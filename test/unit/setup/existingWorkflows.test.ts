import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { lintWorkflow } from '../../../src/core/lint';
import { ok } from '../../../src/core/result';
import { doneView, firstTag } from '../../../src/core/setup/checklist';
import { inspectWorkflow } from '../../../src/core/setup/inspectWorkflow';
import {
  blockerOf,
  environmentsOf,
  indexesOf,
  planOf,
  proposedText,
  publisherOriginOf,
  reduce,
  restore,
  sequenceOf,
  sessionOf,
  targetOf,
  triggerOf,
  type WizardModel,
} from '../../../src/core/setup/wizardModel';
import { wizardView } from '../../../src/core/setup/wizardView';
import { githubView, tagPatternOf } from '../../../src/core/setup/githubReport';
import { isHostMessage } from '../../../src/shared/protocol';
import { detected, facts, TOKEN_WORKFLOW } from './fixtures';

/** Real workflows (test/fixtures/corpus/workflows/SOURCES.tsv names each one's repository and commit). */
const corpus = (name: string) => readFileSync(path.resolve(__dirname, '../../../../test/fixtures/corpus/workflows', name), 'utf8');
const FLASK = corpus('pallets__flask__publish.yaml');
const STRUCTLOG = corpus('hynek__structlog__pypi-package.yml');
const BLACK = corpus('psf__black__pypi_upload.yml');
const SDK = corpus('2s-io__sdk__publish-pypi.yml');

/** Flask 3.0.0's own facts at the commit of its publish.yaml: a static version. */
const flaskFacts = () => facts({ name: 'Flask', normalizedName: 'flask', version: { kind: 'static', value: '3.0.0' } });

const go = (model: WizardModel, ...steps: WizardModel['step'][]) => steps.reduce((m, step) => reduce(m, { type: 'navigate', step }), model);
const valuesOf = (model: WizardModel, index = 0) =>
  Object.fromEntries(wizardView(go(model, 'review', 'pypi')).pypi!.indexes[index].values.map((v) => [v.field, v.value]));

describe('wizard: starting from the workflows the repository has', () => {
  it('Detect says per workflow whether it publishes and how, with the checks\' own sentences', () => {
    const view = wizardView(detected({ 'publish.yaml': FLASK, 'pypi_upload.yml': BLACK })).detect;
    assert.deepEqual(view.workflows.map((w) => [w.fileName, w.publishing, w.canKeep, w.tokenPublishing]), [
      [
        'publish.yaml',
        [
          "publish.yaml publishes to PyPI with trusted publishing, environment publish (job 'publish-pypi')",
          "publish.yaml publishes to TestPyPI with trusted publishing, environment publish (job 'publish-pypi')",
        ],
        true,
        false,
      ],
      ['pypi_upload.yml', ["pypi_upload.yml uploads to PyPI with the secret PYPI_TOKEN, without an environment (job 'main', 'mypyc')"], false, true],
    ]);
  });

  it('one trusted workflow (Flask\'s publish.yaml): check and register it instead of writing release.yml', () => {
    const model = detected({ 'publish.yaml': FLASK }, flaskFacts());
    assert.equal(model.mode, 'existing');
    assert.equal(model.existingFile, 'publish.yaml');
    assert.deepEqual(sequenceOf(model), ['detect', 'review', 'pypi', 'github', 'done'], 'no Choose, no Write');
    assert.equal(targetOf(model), undefined, 'nothing to write');
    const view = wizardView(go(model, 'review'));
    assert.equal(view.steps.find((s) => s.id === 'review')?.title, 'Check');
    assert.deepEqual(view.steps.filter((s) => s.state === 'skipped').map((s) => s.id), ['choose', 'write']);
    // The Check step lists the checks' findings with their fixes.
    const findings = view.review!.findings!;
    // Its two uploads go to TestPyPI and PyPI with v1.8.10 (no attestations): not a double publish. The bare SHAs
    // are read through the table of release commits: upload-artifact v3.1.2 and download-artifact v3.0.2 (retired),
    // and the publish action's v1.8.10 (too old for Metadata 2.4).
    assert.deepEqual(findings.map((f) => f.ruleId), [
      'checkout-persists-credentials',
      'cache-in-release-workflow',
      'retired-artifact-action',
      'retired-artifact-action',
      'retired-artifact-action',
      'outdated-publish-action',
      'outdated-publish-action',
    ]);
    assert.match(findings[0].fixTitle ?? '', /persist-credentials/);
    assert.equal(findings[0].line, 12);
    assert.doesNotMatch(findings.map((f) => f.message).join(' '), /`/, 'code quoted as in the editor, no raw backticks');
    assert.ok(isHostMessage({ type: 'state', view }), 'the view passes the webview\'s guard');
  });

  it('a caller and the reusable workflow of the repository it publishes through: keeps the called file, whose name PyPI sees', () => {
    // Real files: astral-sh/uv's release.yml and publish-pypi.yml (sources at the top of the fixtures).
    const fixtures = path.resolve(__dirname, '../../../../test/fixtures');
    const release = readFileSync(path.join(fixtures, 'reusable-callers/astral-sh__uv__release.yml'), 'utf8');
    const called = readFileSync(path.join(fixtures, 'real-workflows/astral-sh__uv__publish-pypi.yml'), 'utf8');
    const model = detected({ 'release.yml': release, 'publish-pypi.yml': called });
    assert.equal(model.mode, 'existing');
    assert.equal(model.existingFile, 'publish-pypi.yml');
  });

  it('the PyPI step shows the workflow\'s own file name and environment, and says where they come from', () => {
    const model = go(detected({ 'publish.yaml': FLASK }, flaskFacts()), 'review', 'pypi');
    const pypi = wizardView(model).pypi!;
    assert.deepEqual(pypi.indexes.map((i) => i.index), ['pypi', 'testpypi'], 'Flask uploads to both');
    assert.deepEqual(valuesOf(model), { owner: 'Example-Org', repository: 'Hello-PyPI', workflow: 'publish.yaml', environment: 'publish', projectName: 'Flask' });
    assert.equal(pypi.indexes[0].source, "Workflow name and Environment name from .github/workflows/publish.yaml, job 'publish-pypi'.");
    assert.match(pypi.indexes[0].links[0].url, /workflow_filename=publish\.yaml&environment=publish$/);
    assert.deepEqual(environmentsOf(model), [{ index: 'pypi', name: 'publish' }], 'one environment, named once');
    assert.equal(triggerOf(model), 'tag');
    assert.equal(firstTag(model), 'v3.0.0', "the project's static version");
    assert.match(doneView(model).release.text, /^Push a tag the workflow runs on \(\*\)/, 'not "starts with v": Flask runs on any tag');
  });

  it('per index: structlog\'s PyPI and TestPyPI jobs have their own environments', () => {
    const model = detected({ 'pypi-package.yml': STRUCTLOG });
    assert.deepEqual(indexesOf(model), ['pypi', 'testpypi']);
    assert.deepEqual(valuesOf(model, 0), { owner: 'Example-Org', repository: 'Hello-PyPI', workflow: 'pypi-package.yml', environment: 'release-pypi', projectName: 'Hello-PyPI' });
    assert.deepEqual(valuesOf(model, 1).environment, 'release-test-pypi');
    assert.equal(publisherOriginOf(model, 'testpypi')?.source, "from .github/workflows/pypi-package.yml, job 'release-test-pypi'");
    assert.deepEqual(environmentsOf(model).map((e) => e.name), ['release-pypi', 'release-test-pypi']);
  });

  it('several trusted workflows: asks which one, and nothing later opens until the user says', () => {
    let model = detected({ 'publish.yaml': FLASK, 'pypi-package.yml': STRUCTLOG });
    assert.equal(model.mode, 'existing');
    assert.equal(model.existingFile, undefined);
    assert.match(wizardView(model).detect.askWhich ?? '', /^2 workflows publish with trusted publishing/);
    assert.equal(blockerOf(model, 'pypi'), 'Choose the workflow PyPI should trust (step Detect).');
    model = reduce(model, { type: 'setMode', mode: 'existing', fileName: 'pypi-package.yml' });
    assert.equal(blockerOf(model, 'pypi'), undefined);
    assert.equal(valuesOf(model).workflow, 'pypi-package.yml');
    assert.equal(reduce(model, { type: 'setMode', mode: 'existing', fileName: 'nope.yml' }), model, 'an unknown file changes nothing');
  });

  it('writing a new workflow stays possible, but warns that two workflows would publish', () => {
    const model = reduce(detected({ 'publish.yaml': FLASK }), { type: 'setMode', mode: 'new' });
    assert.equal(model.mode, 'new');
    const view = wizardView(go(model, 'choose', 'review'));
    assert.match(view.review!.twoPublishers ?? '', /^Two workflows would publish this project: publish\.yaml publishes to PyPI with trusted publishing/);
    assert.match(view.detect.twoPublishers ?? '', /Two workflows/);
    assert.equal(
      publisherOriginOf(model, 'pypi')?.source,
      'for the workflow the wizard will write (.github/workflows/release.yml); publish.yaml also publishes to PyPI',
    );
  });

  it('nothing publishes yet: the settings\' defaults, "for the workflow the wizard will write"', () => {
    const model = detected();
    assert.equal(model.mode, 'new');
    assert.equal(publisherOriginOf(model, 'pypi')?.workflow, 'release.yml');
    assert.equal(publisherOriginOf(model, 'pypi')?.environment, 'pypi');
    assert.match(publisherOriginOf(model, 'pypi')!.source, /^for the workflow the wizard will write \(\.github\/workflows\/release\.yml\)/);
  });

  it('keeping a workflow survives a reload; a fix applied in the Check step updates what the wizard knows', () => {
    let model = go(detected({ 'publish.yaml': FLASK }), 'review');
    const restored = restore(detected({ 'publish.yaml': FLASK }), { step: 'review', session: sessionOf(model) });
    assert.equal(restored.mode, 'existing');
    assert.equal(restored.step, 'review');
    const fix = model.workflows[0].findings[0].fix!;
    const fixed = lintWorkflow(FLASK).findings.length;
    const text = FLASK.slice(0, fix.edits[0].start) + fix.edits[0].newText + FLASK.slice(fix.edits[0].end);
    model = reduce(model, { type: 'inspected', inspection: inspectWorkflow('publish.yaml', text) });
    assert.equal(wizardView(model).review!.findings!.length, fixed - 1, 'one finding fewer');
  });
});

describe('wizard: migrating token uploads', () => {
  it('every token job at once: Black\'s two uploading jobs both switch, in the chosen environment', () => {
    const inspection = inspectWorkflow('pypi_upload.yml', BLACK, { environments: { pypi: 'release' } });
    const migrated = inspection.migration!.migratedText;
    assert.doesNotMatch(migrated, /TWINE_PASSWORD/);
    assert.equal(migrated.match(/id-token: write/g)?.length, 2);
    assert.equal(migrated.match(/environment: release/g)?.length, 2, 'not a hard-coded pypi');
    assert.deepEqual(lintWorkflow(migrated).findings.filter((f) => f.ruleId.startsWith('token-')), []);
  });

  it('a token next to id-token: write (token-overrides-oidc) is a migration too, and the job gets an environment', () => {
    const model = reduce(detected({ 'publish-pypi.yml': SDK }), { type: 'setMode', mode: 'migrate', fileName: 'publish-pypi.yml' });
    assert.equal(model.mode, 'migrate', 'the wizard offers it');
    assert.equal(wizardView(model).detect.workflows[0].canMigrate, true);
    const text = proposedText(model)!;
    assert.doesNotMatch(text, /TWINE_PASSWORD/);
    assert.match(text, /\n    environment: pypi\n/, "the settings' environment");
    assert.deepEqual(publisherOriginOf(model, 'pypi'), {
      workflow: 'publish-pypi.yml',
      environment: 'pypi',
      source: "from .github/workflows/publish-pypi.yml, job 'publish'",
      existing: true,
    });
  });

  it('the editor\'s quick fix names the environment after the settings too (pypi when unset)', () => {
    const fixOf = (environments?: { pypi?: string }) =>
      lintWorkflow(TOKEN_WORKFLOW, { environments }).findings.find((f) => f.ruleId === 'token-publishing')!.fixes![0].edits.map((e) => e.newText).join('');
    assert.match(fixOf({ pypi: 'release' }), /environment: release/);
    assert.match(fixOf(), /environment: pypi/);
  });

  it('the environment chosen in the wizard wins over the setting the workflows were first read with', () => {
    let model = reduce(detected({ 'publish-pypi.yml': SDK }), { type: 'setChoices', choices: { environment: 'pypi-release' } });
    model = reduce(model, { type: 'setMode', mode: 'migrate', fileName: 'publish-pypi.yml' });
    assert.match(proposedText(model)!, /\n    environment: pypi-release\n/);
    assert.match(wizardView(go(model, 'review')).review!.migrationTitle!, /environment 'pypi-release'$/);
    // A name PyPI would refuse is not written into the workflow.
    let refused = reduce(detected({ 'publish-pypi.yml': SDK }), { type: 'setChoices', choices: { environment: 'bad,name' } });
    refused = reduce(refused, { type: 'setMode', mode: 'migrate', fileName: 'publish-pypi.yml' });
    assert.match(proposedText(refused)!, /\n    environment: pypi\n/);
  });

  it("keeps the job's own environment name instead of forcing pypi", () => {
    const withEnvironment = TOKEN_WORKFLOW.replace('    runs-on: ubuntu-latest\n', '    runs-on: ubuntu-latest\n    environment: deploy-to-pypi\n');
    const inspection = inspectWorkflow('publish.yml', withEnvironment, { environments: { pypi: 'release' } });
    assert.doesNotMatch(inspection.migration!.migratedText, /environment: (release|pypi)/);
    let model = reduce(detected({ 'publish.yml': withEnvironment }), { type: 'setMode', mode: 'migrate', fileName: 'publish.yml' });
    model = go(model, 'review');
    assert.equal(planOf(model)?.environment, 'deploy-to-pypi');
    assert.equal(publisherOriginOf(model, 'pypi')?.environment, 'deploy-to-pypi');
  });
});

describe('wizard: steps agree with the checklist', () => {
  it('PyPI and GitHub are ticked only once done, however far the user clicked', () => {
    let model = reduce(detected({ 'publish.yaml': FLASK }, flaskFacts()), { type: 'navigate', step: 'review' });
    model = go(model, 'pypi', 'github', 'done');
    const state = (m: WizardModel, id: string) => wizardView(m).steps.find((s) => s.id === id)?.state;
    assert.equal(state(model, 'pypi'), 'available', 'visited, not done');
    assert.equal(state(model, 'github'), 'available');
    assert.deepEqual(doneView(model).items.map((i) => i.state), ['done', 'todo', 'todo', 'unknown']);
    const registered = () =>
      ok({ version: '3.0.0', file: 'a.whl', publisher: { kind: 'GitHub', repository: 'Example-Org/Hello-PyPI', workflow: 'publish.yaml', environment: 'publish' } });
    for (const index of ['pypi', 'testpypi'] as const) {
      model = reduce(model, { type: 'pypiChecked', index, check: { project: ok({ name: 'Flask', normalizedName: 'flask' }), latest: registered() } });
    }
    assert.equal(state(model, 'pypi'), 'done');
    model = reduce(model, { type: 'environmentEnsured', name: 'publish', result: { ok: true, value: { created: true, changes: [], environment: { name: 'publish', reviewers: [], waitTimerMinutes: 0 } } as never } });
    assert.equal(state(model, 'github'), 'done');
    assert.deepEqual(doneView(model).items.map((i) => i.state), ['done', 'done', 'done', 'done']);
  });

  it('Copy says "Copied" on the button itself, until the next action', () => {
    let model = go(detected({ 'publish.yaml': FLASK }), 'review', 'pypi');
    model = reduce(model, { type: 'copied', index: 'pypi', field: 'workflow' });
    const values = wizardView(model).pypi!.indexes[0].values;
    assert.deepEqual(values.filter((v) => v.copied).map((v) => v.field), ['workflow']);
    assert.equal(wizardView(model).notice, undefined, 'no banner');
    model = go(model, 'github', 'pypi');
    assert.deepEqual(wizardView(model).pypi!.indexes[0].values.filter((v) => v.copied), []);
  });

  it('Review asks nothing when the file already holds exactly this workflow', () => {
    const text = proposedText(detected())!;
    const model = go(reduce(detected({ 'release.yml': text }), { type: 'setMode', mode: 'new' }), 'choose', 'review');
    const review = wizardView(model).review!;
    assert.equal(review.upToDate, true);
    assert.equal(review.exists, false, 'no Replace? question');
  });
});

describe('wizard: a workspace without pyproject.toml', () => {
  it('a detection without a project forgets the previous one, and still lists the repository and its workflows', () => {
    const before = detected({ 'publish.yaml': FLASK });
    const model = reduce(before, {
      type: 'detected',
      packages: [],
      remotes: before.remotes,
      remoteName: 'origin',
      workflows: before.workflows,
      workflowsFolder: '.github/workflows',
      choices: before.choices,
      workflowFileName: 'release.yml',
      projectError: 'No pyproject.toml in this workspace.',
    });
    const view = wizardView(model);
    assert.equal(view.detect.project, undefined);
    assert.equal(view.detect.repository, 'Example-Org/Hello-PyPI');
    assert.equal(view.detect.workflowsFolder, '.github/workflows');
    assert.deepEqual(view.detect.workflows.map((w) => w.publishing.length), [2]);
    assert.equal(blockerOf(model, 'review'), 'No pyproject.toml in this workspace.');
  });
});

describe('wizard: detecting again', () => {
  it('keeps the remote the user picked among several while it exists', () => {
    const remotes = [
      { name: 'fork', url: 'https://github.com/me/Hello-PyPI.git', repository: { owner: 'me', repo: 'Hello-PyPI' } },
      { name: 'main', url: 'https://github.com/Example-Org/Hello-PyPI.git', repository: { owner: 'Example-Org', repo: 'Hello-PyPI' } },
    ];
    const base = detected();
    const again = (m: WizardModel, list = remotes) =>
      reduce(m, { type: 'detected', packages: base.packages, packageId: base.packageId, project: base.project, remotes: list, workflows: [], choices: base.choices, workflowFileName: 'release.yml' });
    let model = reduce(again(base), { type: 'selectRemote', name: 'main' });
    model = again(model);
    assert.equal(model.remoteName, 'main');
    assert.equal(again(model, remotes.slice(0, 1)).remoteName, undefined, 'gone with its remote');
  });
});

describe('wizard: GitHub environment for a kept workflow', () => {
  it("limits the environment to the workflow's own tags (Flask pushes any tag), else to v*", () => {
    const flask = detected({ 'publish.yaml': FLASK });
    assert.equal(tagPatternOf(flask), '*');
    assert.match(githubView(reduce(flask, { type: 'github', update: { status: 'signed-in', repository: { owner: 'Example-Org', repo: 'Hello-PyPI', visibility: 'public', admin: true, private: false } as never } })).reviewersNote ?? '', /limits it to \* tags/);
    assert.equal(tagPatternOf(detected()), 'v*');
  });

  it('a new workflow next to a token workflow: the warning points at the migration', () => {
    const model = detected({ 'pypi_upload.yml': BLACK });
    assert.match(wizardView(model).detect.twoPublishers ?? '', /switch the one you have over \(step Detect: "Migrate"\)/);
  });
});
