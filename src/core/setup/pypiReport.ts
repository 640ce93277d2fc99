import type { GitHubRepository } from '../git/types';
import { plannedOrigin, type PublisherOrigin } from '../publish/existingPublishers';
import { PENDING_PUBLISHER_NOTE, publisherValues } from '../publish/publisherValues';
import type { ProjectExistence, PublisherValues, ReleasePlan } from '../publish/types';
import { publisherDrift, type ExpectedPublisher } from '../pypi/drift';
import type { LatestPublisher, ProjectInfo, Publisher, PypiError } from '../pypi/types';
import type { Result } from '../result';
import type { IndexId, LinkView, Notice, PypiIndexView, ValueField } from '../../shared/protocol';

/** What the host learnt from one index; undefined parts are still being asked. */
export interface IndexCheck {
  /** `project(name)`: exists, NotFound, or could not tell. */
  project?: Result<ProjectInfo, PypiError>;
  /** `latestPublisher(name)`, asked only when the project exists (and the PyPI checks are on). */
  latest?: Result<LatestPublisher | undefined, PypiError>;
  /** The client could not even be created (network bundle missing...). */
  failure?: string;
}

export const INDEX_LABEL: Readonly<Record<IndexId, string>> = { pypi: 'PyPI', testpypi: 'TestPyPI' };

export function existenceOf(check: IndexCheck | undefined): ProjectExistence {
  if (!check?.project) return 'unknown';
  if (check.project.ok) return 'exists';
  return check.project.error.kind === 'NotFound' ? 'new' : 'unknown';
}

/** What the index's trusted publisher must say for this repository and origin (the planned workflow's by default). */
export function expectedPublisher(plan: ReleasePlan, repository: GitHubRepository, index: IndexId, origin: PublisherOrigin = plannedOrigin(plan, index)): ExpectedPublisher {
  return { owner: repository.owner, repo: repository.repo, workflow: origin.workflow, environment: origin.environment };
}

/** "Example-Org/Hello-PyPI, workflow release.yml, environment pypi" */
export function describeExpected(expected: ExpectedPublisher): string {
  const environment = expected.environment ? `environment ${expected.environment}` : 'no environment';
  return `${expected.owner}/${expected.repo}, workflow ${expected.workflow}, ${environment}`;
}

export function describePublisher(publisher: Publisher): string {
  if (publisher.kind !== 'GitHub') return publisher.repository ? `${publisher.kind} (${publisher.repository})` : publisher.kind;
  const parts = [publisher.repository ?? 'an unnamed repository'];
  if (publisher.workflow) parts.push(`workflow ${publisher.workflow}`);
  parts.push(publisher.environment ? `environment ${publisher.environment}` : 'no environment');
  return parts.join(', ');
}

/** Whether the latest release's provenance shows that the publisher for this plan is registered already. */
export function publisherMatches(check: IndexCheck | undefined, expected: ExpectedPublisher): boolean {
  const latest = check?.latest;
  if (!latest?.ok || !latest.value?.publisher) return false;
  return publisherDrift(expected, latest.value.publisher).length === 0;
}

const ROUTE_LABEL = {
  project: (index: string, name: string) => `Open ${index} publishing settings of ${name}`,
  pending: (index: string) => `Open ${index} pending publishers`,
};

export const linkId = (index: IndexId, route: 'project' | 'pending'): string => `${index}:${route}`;

/** The routes of `values` as links (their ids are what the webview may ask the host to open). */
export function routeLinks(values: PublisherValues): LinkView[] {
  const label = INDEX_LABEL[values.index];
  return values.routes.map((route) =>
    route.kind === 'project'
      ? {
          id: linkId(values.index, 'project'),
          label: ROUTE_LABEL.project(label, values.normalizedName),
          url: route.url,
          detail: 'For a project already on the index: the form opens filled in; check the values and click "Add".',
        }
      : {
          id: linkId(values.index, 'pending'),
          label: ROUTE_LABEL.pending(label),
          url: route.url,
          detail: 'For a project not on the index yet: add a pending publisher and type the values shown here.',
        },
  );
}

const FIELD_LABELS: Record<ValueField, string> = {
  projectName: 'PyPI Project Name',
  owner: 'Owner',
  repository: 'Repository name',
  workflow: 'Workflow name',
  environment: 'Environment name',
};

