/**
 * Token features for the attribution tagger: the word and its neighbours, POS, shape, the cue lexicon's
 * prior, quote depth and marks, distance to the nearest cue candidate, and what the rules said about the
 * token (stacking: the tagger learns where to trust them).
 */
import type { Lexicons } from '../../lexicons/index.js';
import type { Paragraph, Quote, Sentence, Span, Token } from '../../model/types.js';

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
    const p = t.pos === 'NOUN' ? lexicons.cueNouns.get(lemma) : lexicons.cueVerbs.get(lemma) ?? lexicons.cueVerbs.get(t.norm);
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
  return { text, tokens, sentences, quoteDepth, ruleRole, cueBin, priorBin, quoteCue, sentenceCue, lemma, shape: shapes, cueLeft, cueRight, opener, verbPrefix, lexicons };
}

/**
 * Collects features as hashes: each feature is the FNV-1a hash of its parts concatenated (the value
 * `hashFeature` gives the joined string), so no feature string is built on the hot path. (A cache of
 * part hashes was measured slower: a Map look-up costs more than hashing a short string.)
 */
export class FeatureSink {
  readonly hashes: number[] = [];

  add(a: string, b = '', c = '', d = '', e = ''): void {
    this.hashes.push(mix(mix(mix(mix(mix(0x811c9dc5, a), b), c), d), e) >>> 0);
  }
}

function mix(h: number, s: string): number {
  for (let k = 0; k < s.length; k++) {
    h ^= s.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

const DIGITS = ['0', '1', '2', '3'];

/** Features of token i, given the token range [from, to) of its sequence (a paragraph). */
export function tokenFeatures(ctx: FeatureContext, i: number, from: number, to: number, out: FeatureSink): void {
  const { tokens } = ctx;
  const t = tokens[i]!;
  const word = (k: number): string => (k >= from && k < to ? tokens[k]!.norm : k < from ? '<s>' : '</s>');
  const pos = (k: number): string => (k >= from && k < to ? tokens[k]!.pos : k < from ? '<s>' : '</s>');
  const sentence = ctx.sentences[t.sentence]!;
  const w = t.norm;
  const p = t.pos;
  const lemma = ctx.lemma[i]!;
  out.add('b');
  out.add('w=', w);
  out.add('l=', lemma);
  out.add('p=', p);
  out.add('sh=', ctx.shape[i]!);
  out.add('s3=', w.length > 3 ? w.slice(-3) : w);
  out.add('w-1=', word(i - 1));
  out.add('w+1=', word(i + 1));
  out.add('w-2=', word(i - 2));
  out.add('w+2=', word(i + 2));
  out.add('p-1=', pos(i - 1));
  out.add('p+1=', pos(i + 1));
  out.add('p-2=', pos(i - 2));
  out.add('p+2=', pos(i + 2));
  out.add('p-1p=', pos(i - 1), '|', p);
  out.add('pp+1=', p, '|', pos(i + 1));
  out.add('w-1w=', word(i - 1), '|', w);
  out.add('ww+1=', w, '|', word(i + 1));
  const qd = DIGITS[ctx.quoteDepth[i]!]!;
  out.add('q=', qd);
  out.add('qp=', qd, '|', p);
  if (ctx.shape[i] === 'q') out.add('qm=', qd);
  const rr = ctx.ruleRole[i]!;
  out.add('r=', rr);
  out.add('r-1=', i > from ? ctx.ruleRole[i - 1]! : '<s>');
  out.add('r+1=', i + 1 < to ? ctx.ruleRole[i + 1]! : '</s>');
  out.add('rp=', rr, '|', p);
  const cb = ctx.cueBin[i]!;
  if (cb) {
    out.add('cue=', cb, '|', p);
    out.add('cuel=', lemma);
  }
  const pb = ctx.priorBin[i]!;
  if (pb) {
    out.add('pr=', pb, '|', p);
    out.add('pr-1=', pb, '|', pos(i - 1));
  }
  const qc = ctx.quoteCue[i]!;
  if (qc) {
    out.add('qc=', qc);
    out.add('qcp=', qc, '|', p);
  }
  // Where the token stands relative to the sentence's strongest cue candidate, and whether a verb intervenes.
  const sc = ctx.sentenceCue[t.sentence]!;
  if (sc >= 0) {
    const rel = i < sc ? 'before' : i === sc ? 'at' : 'after';
    const lo = Math.min(i, sc);
    const hi = Math.max(i, sc);
    const verbBetween = hi - lo > 1 && ctx.verbPrefix[hi]! - ctx.verbPrefix[lo + 1]! > 0 ? 'true' : 'false';
    out.add('sc=', rel, '|', verbBetween);
    out.add('scl=', ctx.lemma[sc]!, '|', rel);
    out.add('scp=', rel, '|', verbBetween, '|' + p);
  } else {
    out.add('sc=none');
  }
  // Nearest cue candidate within the sentence, on either side.
  const left = ctx.cueLeft[i]!;
  const right = ctx.cueRight[i]!;
  const lb = distanceBin(left);
  const rb = distanceBin(right);
  out.add('cl=', lb);
  out.add('cr=', rb);
  out.add('clr=', lb, '|', rb);
  if (left !== Infinity) {
    // What lies between the nearest cue on the left and this token: a complementiser or a quote opens content.
    const opener = ctx.opener[i]!;
    out.add('open=', opener);
    out.add('openp=', opener, '|', p);
    out.add('cuew=', ctx.lemma[i - left]!, '|', lb);
  }
  if (right !== Infinity) out.add('cuewr=', ctx.lemma[i + right]!, '|', rb);
  if (cb) {
    out.add('cuenext=', cb, '|', word(i + 1));
    out.add('cueprev=', cb, '|', word(i - 1));
  }
  out.add('toend=', distanceBin(sentence.tokenEnd - 1 - i));
  out.add('fromstart=', distanceBin(i - sentence.tokenStart));
  // Content often runs across sentences inside a quote.
  if (qd !== '0') out.add('qcl=', lb);
  if (i === sentence.tokenStart) out.add('first');
  if (i === sentence.tokenEnd - 1) out.add('last');
  if (i > from && tokens[i - 1]!.sentence !== t.sentence) out.add('newsent');
}
