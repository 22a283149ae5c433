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
  return { text, tokens, sentences, quoteDepth, ruleRole, cueBin, lexicons };
}

/** Features of token i, given the token range [from, to) of its sequence (a paragraph). */
export function tokenFeatures(ctx: FeatureContext, i: number, from: number, to: number, out: string[] = []): string[] {
  out.length = 0;
  const { tokens, text } = ctx;
  const t = tokens[i]!;
  const word = (k: number): string => (k >= from && k < to ? tokens[k]!.norm : k < from ? '<s>' : '</s>');
  const pos = (k: number): string => (k >= from && k < to ? tokens[k]!.pos : k < from ? '<s>' : '</s>');
  const raw = text.slice(t.start, t.end);
  const sentence = ctx.sentences[t.sentence]!;
  const w = t.norm;
  const p = t.pos;
  out.push('b', `w=${w}`, `l=${t.lemma.toLowerCase()}`, `p=${p}`, `sh=${shape(raw)}`, `s3=${w.slice(-3)}`);
  out.push(`w-1=${word(i - 1)}`, `w+1=${word(i + 1)}`, `w-2=${word(i - 2)}`, `w+2=${word(i + 2)}`);
  out.push(`p-1=${pos(i - 1)}`, `p+1=${pos(i + 1)}`, `p-2=${pos(i - 2)}`, `p+2=${pos(i + 2)}`);
  out.push(`p-1p=${pos(i - 1)}|${p}`, `pp+1=${p}|${pos(i + 1)}`, `w-1w=${word(i - 1)}|${w}`, `ww+1=${w}|${word(i + 1)}`);
  const qd = ctx.quoteDepth[i]!;
  out.push(`q=${qd}`, `qp=${qd}|${p}`);
  if (QUOTE_MARK.test(raw)) out.push(`qm=${qd}`);
  const rr = ctx.ruleRole[i]!;
  out.push(`r=${rr}`, `r-1=${i > from ? ctx.ruleRole[i - 1] : '<s>'}`, `r+1=${i + 1 < to ? ctx.ruleRole[i + 1] : '</s>'}`, `rp=${rr}|${p}`);
  const cb = ctx.cueBin[i]!;
  if (cb) out.push(`cue=${cb}|${p}`, `cuel=${t.lemma.toLowerCase()}`);
  // Nearest cue candidate within the sentence, on either side.
  let left = Infinity;
  for (let k = i - 1; k >= sentence.tokenStart && k >= i - 25; k--) if (ctx.cueBin[k]) { left = i - k; break; }
  let right = Infinity;
  for (let k = i + 1; k < sentence.tokenEnd && k <= i + 25; k++) if (ctx.cueBin[k]) { right = k - i; break; }
  out.push(`cl=${distanceBin(left)}`, `cr=${distanceBin(right)}`, `clr=${distanceBin(left)}|${distanceBin(right)}`);
  if (left !== Infinity) {
    // What lies between the nearest cue on the left and this token: a complementiser or a quote opens content.
    let opener = '';
    for (let k = i - left + 1; k <= i; k++) {
      const v = tokens[k]!.norm;
      if (v === 'that' || v === ':' || QUOTE_MARK.test(v)) { opener = v === 'that' ? 'that' : v === ':' ? 'colon' : 'quote'; break; }
    }
    out.push(`open=${opener}`, `openp=${opener}|${p}`, `cuew=${tokens[i - left]!.lemma.toLowerCase()}|${distanceBin(left)}`);
  }
  if (right !== Infinity) out.push(`cuewr=${tokens[i + right]!.lemma.toLowerCase()}|${distanceBin(right)}`);
  if (cb) out.push(`cuenext=${cb}|${word(i + 1)}`, `cueprev=${cb}|${word(i - 1)}`);
  out.push(`toend=${distanceBin(sentence.tokenEnd - 1 - i)}`, `fromstart=${distanceBin(i - sentence.tokenStart)}`);
  // Content often runs across sentences inside a quote.
  if (qd > 0) out.push(`qcl=${distanceBin(left)}`);
  const first = i === sentence.tokenStart;
  const last = i === sentence.tokenEnd - 1;
  if (first) out.push('first');
  if (last) out.push('last');
  if (i > from && tokens[i - 1]!.sentence !== t.sentence) out.push('newsent');
  return out;
}
