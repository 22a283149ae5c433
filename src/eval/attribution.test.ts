import { describe, expect, it } from 'vitest';
import { AttributionScorer, goldRelations } from './attribution.js';

describe('attribution scoring', () => {
  const text = 'The mayor said that taxes would rise. Police said nothing.';
  const ann = [
    'T1\tSource 0 9\tThe mayor',
    'T2\tCue 10 14\tsaid',
    'T3\tContent 15 36\tthat taxes would rise',
    'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1',
  ].join('\n');

  it('reads gold relations from BRAT', () => {
    expect(goldRelations(ann, text)).toEqual([{ source: { start: 0, end: 9 }, cue: { start: 10, end: 14 }, content: { start: 15, end: 36 } }]);
  });

  it('scores exact and overlap matches separately', () => {
    const scorer = new AttributionScorer();
    scorer.add(
      [
        { source: { start: 4, end: 9 }, cue: { start: 10, end: 14 }, content: { start: 15, end: 37 } }, // source and content off by a little
        { source: { start: 38, end: 44 }, cue: { start: 45, end: 49 }, content: { start: 50, end: 57 } }, // spurious
      ],
      goldRelations(ann, text),
    );
    const s = scorer.result();
    expect(s.cue.exact).toEqual({ p: 0.5, r: 1, f1: 0.6667 });
    expect(s.source.exact).toEqual({ p: 0, r: 0, f1: 0 });
    expect(s.source.overlap).toEqual({ p: 0.5, r: 1, f1: 0.6667 });
    expect(s.content.overlap.r).toBe(1);
    expect(s.relation.exact.f1).toBe(0);
    expect(s.relation.overlap).toEqual({ p: 0.5, r: 1, f1: 0.6667 });
    expect(s.documents).toBe(1);
  });
});
