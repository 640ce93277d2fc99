import { isMap, isPair, isScalar, LineCounter, parseDocument, Schema, type Document, type DocumentOptions, type Node, type ParseOptions, type Scalar, type ScalarTag, type SchemaOptions, type Tags, type YAMLMap } from 'yaml';
import { pairOf, pairsOf, itemsOf, stringOf, stringsOf, type MapPair } from './yamlNodes';

/** `owner/repo[/path]@ref` of a `uses:`, with the scalar it came from. */
export interface ActionReference {
  /** As written, e.g. `pypa/gh-action-pypi-publish@release/v1`. */
  raw: string;
  /** Lower-cased `owner/repo` (GitHub names are case-insensitive), e.g. `actions/checkout`. */
  action: string;
  /** Sub-path inside the repository, if any (`github/codeql-action/init`). */
  path?: string;
  ref?: string;
  node: Scalar;
  /** Local (`./x`) and Docker (`docker://`) references have no owner/repo. */
  kind: 'repository' | 'local' | 'docker';
}

export interface StepModel {
  index: number;
  node: YAMLMap;
  uses?: ActionReference;
  /** `with:` inputs by name. */
  inputs: Map<string, MapPair>;
  withPair?: MapPair;
  run?: Scalar;
  env: Map<string, MapPair>;
  envPair?: MapPair;
  ifPair?: MapPair;
}

export interface JobModel {
  id: string;
  keyNode: Scalar;
  /** The job's mapping; jobs that are not mappings are skipped by the model. */
  node: YAMLMap;
  pair(key: string): MapPair | undefined;
  /** Job ids in `needs:`. */
  needs: string[];
  steps: StepModel[];
  /** `jobs.<id>.uses`: a call to a reusable workflow. */
  calls?: ActionReference;
}

export interface WorkflowModel {
  root?: YAMLMap;
  pair(key: string): MapPair | undefined;
  /** `on:` events by name, whatever form `on:` takes (string, list or map). */
  triggers: Map<string, { node: Node; config: Node | null | undefined }>;
  onPair?: MapPair;
  jobs: JobModel[];
  job(id: string): JobModel | undefined;
}

/** A workflow file parsed once: the document with source ranges, its line counter and, when it parses, its model. */
export interface ParsedWorkflow {
  document: Document.Parsed;
  lines: LineCounter;
  /** Undefined when the text is not valid YAML. */
  workflow?: WorkflowModel;
}

let lastParsed: { text: string; parsed: ParsedWorkflow } | undefined;

/**
 * Parses a workflow the way every check reads it. The checks, the publishing summary and the wizard ask about the
 * same text one after another (on every keystroke, the checks and then the cross-file summary), so the last text's
 * parse is kept: nothing changes a parsed document, fixes are text edits.
 */
export function parseWorkflow(text: string): ParsedWorkflow {
  if (lastParsed?.text === text) return lastParsed.parsed;
  const lines = new LineCounter();
  const document = parseDocument(text, parseOptions(text, lines));
  const parsed = { document, lines, workflow: document.errors.length > 0 ? undefined : buildWorkflowModel(document) };
  lastParsed = { text, parsed };
  return parsed;
}

/**
 * A plain scalar that starts with a letter is a string unless it is one of the null and boolean words (YAML 1.2's
 * core schema has a few; a `%YAML 1.1` document has more: `yes`, `on`, `n`...). Most of a workflow's scalars are
 * such strings (`ubuntu-latest`, `actions/checkout@v4`, step names), and the parser otherwise tries every tag's
 * pattern on each before settling on a string: this tag, tried first, settles them at once. The words of either
 * version go on to the schema's own tags, so values are the same as without it.
 */
export const PLAIN_WORD: ScalarTag = {
  tag: 'tag:yaml.org,2002:str',
  default: true,
  test: /^(?!(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|[Yy]|[Yy]es|YES|[Oo]n|ON|[Nn]|[Nn]o|NO|[Oo]ff|OFF)$)[A-Za-z]/,
  resolve: (source: string) => source,
};

const wordsFirst = (tags: Tags): Tags => [PLAIN_WORD, ...tags];

/**
 * The schema of a text without a `%YAML` directive (every workflow in practice), made at the first parse and kept: a
 * document otherwise builds its own for each parse. A text with a directive gets the schema its version asks for.
 */
let coreWithWords: Schema | undefined;

function parseOptions(text: string, lineCounter: LineCounter): ParseOptions & DocumentOptions & SchemaOptions {
  const common = { lineCounter, prettyErrors: false, uniqueKeys: false };
  if (text.includes('%YAML')) return { ...common, customTags: wordsFirst };
  return { ...common, schema: (coreWithWords ??= new Schema({ schema: 'core', resolveKnownTags: true, customTags: wordsFirst })) };
}

