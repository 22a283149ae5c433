/**
 * Check-worthiness scored as CLEF-2019 CheckThat! Task 1 scores it: each file one document (a debate, a
 * speech) in `line<TAB>speaker<TAB>sentence<TAB>label` rows, its lines ranked on their own; average precision
 * per document and its mean over documents (MAP, the official measure), R-precision and precision at 5, 10, 20.
 *
 * A document is analysed as claimtrace analyses an article: its lines joined as paragraphs, so that each
 * line's claims, sources, hedges and actors are found in context; each line is then one unit to score.
 */
import type { Analysis, Span } from '../model/types.js';
import type { RankInput, RankUnit } from '../rank/features.js';

export interface ClefLine {
  line: number;
  speaker: string;
  text: string;
  /** 1: a fact-checker chose to check it; null when the file gives no label. */
  label: 0 | 1 | null;
}

/**
 * Rows of a CLEF file; a row that is not `number<TAB>speaker<TAB>text[<TAB>0|1]` fails with its line number.
 * A first row that names the columns ("line_number<TAB>speaker<TAB>text<TAB>label") is a header, skipped.
 */
export function parseClef(tsv: string, name: string): ClefLine[] {
  const out: ClefLine[] = [];
  const rows = tsv.replace(/^\uFEFF/, '').split(/\r?\n/);
  rows.forEach((row, k) => {
    if (row.trim() === '') return;
    const cols = row.split('\t');
    if (k === 0 && /^\s*line/i.test(cols[0]!)) return;
    if (cols.length < 3 || !/^\d+$/.test(cols[0]!.trim())) {
      throw new Error(`${name}:${k + 1}: expected "line<TAB>speaker<TAB>sentence<TAB>label", got ${cols.length} column(s) starting ${JSON.stringify(row.slice(0, 40))}`);
    }
    const label = cols[3]?.trim();
    if (label !== undefined && label !== '' && label !== '0' && label !== '1') throw new Error(`${name}:${k + 1}: the label must be 0 or 1, got ${JSON.stringify(label)}`);
    out.push({ line: Number(cols[0]), speaker: cols[1]!.trim(), text: cols[2]!, label: label === '1' ? 1 : label === '0' ? 0 : null });
  });
  return out;
}

/** The document as claimtrace reads it: one paragraph per line, and each line's span in that text. */
export function documentText(lines: readonly ClefLine[]): { text: string; spans: Span[] } {
  const spans: Span[] = [];
  let text = '';
  for (const l of lines) {
    if (text.length > 0) text += '\n\n';
    // A line is one paragraph: its own line breaks (none in CLEF, but a file may have them) become spaces.
    const line = l.text.replace(/\s+/g, ' ').trim() || '.';
    spans.push({ start: text.length, end: text.length + line.length });
    text += line;
  }
  return { text, spans };
}

/**
 * How each speaker's lines read in the document: "asks" for one whose lines are mostly questions or
 * prompts (a moderator), "speaks" for the rest. A name alone ("HOLT") means nothing in the next debate.
 */
export function speakerRoles(lines: readonly ClefLine[]): Map<string, string> {
  const counts = new Map<string, { lines: number; questions: number }>();
  for (const l of lines) {
    const c = counts.get(l.speaker) ?? counts.set(l.speaker, { lines: 0, questions: 0 }).get(l.speaker)!;
    c.lines++;
    if (l.text.includes('?')) c.questions++;
  }
  return new Map([...counts].map(([s, c]) => [s, c.questions / c.lines >= 0.2 ? 'asks' : 'speaks']));
}

/** What the rank features read of an analysis. */
export function rankInputOf(a: Analysis, tokens = a.tokens): RankInput {
  if (!tokens) throw new Error('rankInputOf: the analysis must hold its tokens (analyze with { tokens: true })');
  return { text: a.document.text, tokens, claims: a.claims, attributions: a.attributions, sources: a.sources, hedges: a.hedges, techniques: a.techniques, entities: a.entities, relations: a.relations };
}

/** Each line a unit, holding the claims that start in it, with its speaker. */
export function lineUnits(analysis: Analysis, lines: readonly ClefLine[], spans: readonly Span[]): RankUnit[] {
  const roles = speakerRoles(lines);
  const claims = [...analysis.claims].sort((a, b) => a.start - b.start);
  let c = 0;
  return spans.map((span, k) => {
    while (c < claims.length && claims[c]!.start < span.start) c++;
    const held = [];
    while (c < claims.length && claims[c]!.start < span.end) held.push(claims[c++]!);
    const speaker = lines[k]!.speaker;
    return { ...span, claims: held, speaker: speakerKey(speaker), speakerRole: roles.get(speaker) };
  });
}

