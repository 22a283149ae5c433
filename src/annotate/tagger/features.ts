/**
 * Token features for the attribution tagger: the word and its neighbours, POS, shape, the cue lexicon's
 * prior, quote depth and marks, distance to the nearest cue candidate, and what the rules said about the
 * token (stacking: the tagger learns where to trust them).
 */
import type { Lexicons } from '../../lexicons/index.js';
import { hashFeature } from './perceptron.js';
import type { Quote, Sentence, Span, Token } from '../../model/types.js';
import { firstIndex, paintRanges } from '../../model/spans.js';

export const LABELS = ['O', 'B-S', 'I-S', 'B-C', 'I-C', 'B-T', 'I-T'] as const;
export type Role = 'S' | 'C' | 'T';

export interface FeatureContext {
  text: string;
  tokens: readonly Token[];
  sentences: readonly Sentence[];
  /** Per token: how many quotations it is inside. */
  quoteDepth: Uint8Array;
  /** Per token: role the rules gave it ('S', 'C', 'T') or '' for none. */
  ruleRole: string[];
  /** Per token: cue prior bin of a cue-lexicon verb or noun ('' when not a cue word). */
  cueBin: string[];
  /** Per token: PolNeAR cue prior bin of its lemma, whatever its POS ('' when never a cue). */
  priorBin: string[];
  /** Per token inside a quotation: whether a cue candidate stands just before or after that quotation. */
  quoteCue: string[];
  /** Per sentence: token index of its strongest cue candidate, or -1. */
  sentenceCue: Int32Array;
  /** Per token: lower-cased lemma, and word shape (X, Xx, XX, x, d, q for a quote mark, p for punctuation). */
  lemma: string[];
  shape: string[];
  /** Per token: distance to the nearest cue candidate on the left / right in its sentence (within 25), or Infinity. */
  cueLeft: Float64Array;
  cueRight: Float64Array;
  /** Per token: what first opens content after the nearest cue on its left ('that', 'colon', 'quote' or ''). */
  opener: string[];
  /** Verbs among tokens [0, i): verbPrefix[i]. */
  verbPrefix: Int32Array;
  /** Commas among tokens [0, i): commaPrefix[i]. */
  commaPrefix: Int32Array;
  /** Per token: whether it is inside parentheses in its sentence. */
  inParens: Uint8Array;
  /** Per-token hashes of the strings features are made of, computed once. */
  h: Record<'norm' | 'pos' | 'lemma' | 'shape' | 'suffix' | 'rule' | 'cueBin' | 'priorBin' | 'quoteCue' | 'opener' | 'dep' | 'kids', Uint32Array>;
  lexicons: Lexicons;
}

