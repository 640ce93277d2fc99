import { isMap, isScalar, type Scalar } from 'yaml';
import { validateEnvironmentName } from '../../publish/environmentName';
import { indexOfUrl, isExpression } from './publishing';
import type { JobModel, WorkflowModel } from './workflowModel';
import { pairOf, stringOf, type MapPair } from './yamlNodes';

export interface JobEnvironment {
  pair: MapPair;
  /** The scalar holding the name: `environment: pypi`, or `name:` of the map form. */
  name?: Scalar;
  /** `url:` of the map form. */
  url?: Scalar;
  dynamic: boolean;
}

/** A job's `environment:`, in either form (`environment: pypi` or `environment: { name: pypi, url: ... }`). */
export function environmentOf(job: JobModel): JobEnvironment | undefined {
  const pair = job.pair('environment');
  if (!pair) return undefined;
  const value = pair.value;
  if (isScalar(value)) return { pair, name: value, dynamic: isExpression(value) };
  if (isMap(value)) {
    const name = pairOf(value, 'name')?.value;
    const url = pairOf(value, 'url')?.value;
    return { pair, name: isScalar(name) ? name : undefined, url: isScalar(url) ? url : undefined, dynamic: isExpression(name) };
  }
  return { pair, dynamic: false };
}

/**
 * The name to propose: one the workflow already uses for releasing to the same index (an environment whose URL is on
 * that index, else one named for publishing), so the fix agrees with the publisher the user may have registered;
 * `pypi` or `testpypi` otherwise.
 */
export function proposedEnvironmentName(workflow: WorkflowModel, job: JobModel, test: boolean): string {
  const environments = workflow.jobs.flatMap((other) => (other === job ? [] : (environmentOf(other) ?? [])));
  const named = environments.flatMap((e) => {
    const name = e.dynamic ? undefined : stringOf(e.name);
    return name && validateEnvironmentName(name) === undefined ? [{ name, url: stringOf(e.url) }] : [];
  });
  const sameIndex = (name: string) => /test/i.test(name) === test;
  const byUrl = named.find((e) => e.url && !/\$\{\{/.test(e.url) && indexOfUrl(e.url) === (test ? 'testpypi' : 'pypi'));
  const byName = named.find((e) => /pypi|release|publish|deploy/i.test(e.name) && sameIndex(e.name));
  return byUrl?.name ?? byName?.name ?? (test ? 'testpypi' : 'pypi');
}

