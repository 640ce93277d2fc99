import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Span } from '../engine/types';

/** A key/value pair of a map whose key is a plain string, as rules look things up. */
export type MapPair = Pair<Scalar, Node | null>;

/** The pair of `map` with string key `key`, if any. */
export function pairOf(map: unknown, key: string): MapPair | undefined {
  if (!isMap(map)) return undefined;
  for (const item of map.items) {
    if (!isPair(item) || !isScalar(item.key)) continue;
    const name = item.key.value;
    // Keys are strings but for `on:`-like YAML 1.1 words and numbers: compare those as written.
    if (name === key || (typeof name !== 'string' && String(name) === key)) return item as MapPair;
  }
  return undefined;
}

export function valueOf(map: unknown, key: string): Node | null | undefined {
  return pairOf(map, key)?.value;
}

/** Every pair of a map with a scalar key, in order. */
export function pairsOf(map: unknown): MapPair[] {
  if (!isMap(map)) return [];
  return map.items.filter((item): item is MapPair => isPair(item) && isScalar(item.key));
}

/** The string of a scalar (numbers and booleans as written by YAML's reading), else undefined. */
export function stringOf(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

export function itemsOf(node: unknown): Node[] {
  if (isSeq(node)) return (node as YAMLSeq<Node>).items;
  return [];
}

/** The strings of a scalar or a sequence of scalars (`needs: build` and `needs: [a, b]` alike). */
export function stringsOf(node: unknown): string[] {
  if (isScalar(node)) return stringOf(node) === undefined ? [] : [stringOf(node)!];
  return itemsOf(node).map(stringOf).filter((s): s is string => s !== undefined);
}

/** The span to underline for a node: its value, without trailing comments or blank lines. */
export function spanOf(node: Node | null | undefined, fallback?: Span): Span {
  const range = node?.range;
  if (range) return { start: range[0], end: range[1] };
  return fallback ?? { start: 0, end: 0 };
}

/** The span of a pair's key: where a finding about "this key" is shown. */
export function keySpan(pair: MapPair): Span {
  return spanOf(pair.key);
}

/** From the key's start to the value's end: the whole `key: value`. */
export function pairSpan(pair: MapPair): Span {
  const start = pair.key.range?.[0] ?? 0;
  const end = pair.value?.range?.[1] ?? pair.key.range?.[1] ?? start;
  return { start, end };
}

export const isBlockMap = (node: unknown): node is YAMLMap => isMap(node) && !node.flow;
