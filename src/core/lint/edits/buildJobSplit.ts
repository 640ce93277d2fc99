import { isSeq, type YAMLSeq } from 'yaml';
import { pinnedUses } from '../../publish/actionPins';
import { persistingCheckouts } from '../analysis/checkoutCredentials';
import type { BuildStep } from '../analysis/oidcPublishing';
import type { PublishStep } from '../analysis/publishing';
import type { JobModel, StepModel, WorkflowModel } from '../analysis/workflowModel';
import { pairOf, stringOf } from '../analysis/yamlNodes';
import type { TextEdit } from '../engine/types';
import { addNeeds } from './needsEdits';
import { setStepInput } from './stepEdits';
import { applyEdits, columnOf, indentUnit, lineEnd, lineStart, newlineOf, nextLineStart } from './textEdits';

/**
 * Moves the build out of a job that uploads, the way the PyPA guide lays a release out: a new job builds (with the
 * steps that led up to the build, and no permission but `contents: read`) and hands the distributions over as an
 * artifact; the upload job waits for it and downloads them where it built them before. Every other step of the upload
 * job stays, so a `twine upload` still finds the Python and the twine it installed.
 *
 * Undefined (no fix offered) where the move needs a decision: a matrix, a container or services, job outputs, an
 * upload that builds by itself (`flit publish`, `poetry publish --build`), a build after the upload, a job `env:`
 * that holds a secret (the build job must not get it), keys written over several lines that would be copied, or a
 * packages folder the upload does not say.
 */
export interface BuildJobSplit {
  edits: TextEdit[];
  /** The id of the new job. */
  buildJob: string;
  /** The folder handed over. */
  packages: string;
}

/** Upload tools that upload what is already built (the others may build first). */
const UPLOAD_ONLY = new Set<PublishStep['tool']>(['pypa-action', 'twine', 'uv', 'hatch']);
/** Job keys that make the job more than a list of steps on one runner: moving part of it needs a decision. */
const BLOCKING_KEYS = ['strategy', 'container', 'services', 'outputs', 'uses'];
/** Job keys the build job takes over as written: where and under which condition and settings the build ran. */
const COPIED_KEYS = ['runs-on', 'needs', 'if', 'defaults', 'env'];