const QUOTE_MARK = /^["“”„«»‘’'‹›]+$/;

function shape(w: string): string {
  // ASCII words by character code (most tokens); anything else by Unicode property below.
  const c = w.charCodeAt(0);
  if (c >= 97 && c <= 122) return 'x';
  if (c >= 48 && c <= 57) return 'd';
  if (c >= 65 && c <= 90) {
    for (let i = 1; i < w.length; i++) {
      const d = w.charCodeAt(i);
      if (d >= 128) return unicodeShape(w);
      if (d < 65 || d > 90) return 'Xx';
    }
    return w.length > 1 ? 'XX' : 'X';
  }
  return unicodeShape(w);
}

function unicodeShape(w: string): string {
  if (/^\p{Lu}+$/u.test(w)) return w.length > 1 ? 'XX' : 'X';
  if (/^\p{Lu}/u.test(w)) return 'Xx';
  if (/^\p{Ll}/u.test(w)) return 'x';
  if (/^\p{N}/u.test(w)) return 'd';
  if (QUOTE_MARK.test(w)) return 'q';
  return 'p';
}

function distanceBin(d: number): string {
  if (d === Infinity) return 'none';
  if (d <= 3) return String(d);
  if (d <= 6) return '4-6';
  if (d <= 12) return '7-12';
  return '13+';
}

export function buildContext(
  text: string,
  tokens: readonly Token[],
  sentences: readonly Sentence[],
  quotes: readonly Quote[],
  rules: ReadonlyArray<{ sourceSpan: Span | null; cue: Span; content: Span }>,
  lexicons: Lexicons,
): FeatureContext {
  const n = tokens.length;
  // Quote depth at each token start, from the quotations' opening and closing offsets in order (no per-character
  // array: allocating one per document cost more than the rest of this function's first half).
  const quoteDepth = new Uint8Array(n);
  const marks: Array<[number, number]> = [];
  for (const q of quotes) if (!q.scare) marks.push([q.start, 1], [q.end, -1]);
  marks.sort((a, b) => a[0] - b[0]);
  let depth = 0;
  for (let i = 0, m = 0; i < n; i++) {
    const start = tokens[i]!.start;
    while (m < marks.length && marks[m]![0] <= start) depth += marks[m++]![1];
    quoteDepth[i] = Math.min(depth, 3);
  }
  // The role the rules gave the character a token starts on; later spans overwrite earlier ones.
  const firstTokenFrom = (offset: number): number => firstIndex(n, (i) => tokens[i]!.start < offset);
  const ranges: Array<[number, number, string]> = [];
  const mark = (span: Span, role: string): void => {
    ranges.push([firstTokenFrom(span.start), firstTokenFrom(span.end), role]);
  };
  for (const r of rules) {
    mark(r.content, 'T');
    if (r.sourceSpan) mark(r.sourceSpan, 'S');
    mark(r.cue, 'C');
  }
  const ruleRole = paintRanges(n, ranges).map((role) => role ?? '');
  // Lower-cased once: the cue look-ups, the prior and the features all read it.
  const lemma = tokens.map((t) => t.lemma.toLowerCase());
  const cueBin = tokens.map((t, k) => {
    const lemmaK = lemma[k]!;
    // Cue candidates: the rules' cue words, and any verb PolNeAR often annotates as a cue (stances too).
    const rulePrior = t.pos === 'NOUN' ? lexicons.cueNouns.get(lemmaK) : lexicons.cueVerbs.get(lemmaK) ?? lexicons.cueVerbs.get(t.norm);
    const p = rulePrior ?? (t.pos === 'VERB' && (lexicons.cuePriors.get(lemmaK) ?? 0) >= 0.15 ? lexicons.cuePriors.get(lemmaK) : undefined);
    if (p === undefined) return '';
    return p >= 0.75 ? 'hi' : p >= 0.5 ? 'mid' : 'lo';
  });
  const priorBin = lemma.map((l) => {
    const p = lexicons.cuePriors.get(l);
    if (p === undefined) return '';
    return p >= 0.75 ? '75' : p >= 0.5 ? '50' : p >= 0.3 ? '30' : p >= 0.15 ? '15' : '0';
  });
  // Quotations with a cue candidate within four tokens of either end are quoted speech.
  const quoteCue = new Array<string>(n).fill('');
  const tokenAt = (pos: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (tokens[mid]!.end <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const q of quotes) {
    if (q.scare || q.depth > 0) continue;
    const first = tokenAt(q.start);
    const last = tokenAt(q.end - 1);
    let where = 'none';
    for (let k = Math.max(0, first - 4); k < first; k++) if (cueBin[k]) where = 'before';
    for (let k = last + 1; k <= Math.min(n - 1, last + 4); k++) if (cueBin[k]) where = where === 'before' ? 'both' : 'after';
    for (let k = first; k <= last && k < n; k++) quoteCue[k] = where;
  }
  const sentenceCue = new Int32Array(sentences.length).fill(-1);
  const rank: Record<string, number> = { hi: 3, mid: 2, lo: 1 };
  for (const s of sentences) {
    let best = -1;
    for (let k = s.tokenStart; k < s.tokenEnd; k++) if (cueBin[k] && (best < 0 || rank[cueBin[k]!]! > rank[cueBin[best]!]!)) best = k;
    sentenceCue[s.index] = best;
  }
  const shapes = tokens.map((t) => shape(text.slice(t.start, t.end)));
  // Distances and openers in linear passes per sentence, so that features cost the same on long sentences.
  const cueLeft = new Float64Array(n).fill(Infinity);
  const cueRight = new Float64Array(n).fill(Infinity);
  const opener = new Array<string>(n).fill('');
  for (const s of sentences) {
    let lastCue = -1;
    let open = '';
    let openAt = -1;
    for (let k = s.tokenStart; k < s.tokenEnd; k++) {
      if (lastCue >= 0 && k - lastCue <= 25) {
        cueLeft[k] = k - lastCue;
        const v = tokens[k]!.norm;
        if (openAt < 0 && (v === 'that' || v === ':' || shapes[k] === 'q')) {
          open = v === 'that' ? 'that' : v === ':' ? 'colon' : 'quote';
          openAt = k;
        }
        opener[k] = openAt >= 0 ? open : '';
      }
      if (cueBin[k]) {
        lastCue = k;
        open = '';
        openAt = -1;
      }
    }
    let nextCue = -1;
    for (let k = s.tokenEnd - 1; k >= s.tokenStart; k--) {
      if (nextCue >= 0 && nextCue - k <= 25) cueRight[k] = nextCue - k;
      if (cueBin[k]) nextCue = k;
    }
  }
  const verbPrefix = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) verbPrefix[k + 1] = verbPrefix[k]! + (tokens[k]!.pos === 'VERB' ? 1 : 0);
  const commaPrefix = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) commaPrefix[k + 1] = commaPrefix[k]! + (tokens[k]!.norm === ',' ? 1 : 0);
  const inParens = new Uint8Array(n);
  for (const s of sentences) {
    let open = 0;
    for (let k = s.tokenStart; k < s.tokenEnd; k++) {
      const v = tokens[k]!.norm;
      if (v === ')' && open > 0) open--;
      inParens[k] = open > 0 ? 1 : 0;
      if (v === '(') open++;
    }
  }
  // Which kinds of dependents each token has: a verb that takes a clause or an object and has a subject.
  const kids = new Array<string>(n).fill('');
  {
    const bits = new Uint8Array(n);
    const KID_BITS: Record<string, number> = { ccomp: 1, xcomp: 2, obj: 4, nsubj: 8, 'nsubj:pass': 16, obl: 32, iobj: 64, parataxis: 128 };
    for (const t of tokens) if (t.head !== null) bits[t.head]! |= KID_BITS[t.dep] ?? 0;
    for (let k = 0; k < n; k++) kids[k] = String(bits[k]);
  }
  const hashAll = (values: readonly string[]): Uint32Array => {
    const out = new Uint32Array(values.length);
    for (let k = 0; k < values.length; k++) out[k] = fnv(values[k]!);
    return out;
  };
  const h = {
    norm: hashAll(tokens.map((t) => t.norm)),
    pos: hashAll(tokens.map((t) => t.pos)),
    lemma: hashAll(lemma),
    shape: hashAll(shapes),
    suffix: hashAll(tokens.map((t) => (t.norm.length > 3 ? t.norm.slice(-3) : t.norm))),
    rule: hashAll(ruleRole),
    cueBin: hashAll(cueBin),
    priorBin: hashAll(priorBin),
    quoteCue: hashAll(quoteCue),
    opener: hashAll(opener),
    dep: hashAll(tokens.map((t) => t.dep)),
    kids: hashAll(kids),
  };
  return { text, tokens, sentences, quoteDepth, ruleRole, cueBin, priorBin, quoteCue, sentenceCue, lemma, shape: shapes, cueLeft, cueRight, opener, verbPrefix, commaPrefix, inParens, h, lexicons };
}

