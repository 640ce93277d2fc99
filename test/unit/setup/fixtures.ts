import * as path from 'node:path';
import type { ProjectFacts } from '../../../src/core/pyproject/types';
import { facts as exampleFacts } from '../publish/fixtures';
import { defaultChoices } from '../../../src/core/setup/choices';
import type { LoadedPackage } from '../../../src/core/setup/detect';
import { inspectWorkflow } from '../../../src/core/setup/inspectWorkflow';
import { locatePackage } from '../../../src/core/setup/packageLocation';
import { initialModel, reduce, type WizardModel } from '../../../src/core/setup/wizardModel';

export const ROOT = path.resolve('/work/repo');

/** The hello-pypi example's facts, on top of the publish tests' project facts. */
export function facts(overrides: Partial<ProjectFacts> = {}): ProjectFacts {
  return exampleFacts({ name: 'Hello-PyPI', normalizedName: 'hello-pypi', version: { kind: 'static', value: '0.1.0' }, ...overrides });
}

export function loaded(projectFacts = facts()): LoadedPackage {
  return { facts: projectFacts, location: locatePackage(path.join(ROOT, 'pyproject.toml'), ROOT), inRepository: true, workflowsFolder: '.github/workflows' };
}

/** A workflow that uploads with a token in a `password:` input: token-publishing with a fix. */
export const TOKEN_WORKFLOW = `name: Upload Python Package
on:
  release:
    types: [published]
permissions:
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/download-artifact@v4
        with:
          name: dist
          path: dist/
      - name: Publish package
        uses: pypa/gh-action-pypi-publish@release/v1
        with:
          user: __token__
          password: \${{ secrets.PYPI_API_TOKEN }}
`;

/** A model right after detection of the hello-pypi fixture: one package, remote origin, the given workflows. */
export function detected(workflows: Record<string, string> = {}, projectFacts = facts()): WizardModel {
  const choices = defaultChoices({ environment: 'pypi', testPypiEnvironment: 'testpypi', trigger: 'release', buildTool: 'build', pinning: 'sha', workflowFileName: 'release.yml' }, projectFacts);
  return reduce(initialModel(choices, 'release.yml'), {
    type: 'detected',
    packages: [{ id: '0:.', pyprojectPath: path.join(ROOT, 'pyproject.toml'), name: projectFacts.name, location: '.', detail: 'hatchling · pure Python' }],
    packageId: '0:.',
    project: loaded(projectFacts),
    remotes: [{ name: 'origin', url: 'https://github.com/Example-Org/Hello-PyPI.git', repository: { owner: 'Example-Org', repo: 'Hello-PyPI' } }],
    remoteName: 'origin',
    workflows: Object.entries(workflows).map(([name, text]) => inspectWorkflow(name, text)),
    choices,
    workflowFileName: 'release.yml',
  });
}
