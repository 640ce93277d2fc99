import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkSample, corpusSamples, MUTATIONS, toCrlf, type Sample } from './fixProperties';

/**
 * Property tests of every quick fix, "Ignore <rule> on this line" and "Fix all" (see fixProperties.ts): on each
 * workflow of the corpus, the real workflows and the rule fixtures, LF and CRLF, and on variants generated from them
 * by fast-check. `npm run fuzz` runs many more generated cases (FUZZ_RUNS, FUZZ_SEED).
 */
const samples = corpusSamples();
const names = Object.keys(MUTATIONS);
const runs = Number(process.env.FUZZ_RUNS ?? 800);
const seed = Number(process.env.FUZZ_SEED ?? 20261202);

function report(violations: ReturnType<typeof checkSample>): string {
  return violations.map((v) => `${v.sample}: ${v.what}`).join('\n\n');
}

describe('quick fixes: properties', function () {
  this.timeout(0);
  const stats = { fixes: 0, ignores: 0, variants: 0 };
  after(() => console.log(`      (${stats.fixes} quick fixes and ${stats.ignores} ignore comments checked; ${stats.variants} variants generated)`));

  it('hold on every workflow as written, LF and CRLF', () => {
    const violations = samples.flatMap((s) => [...checkSample(s, stats), ...checkSample({ ...s, name: `${s.name} (CRLF)`, text: toCrlf(s.text) }, stats)]);
    assert.equal(report(violations), '');
  });

  it(`hold on ${runs} generated variants (seed ${seed})`, () => {
    const variant = fc.record({
      base: fc.nat({ max: samples.length - 1 }),
      steps: fc.array(fc.tuple(fc.constantFrom(...names), fc.nat({ max: 1000 })), { minLength: 1, maxLength: 3 }),
      crlf: fc.boolean(),
    });
    fc.assert(
      fc.property(variant, ({ base, steps, crlf }) => {
        const sample: Sample = { ...samples[base] };
        let text = sample.text;
        const applied: string[] = [];
        for (const [name, choice] of steps) {
          const next = MUTATIONS[name](text, choice);
          if (next !== undefined && next !== text) {
            text = next;
            applied.push(`${name}(${choice})`);
          }
        }
        if (crlf) text = toCrlf(text);
        stats.variants++;
        const violations = checkSample({ ...sample, name: `${sample.name} + ${applied.join(' + ') || 'nothing'}${crlf ? ' (CRLF)' : ''}`, text }, stats);
        if (violations.length > 0) throw new Error(`${report(violations)}\n--- text:\n${text}`);
      }),
      { seed, numRuns: runs, endOnFailure: true },
    );
  });
});
