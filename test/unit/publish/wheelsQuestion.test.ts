import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { memoryFiles, nodeFiles } from '../../../src/core/files';
import { WHEELS_UNANSWERED, wheelsQuestion } from '../../../src/core/publish';
import { readPyprojectFile } from '../../../src/core/pyproject';
import type { ProjectFacts } from '../../../src/core/pyproject/types';
import { defaultChoices, validateChoices } from '../../../src/core/setup/choices';
import { facts, REPO_ROOT } from './fixtures';

const HATCHLING = '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n';

async function read(pyproject: string, extra: Record<string, string> = {}): Promise<ProjectFacts> {
  const root = path.resolve('/speedups');
  const files = memoryFiles({ [path.join(root, 'pyproject.toml')]: pyproject, ...Object.fromEntries(Object.entries(extra).map(([p, t]) => [path.join(root, p), t])) });
  const result = await readPyprojectFile(path.join(root, 'pyproject.toml'), files);
  assert.ok(result.ok, 'the pyproject reads');
  return result.value;
}

/** What the wizard says about the wheels choice before Review: its error, or undefined when it lets the user on. */
const wizardObjects = (projectFacts: ProjectFacts) => validateChoices(defaultChoices({}, projectFacts), projectFacts).wheels;

describe('the wheels question (wizard and Generate Release Workflow)', () => {
  it('a C classifier with nothing that builds C: asked, with the signs and why one wheel would be refused', async () => {
    const doubtful = await read(`${HATCHLING}[project]\nname = "speedups"\nversion = "1.0"\nclassifiers = ["Programming Language :: C"]\n`);
    const question = wheelsQuestion(doubtful);
    assert.match(question?.doubt ?? '', /classifier "Programming Language :: C", but nothing in pyproject\.toml builds native code\..*PyPI rejects linux_x86_64/);
    assert.deepEqual(
      question?.answers.map((a) => a.value),
      ['pure', 'cibuildwheel', 'maturin'],
      'every way to build, and no "as the project says": the project does not say',
    );
    assert.equal(wizardObjects(doubtful), WHEELS_UNANSWERED, 'the wizard holds Review on the same condition');
  });

  it('answered: no question, in the command (options.wheels) or in the wizard (a chosen radio)', async () => {
    const doubtful = await read(`${HATCHLING}[project]\nname = "speedups"\nversion = "1.0"\nclassifiers = ["Programming Language :: C"]\n`);
    for (const wheels of ['pure', 'cibuildwheel', 'maturin'] as const) {
      assert.equal(wheelsQuestion(doubtful, wheels), undefined, wheels);
      assert.equal(validateChoices({ ...defaultChoices({}, doubtful), wheels }, doubtful).wheels, undefined, wheels);
    }
  });

  it('a plainly pure project and a plainly compiled one are not asked', async () => {
    const pure = await read(`${HATCHLING}[project]\nname = "plain"\nversion = "1.0"\nclassifiers = ["Programming Language :: Python :: 3"]\n`);
    const markupsafe = await readPyprojectFile(path.join(REPO_ROOT, 'test', 'fixtures', 'real-projects', 'markupsafe', 'pyproject.toml'), nodeFiles);
    assert.ok(markupsafe.ok);
    for (const settled of [pure, markupsafe.value, facts({ build: { kind: 'compiled', builder: 'maturin', detail: 'maturin builds it' } })]) {
      assert.equal(wheelsQuestion(settled), undefined, settled.name);
      assert.equal(wizardObjects(settled), undefined, settled.name);
    }
  });
});
