/**
 * Token features for the attribution tagger: the word and its neighbours, POS, shape, the cue lexicon's
 * prior, quote depth and marks, distance to the nearest cue candidate, and what the rules said about the
 * token (stacking: the tagger learns where to trust them).
 */
import type { Lexicons } from '../../lexicons/index.js';
import { hashFeature } from './perceptron.js';
import type { Quote, Sentence, Span, Token } from '../../model/types.js';

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
  /** Per-token hashes of the strings features are made of, computed once. */
  h: Record<'norm' | 'pos' | 'lemma' | 'shape' | 'suffix' | 'rule' | 'cueBin' | 'priorBin' | 'quoteCue' | 'opener', Uint32Array>;
  lexicons: Lexicons;
}

const QUOTE_MARK = /^["“”„«»‘’'‹›]+$/;

function shape(w: string): string {
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
  const quoteDepth = new Uint8Array(n);
  const depthDelta = new Int32Array(text.length + 1);
  for (const q of quotes) {
    if (q.scare) continue;
    depthDelta[q.start]!++;
    depthDelta[q.end]!--;
  }
  let depth = 0;
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    while (pos <= t.start) depth += depthDelta[pos++]!;
    quoteDepth[i] = Math.min(depth, 3);
  }
  const ruleRole = new Array<string>(n).fill('');
  const charRole = new Uint8Array(text.length);
  for (const r of rules) {
    charRole.fill(3, r.content.start, r.content.end);
    if (r.sourceSpan) charRole.fill(1, r.sourceSpan.start, r.sourceSpan.end);
    charRole.fill(2, r.cue.start, r.cue.end);
  }
  for (let i = 0; i < n; i++) ruleRole[i] = ['', 'S', 'C', 'T'][charRole[tokens[i]!.start]!]!;
  const cueBin = tokens.map((t) => {
    const lemma = t.lemma.toLowerCase();
    // Cue candidates: the rules' cue words, and any verb PolNeAR often annotates as a cue (stances too).
    const rulePrior = t.pos === 'NOUN' ? lexicons.cueNouns.get(lemma) : lexicons.cueVerbs.get(lemma) ?? lexicons.cueVerbs.get(t.norm);
    const p = rulePrior ?? (t.pos === 'VERB' && (lexicons.cuePriors.get(lemma) ?? 0) >= 0.15 ? lexicons.cuePriors.get(lemma) : undefined);
    if (p === undefined) return '';
    return p >= 0.75 ? 'hi' : p >= 0.5 ? 'mid' : 'lo';
  });
  const priorBin = tokens.map((t) => {
    const p = lexicons.cuePriors.get(t.lemma.toLowerCase());
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
  const lemma = tokens.map((t) => t.lemma.toLowerCase());
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
  };
  return { text, tokens, sentences, quoteDepth, ruleRole, cueBin, priorBin, quoteCue, sentenceCue, lemma, shape: shapes, cueLeft, cueRight, opener, verbPrefix, h, lexicons };
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
 * so decoding hashes no string per feature.
 */
export class FeatureSink {
  readonly hashes: number[] = [];

  add(template: number, a = 0, b = 0, c = 0): void {
    this.hashes.push(step(step(step(template, a), b), c));
  }
}

/** Template ids: one per feature kind. */
const T = Object.fromEntries(
  ['b', 'w', 'l', 'p', 'sh', 's3', 'w-1', 'w+1', 'w-2', 'w+2', 'p-1', 'p+1', 'p-2', 'p+2', 'p-1p', 'pp+1', 'w-1w', 'ww+1', 'q', 'qp', 'qm', 'r', 'r-1', 'r+1', 'rp', 'cue', 'cuel', 'pr', 'pr-1', 'qc', 'qcp', 'sc', 'scl', 'scp', 'scnone', 'cl', 'cr', 'clr', 'open', 'openp', 'cuew', 'cuewr', 'cuenext', 'cueprev', 'toend', 'fromstart', 'qcl', 'first', 'last', 'newsent'].map((name) => [name, fnv(`template:${name}`)]),
) as Record<string, number>;

const H_START = fnv('<s>');
const H_END = fnv('</s>');
const H_TRUE = fnv('true');
const H_FALSE = fnv('false');
const H_REL = { before: fnv('before'), at: fnv('at'), after: fnv('after') };
const BIN_HASH = new Map<string, number>(['0', '1', '2', '3', '4-6', '7-12', '13+', 'none'].map((b) => [b, fnv(b)]));
const binHash = (d: number): number => BIN_HASH.get(distanceBin(d))!;

/** Features of token i, given the token range [from, to) of its sequence (a paragraph). */
export function tokenFeatures(ctx: FeatureContext, i: number, from: number, to: number, out: FeatureSink): void {
  const { tokens, h } = ctx;
  const t = tokens[i]!;
  const word = (k: number): number => (k >= from && k < to ? h.norm[k]! : k < from ? H_START : H_END);
  const pos = (k: number): number => (k >= from && k < to ? h.pos[k]! : k < from ? H_START : H_END);
  const rule = (k: number): number => (k >= from && k < to ? h.rule[k]! : k < from ? H_START : H_END);
  const sentence = ctx.sentences[t.sentence]!;
  const w = h.norm[i]!;
  const p = h.pos[i]!;
  const lemma = h.lemma[i]!;
  out.add(T.b!);
  out.add(T.w!, w);
  out.add(T.l!, lemma);
  out.add(T.p!, p);
  out.add(T.sh!, h.shape[i]!);
  out.add(T.s3!, h.suffix[i]!);
  out.add(T['w-1']!, word(i - 1));
  out.add(T['w+1']!, word(i + 1));
  out.add(T['w-2']!, word(i - 2));
  out.add(T['w+2']!, word(i + 2));
  out.add(T['p-1']!, pos(i - 1));
  out.add(T['p+1']!, pos(i + 1));
  out.add(T['p-2']!, pos(i - 2));
  out.add(T['p+2']!, pos(i + 2));
  out.add(T['p-1p']!, pos(i - 1), p);
  out.add(T['pp+1']!, p, pos(i + 1));
  out.add(T['w-1w']!, word(i - 1), w);
  out.add(T['ww+1']!, w, word(i + 1));
  const qd = ctx.quoteDepth[i]! + 1;
  out.add(T.q!, qd);
  out.add(T.qp!, qd, p);
  if (ctx.shape[i] === 'q') out.add(T.qm!, qd);
  const rr = h.rule[i]!;
  out.add(T.r!, rr);
  out.add(T['r-1']!, rule(i - 1));
  out.add(T['r+1']!, rule(i + 1));
  out.add(T.rp!, rr, p);
  const cb = ctx.cueBin[i] ? h.cueBin[i]! : 0;
  if (cb) {
    out.add(T.cue!, cb, p);
    out.add(T.cuel!, lemma);
  }
  if (ctx.priorBin[i]) {
    out.add(T.pr!, h.priorBin[i]!, p);
    out.add(T['pr-1']!, h.priorBin[i]!, pos(i - 1));
  }
  if (ctx.quoteCue[i]) {
    out.add(T.qc!, h.quoteCue[i]!);
    out.add(T.qcp!, h.quoteCue[i]!, p);
  }
  // Where the token stands relative to the sentence's strongest cue candidate, and whether a verb intervenes.
  const sc = ctx.sentenceCue[t.sentence]!;
  if (sc >= 0) {
    const rel = i < sc ? H_REL.before : i === sc ? H_REL.at : H_REL.after;
    const lo = Math.min(i, sc);
    const hi = Math.max(i, sc);
    const verbBetween = hi - lo > 1 && ctx.verbPrefix[hi]! - ctx.verbPrefix[lo + 1]! > 0 ? H_TRUE : H_FALSE;
    out.add(T.sc!, rel, verbBetween);
    out.add(T.scl!, h.lemma[sc]!, rel);
    out.add(T.scp!, rel, verbBetween, p);
  } else {
    out.add(T.scnone!);
  }
  // Nearest cue candidate within the sentence, on either side.
  const left = ctx.cueLeft[i]!;
  const right = ctx.cueRight[i]!;
  const lb = binHash(left);
  const rb = binHash(right);
  out.add(T.cl!, lb);
  out.add(T.cr!, rb);
  out.add(T.clr!, lb, rb);
  if (left !== Infinity) {
    // What lies between the nearest cue on the left and this token: a complementiser or a quote opens content.
    out.add(T.open!, h.opener[i]!);
    out.add(T.openp!, h.opener[i]!, p);
    out.add(T.cuew!, h.lemma[i - left]!, lb);
  }
  if (right !== Infinity) out.add(T.cuewr!, h.lemma[i + right]!, rb);
  if (cb) {
    out.add(T.cuenext!, cb, word(i + 1));
    out.add(T.cueprev!, cb, word(i - 1));
  }
  out.add(T.toend!, binHash(sentence.tokenEnd - 1 - i));
  out.add(T.fromstart!, binHash(i - sentence.tokenStart));
  // Content often runs across sentences inside a quote.
  if (qd > 1) out.add(T.qcl!, lb);
  if (i === sentence.tokenStart) out.add(T.first!);
  if (i === sentence.tokenEnd - 1) out.add(T.last!);
  if (i > from && tokens[i - 1]!.sentence !== t.sentence) out.add(T.newsent!);
}
