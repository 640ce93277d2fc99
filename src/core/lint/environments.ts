import { isMap, isScalar, type Scalar } from 'yaml';
import { isExpression } from './publishing';
import type { JobModel } from './workflowModel';
import { pairOf, type MapPair } from './yamlNodes';

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
