/**
 * The index of the last entry of an ascending list that is at most `value` (0 when none is), searched by halves:
 * the line (or piece) an offset falls in, given where each one starts.
 */
export function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (sorted[middle] <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}
