import { describe, expect, it } from 'vitest';
import { codePointToUtf16, parseBrat } from './brat.js';

describe('BRAT offsets', () => {
  it('converts code points to UTF-16 across a non-BMP character', () => {
    const text = 'a😀b said';
    const toUtf16 = codePointToUtf16(text);
    // code points: a=0, 😀=1, b=2, space=3 … ; UTF-16: a=0, 😀=1..2, b=3
    expect([toUtf16(0), toUtf16(1), toUtf16(2), toUtf16(3)]).toEqual([0, 1, 3, 4]);
    const doc = parseBrat('T1\tSource 2 3\tb\nT2\tCue 4 8\tsaid\nE1\tAttribution:T3 Cue:T2 Source:T1', text);
    const source = doc.spans.get('T1')!;
    expect(text.slice(source.extent.start, source.extent.end)).toBe('b');
    expect(text.slice(doc.spans.get('T2')!.extent.start, doc.spans.get('T2')!.extent.end)).toBe('said');
    expect(doc.relations[0]).toMatchObject({ type: 'Attribution', args: { Cue: 'T2', Source: 'T1' } });
  });

  it('reads discontinuous spans and skips malformed lines', () => {
    const text = 'The plan, he said, is dead.';
    const doc = parseBrat('T1\tContent 0 8;18 26\tThe plan is dead\nbroken line\nT2\tCue 12 16\tsaid', text);
    expect(doc.spans.get('T1')!.fragments).toEqual([{ start: 0, end: 8 }, { start: 18, end: 26 }]);
    expect(doc.spans.get('T1')!.extent).toEqual({ start: 0, end: 26 });
    expect(doc.spans.size).toBe(2);
  });
});
