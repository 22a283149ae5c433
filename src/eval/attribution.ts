/**
 * Scores attribution relations against BRAT annotation (PolNeAR): P/R/F1 for cue, source and content
 * spans and for whole relations, under exact and overlap matching. Pure: the CLI reads the files.
 */
import type { Analysis, Span } from '../model/types.js';
import { parseBrat } from './brat.js';
import { Counts, matchCounts, overlaps, sameSpan, type PRF } from './score.js';

export interface Relation {
  source: Span | null;
  cue: Span;
  content: Span;
}

export interface AttributionScores {
  cue: { exact: PRF; overlap: PRF };
  source: { exact: PRF; overlap: PRF };
  content: { exact: PRF; overlap: PRF };
  relation: { exact: PRF; overlap: PRF };
  documents: number;
}

/** Gold relations of one document: every Attribution event with its Cue, Content and (optional) Source. */
export function goldRelations(ann: string, text: string): Relation[] {
  const doc = parseBrat(ann, text);
  const out: Relation[] = [];
  for (const rel of doc.relations) {
    if (!rel.type.startsWith('Attribution')) continue;
    const cue = rel.args.Cue ? doc.spans.get(rel.args.Cue) : undefined;
    const content = rel.args.Content ? doc.spans.get(rel.args.Content) : undefined;
    if (!cue || !content) continue;
    const source = rel.args.Source ? doc.spans.get(rel.args.Source) : undefined;
    out.push({ source: source?.extent ?? null, cue: cue.extent, content: content.extent });
  }
  return out;
}

/** Predicted relations from an analysis; relations sharing one content (quoting) count once per role. */
export function predictedRelations(analysis: Analysis): Relation[] {
  return analysis.attributions.map((a) => ({ source: a.sourceSpan, cue: a.cue, content: a.content }));
}

function uniqueSpans(spans: Array<Span | null>): Span[] {
  const seen = new Set<string>();
  const out: Span[] = [];
  for (const s of spans) {
    if (!s) continue;
    const key = `${s.start}:${s.end}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(s);
    }
  }
  return out;
}

export class AttributionScorer {
  private readonly counts = {
    cue: { exact: new Counts(), overlap: new Counts() },
    source: { exact: new Counts(), overlap: new Counts() },
    content: { exact: new Counts(), overlap: new Counts() },
    relation: { exact: new Counts(), overlap: new Counts() },
  };
  private documents = 0;

  add(predicted: readonly Relation[], gold: readonly Relation[]): void {
    this.documents++;
    for (const role of ['cue', 'source', 'content'] as const) {
      const p = uniqueSpans(predicted.map((r) => r[role]));
      const g = uniqueSpans(gold.map((r) => r[role]));
      this.counts[role].exact.add(matchCounts(p, g, sameSpan, true));
      this.counts[role].overlap.add(matchCounts(p, g, overlaps, false));
    }
    const relMatch = (same: (a: Span, b: Span) => boolean) => (p: Relation, g: Relation) =>
      same(p.cue, g.cue) && same(p.content, g.content) && (p.source && g.source ? same(p.source, g.source) : p.source === g.source);
    this.counts.relation.exact.add(matchCounts(predicted, gold, relMatch(sameSpan), true));
    this.counts.relation.overlap.add(matchCounts(predicted, gold, relMatch(overlaps), false));
  }

  result(): AttributionScores {
    const both = (c: { exact: Counts; overlap: Counts }) => ({ exact: c.exact.prf(), overlap: c.overlap.prf() });
    return {
      cue: both(this.counts.cue),
      source: both(this.counts.source),
      content: both(this.counts.content),
      relation: both(this.counts.relation),
      documents: this.documents,
    };
  }
}
