import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LintOptions } from '../../../src/core/lint';

export const LINT_FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/lint');

export interface LintFixture {
  ruleId: string;
  kind: 'bad' | 'good';
  name: string;
  file: string;
  text: string;
  /** `<file>.out`: the expected findings of the rule, one `line:col-line:col` per line. */
  expectedFile: string;
  /** `<file minus .yml>.fixed.yml`: the text after applying every finding's first fix. */
  fixedFile: string;
  options: LintOptions;
}

/**
 * Fixtures are data: `test/fixtures/lint/<rule-id>/bad-*.yml` must raise the rule, `good-*.yml` must not. A first
 * line `# lint-project: <name> [vcs] [compiled]` passes project facts (as read from pyproject.toml) to the rules.
 */
export function loadFixtures(): LintFixture[] {
  if (!existsSync(LINT_FIXTURES)) return [];
  return readdirSync(LINT_FIXTURES).flatMap((ruleId) =>
    readdirSync(path.join(LINT_FIXTURES, ruleId))
      .filter((f) => /^(bad|good)-.*\.ya?ml$/.test(f) && !/\.fixed\.ya?ml$/.test(f))
      .sort()
      .map((name) => {
        const file = path.join(LINT_FIXTURES, ruleId, name);
        const text = readFileSync(file, 'utf8');
        const project = /^# lint-project: (\S+)(.*)$/m.exec(text.split('\n')[0]);
        const flags = project ? project[2].split(/\s+/) : [];
        const normalized = project ? project[1].toLowerCase().replace(/[-_.]+/g, '-') : '';
        return {
          ruleId,
          kind: name.startsWith('bad') ? ('bad' as const) : ('good' as const),
          name,
          file,
          text,
          expectedFile: file.replace(/\.ya?ml$/, '.out'),
          fixedFile: file.replace(/\.(ya?ml)$/, '.fixed.$1'),
          options: {
            ...(project
              ? { project: { name: project[1], normalizedName: normalized, versionFromVcs: flags.includes('vcs'), compiled: flags.includes('compiled') } }
              : {}),
            ...networkFacts(text),
          },
        };
      }),
  );
}

/** `line:col-line:col` (1-based) of an offset span. */
export function describeSpan(text: string, start: number, end: number): string {
  const at = (offset: number) => {
    const before = text.slice(0, offset).split('\n');
    return `${before.length}:${before[before.length - 1].length + 1}`;
  };
  return `${at(start)}-${at(end)}`;
}

/**
 * `# lint-location: owner/repo file.yml` and `# lint-published: pypi 1.2.0 owner/repo workflow.yml environment|-`
 * header lines give the rules what the editor learns from git and from the index. A published line may end with what
 * verifying one file's provenance showed: `verified:<file>`, or `failed:<file> <reason>`.
 */
function networkFacts(text: string): LintOptions {
  const header = text.split('\n').filter((line) => line.startsWith('# lint-'));
  const location = header.map((l) => /^# lint-location: (\S+)\/(\S+) (\S+)/.exec(l)).find(Boolean);
  const published = header
    .map((l) => /^# lint-published: (pypi|testpypi) (\S+) (\S+) (\S+) (\S+)(?: (verified|failed):(\S+)(?: (.+))?)?/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({
      index: m[1] as 'pypi' | 'testpypi',
      version: m[2],
      publisher: { kind: 'GitHub', repository: m[3], workflow: m[4], environment: m[5] === '-' ? null : m[5] },
      ...(m[6] === 'verified' ? { proof: { kind: 'verified' as const, file: m[7] } } : {}),
      ...(m[6] === 'failed' ? { proof: { kind: 'failed' as const, file: m[7], reason: m[8] ?? 'it did not verify' } } : {}),
    }));
  return {
    ...(location ? { location: { repository: { owner: location[1], repo: location[2] }, fileName: location[3] } } : {}),
    ...(published.length ? { published } : {}),
  };
}

export interface WorkspaceFixture {
  ruleId: string;
  kind: 'bad' | 'good';
  name: string;
  dir: string;
  /** The workflow files of the case, by file name, as they would sit in one `.github/workflows/`. */
  files: Array<{ file: string; text: string }>;
  /** `expected.out`: the expected findings, one `file line:col-line:col` per line. */
  expectedFile: string;
}

/**
 * Fixtures of the rules that compare workflows: `test/fixtures/lint/<rule-id>/bad-<case>/` and `good-<case>/`
 * folders, each holding the workflow files of one repository, a SOURCES.tsv naming where each real file comes from,
 * and for bad cases an `expected.out`.
 */
export function loadWorkspaceFixtures(): WorkspaceFixture[] {
  if (!existsSync(LINT_FIXTURES)) return [];
  return readdirSync(LINT_FIXTURES).flatMap((ruleId) =>
    readdirSync(path.join(LINT_FIXTURES, ruleId), { withFileTypes: true })
      .filter((e) => e.isDirectory() && /^(bad|good)-/.test(e.name))
      .map((e) => e.name)
      .sort()
      .map((name) => {
        const dir = path.join(LINT_FIXTURES, ruleId, name);
        const files = readdirSync(dir)
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
          .map((file) => ({ file, text: readFileSync(path.join(dir, file), 'utf8') }));
        return { ruleId, kind: name.startsWith('bad') ? ('bad' as const) : ('good' as const), name, dir, files, expectedFile: path.join(dir, 'expected.out') };
      }),
  );
}
