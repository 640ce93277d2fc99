import * as assert from 'node:assert/strict';
import { lintWorkflow } from '../../../src/core/lint';
import { generateWorkflow, planRelease } from '../../../src/core/publish';
import { inspectWorkflow, secretNames, summarizeCounts, workflowPublisher } from '../../../src/core/setup/inspectWorkflow';
import { facts, TOKEN_WORKFLOW } from './fixtures';

describe('inspectWorkflow', () => {
  it('offers a migration for a token upload, with the secret it reads, and the migrated text has no token', () => {
    const inspection = inspectWorkflow('publish.yml', TOKEN_WORKFLOW);
    assert.equal(inspection.tokenPublishing, true);
    assert.deepEqual(inspection.secrets, ['PYPI_API_TOKEN']);
    assert.ok(inspection.migration, 'a migration');
    assert.match(inspection.migration.title, /trusted publishing/);
    const migrated = inspection.migration.migratedText;
    assert.doesNotMatch(migrated, /PYPI_API_TOKEN/);
    assert.match(migrated, /id-token: write/);
    assert.deepEqual(lintWorkflow(migrated).findings.filter((f) => f.ruleId === 'token-publishing'), []);
    assert.ok(inspection.counts.warning >= 1);
  });

  it('still offers the migration when the user turned token-publishing off, without counting it', () => {
    const inspection = inspectWorkflow('publish.yml', TOKEN_WORKFLOW, { rules: { 'token-publishing': 'off' } });
    assert.ok(inspection.migration);
    const counted = inspectWorkflow('publish.yml', TOKEN_WORKFLOW);
    assert.equal(inspection.counts.warning, counted.counts.warning - 1);
  });

  it('finds no token and no migration in a generated workflow', () => {
    const text = generateWorkflow(planRelease(facts()));
    const inspection = inspectWorkflow('release.yml', text);
    assert.equal(inspection.tokenPublishing, false);
    assert.equal(inspection.migration, undefined);
    assert.deepEqual(inspection.secrets, []);
    assert.deepEqual(inspection.counts, { error: 0, warning: 0, info: 0 });
  });

  it('reads secret names through env indirection and keeps each once', () => {
    const text = TOKEN_WORKFLOW.replace('password: ${{ secrets.PYPI_API_TOKEN }}', 'password: ${{ env.TOKEN }}').replace(
      'permissions:\n  contents: read\n',
      'permissions:\n  contents: read\nenv:\n  TOKEN: ${{ secrets.PYPI_TOKEN_2 }}\n',
    );
    assert.deepEqual(secretNames(text), ['PYPI_TOKEN_2']);
    assert.deepEqual(secretNames('not: [valid'), []);
  });

  it('summarizes counts in words', () => {
    assert.equal(summarizeCounts({ error: 0, warning: 0, info: 0 }), 'no problems');
    assert.equal(summarizeCounts({ error: 1, warning: 2, info: 1 }), '1 error, 2 warnings, 1 note');
  });

  it('reads the publisher a migrated workflow presents: environments and trigger', () => {
    const migrated = inspectWorkflow('publish.yml', TOKEN_WORKFLOW).migration!.migratedText;
    assert.deepEqual(workflowPublisher(migrated), { trigger: 'release', environment: 'pypi' });
    const both = generateWorkflow(planRelease(facts(), { testPypi: true, trigger: 'tag', environment: 'release' }));
    assert.deepEqual(workflowPublisher(both), { trigger: 'tag', environment: 'release', testPypiEnvironment: 'testpypi' });
    assert.deepEqual(workflowPublisher('on: push\njobs: {}\n'), { trigger: 'other' });
  });
});
