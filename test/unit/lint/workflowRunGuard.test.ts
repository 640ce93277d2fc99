import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { lintWorkflow } from '../../../src/core/lint';

const fixtures = path.resolve(__dirname, '../../../../test/fixtures');
const workflowRunFinding = (file: string) => {
  const findings = lintWorkflow(readFileSync(path.join(fixtures, file), 'utf8')).findings.filter((f) => f.ruleId === 'workflow-run-publish' && /\(workflow_run\)/.test(f.message));
  assert.equal(findings.length, 1, file);
  return findings[0].message;
};

describe('workflow-run-publish: runs for pull requests', () => {
  it("says the other workflow's pull request runs can start the upload when nothing keeps them out", () => {
    assert.match(workflowRunFinding('lint/workflow-run-publish/bad-workflow-run.yml'), /which can be a run for a pull request/);
  });

  it("does not, when the job's condition accepts only the other workflow's push runs (pyca/cryptography)", () => {
    const message = workflowRunFinding('corpus/workflows/pyca__cryptography__pypi-publish.yml');
    assert.doesNotMatch(message, /can be a run for a pull request/);
    assert.match(message, /its conditions keep out runs for pull requests/);
  });
});
