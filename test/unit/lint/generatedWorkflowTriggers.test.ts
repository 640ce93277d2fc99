import * as assert from 'node:assert/strict';
import { lintWorkflow } from '../../../src/core/lint';
import { generateWorkflow, planRelease, type PlanOptions } from '../../../src/core/publish';
import type { ProjectFacts } from '../../../src/core/pyproject/types';
import { facts as exampleFacts } from '../publish/fixtures';

/**
 * The workflows the extension writes must pass its own trigger, environment and injection checks, whatever the user
 * chose in the wizard.
 */
const RULES = [
  'missing-environment',
  'dynamic-environment',
  'invalid-environment-name',
  'environment-url-mismatch',
  'pull-request-target-publish',
  'publish-on-pull-request',
  'publish-from-any-ref',
  'workflow-run-publish',
  'duplicate-release-trigger',
  'template-injection',
];

const builds: Array<Partial<ProjectFacts>> = [
  {},
  { build: { kind: 'compiled', builder: 'scikit-build-core', detail: 'scikit_build_core.build' }, version: { kind: 'dynamic', provider: 'setuptools_scm', fromVcs: true } },
  { build: { kind: 'compiled', builder: 'maturin', detail: 'maturin' }, backendName: 'maturin' },
];

describe('generated workflows against the trigger and environment rules', () => {
  for (const build of builds) {
    for (const trigger of ['release', 'tag'] as const) {
      for (const testPypi of [false, true]) {
        for (const extra of [{}, { buildTool: 'uv', pinning: 'tag', packageDir: 'packages/core', environment: 'release' }] as PlanOptions[]) {
          const facts = exampleFacts(build);
          const options: PlanOptions = { trigger, testPypi, ...extra };
          it(`${facts.build.kind === 'compiled' ? facts.build.builder : 'pure'} ${JSON.stringify(options)}`, () => {
            const text = generateWorkflow(planRelease(facts, options));
            const project = { name: facts.name, normalizedName: facts.normalizedName };
            const found = lintWorkflow(text, { project }).findings.filter((f) => RULES.includes(f.ruleId));
            assert.deepEqual(found.map((f) => `${f.ruleId}: ${f.message}`), []);
          });
        }
      }
    }
  }
});
