import { isScalar, type Scalar } from 'yaml';
import type { Rule, RuleFinding, Span } from '../engine/types';
import type { WorkflowModel } from '../analysis/workflowModel';
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
    for (const publish of facts.publishSteps) {
      const { step, job } = publish;
      if (publish.tool === 'pypa-action') {
        for (const key of ['repository-url', 'repository_url']) {
          const pair = step.inputs.get(key);
          const url = stringOf(pair?.value);
          if (pair && url && isScalar(pair.value)) report(url.trim(), span(pair.value), `The '${key}' input of the upload in job '${job.id}'`, pair.value as Scalar);
        }
      }
      for (const pair of urlVariables(workflow, job.id, step.env)) {
        const url = stringOf(pair.value);
        if (url && isScalar(pair.value)) report(url.trim(), span(pair.value), `${String(pair.key.value)} for the upload in job '${job.id}'`, pair.value as Scalar);
      }
      const scripts: Array<Scalar | undefined> = [step.run, publish.tool === 'maturin-action' && isScalar(step.inputs.get('args')?.value) ? (step.inputs.get('args')!.value as Scalar) : undefined];
      for (const script of scripts) {
        if (!script?.range) continue;
        const [start, end] = script.range;
        const source = text.slice(start, end);
        for (const match of source.matchAll(URL_FLAGS)) {
          const url = match[1];
          const at = start + match.index! + match[0].length - url.length;
          report(url, { start: at, end: at + url.length }, `The upload URL in job '${job.id}'`);
        }
      }
    }
    return findings;
  },
};

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

function urlVariables(workflow: WorkflowModel, jobId: string, stepEnv: Map<string, MapPair>): MapPair[] {
  const job = workflow.job(jobId);
  const levels = [[...stepEnv.values()], pairsOf(pairOf(job?.node, 'env')?.value), pairsOf(workflow.pair('env')?.value)];
  return levels.flat().filter((p) => URL_VARIABLES.includes(String(p.key.value)));
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