export function splitBuildJob(text: string, workflow: WorkflowModel, job: JobModel, uploads: PublishStep[], builds: BuildStep[]): BuildJobSplit | undefined {
  if (builds.length === 0 || uploads.length === 0 || uploads.some((u) => !UPLOAD_ONLY.has(u.tool) || u.job !== job)) return undefined;
  if (BLOCKING_KEYS.some((key) => job.pair(key)) || !job.pair('runs-on')) return undefined;
  const buildSteps = [...new Set(builds.map((b) => b.step))].sort((a, b) => a.index - b.index);
  const uploadSteps = new Set(uploads.map((u) => u.step));
  const lastBuild = buildSteps.at(-1)!.index;
  if (buildSteps.some((s) => uploadSteps.has(s)) || uploads.some((u) => u.step.index <= lastBuild)) return undefined;
  const packages = packagesDir(uploads);
  if (!packages) return undefined;

  const stepsPair = job.pair('steps');
  const seq = stepsPair?.value;
  if (!stepsPair?.key.range || !isSeq(seq) || seq.flow || (seq as YAMLSeq).items.length !== job.steps.length) return undefined;
  const blocks = stepBlocks(text, job.steps);
  if (!blocks) return undefined;

  const eol = newlineOf(text);
  const unit = indentUnit(text);
  const keyIndent = ' '.repeat(columnOf(text, stepsPair.key.range[0]));
  const dash = ' '.repeat(blocks[0].dashColumn);
  const inner = `${dash}  `;
  const jobIndent = ' '.repeat(columnOf(text, job.keyNode.range?.[0] ?? 0));

  const copiedKeys: string[] = [];
  for (const key of COPIED_KEYS) {
    const pair = job.pair(key);
    if (!pair) continue;
    // The condition moves with the build only when it does not read another job's results (the build job needs
    // those jobs too, but `needs.<id>.result` inside it would read its own position in the graph, not the upload's).
    if (key === 'if' && /\bneeds\./.test(stringOf(pair.value) ?? '')) return undefined;
    const lines = pairLines(text, pair.key.range![0], pair.value?.range?.[1] ?? pair.key.range![1]);
    if (key === 'env' && /secrets\./i.test(lines)) return undefined;
    if (key !== 'env' && key !== 'defaults' && /[\r\n]/.test(lines.replace(/\r?\n$/, ''))) return undefined;
    copiedKeys.push(lines.endsWith('\n') ? lines : `${lines}${eol}`);
  }

  const taken = new Set(workflow.jobs.map((j) => j.id));
  const buildJob = ['build', 'build-dist', `build-${job.id}`].find((id) => !taken.has(id));
  const artifactNames = new Set(workflow.jobs.flatMap((j) => j.steps.map((s) => stringOf(s.inputs.get('name')?.value))));
  const artifact = ['python-package-distributions', 'dist', `${job.id}-distributions`].find((name) => !artifactNames.has(name));
  if (!buildJob || !artifact) return undefined;

  // The build job: the steps up to the last build (an upload among them stops the move above), each as written, but a
  // checkout that would keep the GITHUB_TOKEN on disk does not: the build job never pushes.
  const persisting = new Set(persistingCheckouts(job, text).map((c) => c.step));
  const copiedSteps = job.steps
    .filter((step) => step.index <= lastBuild)
    .map((step) => {
      const block = blocks[step.index];
      const own = text.slice(block.start, block.end);
      if (!persisting.has(step)) return own;
      const edit = setStepInput(text, step, 'persist-credentials', 'false');
      if (!edit || edit.start < block.start || edit.end > block.end) return own;
      return applyEdits(own, [{ ...edit, start: edit.start - block.start, end: edit.end - block.start }]);
    });
  const artifactStep = (action: 'actions/upload-artifact' | 'actions/download-artifact') =>
    [`${dash}- uses: ${pinnedUses(action, 'sha')}`, `${inner}with:`, `${inner}${unit}name: ${artifact}`, `${inner}${unit}path: ${packages}`].join(eol) + eol;
  const newJob =
    [`${jobIndent}${buildJob}:`, ...copiedKeys.map((k) => `${keyIndent}${k.trimStart()}`.replace(/\r?\n$/, '')), `${keyIndent}permissions:`, `${keyIndent}${unit}contents: read`, `${keyIndent}steps:`].join(eol) +
    eol +
    copiedSteps.map((s) => (s.endsWith('\n') ? s : `${s}${eol}`)).join('') +
    artifactStep('actions/upload-artifact') +
    eol;

  const edits: TextEdit[] = [{ start: jobStart(text, job), end: jobStart(text, job), newText: newJob }];
  // In the upload job, the builds give way to one download where the first of them was. The PyPA action needs nothing
  // set up before it, so there every step that went to the build job goes (but one whose outputs a later step reads);
  // a command-line upload keeps the steps that install its tool.
  // A step whose outputs a step left behind reads (`steps.<id>.outputs`) must stay.
  const readLater = (gone: StepModel[]) => {
    const left = job.steps.filter((step) => !gone.includes(step)).map((step) => text.slice(blocks[step.index].start, blocks[step.index].end)).join('\n');
    return gone.some((step) => {
      const id = stringOf(pairOf(step.node, 'id')?.value);
      return !!id && new RegExp(`\\bsteps\\.${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(left);
    });
  };
  const upTo = job.steps.filter((step) => step.index <= lastBuild);
  const removed = uploads.every((u) => u.tool === 'pypa-action') && !readLater(upTo) ? upTo : buildSteps;
  if (readLater(removed)) return undefined;
  for (const [i, step] of removed.entries()) {
    const block = blocks[step.index];
    edits.push({ start: block.start, end: block.end, newText: i === 0 ? artifactStep('actions/download-artifact') : '' });
  }
  const needs = addNeeds(text, job, buildJob);
  if (!needs || edits.some((e) => e.start < needs.end && needs.start < e.end && e.start !== e.end)) return undefined;
  edits.push(needs);
  return { edits, buildJob, packages };
}

/** The folder the uploads take their files from, as the build job must hand it over: `dist/` unless they say otherwise. */
function packagesDir(uploads: PublishStep[]): string | undefined {
  const dirs = new Set<string>();
  for (const upload of uploads) {
    if (upload.tool === 'pypa-action') {
      const dir = stringOf(upload.step.inputs.get('packages-dir')?.value) ?? stringOf(upload.step.inputs.get('packages_dir')?.value) ?? 'dist/';
      if (dir.includes('${{')) return undefined;
      dirs.add(dir.replace(/\/?$/, '/'));
      continue;
    }
    const script = String(upload.step.run?.value ?? '');
    const command = new RegExp(`\\b(?:twine\\s+upload|uv\\s+publish|hatch\\s+publish)\\b([^\\n;&|]*)`).exec(script);
    if (!command) return undefined;
    const files = command[1].split(/\s+/).filter((a) => a && !a.startsWith('-'));
    // `twine upload --repository testpypi dist/*`: option values are not files; only paths under a folder count.
    const globs = files.filter((f) => /^[\w.][\w./-]*\/(?:\*[\w.*-]*)?$/.test(f));
    if (globs.length === 0) {
      if (files.length > 0 && !files.every((f) => /^(?:pypi|testpypi|__token__)$/.test(f))) return undefined;
      dirs.add('dist/');
    } else {
      for (const glob of globs) dirs.add(glob.replace(/\*[^/]*$/, ''));
    }
  }
  return dirs.size === 1 ? [...dirs][0] : undefined;
}

interface StepBlock {
  start: number;
  end: number;
  dashColumn: number;
}

/**
 * Each step's lines, from the line of its dash to the line its last value ends on (comment lines after it stay where
 * they are: they usually speak of the next step). Undefined when a dash does not start its line or the columns differ.
 */
function stepBlocks(text: string, steps: StepModel[]): StepBlock[] | undefined {
  const dashes: number[] = [];
  for (const step of steps) {
    const start = step.node.range?.[0];
    if (start === undefined || step.node.flow) return undefined;
    const dash = text.lastIndexOf('-', start);
    if (dash === -1 || text.slice(lineStart(text, dash), dash).trim() !== '' || text.slice(dash + 1, start).trim() !== '') return undefined;
    dashes.push(dash);
  }
  const column = columnOf(text, dashes[0]);
  if (dashes.some((d) => columnOf(text, d) !== column)) return undefined;
  return steps.map((step, i) => {
    const ownEnd = nextLineStart(text, lineEnd(text, Math.max(dashes[i], (step.node.range?.[1] ?? 1) - 1)));
    return { start: lineStart(text, dashes[i]), end: i + 1 < steps.length ? Math.min(ownEnd, lineStart(text, dashes[i + 1])) : ownEnd, dashColumn: column };
  });
}

/** A job key's lines as written, from its key to the end of the line its value ends on, with that line's break. */
function pairLines(text: string, keyStart: number, valueEnd: number): string {
  return text.slice(lineStart(text, keyStart), nextLineStart(text, lineEnd(text, Math.max(keyStart, valueEnd - 1))));
}

/** Where the new job goes: before the upload job and the comment lines right above it, which speak of that job. */
function jobStart(text: string, job: JobModel): number {
  let at = lineStart(text, job.keyNode.range?.[0] ?? 0);
  while (at > 0) {
    const previous = lineStart(text, at - 1);
    if (!/^[ \t]*#/.test(text.slice(previous, at))) break;
    at = previous;
  }
  return at;
}
