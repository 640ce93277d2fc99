import type { Span } from '../engine/types';
import type { JobModel, StepModel } from './workflowModel';
import { stringOf } from './yamlNodes';
import { flatMapped } from './lists';

/**
 * Steps that build distributions: a build frontend in `run:` (python -m build, uv build, hatch build, ...), or an
 * action that builds wheels (cibuildwheel, maturin-action, build-and-inspect-python-package).
 */

export interface BuildStep {
  step: StepModel;
  /** What builds: the command in `run:`, or the action. */
  range: Span;
  /** Builds platform wheels for several platforms (cibuildwheel, maturin, a manylinux builder). */
  wheelBuilder: boolean;
  /** Only a source distribution (`--sdist`). */
  sdistOnly: boolean;
}

const BUILD_COMMANDS: RegExp[] = [
  /\bpython(?:\d(?:\.\d+)?)?\s+-m\s+build\b/,
  /\bpy\s+-m\s+build\b/,
  /\bpipx\s+run\s+(?:--\S+\s+)*build\b/,
  /\bpyproject-build\b/,
  /\buvx?\s+(?:--from\s+\S+\s+)?build\b/,
  /\b(?:hatch|pdm|poetry|flit|rye)\s+build\b/,
  /\bsetup\.py\b[^\n]*\b(?:sdist|bdist_wheel|bdist)\b/,
  /\bpip\d?(?:\.\d+)?\s+wheel\b/,
  /\b-m\s+pip\s+wheel\b/,
];
/** A word every command above and below has: most scripts have none, and are not searched further. */
const BUILD_WORDS = /build|sdist|bdist|wheel|maturin|manylinux/;
const WHEEL_BUILDER_COMMANDS = /\b(?:cibuildwheel|maturin\s+(?:build|sdist)|auditwheel|delocate-wheel|manylinux\d*)\b/;
const WHEEL_BUILDER_ACTIONS = /cibuildwheel|maturin|manylinux|wheels?-build|build-wheels?/i;

export function buildStepsOf(job: JobModel, text: string): BuildStep[] {
  return flatMapped(job.steps, (step): BuildStep[] => {
    if (step.uses?.kind === 'repository') {
      const name = step.uses.raw.split('@')[0];
      const range = spanOfNode(step.uses.node.range);
      if (step.uses.action === 'pyo3/maturin-action') {
        const command = stringOf(step.inputs.get('command')?.value) ?? 'build';
        if (command === 'upload' || command === 'publish') return [];
        return [{ step, range, wheelBuilder: command !== 'sdist', sdistOnly: command === 'sdist' }];
      }
      if (step.uses.action === 'hynek/build-and-inspect-python-package') return [{ step, range, wheelBuilder: false, sdistOnly: false }];
      if (WHEEL_BUILDER_ACTIONS.test(name)) return [{ step, range, wheelBuilder: true, sdistOnly: false }];
      return [];
    }
    if (!step.run?.range) return [];
    const [start, end] = step.run.range;
    const source = text.slice(start, end);
    if (!BUILD_WORDS.test(source)) return [];
    const builder = WHEEL_BUILDER_COMMANDS.exec(source);
    if (builder) return [{ step, range: { start: start + builder.index, end: start + builder.index + builder[0].length }, wheelBuilder: true, sdistOnly: false }];
    for (const pattern of BUILD_COMMANDS) {
      const match = pattern.exec(source);
      if (!match) continue;
      const lineEndAt = source.indexOf('\n', match.index);
      const line = source.slice(match.index, lineEndAt === -1 ? undefined : lineEndAt);
      const sdistOnly = /(?:^|\s)(?:--sdist|-s)(?:\s|$)/.test(line) || (/\bsetup\.py\b/.test(line) && !/\bbdist/.test(line));
      return [{ step, range: { start: start + match.index, end: start + match.index + match[0].length }, wheelBuilder: false, sdistOnly }];
    }
    return [];
  });
}

function spanOfNode(range: [number, number, number] | null | undefined): Span {
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}