export function buildWorkflowModel(document: Document.Parsed): WorkflowModel {
  const root = isMap(document.contents) ? (document.contents as YAMLMap) : undefined;
  // YAML 1.1 readers turn a bare `on` key into `true`; the yaml library reads it as the string 'on' (YAML 1.2).
  const onPair = pairOf(root, 'on') ?? pairOf(root, 'true');
  const jobs: JobModel[] = [];
  for (const pair of pairsOf(pairOf(root, 'jobs')?.value)) if (isMap(pair.value)) jobs.push(buildJob(pair));
  // Rules look jobs up by id for every `needs:` edge: a map keeps that constant-time in workflows with many jobs.
  // (A repeated id keeps its first job, as a search from the top would.)
  const byId = new Map<string, JobModel>();
  for (const job of jobs) if (!byId.has(job.id)) byId.set(job.id, job);
  return {
    root,
    pair: (key) => pairOf(root, key),
    triggers: readTriggers(onPair?.value),
    onPair,
    jobs,
    job: (id) => byId.get(id),
  };
}

function readTriggers(on: Node | null | undefined): WorkflowModel['triggers'] {
  const triggers: WorkflowModel['triggers'] = new Map();
  if (isScalar(on) && stringOf(on)) triggers.set(stringOf(on)!, { node: on, config: undefined });
  for (const item of itemsOf(on)) if (stringOf(item)) triggers.set(stringOf(item)!, { node: item, config: undefined });
  for (const pair of pairsOf(on)) triggers.set(String(pair.key.value), { node: pair.key, config: pair.value });
  return triggers;
}

function buildJob(pair: MapPair): JobModel {
  const node = pair.value as YAMLMap;
  const uses = pairOf(node, 'uses')?.value;
  const steps: StepModel[] = [];
  for (const [index, step] of itemsOf(pairOf(node, 'steps')?.value).entries()) if (isMap(step)) steps.push(new Step(step as YAMLMap, index));
  return {
    id: String(pair.key.value),
    keyNode: pair.key,
    node,
    pair: (key) => pairOf(node, key),
    needs: stringsOf(pairOf(node, 'needs')?.value),
    steps,
    calls: isScalar(uses) ? parseActionReference(uses) : undefined,
  };
}

/**
 * A step read in one pass over its keys (the first of a repeated key counts, as with pairOf). Its `with:` and `env:`
 * maps are made when first asked for: most steps are never asked.
 */
class Step implements StepModel {
  readonly uses?: ActionReference;
  readonly run?: Scalar;
  readonly withPair?: MapPair;
  readonly envPair?: MapPair;
  readonly ifPair?: MapPair;
  private inputsByName?: Map<string, MapPair>;
  private envByName?: Map<string, MapPair>;

  constructor(
    readonly node: YAMLMap,
    readonly index: number,
  ) {
    let uses: MapPair | undefined;
    let run: MapPair | undefined;
    for (const item of node.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const key = item.key.value;
      const pair = item as MapPair;
      if (key === 'uses') uses ??= pair;
      else if (key === 'run') run ??= pair;
      else if (key === 'with') this.withPair ??= pair;
      else if (key === 'env') this.envPair ??= pair;
      else if (key === 'if') this.ifPair ??= pair;
    }
    if (isScalar(uses?.value)) this.uses = parseActionReference(uses.value);
    if (isScalar(run?.value)) this.run = run.value;
  }

  /** `with:` inputs by name (a repeated name keeps its last value, as GitHub reads it). */
  get inputs(): Map<string, MapPair> {
    return (this.inputsByName ??= byName(this.withPair?.value));
  }

  get env(): Map<string, MapPair> {
    return (this.envByName ??= byName(this.envPair?.value));
  }
}

function byName(map: unknown): Map<string, MapPair> {
  const named = new Map<string, MapPair>();
  for (const pair of pairsOf(map)) named.set(String(pair.key.value), pair);
  return named;
}

export function parseActionReference(node: Scalar): ActionReference | undefined {
  const raw = stringOf(node)?.trim();
  if (!raw) return undefined;
  if (raw.startsWith('./') || raw.startsWith('../')) return { raw, action: raw, node, kind: 'local' };
  if (raw.startsWith('docker://')) return { raw, action: raw, node, kind: 'docker' };
  const at = raw.lastIndexOf('@');
  const name = at === -1 ? raw : raw.slice(0, at);
  const ref = at === -1 ? undefined : raw.slice(at + 1);
  // owner/repo, then the path inside the repository, if any.
  const first = name.indexOf('/');
  const second = first === -1 ? -1 : name.indexOf('/', first + 1);
  const owner = first === -1 ? name : name.slice(0, first);
  const repo = first === -1 ? '' : name.slice(first + 1, second === -1 ? undefined : second);
  return { raw, action: `${owner}/${repo}`.toLowerCase(), path: second === -1 ? undefined : name.slice(second + 1), ref, node, kind: 'repository' };
}
