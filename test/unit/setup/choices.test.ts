import * as assert from 'node:assert/strict';
import { generateWorkflow, planRelease } from '../../../src/core/publish';
import { defaultChoices, planOptionsOf, validateChoices } from '../../../src/core/setup/choices';
import { facts } from '../publish/fixtures';

describe('wizard choices', () => {
  const base = defaultChoices({}, facts());

  it('start from PyPI only with the pypi environment', () => {
    assert.equal(base.target, 'pypi');
    assert.equal(base.environment, 'pypi');
    assert.deepEqual(validateChoices(base), {});
  });

  it('TestPyPI only: plans a workflow with just the TestPyPI job and checks only its environment', () => {
    const choices = { ...base, target: 'testpypi' as const, environment: '' };
    assert.deepEqual(validateChoices(choices), {}, 'the PyPI environment is not asked for');
    const plan = planRelease(facts(), planOptionsOf(choices, false));
    assert.equal(plan.pypi, false);
    assert.equal(plan.testPypi, true);
    const text = generateWorkflow(plan);
    assert.match(text, /repository-url: https:\/\/test\.pypi\.org\/legacy\//);
    assert.doesNotMatch(text, /url: https:\/\/pypi\.org\/p\//);
  });

  it('both: the two jobs need different environments', () => {
    const errors = validateChoices({ ...base, target: 'both', testPypiEnvironment: 'PyPI' });
    assert.match(errors.testPypiEnvironment ?? '', /another environment/);
  });

  it('a TestPyPI-only setting comes back as the TestPyPI target', () => {
    assert.equal(defaultChoices({ pypi: false }, facts()).target, 'testpypi');
  });
});
