import { globsIntersect, matchingUploads, normalizeDir, uploadsFlat, type ArtifactDownload } from '../analysis/artifacts';
import { isExpression, isPypaAction, type PublishStep } from '../analysis/publishing';
import { setStepInput } from '../edits/stepEdits';
import type { Fix, Rule, RuleFinding } from '../engine/types';
import type { StepModel } from '../analysis/workflowModel';
import { spanOf, stringOf } from '../analysis/yamlNodes';

/**
 * pypa/gh-action-pypi-publish uploads the files in `packages-dir` (default `dist/`). actions/download-artifact puts
 * files in `path` (default: the workspace root), in a sub-folder per artifact when it downloads by pattern or all
 * artifacts without `merge-multiple`. When no publish step reads the folder a download fills, those distributions
 * are not uploaded: the release fails or is incomplete.
 */
export const packagesDirMismatch: Rule = {
  meta: { id: 'packages-dir-mismatch', title: 'Artifacts downloaded outside the folder the publish action uploads', severity: 'error' },
  check({ text, facts }) {
    const findings: RuleFinding[] = [];
    for (const { job, steps } of facts.publishJobs) {
      const downloads = facts.downloads(job);
      if (downloads.length === 0) continue;
      const publishers = steps.filter(isPypaAction);
      if (publishers.length === 0) continue;
      for (const download of downloads) {
        if (download.external) continue;
        const readers = publishers.filter((p) => p.step.index > download.step.index);
        if (readers.length === 0 || movedOrBuilt(job.steps, download.step.index, readers.at(-1)!.step.index, text)) continue;
        const dirs = readers.map(packagesDirOf);
        if (dirs.some((d) => d === undefined)) continue;
        const pathText = stringOf(download.path?.value);
        if (download.path && isExpression(download.path.value) && !/^\$\{\{\s*github\.workspace\s*\}\}[^$]*$/.test(pathText ?? '')) continue;
        const folder = normalizeDir(pathText);
        if (dirs.includes(folder)) continue; // a nested download there is artifact-mismatch's (merge-multiple)
        const below = dirs.filter((d): d is string => d !== undefined && (folder === '.' || d.startsWith(`${folder}/`))).map((d) => (folder === '.' ? d : d.slice(folder.length + 1)));
        const nested = !download.name && !download.mergeMultiple && !isExpression(download.step.inputs.get('merge-multiple')?.value);
        if (below.length > 0) {
          // The action reads a folder inside the download folder: right when the artifact brings that folder along.
          if (facts.waitsForOpaque(job)) continue;
          const sources = matchingUploads(download, facts.artifactUploads);
          if (sources.length === 0) continue;
          if (nested && below.some((sub) => !sub.includes('/') && sources.some((u) => globsIntersect(u.name, sub)))) continue;
          if (!nested && sources.some((u) => uploadsFlat(u) !== true)) continue;
        }
        const first = readers[0];
        const dirPair = first.step.inputs.get('packages-dir') ?? first.step.inputs.get('packages_dir');
        const where = download.path ? `'${pathText}'` : 'the workspace root (no `path:`)';
        const read = dirs.map((d) => `'${d}'`).join(', ');
        findings.push({
          message: `Job '${job.id}' downloads ${nested ? `each artifact into its own sub-folder of ${where}` : `artifacts to ${where}`}, but the publish action reads ${read}. pypa/gh-action-pypi-publish uploads only the files in ${read}${
            dirPair ? '' : ' (its default packages-dir)'
          }: those distributions are not uploaded. Download to the folder the action reads.`,
          range: download.path ? spanOf(download.path.value) : spanOf(download.step.uses!.node),
          related: readers.map((r) => ({ range: r.range, message: `reads '${packagesDirOf(r)}'` })),
          // Other downloads fill the folder the action reads: pointing it elsewhere would leave those out.
          fixes: nested ? undefined : fixFor(text, download, folder, readers, dirs[0]!, facts.downloads(job).some((d) => d.step !== download.step && normalizeDir(stringOf(d.path?.value)) === dirs[0])),
        });
      }
    }
    return findings;
  },
};



/** The folder a publish step reads, normalized; undefined for an expression. */
function packagesDirOf(publish: PublishStep): string | undefined {
  const pair = publish.step.inputs.get('packages-dir') ?? publish.step.inputs.get('packages_dir');
  if (pair && isExpression(pair.value)) return undefined;
  return normalizeDir(stringOf(pair?.value) ?? 'dist');
}

/**
 * One edit, the smallest that is safe: with one publish step that keeps the default folder and a download to a named
 * folder, point `packages-dir` at that folder (other steps may read the download folder); otherwise download into
 * the folder the action reads.
 */
function fixFor(text: string, download: ArtifactDownload, folder: string, readers: PublishStep[], packagesDir: string, readFolderFilled: boolean): Fix[] | undefined {
  const first = readers[0];
  const explicit = first.step.inputs.has('packages-dir') || first.step.inputs.has('packages_dir');
  if (folder !== '.' && readers.length === 1 && !explicit && !readFolderFilled) {
    const edit = setStepInput(text, first.step, 'packages-dir', `${folder}/`);
    return edit ? [{ title: `Set packages-dir: ${folder}/ on the publish step`, edits: [edit] }] : undefined;
  }
  if (packagesDir === '.') return undefined;
  const edit = setStepInput(text, download.step, 'path', `${packagesDir}/`);
  return edit ? [{ title: `Download to ${packagesDir}/`, edits: [edit] }] : undefined;
}

/** Actions that neither build nor move distributions. */
const QUIET_ACTIONS = /^(?:actions\/(?:checkout|setup-[\w-]+|download-artifact|upload-artifact|attest[\w-]*)|sigstore\/gh-action-sigstore-python|pypa\/gh-action-pypi-publish)$/;

/** A step between the download and the last upload that moves, copies or builds files. */
function movedOrBuilt(steps: StepModel[], from: number, to: number, text: string): boolean {
  return steps.some((s) => {
    if (s.index <= from || s.index >= to) return false;
    if (s.uses && !(s.uses.kind === 'repository' && QUIET_ACTIONS.test(s.uses.action))) return true;
    if (!s.run?.range) return false;
    return /\b(?:mv|cp|mkdir|find|rsync|ln|tar|unzip|shopt|build|wheel|sdist|python|uv|pip|hatch|pdm|poetry)\b/.test(text.slice(s.run.range[0], s.run.range[1]));
  });
}
