import { matchingUploads, selectorOf } from '../analysis/artifacts';
import { addNeeds } from '../edits/needsEdits';
import type { Rule, RuleFinding } from '../engine/types';
import { keySpan, spanOf } from '../analysis/yamlNodes';

/**
 * Jobs run in parallel unless `needs:` orders them. A publish job that downloads artifacts from a build job it does
 * not wait for starts before they exist: the download fails, or, with a pattern, finds only the builds that happened
 * to finish and publishes a partial release.
 */
export const publishWithoutNeeds: Rule = {
  meta: { id: 'publish-without-needs', title: 'Publish job does not wait for the job that builds its artifacts', severity: 'warning' },
  check({ text, workflow, facts }) {
    const findings: RuleFinding[] = [];
    for (const { job } of facts.publishJobs) {
      const downloads = facts.downloads(job);
      if (downloads.length === 0) continue;
      const upstream = facts.needsClosure(job);
      const missing = new Map<string, string>();
      let where: RuleFinding['range'] | undefined;
      for (const download of downloads) {
        if (download.external) continue;
        const selector = selectorOf(download);
        const sources = matchingUploads(download, facts.artifactUploads).filter((u) => u.job !== job);
        if (sources.length === 0) continue;
        const unordered = sources.filter((u) => !upstream.has(u.job.id));
        // By name (one artifact) or everything (others may be unrelated): only when no uploading job is waited for.
        // A pattern collects every match, so each uploading job must come first.
        if (selector.kind !== 'pattern' && unordered.length < sources.length) continue;
        for (const u of unordered) missing.set(u.job.id, selector.kind === 'all' ? 'artifacts' : `'${u.name}'`);
        if (unordered.length > 0 && !where) where = selector.node ? spanOf(selector.node) : spanOf(download.step.uses!.node);
      }
      if (missing.size === 0 || !where) continue;
      const ids = [...missing.keys()];
      const edit = ids.length === 1 ? addNeeds(text, job, ids[0]) : undefined;
      const needsPair = job.pair('needs');
      findings.push({
        message: `Job '${job.id}' downloads ${[...missing].map(([id, what]) => `${what} from job '${id}'`).join(', ')} but does not wait for ${ids.length === 1 ? 'that job' : 'those jobs'}. Jobs run in parallel unless \`needs:\` orders them, so the download can run before the build and the release fails or is incomplete. Add ${ids.map((id) => `'${id}'`).join(', ')} to \`needs:\`.`,
        range: needsPair ? keySpan(needsPair) : where,
        related: [...missing.keys()].map((id) => ({ range: spanOf(workflow.job(id)!.keyNode), message: `job '${id}' uploads what is downloaded` })),
        fixes: edit ? [{ title: `Add needs: ${ids[0]}`, edits: [edit] }] : undefined,
      });
    }
    return findings;
  },
};

