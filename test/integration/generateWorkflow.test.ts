import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
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
