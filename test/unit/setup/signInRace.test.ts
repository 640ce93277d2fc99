import * as assert from 'node:assert/strict';
import { Cancellation, raceSignIn, SIGN_IN_TIMEOUT_MS, type Timers } from '../../../src/core/setup/signInRace';

/** Timers that fire only when the test says so. */
function manualTimers() {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (callback, ms) => {
      pending.set(next, { callback, ms });
      return next++;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  return { timers, pending, fire: () => [...pending.values()].forEach((t) => t.callback()) };
}

/** A sign-in that answers only when told (as VS Code's prompt does when the user finally clicks). */
function pendingAnswer<T>() {
  let answer!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (answer = resolve));
  return { promise, answer };
}

describe('GitHub sign-in race', () => {
  it('the answer wins when it comes first, and the timer is cleared', async () => {
    const { timers, pending } = manualTimers();
    const outcome = await raceSignIn(Promise.resolve('client'), { cancellation: new Cancellation(), timers });
    assert.deepEqual(outcome, { kind: 'answer', value: 'client' });
    assert.equal(pending.size, 0);
  });

  it('Cancel stops the wait; an answer that comes later is ignored', async () => {
    const { timers, pending } = manualTimers();
    const sign = pendingAnswer<string>();
    const cancellation = new Cancellation();
    const race = raceSignIn(sign.promise, { cancellation, timers });
    cancellation.cancel();
    cancellation.cancel(); // a second click does nothing more
    assert.deepEqual(await race, { kind: 'cancelled' });
    sign.answer('late client');
    assert.deepEqual(await race, { kind: 'cancelled' }, 'still cancelled');
    assert.equal(pending.size, 0, 'no timer left running');
  });

  it('gives up after the time limit (2 minutes by default)', async () => {
    const { timers, pending, fire } = manualTimers();
    const race = raceSignIn(new Promise<string>(() => undefined), { cancellation: new Cancellation(), timers });
    assert.deepEqual([...pending.values()].map((t) => t.ms), [SIGN_IN_TIMEOUT_MS]);
    assert.equal(SIGN_IN_TIMEOUT_MS, 120_000);
    fire();
    assert.deepEqual(await race, { kind: 'timeout' });
  });

  it('a failed sign-in is the caller\'s to handle', async () => {
    const { timers } = manualTimers();
    await assert.rejects(raceSignIn(Promise.reject(new Error('declined')), { cancellation: new Cancellation(), timers }), /declined/);
  });
});
