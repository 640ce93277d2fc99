import { isMap, isScalar, type Node } from 'yaml';
import type { JobModel, WorkflowModel } from './workflowModel';
import { pairOf, pairsOf, stringOf, type MapPair } from './yamlNodes';

export type PermissionLevel = 'read' | 'write' | 'none';

export interface EffectivePermissions {
  /**
   * Where the job's permissions come from, by GitHub's rules: a job-level block replaces the workflow-level one
   * entirely; with neither, the repository's default applies (never `id-token`).
   */
  source: 'job' | 'workflow' | 'default';
  pair?: MapPair;
  level(scope: string): PermissionLevel | 'default';
}

export function effectivePermissions(workflow: WorkflowModel, job: JobModel): EffectivePermissions {
  const own = job.pair('permissions');
  if (own) return { source: 'job', pair: own, level: (scope) => levelIn(own.value, scope) };
  const top = workflow.pair('permissions');
  if (top) return { source: 'workflow', pair: top, level: (scope) => levelIn(top.value, scope) };
  return { source: 'default', level: (scope) => (scope === 'id-token' ? 'none' : 'default') };
}

/** The level a permissions value grants to `scope`: `read-all`, `write-all`, `{}` or a map of scopes. */
export function levelIn(value: Node | null | undefined, scope: string): PermissionLevel {
  if (isScalar(value)) {
    const all = stringOf(value);
    if (all === 'write-all') return 'write';
    if (all === 'read-all') return scope === 'id-token' ? 'none' : 'read';
    return 'none';
  }
  if (!isMap(value)) return 'none';
  const level = stringOf(pairOf(value, scope)?.value);
  return level === 'write' || level === 'read' ? level : 'none';
}

/**
 * What the job's GITHUB_TOKEN may change in the repository: the scopes it gets `write` on (`id-token` is not one: it
 * mints OIDC tokens, it is not a scope of the GITHUB_TOKEN), `[]` for a read-only or empty token, and `unknown` when
 * neither the job nor the workflow says: the token then has the repository's (or organisation's) default, read-only
 * for repositories created since February 2023 but read and write for many older ones, which the file cannot tell.
 */
export function tokenWriteScopes(workflow: WorkflowModel, job: JobModel): string[] | 'unknown' {
  const permissions = effectivePermissions(workflow, job);
  if (permissions.source === 'default' || !permissions.pair) return 'unknown';
  const value = permissions.pair.value;
  if (isScalar(value)) return stringOf(value) === 'write-all' ? ['write-all'] : [];
  return pairsOf(value)
    .filter((p) => String(p.key.value) !== 'id-token' && stringOf(p.value) === 'write')
    .map((p) => String(p.key.value));
}
