/**
 * A small reader for GitHub Actions expressions (`if:` conditions), evaluated over a partly known run: "this run is a
 * pull_request", "this run is a push to some branch". Anything the context does not pin down is unknown, and logic is
 * three-valued, so a condition is only called false when it is false for every run of that kind.
 *
 * Grammar and semantics follow GitHub's documentation (https://docs.github.com/en/actions/reference/evaluate-expressions-in-workflows-and-actions):
 * literals, property access (`a.b`, `a['b']`, `a.*`), `!`, comparisons, `&&`, `||`, function calls; string
 * comparisons and startsWith/endsWith/contains ignore case.
 */

export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'path'; path: string }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'not'; operand: Expr }
  | { kind: 'binary'; op: '&&' | '||' | '==' | '!=' | '<' | '<=' | '>' | '>='; left: Expr; right: Expr }
  | { kind: 'opaque' };

/** What a context knows about a value: exactly it, only how it starts, one of a few strings, or nothing. */
export type Value =
  | { kind: 'known'; value: string | number | boolean | null }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'oneOf'; values: string[] }
  | { kind: 'unknown' };

/** Values by lower-cased dotted path (`github.event_name`, `github.event.action`). */
export type EvalContext = Record<string, Value>;

/** true, false, or undefined when it depends on what the context does not say. */
export type Truth = boolean | undefined;

const UNKNOWN: Value = { kind: 'unknown' };
const known = (value: string | number | boolean | null): Value => ({ kind: 'known', value });

type Token = { type: 'str'; value: string } | { type: 'num'; value: number } | { type: 'id'; value: string } | { type: 'op'; value: string };

function tokenize(source: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= source.length) return undefined;
        if (source[i] === "'") {
          if (source[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += source[i++];
      }
      tokens.push({ type: 'str', value });
    } else if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const match = /^-?(0x[0-9a-f]+|[0-9]+(\.[0-9]+)?(e[+-]?[0-9]+)?)/i.exec(source.slice(i))!;
      tokens.push({ type: 'num', value: Number(match[0]) });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(source.slice(i))!;
      tokens.push({ type: 'id', value: match[0] });
      i += match[0].length;
    } else {
      const two = source.slice(i, i + 2);
      if (['&&', '||', '==', '!=', '<=', '>='].includes(two)) {
        tokens.push({ type: 'op', value: two });
        i += 2;
      } else if ('!<>().,[]*'.includes(ch)) {
        tokens.push({ type: 'op', value: ch });
        i++;
      } else {
        return undefined;
      }
    }
  }
  return tokens;
}

/**
 * Parses an expression (without `${{ }}`); an expression it cannot read becomes `opaque` (unknown when evaluated).
 * Several rules ask about the same `if:` of the same step; a parsed expression is never changed, so each text is read
 * once (the cache starts over past a few hundred entries, so hostile files cannot grow it).
 */
export function parseExpression(source: string): Expr {
  const known = parsedExpressions.get(source);
  if (known) return known;
  if (parsedExpressions.size >= MAX_CACHED_EXPRESSIONS) parsedExpressions.clear();
  const parsed = readExpression(source);
  parsedExpressions.set(source, parsed);
  return parsed;
}

const MAX_CACHED_EXPRESSIONS = 512;
const parsedExpressions = new Map<string, Expr>();

