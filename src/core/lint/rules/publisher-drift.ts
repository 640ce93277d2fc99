import { publisherDrift as differencesFrom } from '../../pypi/drift';
import { INDEX_HOSTS } from '../../publish/publisherValues';
import { environmentOf } from '../analysis/environments';
import { reliesOnOidc } from '../analysis/oidcPublishing';
import type { PublishedRelease, Rule, RuleFinding } from '../engine/types';
import { keySpan, spanOf, stringOf } from '../analysis/yamlNodes';

/**
 * PyPI trusts exactly the repository, workflow file and environment registered for the project. The index records
 * which publisher uploaded the last release; when the workflow being edited would publish as something else (the
 * file was renamed, the environment changed, the repository moved), the next upload fails with `invalid-publisher`
 * unless the new publisher is registered first.
 */
export const publisherDrift: Rule = {
  meta: { id: 'publisher-drift', title: "Workflow no longer matches PyPI's trusted publisher", severity: 'warning', needsPublished: true },
  check({ text, workflow, location, published, project, facts }) {
    if (!location?.repository || !published) return [];
    const { owner, repo } = location.repository;
    const findings: RuleFinding[] = [];
    for (const { job, steps } of facts.publishJobs) {
      for (const index of ['pypi', 'testpypi'] as const) {
        const release = published.find((p) => p.index === index);
        if (!release || !steps.some((s) => s.index === index && reliesOnOidc(s, workflow, text))) continue;
        const indexName = index === 'pypi' ? 'PyPI' : 'TestPyPI';
        if (release.proof?.kind === 'failed') {
          // The publisher field is the index's unsigned word: when the signed provenance beside it does not verify,
          // comparing with it could hide a wrong publisher or invent one.
          findings.push({
            message:
              `The provenance of ${release.proof.file} (${indexName}'s last release, ${release.version}) did not verify: ${release.proof.reason}. ` +
              `The publisher ${indexName} names for it is not trusted, so whether job '${job.id}' matches the trusted publisher was not checked. The command line's "trusted-publishing verify ${project?.normalizedName ?? '<project>'} ${release.version}" shows every check.`,
            range: keySpan({ key: job.keyNode } as never),
          });
          continue;
        }
        const environment = environmentOf(job);
        const environmentName = environment?.dynamic ? undefined : stringOf(environment?.name);
        const differences = differencesFrom({ owner, repo, workflow: location.fileName, environment: environmentName }, release.publisher);
        if (differences.length === 0) continue;
        const onEnvironment = differences.every((d) => /environment/i.test(d)) && environment?.name;
        const query = new URLSearchParams({ provider: 'github', owner, repository: repo, workflow_filename: location.fileName });
        if (environmentName) query.set('environment', environmentName);
        const name = project?.normalizedName;
        findings.push({
          message:
            `Job '${job.id}' would publish as another trusted publisher than ${indexName}'s last release (${release.version}). ` +
            `That release came from ${describe(release)}${release.proof?.kind === 'verified' ? ` (verified: the signed provenance of ${release.proof.file} says so)` : ''}; the job now publishes as ${owner}/${repo}, workflow ${location.fileName}${environmentName ? `, environment ${environmentName}` : ''} ` +
            `(${differences.join('; ')}). Unless it is already registered, add it as a trusted publisher before your next release, or the upload fails with invalid-publisher.`,
          range: onEnvironment && environment?.name ? spanOf(environment.name) : keySpan({ key: job.keyNode } as never),
          links: name
            ? [{ title: `Open ${indexName}'s publisher form for ${name} (prefilled)`, url: `https://${INDEX_HOSTS[index]}/manage/project/${encodeURIComponent(name)}/settings/publishing/?${query}` }]
            : undefined,
        });
      }
    }
    return findings;
  },
};

function describe(release: PublishedRelease): string {
  const p = release.publisher;
  if (p.kind !== 'GitHub') return `a ${p.kind} publisher`;
  return `${p.repository ?? 'an unknown repository'}, workflow ${p.workflow ?? '?'}${p.environment ? `, environment ${p.environment}` : ''}`;
}