/** Speaker labels as one key: "SEN. BERNIE SANDERS (D-VT)…" and "(APPLAUSE) SANDERS" stay what they are, upper-cased. */
const speakerKey = (s: string): string => s.toUpperCase();

export interface RankScores {
  ap: number;
  rPrecision: number;
  p5: number;
  p10: number;
  p20: number;
  lines: number;
  positives: number;
}

/** Lines ranked by score, best first; ties keep file order, so a ranking is the same on every run. */
function ranked(scores: readonly number[]): number[] {
  return scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
}

export function rankScores(scores: readonly number[], labels: readonly (0 | 1)[]): RankScores {
  if (scores.length !== labels.length) throw new Error(`rankScores: ${scores.length} scores for ${labels.length} labels`);
  const order = ranked(scores);
  const positives = labels.filter((y) => y === 1).length;
  let hits = 0;
  let sum = 0;
  const hitsAt: number[] = [];
  order.forEach((i, r) => {
    if (labels[i] === 1) {
      hits++;
      sum += hits / (r + 1);
    }
    hitsAt.push(hits);
  });
  const at = (k: number) => (order.length === 0 ? 0 : hitsAt[Math.min(k, order.length) - 1]! / k);
  return {
    ap: positives ? sum / positives : 0,
    rPrecision: positives ? hitsAt[positives - 1]! / positives : 0,
    p5: at(5),
    p10: at(10),
    p20: at(20),
    lines: labels.length,
    positives,
  };
}

export interface CheckworthyReport {
  map: number;
  rPrecision: number;
  p5: number;
  p10: number;
  p20: number;
  documents: Record<string, RankScores>;
  scores: Record<string, number[]>;
}

/** The scores of each document and their means over documents (documents without a check-worthy line count 0, as in CLEF). */
export function checkworthyReport(docs: ReadonlyArray<{ name: string; scores: number[]; labels: (0 | 1)[] }>): CheckworthyReport {
  const documents: Record<string, RankScores> = {};
  const scores: Record<string, number[]> = {};
  for (const d of docs) {
    documents[d.name] = rankScores(d.scores, d.labels);
    scores[d.name] = d.scores;
  }
  const all = Object.values(documents);
  const mean = (f: (s: RankScores) => number) => (all.length ? round4(all.reduce((n, s) => n + f(s), 0) / all.length) : 0);
  const means = { map: mean((s) => s.ap), rPrecision: mean((s) => s.rPrecision), p5: mean((s) => s.p5), p10: mean((s) => s.p10), p20: mean((s) => s.p20) };
  for (const s of all) for (const k of ['ap', 'rPrecision', 'p5', 'p10', 'p20'] as const) s[k] = round4(s[k]);
  return { ...means, documents, scores };
}

const round4 = (x: number): number => Math.round(x * 10000) / 10000;

/**
 * Each sentence's check-worthiness as an analysis gives it: its most check-worthy claim's score, 0 for a
 * sentence without a claim (a heading, a question, furniture). How news sentences are ranked for scoring.
 */
export function sentenceScores(claims: ReadonlyArray<{ sentence: number; checkworthiness: number }>, sentences: number): number[] {
  const out = new Array<number>(sentences).fill(0);
  for (const c of claims) if (c.sentence < sentences && c.checkworthiness > out[c.sentence]!) out[c.sentence] = c.checkworthiness;
  return out;
}

/** A labelled news sentence (test/fixtures/checkworthy-news/labels.tsv): where it is, and its label. */
export interface NewsLabel {
  file: string;
  sentence: number;
  start: number;
  end: number;
  label: 0 | 1;
}

export function parseNewsLabels(tsv: string, name: string): NewsLabel[] {
  const out: NewsLabel[] = [];
  tsv.split(/\r?\n/).forEach((row, k) => {
    if (row.trim() === '' || row.startsWith('#')) return;
    const c = row.split('\t');
    if (c.length !== 5 || !/^[01]$/.test(c[4]!) || ![c[1], c[2], c[3]].every((x) => /^\d+$/.test(x!))) {
      throw new Error(`${name}:${k + 1}: expected "file<TAB>sentence<TAB>start<TAB>end<TAB>0|1"`);
    }
    out.push({ file: c[0]!, sentence: Number(c[1]), start: Number(c[2]), end: Number(c[3]), label: c[4] === '1' ? 1 : 0 });
  });
  return out;
}