function readExpression(source: string): Expr {
  const tokens = tokenize(source);
  if (!tokens) return { kind: 'opaque' };
  let at = 0;
  const peek = (value: string) => tokens[at]?.type === 'op' && tokens[at].value === value;
  const fail = (): never => {
    throw new Error('syntax');
  };
  const expect = (value: string) => (peek(value) ? at++ : fail());

  const binary = (ops: string[], next: () => Expr) => (): Expr => {
    let left = next();
    while (tokens[at]?.type === 'op' && ops.includes(String(tokens[at].value))) {
      const op = tokens[at++].value as Extract<Expr, { kind: 'binary' }>['op'];
      left = { kind: 'binary', op, left, right: next() };
    }
    return left;
  };
  const primary = (): Expr => {
    const token = tokens[at++] ?? fail();
    if (token.type === 'str' || token.type === 'num') return { kind: 'literal', value: token.value };
    if (token.type === 'op' && token.value === '(') {
      const inner = or();
      expect(')');
      return postfix(inner);
    }
    if (token.type === 'op' && token.value === '!') return { kind: 'not', operand: unary() };
    if (token.type !== 'id') return fail();
    const word = token.value;
    if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true' };
    if (word === 'null') return { kind: 'literal', value: null };
    if (peek('(')) {
      at++;
      const args: Expr[] = [];
      if (!peek(')')) {
        args.push(or());
        while (peek(',')) {
          at++;
          args.push(or());
        }
      }
      expect(')');
      return postfix({ kind: 'call', name: word.toLowerCase(), args });
    }
    return postfix({ kind: 'path', path: word.toLowerCase() });
  };
  const postfix = (base: Expr): Expr => {
    let expr = base;
    for (;;) {
      if (peek('.')) {
        at++;
        const next = tokens[at++] ?? fail();
        const part = next.type === 'id' ? String(next.value).toLowerCase() : next.type === 'op' && next.value === '*' ? '*' : fail();
        expr = expr.kind === 'path' ? { kind: 'path', path: `${expr.path}.${part}` } : { kind: 'opaque' };
      } else if (peek('[')) {
        at++;
        const index = or();
        expect(']');
        const part = index.kind === 'literal' && typeof index.value === 'string' ? index.value.toLowerCase() : undefined;
        expr = expr.kind === 'path' && part !== undefined ? { kind: 'path', path: `${expr.path}.${part}` } : { kind: 'opaque' };
      } else {
        return expr;
      }
    }
  };
  const unary = (): Expr => (peek('!') ? (at++, { kind: 'not', operand: unary() }) : primary());
  const comparison = binary(['<', '<=', '>', '>='], unary);
  const equality = binary(['==', '!='], comparison);
  const and = binary(['&&'], equality);
  const or = binary(['||'], and);
  try {
    const expr = or();
    return at === tokens.length ? expr : { kind: 'opaque' };
  } catch {
    return { kind: 'opaque' };
  }
}

/**
 * The expression of an `if:` value: GitHub evaluates a bare `if:` as an expression, with or without `${{ }}` around
 * it; text mixing literal parts and `${{ }}` is a non-empty string, always true.
 */
export function conditionExpression(value: unknown): Expr | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean' || typeof value === 'number') return { kind: 'literal', value };
  const text = String(value).trim();
  const wrapped = /^\$\{\{([\s\S]*)\}\}$/.exec(text);
  if (wrapped && !wrapped[1].includes('}}')) return parseExpression(wrapped[1]);
  if (text.includes('${{')) return { kind: 'literal', value: true };
  return parseExpression(text);
}

const lower = (v: Value): Value => (v.kind === 'known' && typeof v.value === 'string' ? known(v.value.toLowerCase()) : v);

function truthy(v: Value): Truth {
  switch (v.kind) {
    case 'known':
      return v.value !== null && v.value !== '' && v.value !== 0 && v.value !== false && !(typeof v.value === 'number' && Number.isNaN(v.value));
    case 'prefix':
      return v.prefix !== '' ? true : undefined;
    case 'oneOf':
      return v.values.every((s) => s !== '') ? true : undefined;
    default:
      return undefined;
  }
}

const fromTruth = (t: Truth): Value => (t === undefined ? UNKNOWN : known(t));

