import { GitHubRepository } from '../git/types';
import { plannedOrigin, type PublisherOrigin } from './existingPublishers';
import { ProjectExistence, PublisherRoute, PublisherValues, ReleasePlan } from './types';

/** The web host of each index. */
export const INDEX_HOSTS: Readonly<Record<'pypi' | 'testpypi', string>> = {
  pypi: 'pypi.org',
  testpypi: 'test.pypi.org',
};

/**
 * What to enter in PyPI's "Add a new publisher" form for GitHub, and which page to open.
 *
 * - An existing project: its own publishing page. Warehouse pre-fills that form from the query string
 *   (`ManageOIDCPublisherViews.manage_project_oidc_publishers_prefill`: `provider=github` selects the GitHub form,
 *   whose fields are `owner`, `repository`, `workflow_filename`, `environment`), so the user only checks and submits.
 * - A new project: the account's pending-publisher page, which is not pre-filled; the values are shown for copying.
 * - Unknown: both, the project page first.
 *
 * Owner and repository are used exactly as in the git remote: PyPI matches the repository name case-sensitively.
 * Workflow and environment come from `origin`: the repository's own publishing workflow when it has one
 * (`choosePublisherOrigin`), else the planned workflow's.
 */
export function publisherValues(
  plan: ReleasePlan,
  repository: GitHubRepository,
  existence: ProjectExistence,
  index: 'pypi' | 'testpypi' = 'pypi',
  origin: PublisherOrigin = plannedOrigin(plan, index),
): PublisherValues {
  const environment = origin.environment;
  const project: PublisherRoute = {
    kind: 'project',
    url: projectPublishingUrl(index, plan.normalizedName, { owner: repository.owner, repository: repository.repo, workflow: origin.workflow, environment }),
    prefilled: true,
  };
  const pending: PublisherRoute = { kind: 'pending', url: pendingPublishingUrl(index), prefilled: false };

  const routes = existence === 'exists' ? [project] : existence === 'new' ? [pending] : [project, pending];
  return {
    index,
    projectName: plan.projectName,
    normalizedName: plan.normalizedName,
    owner: repository.owner,
    repository: repository.repo,
    workflow: origin.workflow,
    environment,
    source: origin.source,
    fromExistingWorkflow: origin.existing,
    existence,
    routes,
  };
}

/**
 * The project's publishing page with the GitHub publisher form filled in from the query string
 * (`ManageOIDCPublisherViews.manage_project_oidc_publishers_prefill`); an empty environment is left out.
 */
export function projectPublishingUrl(
  index: 'pypi' | 'testpypi',
  normalizedName: string,
  fields: { owner: string; repository: string; workflow: string; environment: string },
): string {
  const query = new URLSearchParams({ provider: 'github', owner: fields.owner, repository: fields.repository, workflow_filename: fields.workflow });
  if (fields.environment !== '') query.set('environment', fields.environment);
  return `https://${INDEX_HOSTS[index]}/manage/project/${encodeURIComponent(normalizedName)}/settings/publishing/?${query.toString()}`;
}

/** The account's pending-publisher page (not prefilled: the values are typed or pasted). */
export const pendingPublishingUrl = (index: 'pypi' | 'testpypi'): string => `https://${INDEX_HOSTS[index]}/manage/account/publishing/`;

/** The sentence shown whenever a pending publisher is offered. */
export const PENDING_PUBLISHER_NOTE =
  'A pending publisher does not reserve the project name: anyone may still register the name first, and a pending publisher that is never used expires.';

/**
 * A plain-text block for the command line and the editor panel: one table per index, then the page(s) to open.
 */
export function formatPublisherValues(values: PublisherValues[]): string {
  const blocks: string[] = [];
  for (const v of values) {
    const title = v.index === 'pypi' ? 'PyPI' : 'TestPyPI';
    const rows: Array<[string, string]> = [
      ['PyPI Project Name', v.projectName],
      ['Owner', v.owner],
      ['Repository name', v.repository],
      ['Workflow name', v.workflow],
      ['Environment name', v.environment === '' ? '(leave empty)' : v.environment],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    const lines = [`${title} (https://${INDEX_HOSTS[v.index]}): add a GitHub trusted publisher with`];
    for (const [k, val] of rows) lines.push(`  ${k.padEnd(width)}  ${val}`);
    lines.push(`  (Workflow and Environment ${v.source})`);
    lines.push('');
    v.routes.forEach((r, i) => {
      const lead = i === 0 ? 'Open' : 'or';
      if (r.kind === 'project') {
        lines.push(`${lead} ${r.url}`);
        lines.push(`  (the project's publishing page; the form is filled in: check the values and click "Add")`);
      } else {
        lines.push(`${lead} ${r.url}`);
        lines.push(
          v.routes.length > 1
            ? '  (if the project is not on the index yet: add a pending publisher and type the values above)'
            : '  (the project is not on the index yet: add a pending publisher and type the values above)',
        );
      }
    });
    blocks.push(lines.join('\n'));
  }
  if (values.some((v) => v.routes.some((r) => r.kind === 'pending'))) blocks.push(PENDING_PUBLISHER_NOTE);
  return blocks.join('\n\n') + '\n';
}
