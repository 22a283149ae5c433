/**
 * Cost on hostile input: every shape of bench/shapes.ts, and shapes fast-check makes up, analysed at n and
 * 4n characters. Linear cost takes about 4x the time, up to 6x on a shared machine whose garbage collector
 * works harder on the larger heap (html-comments, measured: 2.6x to 6.5x over five runs, 8.15x once in CI);
 * the bound is 10x, so a step that grows with the square of its input (16x) fails while that noise does not. Time is the process's CPU time
 * (the test files run in processes of their own), the least of three runs. The invariants are checked on every
 * analysis. `npm run fuzz` runs the same generators at scale.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/pipeline.js';
import { SHAPES } from '../src/bench/shapes.js';
import { checkInvariants } from './support/invariants.js';
import { hostileText, repeatTo, unit } from './support/adversarial.js';
import type { Analysis, InputFormat } from '../src/model/types.js';

const N = 12_000;
const MAX_RATIO = 10;

function cpuSeconds(text: string, format: InputFormat): number {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const before = process.cpuUsage();
    analyze(text, { format, budgetSeconds: Infinity });
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1e6);
  }
  return best;
}

/**
 * CPU time at 4n over n, after a first run at each size that compiles the code paths the shape takes and
 * grows the heap; a floor of 30 ms at n keeps a tiny analysis from making a ratio of noise.
 */
function growth(make: (n: number) => string, format: InputFormat, check?: (text: string, a: Analysis) => void): number {
  analyze(make(N), { format, budgetSeconds: Infinity });
  const large = make(4 * N);
  // The warm-up at 4n is the analysis whose invariants are checked, tokens and parse included.
  const warm = analyze(large, { format, budgetSeconds: Infinity, tokens: true });
  check?.(large, warm);
  const atN = cpuSeconds(make(N), format);
  return cpuSeconds(large, format) / Math.max(0.03, atN);
}

analyze('Warm up. He said so.', { format: 'text' });

describe('cost grows linearly with the input', () => {
  it.each(SHAPES.map((s) => [s.name, s] as const))('%s', (_name, shape) => {
    const ratio = growth(shape.make, shape.format, (text, a) => expect(checkInvariants(text, a)).toEqual([]));
    expect(ratio).toBeLessThan(MAX_RATIO);
  });

  it('on units fast-check makes up', () => {
    fc.assert(
      fc.property(unit, (u) => {
        const ratio = growth((n) => repeatTo(u, n), 'text');
        return ratio < MAX_RATIO;
      }),
      { numRuns: 8, seed: 20261206 },
    );
  });
});

describe('invariants hold on hostile text', () => {
  it('keeps spans in bounds and the text unaltered, whatever the text', () => {
    fc.assert(
      fc.property(hostileText(3000), (text) => {
        expect(checkInvariants(text, analyze(text, { format: 'text', tokens: true }))).toEqual([]);
      }),
      { numRuns: 60, seed: 20261206 },
    );
  });
});
