/**
 * Scores a hedge (uncertainty cue) detector against sentences with gold cue spans, such as the Szeged
 * uncertainty corpus. Two measures:
 * - cue level: P/R/F1 of cue spans, exact (one to one, same start and end) and overlap (Citron-style:
 *   a prediction counts if it overlaps some gold cue, a gold cue if some prediction overlaps it);
 * - sentence level, the CoNLL-2010 Task 1 measure: a sentence is uncertain when it has at least one cue;
 *   P/R/F1 of the uncertain class.
 * Pure: the CLI reads the file.
 */
import type { Span } from '../model/types.js';
import { Counts, matchCounts, overlaps, sameSpan, type PRF } from './score.js';

/** Finds hedge cues in one sentence's text; spans are UTF-16 offsets into that text. */
export type HedgeDetector = (text: string) => Span[];

export interface HedgeScores {
  cue: PRF & { overlap: PRF };
  sentence: PRF;
  /** Sentences scored, and how many of them are uncertain in the gold annotation. */
  sentences: number;
  uncertain: number;
  /** Gold and predicted cue spans. */
  goldCues: number;
  predictedCues: number;
}

function unique(spans: readonly Span[]): Span[] {
  const seen = new Set<string>();
  return spans.filter((s) => {
    const key = `${s.start}:${s.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export class HedgeScorer {
  private readonly exact = new Counts();
  private readonly overlap = new Counts();
  private readonly sentence = new Counts();
  private sentences = 0;

  /** Adds one sentence: the detector's cue spans and the gold ones. */
  add(predicted: readonly Span[], gold: readonly Span[]): void {
    const p = unique(predicted);
    const g = unique(gold);
    this.sentences++;
    this.exact.add(matchCounts(p, g, sameSpan, true));
    this.overlap.add(matchCounts(p, g, overlaps, false));
    const both = p.length > 0 && g.length > 0 ? 1 : 0;
    this.sentence.add({ tpPredicted: both, predicted: p.length > 0 ? 1 : 0, tpGold: both, gold: g.length > 0 ? 1 : 0 });
  }

  result(): HedgeScores {
    return {
      cue: { ...this.exact.prf(), overlap: this.overlap.prf() },
      sentence: this.sentence.prf(),
      sentences: this.sentences,
      uncertain: this.sentence.gold,
      goldCues: this.exact.gold,
      predictedCues: this.exact.predicted,
    };
  }
}

/** Runs `detect` on every sentence's text and scores it against the sentence's gold cues. */
export function evalHedges(sentences: Iterable<{ text: string; cues: readonly Span[] }>, detect: HedgeDetector): HedgeScores {
  const scorer = new HedgeScorer();
  for (const s of sentences) scorer.add(detect(s.text), s.cues);
  return scorer.result();
}