/** Case-insensitive equality of two values, as far as they are known. */
function equals(a: Value, b: Value): Truth {
  if (a.kind === 'unknown' || b.kind === 'unknown') return undefined;
  if (a.kind !== 'known') [a, b] = [b, a];
  if (a.kind !== 'known') return undefined; // two partial values
  const s = typeof a.value === 'string' ? a.value.toLowerCase() : a.value;
  if (b.kind === 'known') {
    const t = typeof b.value === 'string' ? b.value.toLowerCase() : b.value;
    if (typeof s === typeof t || s === null || t === null) return s === t;
    return undefined; // GitHub coerces mixed types to numbers: not worth modelling
  }
  if (typeof s !== 'string') return b.kind === 'prefix' || b.kind === 'oneOf' ? false : undefined;
  if (b.kind === 'prefix') return s.startsWith(b.prefix.toLowerCase()) ? undefined : false;
  const matches = b.values.filter((v) => v.toLowerCase() === s).length;
  return matches === 0 ? false : matches === b.values.length ? true : undefined;
}

function startsWith(subject: Value, search: Value): Truth {
  if (search.kind !== 'known' || typeof search.value !== 'string') return undefined;
  const p = search.value.toLowerCase();
  if (subject.kind === 'known') return asString(subject.value).startsWith(p);
  if (subject.kind === 'prefix') {
    const q = subject.prefix.toLowerCase();
    return q.startsWith(p) ? true : p.startsWith(q) ? undefined : false;
  }
  if (subject.kind === 'oneOf') return allOrNone(subject.values.map((v) => v.toLowerCase().startsWith(p)));
  return undefined;
}

function contains(subject: Value, search: Value): Truth {
  if (search.kind !== 'known' || typeof search.value !== 'string') return undefined;
  const x = search.value.toLowerCase();
  if (subject.kind === 'known') return asString(subject.value).includes(x);
  if (subject.kind === 'prefix') {
    // The unknown rest of a ref is a branch or tag name: it does not hold another `refs/...`, and a branch ref tested
    // for a piece of `refs/tags/` (`contains(github.ref, 'tags')`) is taken as the tag test it is meant to be.
    const q = subject.prefix.toLowerCase();
    if (q.includes(x)) return true;
    if (x.startsWith('refs/')) return false;
    return q === 'refs/heads/' && x.length >= 3 && 'refs/tags/'.includes(x) ? false : undefined;
  }
  if (subject.kind === 'oneOf') return allOrNone(subject.values.map((v) => v.toLowerCase().includes(x)));
  return undefined;
}

/** GitHub's string coercion (null is '', booleans and numbers their text), lower-cased for comparison. */
const asString = (value: string | number | boolean | null): string => (value === null ? '' : String(value)).toLowerCase();

const allOrNone = (results: boolean[]): Truth => (results.every(Boolean) ? true : results.some(Boolean) ? undefined : false);

/**
 * How to read a test of the run's ref or event (`github.ref`, `github.ref_name`, `github.ref_type`,
 * `github.event_name`, `github.event.ref`) against a value computed at run time (`format('refs/tags/v{0}', ...)`,
 * `inputs.tag`, `fromJSON(...)`): `unknown` (the default) or `guard`, as a guard that keeps this run out: a
 * workflow author who compares the ref to a computed value means to select particular refs, not every branch.
 */
export interface EvalOptions {
  computedRefTests?: 'unknown' | 'guard';
}

const RUN_IDENTITY = new Set(['github.ref', 'github.ref_name', 'github.ref_type', 'github.event_name', 'github.event.ref']);

/** A comparison of the run's ref or event with an operand that is not a literal, evaluated to unknown here. */
function computedRefTest(a: Expr | undefined, b: Expr | undefined, context: EvalContext): boolean {
  if (!a || !b) return false;
  const identity = (e: Expr) => e.kind === 'path' && RUN_IDENTITY.has(e.path);
  const computed = (e: Expr) => e.kind !== 'literal' && !literalList(e) && evaluate(e, context).kind === 'unknown';
  return (identity(a) && computed(b)) || (identity(b) && computed(a));
}

