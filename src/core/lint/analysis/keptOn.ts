/**
 * An answer kept on the object it is about (a parsed workflow, an action reference, a job's uploads), for as long as
 * that object lives, in a property under a symbol of its own.
 *
 * Not a WeakMap. A check builds a new parse for every keystroke, and V8's young-generation collector, which runs
 * every few checks, treats a WeakMap's values as live. The facts point back at their workflow, so every parse they
 * were kept for outlived its check and was copied into the old generation, to be freed only by a full collection:
 * that collection work cost more than a tenth of a check's time.
 */
export interface KeptOn<K extends object, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
}

export function keptOn<K extends object, V>(what: string): KeptOn<K, V> {
  const slot = Symbol(what);
  return {
    get: (key) => (key as { [slot]?: V })[slot],
    set: (key, value) => {
      (key as { [slot]?: V })[slot] = value;
    },
  };
}
