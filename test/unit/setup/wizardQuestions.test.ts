import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { memoryFiles, nodeFiles } from '../../../src/core/files';
import { resolveGitHubRepository } from '../../../src/core/git';
import { readPyprojectFile } from '../../../src/core/pyproject';
import { remotesOf } from '../../../src/core/setup/detect';
import { blockerOf, planOf, proposedText, reduce } from '../../../src/core/setup/wizardModel';
import { wizardView } from '../../../src/core/setup/wizardView';
import { isHostMessage } from '../../../src/shared/protocol';
import { detected, facts, ROOT } from './fixtures';
import { locatePackage } from '../../../src/core/setup/packageLocation';
import { tagPatternOf } from '../../../src/core/setup/githubReport';
import { firstTag } from '../../../src/core/setup/checklist';

const REAL = path.resolve(__dirname, '../../../../test/fixtures/real-projects');

describe('wizard: what the project leaves open is asked', () => {
  it('weak signs of compiled code: the wheels question must be answered before Review', () => {
    const doubtful = facts({ build: { kind: 'pure', doubt: 'the package folder holds src/x/fast.c, but nothing in pyproject.toml builds native code' } });
    let model = reduce(detected({}, doubtful), { type: 'navigate', step: 'choose' });
    const view = wizardView(model);
    assert.match(view.choose?.wheelsDoubt ?? '', /fast\.c.*PyPI rejects linux_x86_64/);
    assert.match(view.choose?.errors.wheels ?? '', /Say how the wheels are built/);
    assert.equal(blockerOf(model, 'review'), 'Correct the choices first.');
    assert.equal(proposedText(model), undefined);
    model = reduce(model, { type: 'setChoices', choices: { wheels: 'cibuildwheel' } });
    assert.equal(blockerOf(model, 'review'), undefined);
    assert.equal(planOf(model)?.wheels, 'cibuildwheel');
    assert.match(proposedText(model) ?? '', /pypa\/cibuildwheel@/);
    assert.ok(isHostMessage({ type: 'state', view: wizardView(model) }), 'the view passes the protocol guard');
  });

  it('markupsafe: the wizard reads the same facts as the command line and says why it plans cibuildwheel', async () => {
    const read = await readPyprojectFile(path.join(REAL, 'markupsafe', 'pyproject.toml'), nodeFiles);
    assert.ok(read.ok);
    const model = reduce(detected({}, read.value), { type: 'navigate', step: 'choose' });
    const view = wizardView(model);
    assert.match(view.choose?.wheelsReason ?? '', /because setup\.py declares Extension\("markupsafe\._speedups"/);
    assert.equal(view.choose?.pure, false);
    assert.equal(planOf(model)?.wheels, 'cibuildwheel');
    // The user can still say otherwise.
    const pure = reduce(model, { type: 'setChoices', choices: { wheels: 'pure' } });
    assert.equal(planOf(pure)?.wheels, 'pure');
    assert.equal(wizardView(pure).choose?.pure, true);
  });

  it('dmypy-ls: [tool.poetry] without [build-system] shows the warning and the table to add', async () => {
    const read = await readPyprojectFile(path.join(REAL, 'dmypy-ls', 'pyproject.toml'), nodeFiles);
    assert.ok(read.ok);
    const view = wizardView(detected({}, read.value));
    const [warning] = view.detect.project?.warnings ?? [];
    assert.match(warning?.message ?? '', /UNKNOWN, version 0\.0\.0/);
    assert.equal(warning?.suggestion, '[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n');
    assert.ok(isHostMessage({ type: 'state', view }));
  });

  it('a fork and its parent: the remote is asked, with which repository PyPI will see', async () => {
    const root = path.resolve('/fork');
    const files = memoryFiles({
      [path.join(root, '.git', 'HEAD')]: 'ref: refs/heads/main\n',
      [path.join(root, '.git', 'config')]: '[remote "origin"]\n\turl = https://github.com/alice/markupsafe.git\n[remote "upstream"]\n\turl = https://github.com/pallets/markupsafe.git\n',
      [path.join(root, 'pyproject.toml')]: '',
    });
    const remotes = remotesOf(await resolveGitHubRepository(root, files, 'origin'));
    assert.equal(remotes.remoteName, undefined);
    let model = reduce({ ...detected(), remoteName: undefined }, { type: 'detected', packages: [], remotes: remotes.remotes, remoteQuestion: remotes.remoteQuestion, workflows: [], choices: detected().choices, workflowFileName: 'release.yml', project: detected().project, packageId: '0:.' });
    const view = wizardView(model);
    assert.match(view.detect.remoteQuestion ?? '', /origin \(alice\/markupsafe\) looks like a fork of upstream \(pallets\/markupsafe\)\. PyPI trusts the repository whose workflow runs the release/);
    assert.match(blockerOf(model, 'choose') ?? '', /looks like a fork/);
    assert.ok(isHostMessage({ type: 'state', view }));
    model = reduce(model, { type: 'selectRemote', name: 'upstream' });
    assert.equal(blockerOf(model, 'choose'), undefined);
    assert.equal(wizardView(model).detect.remoteQuestion, undefined);
    assert.equal(wizardView(model).detect.repository, 'pallets/markupsafe');
  });

  it('a monorepo package: the environment tag policy and the first tag use its own <name>-v prefix', () => {
    const model = detected();
    const project = { ...model.project!, location: locatePackage(path.join(ROOT, 'packages', 'core', 'pyproject.toml'), ROOT) };
    const monorepo = { ...model, project };
    assert.equal(planOf(monorepo)?.tagPrefix, 'hello-pypi-v');
    assert.equal(tagPatternOf(monorepo), 'hello-pypi-v*');
    assert.equal(firstTag(monorepo), 'hello-pypi-v0.1.0');
    assert.equal(tagPatternOf(model), 'v*');
  });
});