/** `fromJSON('["a", "b"]')`: the strings of a literal JSON array, or undefined. */
function literalList(expr: Expr): string[] | undefined {
  if (expr.kind !== 'call' || expr.name !== 'fromjson' || expr.args.length !== 1) return undefined;
  const arg = expr.args[0];
  if (arg.kind !== 'literal' || typeof arg.value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(arg.value);
    return Array.isArray(parsed) && parsed.every((v) => typeof v === 'string') ? (parsed as string[]) : undefined;
  } catch {
    return undefined;
  }
}

export function evaluate(expr: Expr, context: EvalContext, options: EvalOptions = {}): Value {
  const result = evaluateOnce(expr, context, options);
  if (result.kind !== 'unknown' || options.computedRefTests !== 'guard') return result;
  if (expr.kind === 'binary' && (expr.op === '==' || expr.op === '!=') && computedRefTest(expr.left, expr.right, context)) return known(expr.op === '!=');
  if (expr.kind === 'call' && ['startswith', 'endswith', 'contains'].includes(expr.name) && computedRefTest(expr.args[0], expr.args[1], context)) return known(false);
  return result;
}

function evaluateOnce(expr: Expr, context: EvalContext, options: EvalOptions): Value {
  const evaluate_ = (e: Expr) => evaluate(e, context, options);
  switch (expr.kind) {
    case 'literal':
      return known(expr.value);
    case 'path':
      return context[expr.path] ?? UNKNOWN;
    case 'not':
      return fromTruth(negate(truthy(evaluate_(expr.operand))));
    case 'binary': {
      const left = evaluate_(expr.left);
      if (expr.op === '&&' || expr.op === '||') {
        const l = truthy(left);
        const short = expr.op === '&&' ? false : true;
        if (l === short) return left;
        const right = evaluate_(expr.right);
        if (l === !short) return right;
        return truthy(right) === short ? known(short) : UNKNOWN;
      }
      const right = evaluate_(expr.right);
      if (expr.op === '==') return fromTruth(equals(lower(left), lower(right)));
      if (expr.op === '!=') return fromTruth(negate(equals(lower(left), lower(right))));
      return UNKNOWN;
    }
    case 'call': {
      const args = expr.args.map(evaluate_);
      if (expr.name === 'always') return known(true);
      if (expr.name === 'startswith' && args.length === 2) return fromTruth(startsWith(args[0], args[1]));
      if (expr.name === 'contains' && args.length === 2 && expr.args[0].kind !== 'call') return fromTruth(contains(args[0], args[1]));
      const list = expr.name === 'contains' && args.length === 2 ? literalList(expr.args[0]) : undefined;
      if (list) return fromTruth(anyOf(list.map((item) => equals(known(item.toLowerCase()), lower(args[1])))));
      return UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

/** Three-valued OR. */
const anyOf = (results: Truth[]): Truth => (results.some((r) => r === true) ? true : results.every((r) => r === false) ? false : undefined);

const negate = (t: Truth): Truth => (t === undefined ? undefined : !t);

/** Whether a condition holds in a context: true, false, or undefined when it depends on more than the context says. */
export function conditionHolds(expr: Expr | undefined, context: EvalContext, options: EvalOptions = {}): Truth {
  if (!expr) return true;
  return truthy(evaluate(expr, context, options));
}

/** True when the expression calls a status function that lets a job run although a job it needs was skipped. */
export function overridesSkippedNeeds(expr: Expr | undefined): boolean {
  if (!expr) return false;
  switch (expr.kind) {
    case 'call':
      return ['always', 'failure', 'cancelled'].includes(expr.name) || expr.args.some(overridesSkippedNeeds);
    case 'not':
      return overridesSkippedNeeds(expr.operand);
    case 'binary':
      return overridesSkippedNeeds(expr.left) || overridesSkippedNeeds(expr.right);
    case 'opaque':
      return true;
    default:
      return false;
  }
}

export { known, UNKNOWN };
