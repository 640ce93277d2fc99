/**
 * `items.flatMap(fn)` for a callback that returns an array, as a plain loop; it also takes a Map's `values()`
 * without copying them into an array first. V8's flatMap costs about a microsecond a call however short the array
 * (it looks for a species constructor and flattens generically, ~8x a loop on a job's few steps), and the analysis
 * calls it for every job and step of every check.
 */
export function flatMapped<T, U>(items: Iterable<T>, fn: (item: T) => readonly U[]): U[] {
  const out: U[] = [];
  for (const item of items) {
    const mapped = fn(item);
    for (let i = 0; i < mapped.length; i++) out.push(mapped[i]);
  }
  return out;
}
