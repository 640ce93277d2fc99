import { Scalar } from 'yaml';
import { normalizeName } from '../../pyproject';
import { environmentOf } from '../analysis/environments';
import type { Rule, RuleFinding } from '../engine/types';

/** `https://pypi.org/p/<name>`, `https://pypi.org/project/<name>/...`, and the same on test.pypi.org. */
const PROJECT_URL = /^\s*https?:\/\/((?:test\.)?pypi\.org)\/(?:p|project)\/([^/?#\s]+)/i;

/**
 * The environment's `url:` is the link GitHub shows on the run and the deployments page. Pointing at another PyPI
 * project than the one pyproject.toml names is usually a copy-paste leftover, and a sign the workflow (and maybe its
 * publisher on PyPI) was written for another project.
 */
export const environmentUrlMismatch: Rule = {
  meta: { id: 'environment-url-mismatch', title: 'Environment URL names another PyPI project', severity: 'warning', needsProject: true },
  check({ text, workflow, project }) {
    if (!project) return [];
    const findings: RuleFinding[] = [];
    for (const job of workflow.jobs) {
      const url = environmentOf(job)?.url;
      const match = url ? PROJECT_URL.exec(String(url.value ?? '')) : null;
      if (!url?.range || !match || match[2].includes('${{')) continue;
      const [, host, named] = match;
      if (normalizeName(named) === project.normalizedName) continue;
      // Point at the name inside the URL when the source spells it as read (plain or simply quoted scalars).
      const source = text.slice(url.range[0], url.range[1]);
      const offset = source.indexOf(`${host}/`) === -1 ? -1 : source.indexOf(named, source.indexOf(`${host}/`) + host.length);
      const exact = offset !== -1 && url.type !== Scalar.QUOTE_DOUBLE;
      const start = exact ? url.range[0] + offset : url.range[0];
      const end = exact ? start + named.length : url.range[1];
      findings.push({
        message:
          `Job '${job.id}' has an environment URL for '${named}', but pyproject.toml names '${project.name}'. ` +
          `Point it at https://${host.toLowerCase()}/p/${project.normalizedName}, and check that the workflow and its publisher on ${host.toLowerCase()} are meant for this project.`,
        range: { start, end },
        fixes: exact ? [{ title: `Use the project name '${project.normalizedName}'`, edits: [{ start, end, newText: project.normalizedName }] }] : undefined,
      });
    }
    return findings;
  },
};
