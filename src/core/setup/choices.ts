import { choosePythonVersion, PLAN_DEFAULTS, validateEnvironmentName } from '../publish';
import { WHEELS_UNANSWERED } from '../publish/wheelsAnswers';
import { wheelsQuestion } from '../publish/wheelsQuestion';
import type { PlanOptions } from '../publish/types';
import type { ProjectFacts } from '../pyproject/types';
import type { Choices } from '../../shared/protocol';

/** The wizard's starting choices: the settings (as plan options), else the planner's defaults and the project's Python. */
export function defaultChoices(options: PlanOptions, facts: ProjectFacts | undefined): Choices {
  return {
    target: options.pypi === false ? 'testpypi' : options.testPypi ? 'both' : 'pypi',
    trigger: options.trigger ?? PLAN_DEFAULTS.trigger,
    environment: options.environment ?? PLAN_DEFAULTS.environment,
    testPypiEnvironment: options.testPypiEnvironment ?? PLAN_DEFAULTS.testPypiEnvironment,
    pythonVersion: options.pythonVersion ?? choosePythonVersion(facts?.requiresPython),
    buildTool: options.buildTool ?? PLAN_DEFAULTS.buildTool,
    pinning: options.pinning ?? PLAN_DEFAULTS.pinning,
    wheels: options.wheels ?? 'auto',
  };
}

/** `3.13`, `3.9`: what actions/setup-python installs as "the latest patch of" a minor. */
const PYTHON_VERSION = /^3\.\d{1,2}$/;

/**
 * Why each choice cannot be used, in words; an empty object when every choice is fine. With `facts` whose build
 * leaves a doubt, the wheels must be answered, not left to detection.
 */
export function validateChoices(choices: Choices, facts?: ProjectFacts): Partial<Record<keyof Choices, string>> {
  const errors: Partial<Record<keyof Choices, string>> = {};
  const wheels = choices.wheels === undefined || choices.wheels === 'auto' ? undefined : choices.wheels;
  if (facts && wheelsQuestion(facts, wheels)) errors.wheels = WHEELS_UNANSWERED;
  if (choices.target !== 'testpypi') {
    const environment = validateEnvironmentName(choices.environment);
    if (environment) errors.environment = environment;
    else if (choices.environment.trim() === '') {
      errors.environment = 'Name an environment: PyPI can then require it, and GitHub can hold uploads for approval.';
    }
  }
  if (choices.target !== 'pypi') {
    const test = validateEnvironmentName(choices.testPypiEnvironment);
    if (test) errors.testPypiEnvironment = test;
    else if (choices.testPypiEnvironment.trim() === '') errors.testPypiEnvironment = 'Name the TestPyPI environment.';
    else if (choices.target === 'both' && choices.testPypiEnvironment.toLowerCase() === choices.environment.toLowerCase()) {
      errors.testPypiEnvironment = 'Use another environment than the PyPI job: each index trusts its own.';
    }
  }
  if (!PYTHON_VERSION.test(choices.pythonVersion.trim())) {
    errors.pythonVersion = 'Give a CPython minor version such as 3.13.';
  }
  return errors;
}

/** Only the keys in `update` that differ from `current`, so a no-op change does not reset later steps. */
export function changedChoices(current: Choices, update: Partial<Choices>): Partial<Choices> {
  const changed: Partial<Choices> = {};
  for (const [key, value] of Object.entries(update) as Array<[keyof Choices, string]>) {
    if (value !== undefined && current[key] !== value) (changed as Record<string, string>)[key] = value;
  }
  return changed;
}

/** The choices as the planner's options. */
export function planOptionsOf(choices: Choices, compiled: boolean): PlanOptions {
  const wheels = choices.wheels === undefined || choices.wheels === 'auto' ? undefined : choices.wheels;
  return {
    ...(wheels ? { wheels } : {}),
    pypi: choices.target !== 'testpypi',
    testPypi: choices.target !== 'pypi',
    trigger: choices.trigger,
    environment: choices.environment,
    testPypiEnvironment: choices.testPypiEnvironment,
    pythonVersion: choices.pythonVersion.trim(),
    // Compiled projects build with cibuildwheel or maturin; the pure build tool does not apply.
    buildTool: compiled ? PLAN_DEFAULTS.buildTool : choices.buildTool,
    pinning: choices.pinning,
  };
}
