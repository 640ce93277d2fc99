/**
 * The in-toto statement inside an attestation: exactly one subject, naming the distribution file and its SHA-256,
 * with a predicate type PyPI knows (pypi-attestations' `Attestation.verify`).
 */
import type { DistributionFile } from './types';

export const PREDICATE_TYPES = ['https://docs.pypi.org/attestations/publish/v1', 'https://slsa.dev/provenance/v1'];

/** Why the statement does not attest `file`; undefined when it does. */
export function subjectProblem(payload: Buffer, file: DistributionFile): string | undefined {
  let statement: unknown;
  try {
    statement = JSON.parse(payload.toString('utf8'));
  } catch {
    return 'the statement is not JSON';
  }
  if (typeof statement !== 'object' || statement === null) return 'the statement is not a JSON object';
  const { subject, predicateType } = statement as { subject?: unknown; predicateType?: unknown };
  if (!Array.isArray(subject) || subject.length !== 1) return 'the statement must name exactly one subject';
  const [only] = subject as Array<{ name?: unknown; digest?: { sha256?: unknown } }>;
  const name = typeof only?.name === 'string' ? only.name : undefined;
  const digest = typeof only?.digest?.sha256 === 'string' ? only.digest.sha256.toLowerCase() : undefined;
  if (!name) return 'the statement names no file';
  if (!sameDistributionName(name, file.filename)) return `the statement is for "${name}", not "${file.filename}"`;
  if (!digest) return 'the statement gives no SHA-256 for the file';
  if (digest !== file.sha256.toLowerCase()) return `the file's SHA-256 is ${file.sha256.toLowerCase()}, but the statement signs ${digest}`;
  if (typeof predicateType !== 'string' || !PREDICATE_TYPES.includes(predicateType)) return `unknown attestation type ${JSON.stringify(predicateType)}`;
  return undefined;
}

/**
 * The same distribution: the same name, or names that differ only in how the project name is spelt (case, `-`/`_`/`.`
 * runs), which pypi-attestations also accepts since it compares parsed names.
 */
function sameDistributionName(a: string, b: string): boolean {
  if (a === b) return true;
  const key = (name: string): string => {
    const dash = name.indexOf('-');
    if (dash <= 0) return name;
    return name.slice(0, dash).replace(/[-_.]+/g, '_').toLowerCase() + name.slice(dash);
  };
  return key(a) === key(b);
}
