import { matchingUploads, normalizeDir, selectorOf, type ArtifactDownload } from '../analysis/artifacts';
import { type PublishStep } from '../analysis/publishing';
import { setStepInput } from '../edits/stepEdits';
import type { Rule, RuleFinding } from '../engine/types';
import { spanOf, stringOf } from '../analysis/yamlNodes';

/**
 * The publish job gets the distributions from the build jobs through artifacts, and three mistakes there only show
 * at release time: a download name that no job uploads ("Artifact not found"), upload and download actions of
 * different generations (v4 and later cannot read artifacts of v3 and earlier, and the reverse), and a `pattern:`
 * download without `merge-multiple: true`, which puts each artifact in its own sub-folder where the publish action
 * does not look. In a reusable workflow (`on: workflow_call`) a name that no job of the file uploads is left alone:
 * the caller's jobs, in the same run, may upload it.
 */
export const artifactMismatch: Rule = {
  meta: { id: 'artifact-mismatch', title: 'Publish job downloads artifacts the build does not provide as expected', severity: 'error' },
  check({ text, workflow, facts }) {
    const findings: RuleFinding[] = [];
    // A called workflow runs in its caller's run and sees the artifacts the caller's jobs uploaded before it: a name
    // no job of this file uploads may well come from there, so only the caller could tell.
    const called = workflow.triggers.has('workflow_call');
    for (const { job, steps } of facts.publishJobs) {
      let blind: boolean | undefined;
      for (const download of facts.downloads(job)) {
        if (download.external) continue;
        const allUploads = facts.artifactUploads; // gathered at the first download of a publish job, once
        const selector = selectorOf(download);
        const matches = matchingUploads(download, allUploads);
        if (matches.length === 0 && selector.kind !== 'all' && selector.node && !called && !(blind ??= facts.waitsForOpaque(job))) {
          const names = [...new Set(allUploads.map((u) => u.name))];
          findings.push({
            message: `Job '${job.id}' downloads ${selector.kind === 'pattern' ? 'artifacts' : 'artifact'} '${selector.glob}', which no job of this workflow uploads. ${
              names.length ? `The jobs upload ${names.map((n) => `'${n}'`).join(', ')}, so the` : 'The'
            } download fails with "Artifact not found" and nothing is published. Use the name given to actions/upload-artifact.`,
            range: spanOf(selector.node),
            related: allUploads.map((u) => ({ range: spanOf(u.step.inputs.get('name')?.value ?? u.step.uses!.node), message: `uploads '${u.name}' (job '${u.job.id}')` })),
          });
        }
        const mine = generation(download.major);
        const clash = mine && matches.find((u) => generation(u.major) !== undefined && generation(u.major) !== mine);
        if (clash) {
          findings.push({
            message: `Job '${job.id}' cannot download what job '${clash.job.id}' uploads: upload-artifact v${clash.major} and download-artifact v${download.major} do not mix. Artifacts of v3 and earlier and of v4 and later cannot be read by the other generation, so the download finds nothing. Use the same generation (v4 or later) for both.`,
            range: spanOf(download.step.uses!.node),
            related: [{ range: spanOf(clash.step.uses!.node), message: 'the upload of the other generation' }],
          });
        }
        const nested = nestsArtifacts(download);
        const publish = nested ? readerOf(download, steps, text) : undefined;
        if (nested && publish && !rearrangedBetween(download, publish, text)) {
          const edit = setStepInput(text, download.step, 'merge-multiple', 'true');
          findings.push({
            message: `Job '${job.id}' downloads ${selector.kind === 'all' ? 'every artifact' : `artifacts matching '${selector.glob}'`} into sub-folders, where the upload finds no distributions. Without \`merge-multiple: true\`, each artifact lands in its own sub-folder of '${normalizeDir(stringOf(download.path?.value))}'. Add \`merge-multiple: true\`.`,
            range: selector.node ? spanOf(selector.node) : spanOf(download.step.uses!.node),
            related: [{ range: publish.range, message: 'the upload that reads that folder' }],
            fixes: edit ? [{ title: 'Add merge-multiple: true', edits: [edit] }] : undefined,
          });
        }
      }
    }
    return findings;
  },
};



/** Which side of the v4 break an artifact action's major version is on. */
const generation = (major: number | undefined) => (major === undefined ? undefined : major >= 4 ? 'v4+' : 'v3-');

/** A download that puts each artifact in a sub-folder named after it: by pattern, or all, without merge-multiple. */
function nestsArtifacts(download: ArtifactDownload): boolean {
  if (download.mergeMultiple || download.name) return false;
  if (download.step.inputs.has('merge-multiple') && stringOf(download.step.inputs.get('merge-multiple')?.value)?.includes('${{')) return false;
  // `pattern` exists since v4; downloading everything nests in every version, but merge-multiple only exists since v4.
  return download.pattern !== undefined || (download.major !== undefined && download.major >= 4);
}

/** The publish step after the download that reads the download folder's files directly (not `folder/*\/*`). */
function readerOf(download: ArtifactDownload, steps: PublishStep[], text: string): PublishStep | undefined {
  const folder = normalizeDir(stringOf(download.path?.value));
  return steps.find((publish) => {
    if (publish.step.index <= download.step.index) return false;
    if (publish.tool === 'pypa-action') {
      const dir = stringOf(publish.step.inputs.get('packages-dir')?.value) ?? stringOf(publish.step.inputs.get('packages_dir')?.value) ?? 'dist';
      return normalizeDir(dir) === folder;
    }
    if ((publish.tool === 'twine' || publish.tool === 'uv') && publish.step.run?.range) {
      const line = text.slice(publish.range.start, text.indexOf('\n', publish.range.end) === -1 ? undefined : text.indexOf('\n', publish.range.end));
      const files = positionalArguments(line.split(/\s+/).slice(2));
      if (files.length === 0) return publish.tool === 'uv' && folder === 'dist';
      return files.every((f) => /^[^*]*\/\*[^/]*$/.test(f) && normalizeDir(f.slice(0, f.lastIndexOf('/'))) === folder);
    }
    return false;
  });
}

/** Options of twine upload and uv publish that take no value; every other option is followed by its value. */
const FLAGS = new Set(['--skip-existing', '--verbose', '-v', '--non-interactive', '--disable-progress-bar', '--attestations', '--no-attestations', '--sign', '--dry-run', '--strict', '--no-cache', '--offline', '-q', '--quiet']);

/** The file arguments of an upload command line (up to a shell operator). */
function positionalArguments(args: string[]): string[] {
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '' || /^(?:&&|\|\||;|\||>|#)/.test(arg)) break;
    if (arg.startsWith('-')) {
      if (!arg.includes('=') && !FLAGS.has(arg)) i++;
      continue;
    }
    files.push(arg.replace(/^["']|["']$/g, ''));
  }
  return files.filter((f) => !f.includes('$'));
}

/** A run step between the download and the upload that may move files (mv, cp, find...): then we cannot tell. */
function rearrangedBetween(download: ArtifactDownload, publish: PublishStep, text: string): boolean {
  return download.job.steps.some((s) => {
    if (s.index <= download.step.index || s.index >= publish.step.index || !s.run?.range) return false;
    return /\b(?:mv|cp|find|rsync|ln|tar|unzip|shopt|for|python)\b/.test(text.slice(s.run.range[0], s.run.range[1]));
  });
}