/** FNV-1a hash of a string (the perceptron's feature hash). */
const fnv = hashFeature;

function step(h: number, x: number): number {
  h = Math.imul(h ^ x, 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

/**
 * Collects features as integers: a feature is its template's hash mixed with the hashes of its values,
 * which are computed once per token (word, lemma, POS…) or once per module (templates, small value sets),
 * so decoding hashes no string per feature. The buffer is reused from token to token (no allocation).
 */
export class FeatureSink {
  /** Int32 (the same bits as the uint32 hashes): the emission loop reads both taggers' ids as one array type. */
  hashes = new Int32Array(64);
  length = 0;

  add(template: number, a = 0, b = 0, c = 0): void {
    if (this.length === this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[this.length++] = step(step(step(template, a), b), c);
  }
}

/** Template ids: one per feature kind (plain constants: read once per feature per token). */
const template = (name: string): number => fnv(`template:${name}`);
const T_B = template('b'), T_W = template('w'), T_L = template('l'), T_P = template('p'), T_SH = template('sh'), T_S3 = template('s3');
const T_WM1 = template('w-1'), T_WP1 = template('w+1'), T_WM2 = template('w-2'), T_WP2 = template('w+2');
const T_PM1 = template('p-1'), T_PP1 = template('p+1'), T_PM2 = template('p-2'), T_PP2 = template('p+2');
const T_PM1P = template('p-1p'), T_PPP1 = template('pp+1'), T_WM1W = template('w-1w'), T_WWP1 = template('ww+1');
const T_Q = template('q'), T_QP = template('qp'), T_QM = template('qm');
const T_R = template('r'), T_RM1 = template('r-1'), T_RP1 = template('r+1'), T_RP = template('rp');
const T_CUE = template('cue'), T_CUEL = template('cuel'), T_PR = template('pr'), T_PRM1 = template('pr-1');
const T_QC = template('qc'), T_QCP = template('qcp');
const T_SC = template('sc'), T_SCL = template('scl'), T_SCP = template('scp'), T_SCNONE = template('scnone');
const T_CL = template('cl'), T_CR = template('cr'), T_CLR = template('clr'), T_OPEN = template('open'), T_OPENP = template('openp');
const T_CUEW = template('cuew'), T_CUEWR = template('cuewr'), T_CUENEXT = template('cuenext'), T_CUEPREV = template('cueprev');
const T_TOEND = template('toend'), T_FROMSTART = template('fromstart'), T_QCL = template('qcl');
const T_LL = template('l-1l'), T_LLP1 = template('ll+1'), T_CUEW2 = template('cuew2'), T_CUEWR2 = template('cuewr2');
const T_COMMAL = template('commal'), T_COMMAR = template('commar'), T_PAREN = template('paren');
const T_CUEWP = template('cuewp'), T_CUEWRP = template('cuewrp');
const COMMA_BIN = [fnv('c0'), fnv('c1'), fnv('c2+')];
const T_FIRST = template('first'), T_LAST = template('last'), T_NEWSENT = template('newsent');
const T_DEP = template('dep'), T_DEPP = template('depp'), T_HDEP = template('hdep');
const T_KIDS = template('kids'), T_KIDSL = template('kidsl'), T_HEADL = template('headl'), T_HEADK = template('headk');

const H_START = fnv('<s>');
const H_END = fnv('</s>');
const H_TRUE = fnv('true');
const H_FALSE = fnv('false');
const H_REL = { before: fnv('before'), at: fnv('at'), after: fnv('after') };
const H_NONE = fnv('none');
/** Hash of distanceBin(d) for d = 0…13 (13 stands for 13 and beyond). */
const BIN_BY_DISTANCE = Uint32Array.from({ length: 14 }, (_, d) => fnv(distanceBin(d)));
const binHash = (d: number): number => (d === Infinity ? H_NONE : BIN_BY_DISTANCE[d < 13 ? d : 13]!);

/** Features of token i, given the token range [from, to) of its sequence (a paragraph). */
export function tokenFeatures(ctx: FeatureContext, i: number, from: number, to: number, out: FeatureSink): void {
  const { tokens, h } = ctx;
  const t = tokens[i]!;
  const norm = h.norm;
  const posH = h.pos;
  // Neighbours' hashes, with sequence-boundary markers outside [from, to).
  const wM2 = i - 2 >= from ? norm[i - 2]! : H_START;
  const wM1 = i - 1 >= from ? norm[i - 1]! : H_START;
  const wP1 = i + 1 < to ? norm[i + 1]! : H_END;
  const wP2 = i + 2 < to ? norm[i + 2]! : H_END;
  const pM2 = i - 2 >= from ? posH[i - 2]! : H_START;
  const pM1 = i - 1 >= from ? posH[i - 1]! : H_START;
  const pP1 = i + 1 < to ? posH[i + 1]! : H_END;
  const pP2 = i + 2 < to ? posH[i + 2]! : H_END;
  const sentence = ctx.sentences[t.sentence]!;
  const w = norm[i]!;
  const p = posH[i]!;
  const lemma = h.lemma[i]!;
  out.add(T_B);
  out.add(T_W, w);
  out.add(T_L, lemma);
  out.add(T_P, p);
  out.add(T_SH, h.shape[i]!);
  out.add(T_S3, h.suffix[i]!);
  out.add(T_WM1, wM1);
  out.add(T_WP1, wP1);
  out.add(T_WM2, wM2);
  out.add(T_WP2, wP2);
  out.add(T_PM1, pM1);
  out.add(T_PP1, pP1);
  out.add(T_PM2, pM2);
  out.add(T_PP2, pP2);
  out.add(T_PM1P, pM1, p);
  out.add(T_PPP1, p, pP1);
  out.add(T_WM1W, wM1, w);
  out.add(T_WWP1, w, wP1);
  const qd = ctx.quoteDepth[i]! + 1;
  out.add(T_Q, qd);
  out.add(T_QP, qd, p);
  if (ctx.shape[i] === 'q') out.add(T_QM, qd);
  const rr = h.rule[i]!;
  out.add(T_R, rr);
  out.add(T_RM1, i - 1 >= from ? h.rule[i - 1]! : H_START);
  out.add(T_RP1, i + 1 < to ? h.rule[i + 1]! : H_END);
  out.add(T_RP, rr, p);
  const cb = ctx.cueBin[i] ? h.cueBin[i]! : 0;
  if (cb) {
    out.add(T_CUE, cb, p);
    out.add(T_CUEL, lemma);
  }
  if (ctx.priorBin[i]) {
    out.add(T_PR, h.priorBin[i]!, p);
    out.add(T_PRM1, h.priorBin[i]!, pM1);
  }
  if (ctx.quoteCue[i]) {
    out.add(T_QC, h.quoteCue[i]!);
    out.add(T_QCP, h.quoteCue[i]!, p);
  }
  // Where the token stands relative to the sentence's strongest cue candidate, and whether a verb intervenes.
  const sc = ctx.sentenceCue[t.sentence]!;
  if (sc >= 0) {
    const rel = i < sc ? H_REL.before : i === sc ? H_REL.at : H_REL.after;
    const lo = Math.min(i, sc);
    const hi = Math.max(i, sc);
    const verbBetween = hi - lo > 1 && ctx.verbPrefix[hi]! - ctx.verbPrefix[lo + 1]! > 0 ? H_TRUE : H_FALSE;
    out.add(T_SC, rel, verbBetween);
    out.add(T_SCL, h.lemma[sc]!, rel);
    out.add(T_SCP, rel, verbBetween, p);
  } else {
    out.add(T_SCNONE);
  }
  // Nearest cue candidate within the sentence, on either side.
  const left = ctx.cueLeft[i]!;
  const right = ctx.cueRight[i]!;
  const lb = binHash(left);
  const rb = binHash(right);
  out.add(T_CL, lb);
  out.add(T_CR, rb);
  out.add(T_CLR, lb, rb);
  if (left !== Infinity) {
    // What lies between the nearest cue on the left and this token: a complementiser or a quote opens content.
    out.add(T_OPEN, h.opener[i]!);
    out.add(T_OPENP, h.opener[i]!, p);
    out.add(T_CUEW, h.lemma[i - left]!, lb);
  }
  if (right !== Infinity) out.add(T_CUEWR, h.lemma[i + right]!, rb);
  if (cb) {
    out.add(T_CUENEXT, cb, wP1);
    out.add(T_CUEPREV, cb, wM1);
  }
  out.add(T_TOEND, binHash(sentence.tokenEnd - 1 - i));
  out.add(T_FROMSTART, binHash(i - sentence.tokenStart));
  // Content often runs across sentences inside a quote.
  if (qd > 1) out.add(T_QCL, lb);
  if (i === sentence.tokenStart) out.add(T_FIRST);
  if (i === sentence.tokenEnd - 1) out.add(T_LAST);
  if (i > from && tokens[i - 1]!.sentence !== t.sentence) out.add(T_NEWSENT);
  // Lemma bigrams generalise the word bigrams over inflection.
  out.add(T_LL, i - 1 >= from ? h.lemma[i - 1]! : H_START, lemma);
  out.add(T_LLP1, lemma, i + 1 < to ? h.lemma[i + 1]! : H_END);
  // The word right next to a cue ("said on Tuesday" vs "accused her of"), and the token's POS by the nearest cues.
  if (left <= 3) out.add(T_CUEW2, h.lemma[i - left]!, w, lb);
  if (right <= 3) out.add(T_CUEWR2, h.lemma[i + right]!, w, rb);
  if (left !== Infinity) out.add(T_CUEWP, h.lemma[i - left]!, p, lb);
  if (right !== Infinity) out.add(T_CUEWRP, h.lemma[i + right]!, p, rb);
  // Commas between the token and its nearest cues: appositions in sources ("X, a senator from Y, said").
  if (left !== Infinity) out.add(T_COMMAL, COMMA_BIN[Math.min(2, ctx.commaPrefix[i]! - ctx.commaPrefix[i - left]!)]!, p);
  if (right !== Infinity) out.add(T_COMMAR, COMMA_BIN[Math.min(2, ctx.commaPrefix[i + right]! - ctx.commaPrefix[i + 1]!)]!, p);
  if (ctx.inParens[i]) out.add(T_PAREN, p);
  // The parse: the token's relation and its head's. (Its place under the sentence's cue candidates, the path
  // down from the cue, was tried: a misparse then cut the seed's content short, so it is left out.)
  const dep = h.dep[i]!;
  out.add(T_DEP, dep);
  out.add(T_DEPP, dep, p);
  out.add(T_HDEP, dep, t.head === null ? H_NONE : h.dep[t.head]!);
  // Which dependents the token and its head have (a verb that takes a clause and has a subject is a cue's shape).
  out.add(T_KIDS, h.kids[i]!, p);
  out.add(T_KIDSL, h.kids[i]!, lemma);
  out.add(T_HEADL, dep, t.head === null ? H_NONE : h.lemma[t.head]!);
  out.add(T_HEADK, dep, t.head === null ? H_NONE : h.kids[t.head]!);
}
