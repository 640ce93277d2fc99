import { isScalar, type Scalar } from 'yaml';
import type { Rule, RuleFinding, Span } from '../engine/types';
import { pairOf, pairsOf, stringOf, type MapPair } from '../analysis/yamlNodes';

/**
 * Uploads go to one endpoint per index: https://upload.pypi.org/legacy/ for PyPI and https://test.pypi.org/legacy/
 * for TestPyPI. The addresses people copy instead (the `/simple/` index, the project page, the bare host,
 * pypi.org/legacy/) answer uploads with 404, 405 or 403, and trusted publishing cannot even tell which index the
 * token is for, so the release fails at its last step.
 */

const CANONICAL = { pypi: 'https://upload.pypi.org/legacy/', testpypi: 'https://test.pypi.org/legacy/' } as const;
const PYPI_HOSTS = /^(?:https?:\/\/)?(?:www\.|upload\.)?(?:pypi\.org|pypi\.python\.org)(?=[/:?#]|$)/i;
const TEST_HOSTS = /^(?:https?:\/\/)?(?:www\.|upload\.)?(?:test\.pypi\.org|testpypi\.python\.org)(?=[/:?#]|$)/i;
const URL_VARIABLES = ['TWINE_REPOSITORY_URL', 'UV_PUBLISH_URL', 'MATURIN_REPOSITORY_URL', 'PDM_PUBLISH_REPO', 'HATCH_INDEX_REPO', 'FLIT_INDEX_URL', 'POETRY_REPOSITORIES_TESTPYPI_URL'];
/** `--repository-url`, `--publish-url`, `--repo` and `-r`/`--repository` when given a URL. */
const URL_FLAGS = /(?<![\w-])(?:--repository-url|--publish-url|--repo|--repository|-r)(?:=|\s+)["']?(https?:\/\/[^\s"']+)/g;

export const badRepositoryUrl: Rule = {
  meta: { id: 'bad-repository-url', title: 'Upload URL is not a PyPI upload endpoint', severity: 'error' },
  check({ text, workflow, facts }) {
    const publishes = facts.publishSteps;
    if (publishes.length === 0) return [];
    const findings: RuleFinding[] = [];
    const seen = new Set<number>();
    const report = (url: string, range: Span, where: string, quoteAware?: Scalar) => {
      const canonical = canonicalFor(url);
      if (!canonical || seen.has(range.start)) return;
      seen.add(range.start);
      const index = canonical === CANONICAL.testpypi ? 'TestPyPI' : 'PyPI';
      findings.push({
        message: `${where} is ${url}, not an upload endpoint. Uploads to ${index} go to ${canonical}; the /simple/ index, project pages and the bare host reject them. Use ${canonical}.`,
        range,
        fixes: [{ title: `Use ${canonical}`, edits: [quoteAware ? replaceScalar(text, quoteAware, canonical) : { ...range, newText: canonical }] }],
      });
    };
    const reportVariable = (pair: MapPair, jobId: string) => {
      if (!URL_VARIABLES.includes(String(pair.key.value))) return;
      const url = stringOf(pair.value);
      if (url && isScalar(pair.value)) report(url.trim(), span(pair.value), `${String(pair.key.value)} for the upload in job '${jobId}'`, pair.value as Scalar);
    };
    // The workflow's env is the same for every upload.
    const workflowEnv = pairsOf(workflow.pair('env')?.value);
    for (const publish of publishes) {
      const { step, job } = publish;
      if (publish.tool === 'pypa-action') {
        for (const key of PYPA_URL_INPUTS) {
          const pair = step.inputs.get(key);
          const url = stringOf(pair?.value);
          if (pair && url && isScalar(pair.value)) report(url.trim(), span(pair.value), `The '${key}' input of the upload in job '${job.id}'`, pair.value as Scalar);
        }
      }
      // The URL variables, from the step's env, the job's and the workflow's.
      for (const pair of step.env.values()) reportVariable(pair, job.id);
      for (const pair of pairsOf(pairOf(workflow.job(job.id)?.node, 'env')?.value)) reportVariable(pair, job.id);
      for (const pair of workflowEnv) reportVariable(pair, job.id);
      reportFlags(text, step.run, job.id, report);
      if (publish.tool === 'maturin-action') {
        const args = step.inputs.get('args')?.value;
        if (isScalar(args)) reportFlags(text, args as Scalar, job.id, report);
      }
    }
    return findings;
  },
};

const PYPA_URL_INPUTS = ['repository-url', 'repository_url'];

/** The URLs given to upload flags in a script (`--repository-url https://...`). */
function reportFlags(text: string, script: Scalar | undefined, jobId: string, report: (url: string, range: Span, where: string) => void): void {
  if (!script?.range) return;
  const [start, end] = script.range;
  // Every flag's URL starts with http: most scripts have none, and need not be copied out to be searched.
  const http = text.indexOf('http', start);
  if (http === -1 || http >= end) return;
  const source = text.slice(start, end);
  for (const match of source.matchAll(URL_FLAGS)) {
    const url = match[1];
    const at = start + match.index! + match[0].length - url.length;
    report(url, { start: at, end: at + url.length }, `The upload URL in job '${jobId}'`);
  }
}

/** The canonical endpoint a PyPI or TestPyPI address should have been, or undefined when it is fine or not PyPI's. */
export function canonicalFor(url: string): string | undefined {
  if (url.includes('${{') || url.includes('$')) return undefined;
  const test = TEST_HOSTS.exec(url);
  const prod = test ? undefined : PYPI_HOSTS.exec(url);
  if (!test && !prod) return undefined;
  const canonical = test ? CANONICAL.testpypi : CANONICAL.pypi;
  // The endpoint, with or without its final slash.
  if (url === canonical || url === canonical.slice(0, -1)) return undefined;
  return canonical;
}

const span = (node: unknown): Span => {
  const range = (node as Scalar).range;
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
};

/** Replaces a scalar's value, keeping its quotes. */
function replaceScalar(text: string, node: Scalar, value: string) {
  const [start, end] = node.range ?? [0, 0];
  const written = text.slice(start, end);
  const quote = written.startsWith('"') || written.startsWith("'") ? written[0] : '';
  return { start, end, newText: `${quote}${value}${quote}` };
}
