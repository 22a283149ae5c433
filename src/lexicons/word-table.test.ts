import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hashFeature } from '../annotate/tagger/perceptron.js';
import { WordTable } from './word-table.js';

describe('WordTable', () => {
  const table = new WordTable([
    ['lie', 3],
    ['lies', -2],
    ['lie', 9],
    ['élite', 7],
  ]);

  it.each([
    ['lie', 3],
    ['lies', -2],
    ['élite', 7],
    ['Lie', 0],
    ['li', 0],
    ['', 0],
    ['__proto__', 0],
  ])('looks up %j as %d (a repeated word keeps its first value)', (word, value) => {
    expect(table.get(word, hashFeature(word))).toBe(value);
  });

  it('counts distinct words, and refuses a zero value', () => {
    expect(table.size).toBe(3);
    expect(() => new WordTable([['x', 0]])).toThrow(/non-zero integers, got 0 for "x"/);
  });

  it('agrees with a Map on any words (probing past filled slots)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.integer({ min: 1, max: 1000 })), { maxLength: 200 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 50 }), (entries, probes) => {
        const map = new Map<string, number>();
        for (const [w, v] of entries) if (!map.has(w)) map.set(w, v);
        const t = new WordTable(entries);
        for (const w of [...map.keys(), ...probes]) expect(t.get(w, hashFeature(w))).toBe(map.get(w) ?? 0);
        expect(t.size).toBe(map.size);
      }),
    );
  });
});
