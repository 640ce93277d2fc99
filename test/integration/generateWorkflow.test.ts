import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { GenerateWorkflowCommand, type QuickPickWindow } from '../../src/vscode/generateWorkflowCommand';
import { PreviewDocuments } from '../../src/vscode/previewDocuments';
import { eventually, resetWorkspace, workflowsDir, workspaceRoot } from './workspaceHelpers';

const generate = (args: object) => vscode.commands.executeCommand<{ uri: vscode.Uri } | undefined>('trustedPublishing.generateWorkflow', args);

describe('Generate Release Workflow (in VS Code)', () => {
  beforeEach(resetWorkspace);
  after(resetWorkspace);

  it('writes .github/workflows/release.yml at the repository root and opens it', async () => {
    const result = await generate({ confirm: true });
    const target = path.join(workflowsDir(), 'release.yml');
    assert.equal(result?.uri.fsPath, target);
    const onDisk = await fs.readFile(target, 'utf8');
    const workflow = parse(onDisk);
    const publish = Object.values<any>(workflow.jobs).find((job) => job.permissions?.['id-token'] === 'write');
    assert.equal(publish.environment.name, 'pypi');
    assert.equal(publish.environment.url, 'https://pypi.org/p/hello-pypi');
    const editor = await eventually('the workflow in an editor', () => vscode.window.activeTextEditor?.document.uri.fsPath === target && vscode.window.activeTextEditor);
    assert.equal(editor.document.isDirty, false, 'the written file is saved');
  });

  it('is undoable: Undo in the new file takes the generated text back out', async () => {
    const result = await generate({ confirm: true });
    const document = await vscode.workspace.openTextDocument(result!.uri);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    await eventually('undo to empty the file', () => document.getText() === '');
    // Leave no unsaved document behind for the next test: revert to what is on disk.
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('uses the chosen environment, TestPyPI and tag trigger', async () => {
    const result = await generate({ confirm: true, options: { environment: 'release', testPypi: true, trigger: 'tag' } });
    const workflow = parse(await fs.readFile(result!.uri.fsPath, 'utf8'));
    assert.deepEqual(workflow.on.push.tags, ['v*']);
    const environments = Object.values<any>(workflow.jobs).map((job) => job.environment?.name).filter(Boolean).sort();
    assert.deepEqual(environments, ['release', 'testpypi']);
  });

  it('without a remote: writes the workflow and says why there is nothing to register yet, as the wizard does', async () => {
    const config = path.join(workspaceRoot(), '.git', 'config');
    const original = await fs.readFile(config, 'utf8');
    await fs.writeFile(config, original.replace(/\[remote "origin"\][^[]*/, ''));
    try {
      const result = await generate({ confirm: true });
      assert.ok(result && (await fs.stat(result.uri.fsPath)).isFile(), 'the workflow is written all the same');
      assert.match((result as { repositoryProblem?: string }).repositoryProblem ?? '', /has no remote, so there is no GitHub repository to tell PyPI about/);
    } finally {
      await fs.writeFile(config, original);
    }
  });

  describe('when release.yml already exists', () => {
    const mine = '# my hand-written workflow\non: push\njobs: {}\n';
    beforeEach(async () => {
      await fs.mkdir(workflowsDir(), { recursive: true });
      await fs.writeFile(path.join(workflowsDir(), 'release.yml'), mine);
    });

    it('cancel leaves the file as it was', async () => {
      assert.equal(await generate({ confirm: true, onExisting: 'cancel' }), undefined);
      assert.equal(await fs.readFile(path.join(workflowsDir(), 'release.yml'), 'utf8'), mine);
    });

    it('rename writes another file and keeps the user file', async () => {
      const result = await generate({ confirm: true, onExisting: 'rename' });
      assert.equal(path.basename(result!.uri.fsPath), 'release-pypi.yml');
      assert.equal(await fs.readFile(path.join(workflowsDir(), 'release.yml'), 'utf8'), mine);
      assert.match(await fs.readFile(result!.uri.fsPath, 'utf8'), /release-pypi\.yml/, 'the header names the file PyPI must be told about');
    });

    it('replace overwrites only when chosen, and Undo brings the user file back', async () => {
      const result = await generate({ confirm: true, onExisting: 'replace' });
      const document = await vscode.workspace.openTextDocument(result!.uri);
      assert.match(document.getText(), /gh-action-pypi-publish/);
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('undo');
      await eventually('undo to restore the user file', () => document.getText() === mine);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });
  });
});

describe('Generate Release Workflow on a project with weak signs of compiled code (in VS Code)', () => {
  // A package beside the fixture's own: its classifier names C, but nothing in its files builds C.
  const packageDir = () => path.join(workspaceRoot(), 'speedups');
  const pyproject = () => path.join(packageDir(), 'pyproject.toml');
  type Shown = { title?: string; placeHolder?: string; labels: string[]; details: string[] };
  let shown: Shown[];
  let logged: string[];
  let previews: PreviewDocuments;

  /** The command with quick picks answered by `answer` (undefined is Escape) and a log that keeps its lines. */
  const command = (answer: (labels: string[]) => string | undefined) => {
    const window = {
      showQuickPick: async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>, options?: vscode.QuickPickOptions) => {
        const list = await items;
        shown.push({ title: options?.title, placeHolder: options?.placeHolder, labels: list.map((i) => i.label), details: list.map((i) => i.detail ?? '') });
        const label = answer(list.map((i) => i.label));
        return list.find((i) => i.label === label);
      },
    } as unknown as QuickPickWindow;
    const line = (level: string) => (message: string) => logged.push(`${level} ${message}`);
    const log = { info: line('info'), warn: line('warn'), error: line('error'), debug: line('debug'), trace: line('trace') } as unknown as vscode.LogOutputChannel;
    return new GenerateWorkflowCommand(previews, log, window);
  };
  const written = async () => (await fs.readdir(workflowsDir()).catch(() => [])) as string[];

  before(async () => {
    await fs.mkdir(packageDir(), { recursive: true });
    await fs.writeFile(
      pyproject(),
      '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "speedups"\nversion = "1.0"\nclassifiers = ["Programming Language :: C"]\n',
    );
  });
  beforeEach(async () => {
    shown = [];
    logged = [];
    previews = new PreviewDocuments();
    await resetWorkspace();
  });
  afterEach(() => previews.dispose());
  after(async () => {
    await fs.rm(packageDir(), { recursive: true, force: true });
    await resetWorkspace();
  });

  it("asks how the wheels are built, with the wizard's reason and answers, and writes the cibuildwheel workflow chosen", async () => {
    const result = await command((labels) => labels.find((l) => l === 'cibuildwheel')).run({ pyproject: pyproject(), confirm: true });
    assert.equal(shown.length, 1, 'one question');
    assert.equal(shown[0].title, 'Say how the wheels are built: the project shows signs of compiled code.');
    assert.match(shown[0].placeHolder ?? '', /classifier "Programming Language :: C", but nothing in pyproject\.toml builds native code\..*PyPI rejects linux_x86_64/);
    assert.deepEqual(shown[0].labels, ['One pure-Python wheel', 'cibuildwheel', 'maturin']);
    assert.match(shown[0].details[1], /a wheel per platform and Python/);
    const text = await fs.readFile(result!.uri.fsPath, 'utf8');
    assert.match(text, /pypa\/cibuildwheel@/);
    assert.equal(result?.plan.wheels, 'cibuildwheel');
  });

  it('Escape writes nothing and says so in the log', async () => {
    const result = await command(() => undefined).run({ pyproject: pyproject(), confirm: true });
    assert.equal(result, undefined);
    assert.equal(shown.length, 1);
    assert.deepEqual(await written(), [], 'no workflow file');
    assert.ok(logged.includes('info Generate Release Workflow: cancelled, nothing written'), logged.join('\n'));
  });

  it('is not asked when the wheels are given, nor for a project whose files settle them', async () => {
    const given = await command(() => 'maturin').run({ pyproject: pyproject(), confirm: true, options: { wheels: 'pure' } });
    assert.equal(given?.plan.wheels, 'pure');
    await resetWorkspace();
    const settled = await command(() => 'maturin').run({ pyproject: path.join(workspaceRoot(), 'pyproject.toml'), confirm: true });
    assert.equal(settled?.plan.wheels, 'pure');
    assert.deepEqual(shown, [], 'no question either time');
  });

  it('says once in the log which wheelPlatforms entries name no platform, and builds the known ones', async () => {
    const config = vscode.workspace.getConfiguration('trustedPublishing');
    await config.update('wheelPlatforms', ['linux-x86_64', 'solaris-sparc'], vscode.ConfigurationTarget.Global);
    try {
      const result = await command(() => undefined).run({ pyproject: pyproject(), confirm: true, options: { wheels: 'cibuildwheel' } });
      const warnings = logged.filter((l) => l.startsWith('warn ') && l.includes('wheelPlatforms'));
      assert.equal(warnings.length, 1, logged.join('\n'));
      assert.match(warnings[0], /ignored "solaris-sparc", not a platform name .*; building for linux-x86_64\.$/);
      const workflow = parse(await fs.readFile(result!.uri.fsPath, 'utf8'));
      assert.deepEqual(workflow.jobs['build-wheels'].strategy.matrix.os, ['ubuntu-latest']);
    } finally {
      await config.update('wheelPlatforms', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

describe('Show PyPI Publisher Values (in VS Code)', () => {
  it('reads owner and repository from the git remote, keeping their case', async () => {
    const values = await vscode.commands.executeCommand<any[]>('trustedPublishing.showPublisherValues', { quiet: true });
    assert.equal(values.length, 1);
    assert.equal(values[0].owner, 'Example-Org');
    assert.equal(values[0].repository, 'Hello-PyPI');
    assert.equal(values[0].workflow, 'release.yml');
    assert.equal(values[0].environment, 'pypi');
    assert.equal(values[0].projectName, 'Hello-PyPI');
  });
});

describe('Show PyPI Publisher Values on a repository that already publishes (in VS Code)', () => {
  // Real workflows, from test/fixtures/corpus/workflows/SOURCES.tsv: pallets/flask@0066040 (trusted publishing from
  // publish.yaml, environment `publish`, PyPI and TestPyPI) and psf/black@0019261 (twine with a token, no environment).
  const corpus = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'corpus', 'workflows');
  const install = async (fixture: string, name: string) => {
    await fs.mkdir(workflowsDir(), { recursive: true });
    await fs.copyFile(path.join(corpus, fixture), path.join(workflowsDir(), name));
  };
  const values = (args: object = {}) => vscode.commands.executeCommand<any[] | undefined>('trustedPublishing.showPublisherValues', { quiet: true, ...args });
  beforeEach(resetWorkspace);
  after(resetWorkspace);

  it("gives the publishing workflow's file name and environment, per index, and says where they come from", async () => {
    await install('pallets__flask__publish.yaml', 'publish.yaml');
    const all = await values();
    assert.deepEqual(
      all?.map((v) => [v.index, v.workflow, v.environment]),
      [
        ['pypi', 'publish.yaml', 'publish'],
        ['testpypi', 'publish.yaml', 'publish'],
      ],
    );
    assert.match(all![0].source, /^from \.github\/workflows\/publish\.yaml, job 'publish-pypi'/);
    assert.equal(all![0].fromExistingWorkflow, true);
    assert.match(all![0].routes[0].url, /workflow_filename=publish\.yaml&environment=publish$/);
  });

  it('a token workflow without an environment: its file name, and an empty environment', async () => {
    await install('psf__black__pypi_upload.yml', 'pypi_upload.yml');
    const [pypi] = (await values())!;
    assert.equal(pypi.workflow, 'pypi_upload.yml');
    assert.equal(pypi.environment, '');
    assert.match(pypi.source, /the job has no environment/);
  });

  it('asks which workflow when two publish, and uses the one named', async () => {
    await install('pallets__flask__publish.yaml', 'publish.yaml');
    await install('psf__black__pypi_upload.yml', 'pypi_upload.yml');
    assert.equal(await values(), undefined, 'no silent choice between two publishers');
    const chosen = await values({ workflow: 'publish.yaml' });
    assert.equal(chosen?.[0].workflow, 'publish.yaml');
  });

  it("falls back to the settings' defaults only when nothing publishes, and says so", async () => {
    await fs.mkdir(workflowsDir(), { recursive: true });
    await fs.writeFile(path.join(workflowsDir(), 'tests.yml'), 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n');
    const [pypi] = (await values())!;
    assert.equal(pypi.workflow, 'release.yml');
    assert.equal(pypi.fromExistingWorkflow, false);
    assert.match(pypi.source, /for the workflow the wizard will write/);
  });
});

describe('Keep Action Pins Fresh with Dependabot (in VS Code)', () => {
  beforeEach(resetWorkspace);
  after(resetWorkspace);

  it('creates .github/dependabot.yml with a github-actions entry', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('trustedPublishing.addDependabot', {});
    const config = parse(await fs.readFile(uri.fsPath, 'utf8'));
    assert.ok(config.updates.some((u: any) => u['package-ecosystem'] === 'github-actions'));
  });
});
