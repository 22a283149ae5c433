import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeSpans, parseTechniqueLabels, TechniqueScorer, toUtf16, type LabelledSpan } from './techniques.js';
import type { Span } from '../model/types.js';

const sp = (start: number, end: number): Span => ({ start, end });

describe('SI: the official partial-overlap measure on merged spans', () => {
  // [name, documents as [predicted, gold], expected P, R]
  const cases: Array<[string, Array<[Span[], Span[]]>, number, number]> = [
    ['exact match', [[[sp(0, 10)], [sp(0, 10)]]], 1, 1],
    ['half overlap', [[[sp(0, 10)], [sp(5, 15)]]], 0.5, 0.5],
    ['one hit, one miss', [[[sp(0, 10), sp(20, 30)], [sp(0, 10)]]], 0.5, 1],
    ['one prediction covering two gold spans', [[[sp(0, 20)], [sp(0, 5), sp(10, 15)]]], 0.5, 1],
    ['overlapping gold spans are merged first', [[[sp(0, 15)], [sp(0, 10), sp(5, 15)]]], 1, 1],
    ['overlapping predictions are merged first', [[[sp(0, 6), sp(4, 10)], [sp(0, 10)]]], 1, 1],
    ['touching spans are not merged', [[[sp(0, 5), sp(5, 10)], [sp(0, 10)]]], 1, 1],
    ['no prediction', [[[], [sp(0, 4)]]], 0, 0],
    ['no gold', [[[sp(0, 4)], []]], 0, 0],
    ['two documents add up', [[[sp(0, 10)], [sp(0, 10)]], [[], [sp(0, 4)]]], 1, 0.5],
    ['prediction inside a gold span', [[[sp(2, 4)], [sp(0, 8)]]], 1, 0.25],
  ];
  it.each(cases)('%s', (_name, docs, p, r) => {
    const scorer = new TechniqueScorer();
    for (const [pred, gold] of docs) scorer.addSpans(pred, gold);
    const { si, tc, documents } = scorer.result(false);
    expect(si.p).toBeCloseTo(p, 4);
    expect(si.r).toBeCloseTo(r, 4);
    expect(si.f1).toBeCloseTo(p + r ? (2 * p * r) / (p + r) : 0, 3);
    expect(tc).toBeNull();
    expect(documents).toBe(docs.length);
  });

  it('P and R stay in [0, 1] and a perfect prediction scores 1', () => {
    const spans = fc.array(fc.tuple(fc.nat(200), fc.integer({ min: 1, max: 40 })).map(([s, n]) => sp(s, s + n)), { maxLength: 12 });
    fc.assert(
      fc.property(spans, spans, (pred, gold) => {
        const s = new TechniqueScorer();
        s.addSpans(pred, gold);
        const { si } = s.result(false);
        expect(si.p).toBeGreaterThanOrEqual(0);
        expect(si.p).toBeLessThanOrEqual(1);
        expect(si.r).toBeLessThanOrEqual(1);
        const same = new TechniqueScorer();
        same.addSpans(gold, gold);
        if (gold.length) expect(same.result(false).si.f1).toBe(1);
      }),
    );
  });

  it('merges overlapping spans into sorted disjoint ones', () => {
    expect(mergeSpans([sp(5, 8), sp(0, 3), sp(2, 4), sp(8, 9), sp(7, 7)])).toEqual([sp(0, 4), sp(5, 8), sp(8, 9)]);
  });
});

describe('TC: micro-F1 over gold spans', () => {
  const g = (start: number, end: number, technique: string): LabelledSpan => ({ article: '1', technique, start, end });
  it('a span with two gold techniques gets the two best distinct labels', () => {
    const scorer = new TechniqueScorer();
    const ranked = (s: Span) => (s.start === 0 ? ['Y', 'Y', 'Z', 'X'] : ['X', 'Y']);
    scorer.addLabels([g(0, 5, 'X'), g(0, 5, 'Y'), g(10, 12, 'X')], ranked);
    const tc = scorer.result(true).tc!;
    expect(tc.microF1).toBeCloseTo(2 / 3, 4);
    expect(tc.perTechnique.X).toMatchObject({ gold: 2, predicted: 1, p: 1, r: 0.5 });
    expect(tc.perTechnique.X!.f1).toBeCloseTo(2 / 3, 4);
    expect(tc.perTechnique.Y).toMatchObject({ gold: 1, predicted: 1, f1: 1 });
    expect(tc.perTechnique.Z).toMatchObject({ gold: 0, predicted: 1, f1: 0 });
  });
});

describe('labels files', () => {
  const cases: Array<[string, LabelledSpan[] | RegExp]> = [
    ['1\tLoaded_Language\t3\t9\n', [{ article: '1', technique: 'Loaded_Language', start: 3, end: 9 }]],
    ['1\t3\t9\r\n\n2\t0\t1', [{ article: '1', technique: '?', start: 3, end: 9 }, { article: '2', technique: '?', start: 0, end: 1 }]],
    ['1\tDoubt\t9\t3\n', /^line 1 /],
    ['1\tDoubt\t3\t4\n1\tDoubt\tx\t4', /^line 2 /],
    ['just text', /^line 1 /],
  ];
  it.each(cases)('%j', (input, expected) => {
    if (expected instanceof RegExp) expect(() => parseTechniqueLabels(input)).toThrow(expected);
    else expect(parseTechniqueLabels(input)).toEqual(expected);
  });

  it('converts code-point offsets to UTF-16 past characters outside the BMP', () => {
    const text = '🇺🇸 flag waving';
    const [span] = toUtf16([{ article: '1', technique: 'Flag-Waving', start: 3, end: 7 }], text);
    expect(text.slice(span!.start, span!.end)).toBe('flag');
  });
});