export function valueOf(values: PublisherValues, field: ValueField): string {
  switch (field) {
    case 'projectName':
      return values.projectName;
    case 'owner':
      return values.owner;
    case 'repository':
      return values.repository;
    case 'workflow':
      return values.workflow;
    case 'environment':
      return values.environment;
  }
}

/** The values step for one index: the form's values, where to enter them, and what PyPI said. */
export function pypiIndexView(
  plan: ReleasePlan,
  repository: GitHubRepository,
  index: IndexId,
  check: IndexCheck | undefined,
  checking: boolean,
  origin: PublisherOrigin = plannedOrigin(plan, index),
  copied?: ValueField,
): PypiIndexView {
  const label = INDEX_LABEL[index];
  const existence = existenceOf(check);
  const values = publisherValues(plan, repository, existence, index, origin);
  const expected = expectedPublisher(plan, repository, index, origin);
  const name = plan.normalizedName;

  let status: PypiIndexView['status'] = existence;
  let statusText: string;
  if (checking && !check?.project && !check?.failure) {
    status = 'checking';
    statusText = `Checking whether ${name} is on ${label}…`;
  } else if (!check) {
    statusText = `Not checked yet whether ${name} is on ${label}: use "Check again". Meanwhile, both pages are below.`;
  } else if (existence === 'exists') {
    const latest = check?.project?.ok ? check.project.value.latestVersion : undefined;
    statusText = `${name} is on ${label}${latest ? ` (latest release ${latest})` : ''}: add the publisher on the project's publishing settings, where the form opens filled in.`;
  } else if (existence === 'new') {
    statusText = `${name} is not on ${label} yet: add a pending publisher and type the values below. The first upload from the workflow creates the project.`;
  } else {
    const reason = check?.failure ?? (check?.project && !check.project.ok ? check.project.error.message : 'no answer');
    // The reason names the host that was asked (a mirror or a test server may stand in for pypi.org).
    statusText = `Could not check whether ${name} is on ${label}: ${reason.replace(/[.\s]+$/, '')}. Use the project's page if it exists, else the pending publishers page.`;
  }

  const fields: ValueField[] = ['owner', 'repository', 'workflow', 'environment', 'projectName'];
  const view: PypiIndexView = {
    index,
    label,
    status,
    statusText,
    values: fields.map((field) => ({
      field,
      label: FIELD_LABELS[field],
      value: field === 'environment' && values.environment === '' ? '' : valueOf(values, field),
      hint:
        field === 'workflow'
          ? 'The file name only, not its path'
          : field === 'projectName'
            ? 'Asked by the pending-publisher form only'
            : field === 'environment' && values.environment === ''
              ? 'Leave empty'
              : undefined,
      ...(copied === field ? { copied: true } : {}),
    })),
    source: `Workflow name and Environment name ${values.source}.`,
    links: routeLinks(values),
  };
  if (values.routes.some((route) => route.kind === 'pending')) view.pendingNote = PENDING_PUBLISHER_NOTE;
  const publisher = publisherNotice(check, expected, label, values);
  if (publisher) view.publisher = publisher;
  return view;
}

function publisherNotice(check: IndexCheck | undefined, expected: ExpectedPublisher, label: string, values: PublisherValues): (Notice & { link?: LinkView }) | undefined {
  const latest = check?.latest;
  if (!latest) return undefined;
  const projectLink = routeLinks(values).find((link) => link.id.endsWith(':project'));
  if (!latest.ok) return { tone: 'info', text: `Could not read which publisher uploaded the latest release: ${latest.error.message}` };
  if (!latest.value) return { tone: 'info', text: `${values.normalizedName} has no release on ${label} yet: register ${describeExpected(expected)}.` };
  const { version, publisher } = latest.value;
  if (!publisher) {
    return {
      tone: 'warning',
      text: `${label}'s latest release (${version}) was not uploaded by a trusted publisher (an API token, or before attestations): register ${describeExpected(expected)} before your next release.`,
      link: projectLink,
    };
  }
  const drift = publisherDrift(expected, publisher);
  if (drift.length === 0) {
    return { tone: 'ok', text: `${label}'s last release (${version}) came from ${describePublisher(publisher)}: the publisher for this workflow is registered.` };
  }
  return {
    tone: 'warning',
    text: `${label}'s last release (${version}) came from ${describePublisher(publisher)}; register ${describeExpected(expected)} before your next release (${drift.join('; ')}).`,
    link: projectLink,
  };
}
