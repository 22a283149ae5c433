/**
 * Scoring of propaganda-technique findings as SemEval-2020 Task 11 defines it (PTC v2, ORIGINAL-README.md).
 *
 * - SI (span identification): technique ignored, predicted and gold spans each merged where they overlap;
 *   every pair (s, t) of a predicted and a gold span earns |s ∩ t| / |s| towards precision and
 *   |s ∩ t| / |t| towards recall; P divides by the number of predicted spans, R by the number of gold
 *   spans, summed over all documents (the official partial-overlap measure).
 * - TC (technique classification): given the gold spans, one label is predicted per gold span. A span
 *   annotated with k techniques gets the k best distinct labels, and scores the size of the multiset
 *   intersection, so P = R = micro-F1; per-technique F1 from the per-label counts.
 *
 * Labels files are `id<TAB>technique<TAB>start<TAB>end` (or `id<TAB>start<TAB>end`, technique `?`), in
 * Unicode code points as the corpus counts them; `toUtf16` converts them to the document model's offsets.
 */
import type { Span } from '../model/types.js';
import { codePointToUtf16 } from './brat.js';

export interface LabelledSpan extends Span {
  article: string;
  /** The PTC label, or `?` when the file gives none. */
  technique: string;
}

/** Parses a PTC labels file. Throws an Error naming the first malformed line. */
export function parseTechniqueLabels(tsv: string): LabelledSpan[] {
  const out: LabelledSpan[] = [];
  tsv.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const cols = line.split('\t');
    const [article, technique, a, b] = cols.length === 3 ? [cols[0], '?', cols[1], cols[2]] : cols;
    const start = Number(a);
    const end = Number(b);
    if ((cols.length !== 3 && cols.length !== 4) || !article || !technique || !/^\d+$/.test(a ?? '') || !/^\d+$/.test(b ?? '') || end < start) {
      const shown = line.length > 60 ? `${line.slice(0, 60)}…` : line;
      throw new Error(`line ${i + 1} is not "id<TAB>technique<TAB>start<TAB>end": ${JSON.stringify(shown)}`);
    }
    out.push({ article, technique, start, end });
  });
  return out;
}

/** Converts code-point offsets to UTF-16 offsets of `text`. */
export function toUtf16<T extends Span>(spans: readonly T[], text: string): T[] {
  const map = codePointToUtf16(text);
  return spans.map((s) => ({ ...s, start: map(s.start), end: map(s.end) }));
}

/** Spans merged where they overlap (sharing at least one character), sorted. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).map((s) => ({ start: s.start, end: s.end })).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push(s);
  }
  return out;
}

export interface PRF {
  p: number;
  r: number;
  f1: number;
}

export interface TechniqueScores {
  si: PRF;
  tc: { microF1: number; perTechnique: Record<string, PRF & { gold: number; predicted: number }> } | null;
  documents: number;
}

const f1 = (p: number, r: number): number => (p + r > 0 ? (2 * p * r) / (p + r) : 0);
const round = (x: number): number => Math.round(x * 10000) / 10000;

/** Accumulates SI and TC over documents. */
export class TechniqueScorer {
  private precision = 0;
  private predicted = 0;
  private recall = 0;
  private gold = 0;
  private tcCorrect = 0;
  private tcTotal = 0;
  private perLabel = new Map<string, { tp: number; predicted: number; gold: number }>();
  documents = 0;

  /** SI for one document: predicted and gold spans (any offsets, as long as both use the same). */
  addSpans(predicted: readonly Span[], gold: readonly Span[]): void {
    this.documents++;
    const s = mergeSpans(predicted);
    const t = mergeSpans(gold);
    this.predicted += s.length;
    this.gold += t.length;
    // Both lists are sorted and non-overlapping: walk them together.
    let j = 0;
    for (const p of s) {
      while (j < t.length && t[j]!.end <= p.start) j++;
      for (let k = j; k < t.length && t[k]!.start < p.end; k++) {
        const g = t[k]!;
        const shared = Math.min(p.end, g.end) - Math.max(p.start, g.start);
        if (shared <= 0) continue;
        this.precision += shared / (p.end - p.start);
        this.recall += shared / (g.end - g.start);
      }
    }
  }

  /**
   * TC for one document: the gold spans with their techniques, and for each gold span the predictor's
   * labels ranked best first (only as many as the span has gold labels are used).
   */
  addLabels(gold: readonly LabelledSpan[], ranked: (span: Span) => readonly string[]): void {
    const groups = new Map<string, LabelledSpan[]>();
    for (const g of gold) {
      const key = `${g.start}:${g.end}`;
      const list = groups.get(key);
      if (list) list.push(g);
      else groups.set(key, [g]);
    }
    const count = (label: string) => {
      let c = this.perLabel.get(label);
      if (!c) this.perLabel.set(label, (c = { tp: 0, predicted: 0, gold: 0 }));
      return c;
    };
    for (const list of groups.values()) {
      const want = list.map((g) => g.technique);
      const got = [...new Set(ranked(list[0]!))].slice(0, want.length);
      const left = [...want];
      for (const w of want) count(w).gold++;
      for (const label of got) {
        count(label).predicted++;
        const k = left.indexOf(label);
        if (k >= 0) {
          left.splice(k, 1);
          count(label).tp++;
          this.tcCorrect++;
        }
      }
      this.tcTotal += want.length;
    }
  }

  result(withTc: boolean): TechniqueScores {
    const p = this.predicted ? this.precision / this.predicted : 0;
    const r = this.gold ? this.recall / this.gold : 0;
    const perTechnique: Record<string, PRF & { gold: number; predicted: number }> = {};
    for (const [label, c] of [...this.perLabel].sort((a, b) => b[1].gold - a[1].gold || (a[0] < b[0] ? -1 : 1))) {
      const lp = c.predicted ? c.tp / c.predicted : 0;
      const lr = c.gold ? c.tp / c.gold : 0;
      perTechnique[label] = { p: round(lp), r: round(lr), f1: round(f1(lp, lr)), gold: c.gold, predicted: c.predicted };
    }
    return {
      si: { p: round(p), r: round(r), f1: round(f1(p, r)) },
      tc: withTc ? { microF1: round(this.tcTotal ? this.tcCorrect / this.tcTotal : 0), perTechnique } : null,
      documents: this.documents,
    };
  }
}
