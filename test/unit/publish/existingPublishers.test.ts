import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { summarizePublishing } from '../../../src/core/lint';
import { choosePublisherOrigin, planRelease, publisherValues, readWorkflowSummaries } from '../../../src/core/publish';
import { memoryFiles } from '../../../src/core/files';
import { facts } from './fixtures';

// Real workflows (test/fixtures/corpus/workflows/SOURCES.tsv): pallets/flask, hynek/structlog, psf/black.
const dir = path.resolve(__dirname, '../../../../test/fixtures/corpus/workflows');
const real = (file: string, as: string) => summarizePublishing(as, readFileSync(path.join(dir, file), 'utf8'));
const plan = planRelease(facts(), {});
const repository = { owner: 'pallets', repo: 'flask' };

describe('the publisher a repository already has', () => {
  it("an existing trusted-publishing workflow's file and environment, not the defaults", () => {
    const choice = choosePublisherOrigin([real('pallets__flask__publish.yaml', 'publish.yaml')], 'pypi', plan);
    assert.equal(choice.kind, 'existing');
    const values = publisherValues(plan, repository, 'exists', 'pypi', choice.kind === 'existing' ? choice.origin : undefined);
    assert.equal(values.workflow, 'publish.yaml');
    assert.equal(values.environment, 'publish');
    assert.equal(values.source, "from .github/workflows/publish.yaml, job 'publish-pypi'");
    assert.match(values.routes[0].url, /workflow_filename=publish\.yaml&environment=publish$/);
  });

  it('per index: PyPI and TestPyPI environments differ', () => {
    const structlog = [real('hynek__structlog__pypi-package.yml', 'pypi-package.yml')];
    const pypi = choosePublisherOrigin(structlog, 'pypi', plan);
    const testpypi = choosePublisherOrigin(structlog, 'testpypi', plan);
    assert.equal(pypi.kind === 'existing' && pypi.origin.environment, 'release-pypi');
    assert.equal(testpypi.kind === 'existing' && testpypi.origin.environment, 'release-test-pypi');
  });

  it('several publishing workflows: asks, unless one is named', () => {
    const both = [real('pallets__flask__publish.yaml', 'publish.yaml'), real('psf__black__pypi_upload.yml', 'pypi_upload.yml')];
    const ask = choosePublisherOrigin(both, 'pypi', plan);
    assert.equal(ask.kind, 'ask');
    assert.deepEqual(ask.kind === 'ask' && ask.workflows.map((w) => w.fileName), ['publish.yaml', 'pypi_upload.yml']);
    const named = choosePublisherOrigin(both, 'pypi', plan, 'pypi_upload.yml');
    assert.equal(named.kind === 'existing' && named.origin.workflow, 'pypi_upload.yml');
    assert.equal(named.kind === 'existing' && named.origin.environment, '');
  });

  it('nothing publishes: the planned workflow, said to be the one the wizard will write', () => {
    const choice = choosePublisherOrigin([summarizePublishing('ci.yml', 'on: push\njobs: {}\n')], 'pypi', plan);
    assert.equal(choice.kind, 'planned');
    assert.equal(choice.kind === 'planned' && choice.origin.workflow, 'release.yml');
    assert.match(choice.kind === 'planned' ? choice.origin.source : '', /for the workflow the wizard will write/);
  });

  it('reads every .yml and .yaml under .github/workflows, in name order', async () => {
    const flask = readFileSync(path.join(dir, 'pallets__flask__publish.yaml'), 'utf8');
    const files = memoryFiles({ '/repo/.github/workflows/publish.yaml': flask, '/repo/.github/workflows/a.yml': 'on: push\n', '/repo/.github/workflows/notes.txt': 'x' });
    const summaries = await readWorkflowSummaries('/repo', files);
    assert.deepEqual(summaries.map((s) => s.fileName), ['a.yml', 'publish.yaml']);
  });
  it('a caller that publishes through a reusable workflow of the repository: the called file is the one to register', () => {
    // Real files: astral-sh/uv's release.yml calls ./.github/workflows/publish-pypi.yml (sources at the top of each file).
    const fixtures = path.resolve(__dirname, '../../../../test/fixtures');
    const read = (file: string) => readFileSync(path.join(fixtures, file), 'utf8');
    const release = summarizePublishing('release.yml', read('reusable-callers/astral-sh__uv__release.yml'));
    const called = summarizePublishing('publish-pypi.yml', read('real-workflows/astral-sh__uv__publish-pypi.yml'));
    assert.ok(release.localCalls.some((c) => c.jobId === 'custom-publish-pypi' && c.fileName === 'publish-pypi.yml'));
    assert.deepEqual(release.uploads.map((u) => u.jobId), ['custom-publish-pypi'], 'the caller counts as publishing through its call');
    const choice = choosePublisherOrigin([called, release], 'pypi', plan);
    assert.equal(choice.kind, 'existing');
    assert.equal(choice.kind === 'existing' && choice.origin.workflow, 'publish-pypi.yml');
    assert.equal(choice.kind === 'existing' && choice.origin.environment, 'release');
  });
});
