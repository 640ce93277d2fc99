/**
 * Long jobs in the editor run in turns. The extension host runs every extension on one thread: a job that checks
 * every workflow of a workspace in one go holds up typing feedback, hovers and other extensions until it is done.
 * Done one item per turn, with the event loop free in between, no single turn is longer than one item's work.
 */

/** Resolves after the event loop has had a turn: pending I/O, timers and other extensions' work run first. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * `work` on each item in order, one item per turn (`turn` runs between two items). Results in the order of `items`.
 * A job that has more than one step per item can take `turn` to give the loop a turn between its steps too.
 */
export async function inTurns<T, R>(
  items: readonly T[],
  work: (item: T, turn: () => Promise<void>) => R | Promise<R>,
  turn: () => Promise<void> = nextTurn,
): Promise<R[]> {
  const results: R[] = [];
  for (const [index, item] of items.entries()) {
    if (index > 0) await turn();
    results.push(await work(item, turn));
  }
  return results;
}
