import { describe, expect, it } from 'vitest';
import type { Span } from '../model/types.js';
import { evalHedges, HedgeScorer } from './hedges.js';

const span = (text: string, part: string, from = 0): Span => {
  const start = text.indexOf(part, from);
  if (start < 0) throw new Error(`"${part}" not in "${text}"`);
  return { start, end: start + part.length };
};

// Five sentences, each with its gold cues and what a detector found.
const cases: Array<{ text: string; gold: string[]; predicted: string[] }> = [
  { text: 'It may rain.', gold: ['may'], predicted: ['may'] }, // exact hit
  { text: 'He is said to be rich.', gold: ['said'], predicted: ['is said to'] }, // overlap only
  { text: 'Nothing here.', gold: [], predicted: ['Nothing'] }, // false alarm: a certain sentence called uncertain
  { text: 'If so, perhaps.', gold: ['If', 'perhaps'], predicted: [] }, // missed: an uncertain sentence called certain
  { text: 'Plain.', gold: [], predicted: [] }, // certain, and left alone
];
const sentences = cases.map((c) => ({ text: c.text, cues: c.gold.map((g) => span(c.text, g)) }));
const detector = (text: string): Span[] => cases.find((c) => c.text === text)!.predicted.map((p) => span(text, p));

describe('hedge scores', () => {
  const scores = evalHedges(sentences, detector);

  it('counts sentences, gold and predicted cues', () => {
    expect(scores).toMatchObject({ sentences: 5, uncertain: 3, goldCues: 4, predictedCues: 3 });
  });

  it('cue level, exact: 1 of 3 predictions right, 1 of 4 gold cues found', () => {
    // P = 1/3, R = 1/4, F1 = 2PR / (P + R) = (1/6) / (7/12) = 2/7
    expect(scores.cue).toMatchObject({ p: 0.3333, r: 0.25, f1: 0.2857 });
  });

  it('cue level, overlap: "is said to" overlaps "said"', () => {
    // P = 2/3, R = 2/4, F1 = (2/3) / (7/6) = 4/7
    expect(scores.cue.overlap).toEqual({ p: 0.6667, r: 0.5, f1: 0.5714 });
  });

  it('sentence level (CoNLL-2010 Task 1): 2 of 3 called uncertain are, 2 of 3 uncertain are found', () => {
    expect(scores.sentence).toEqual({ p: 0.6667, r: 0.6667, f1: 0.6667 });
  });

  it('counts a span predicted twice once, and a sentence with two hits once', () => {
    const s = new HedgeScorer();
    const text = 'It may or might be.';
    s.add([span(text, 'may'), span(text, 'may'), span(text, 'might')], [span(text, 'may'), span(text, 'might')]);
    expect(s.result()).toMatchObject({
      cue: { p: 1, r: 1, f1: 1 },
      sentence: { p: 1, r: 1, f1: 1 },
      predictedCues: 2,
      goldCues: 2,
    });
  });

  it('gives zeros, not NaN, with nothing to score', () => {
    expect(evalHedges([], () => [])).toEqual({
      cue: { p: 0, r: 0, f1: 0, overlap: { p: 0, r: 0, f1: 0 } },
      sentence: { p: 0, r: 0, f1: 0 },
      sentences: 0,
      uncertain: 0,
      goldCues: 0,
      predictedCues: 0,
    });
  });
});
