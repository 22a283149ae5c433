/**
 * claimtrace's dependency parser: a greedy arc-hybrid transition parser (Kuhlmann et al. 2011) whose
 * transitions are chosen by an averaged perceptron over hashed features in the style of Zhang & Nivre
 * (2011), trained with a dynamic oracle (Goldberg & Nivre 2013) by scripts/train-parser.ts on UD English
 * EWT + GUM. A second perceptron names each arc's Universal Dependencies relation when the arc is made, so
 * later transitions see the relations of the children already attached.
 *
 * The root is a token after the last word; it takes one dependent, so every sentence has exactly one root.
 * A sentence of n words takes 2n + 1 transitions, each a fixed number of features: linear in its length,
 * no recursion. Browser-safe: the model is data.
 */
import { hashFeature } from '../annotate/tagger/perceptron.js';
import { type Classifier, quantisedScorer, type Scorer } from './classifier.js';
import { PART, UPOS, wordParts } from './pos.js';

export interface ParserModel {
  /** Chooses the transition: SHIFT, LEFT or RIGHT. */
  actions: Classifier;
  /** Chooses the relation of an arc just made. */
  relations: Classifier;
  /**
   * The relations an arc may take, by its dependent's and head's tags and its direction (`candidateKey`):
   * those the training data gave such arcs. An empty list allows every relation.
   */
  candidates: Int32Array[];
}

const TAGS = UPOS.length + 2;
/** The index in `ParserModel.candidates` of arcs from a head tagged `headTag` to a dependent tagged `depTag`. */
export const candidateKey = (depTag: number, headTag: number, left: boolean): number => (depTag * TAGS + headTag) * 2 + (left ? 1 : 0);
export const CANDIDATE_KEYS = TAGS * TAGS * 2;

export const ACTIONS = ['SHIFT', 'LEFT', 'RIGHT'] as const;
export const SHIFT = 0;
export const LEFT = 1;
export const RIGHT = 2;

/** A parsed sentence: each word's head (index in the sentence, -1 for the root) and relation. */
export interface ParsedSentence {
  heads: Int32Array;
  relations: string[];
}

const UPOS_INDEX = new Map<string, number>(UPOS.map((u, i) => [u, i]));
const ROOT_TAG = UPOS.length;
const NONE_TAG = UPOS.length + 1;
const ROOT_WORD = hashFeature('<root>');
const NONE_WORD = hashFeature('<none>');

/** Features per transition and per arc: the feature buffers are this long. */
export const MAX_FEATURES = 120;

/**
 * A parser configuration over one sentence: the stack, the buffer's front `b` (the buffer is b…n, n being
 * the root token), the arcs made so far with their relations, and each token's two leftmost and two
 * rightmost children. Index n is the root, n + 1 stands for "no token".
 */
export class Configuration {
  readonly n: number;
  readonly NONE: number;
  readonly stack: Int32Array;
  sp = 0;
  b = 0;
  readonly head: Int32Array;
  readonly relation: Int32Array;
  readonly l1: Int32Array;
  readonly l2: Int32Array;
  readonly r1: Int32Array;
  readonly r2: Int32Array;
  readonly nl: Int32Array;
  readonly nr: Int32Array;
  /** Per token (n + 2 of them): hashed lower-case word, tag index, hashed cluster (or suffix), hashed suffix. */
  readonly W: Int32Array;
  readonly P: Int32Array;
  readonly C: Int32Array;
  readonly S: Int32Array;
  /** Per token: the tag index the tagger ranked second (the tag itself when none is given). */
  readonly Q: Int32Array;
  /** Punctuation marks and verbs before each token (prefix counts): what lies between two tokens. */
  readonly punctBefore: Int32Array;
  readonly verbsBefore: Int32Array;

  constructor(words: readonly string[], tags: readonly string[], runnerUp?: readonly string[]) {
    const n = words.length;
    this.n = n;
    this.NONE = n + 1;
    this.stack = new Int32Array(n + 1);
    this.head = new Int32Array(n + 2).fill(-1);
    this.relation = new Int32Array(n + 2).fill(-1);
    this.l1 = new Int32Array(n + 2).fill(n + 1);
    this.l2 = new Int32Array(n + 2).fill(n + 1);
    this.r1 = new Int32Array(n + 2).fill(n + 1);
    this.r2 = new Int32Array(n + 2).fill(n + 1);
    this.nl = new Int32Array(n + 2);
    this.nr = new Int32Array(n + 2);
    this.W = new Int32Array(n + 2);
    this.P = new Int32Array(n + 2);
    this.C = new Int32Array(n + 2);
    this.S = new Int32Array(n + 2);
    this.Q = new Int32Array(n + 2);
    this.punctBefore = new Int32Array(n + 2);
    this.verbsBefore = new Int32Array(n + 2);
    for (let i = 0; i < n; i++) {
      const parts = wordParts(words[i]!);
      this.W[i] = parts[PART.lower]!;
      this.P[i] = UPOS_INDEX.get(tags[i]!) ?? UPOS_INDEX.get('X')!;
      this.Q[i] = runnerUp ? (UPOS_INDEX.get(runnerUp[i]!) ?? this.P[i]!) : this.P[i]!;
      this.S[i] = parts[PART.suffix3]!;
      this.C[i] = parts[PART.fine]! < 0 ? this.S[i]! : parts[PART.fine]!;
    }
    const PUNCT = UPOS_INDEX.get('PUNCT')!;
    const VERB = UPOS_INDEX.get('VERB')!;
    for (let i = 0; i < n; i++) {
      this.punctBefore[i + 1] = this.punctBefore[i]! + (this.P[i] === PUNCT ? 1 : 0);
      this.verbsBefore[i + 1] = this.verbsBefore[i]! + (this.P[i] === VERB ? 1 : 0);
    }
    this.punctBefore[n + 1] = this.punctBefore[n]!;
    this.verbsBefore[n + 1] = this.verbsBefore[n]!;
    this.W[n] = ROOT_WORD | 0;
    this.P[n] = ROOT_TAG;
    this.Q[n] = ROOT_TAG;
    this.Q[n + 1] = NONE_TAG;
    this.C[n] = ROOT_WORD | 0;
    this.S[n] = ROOT_WORD | 0;
    this.S[n + 1] = NONE_WORD | 0;
    this.W[n + 1] = NONE_WORD | 0;
    this.P[n + 1] = NONE_TAG;
    this.C[n + 1] = NONE_WORD | 0;
  }

  get done(): boolean {
    return this.b === this.n && this.sp === 0;
  }

  /** Whether `action` may be taken now; the root takes one dependent, when it is all that is left. */
  valid(action: number): boolean {
    if (action === SHIFT) return this.b < this.n;
    if (action === LEFT) return this.sp >= 1 && (this.b < this.n || this.sp === 1);
    return this.sp >= 2;
  }

  /** The token `k` places from the top of the stack, or NONE. */
  s(k: number): number {
    return this.sp > k ? this.stack[this.sp - 1 - k]! : this.NONE;
  }

  /** The token `k` places into the buffer (the root last), or NONE. */
  buf(k: number): number {
    return this.b + k <= this.n ? this.b + k : this.NONE;
  }

  /** The dependent and head of `action`'s arc (LEFT or RIGHT). */
  arc(action: number): [dependent: number, head: number] {
    const s0 = this.stack[this.sp - 1]!;
    return action === LEFT ? [s0, this.b] : [s0, this.stack[this.sp - 2]!];
  }

  apply(action: number, relation = -1): void {
    if (action === SHIFT) {
      this.stack[this.sp++] = this.b++;
      return;
    }
    const [d, h] = this.arc(action);
    this.sp--;
    this.head[d] = h;
    this.relation[d] = relation;
    if (d < h) {
      // Left children arrive from the nearest outwards: the newest is the leftmost.
      this.l2[h] = this.l1[h]!;
      this.l1[h] = d;
      this.nl[h]!++;
    } else {
      this.r2[h] = this.r1[h]!;
      this.r1[h] = d;
      this.nr[h]!++;
    }
  }
}

/**
 * Feature ids: a template's random seed combined with up to three values by one multiply and shift each.
 * For a given first operand each step is a bijection of 32-bit integers, and the shift brings the high bits
 * into the low ones that the bucket mask keeps. Cheaper than a full hash mix: a transition has a hundred.
 */
const SEEDS = Int32Array.from({ length: 128 }, (_, t) => hashFeature(`parser template ${t}`) | 0);
const comb = (h: number, v: number): number => {
  const x = Math.imul(h ^ v, 0x9e3779b1);
  return x ^ (x >>> 16);
};

/** A feature's id from its template `t` and one, two or three values. */
const h1 = (t: number, a: number): number => comb(SEEDS[t]!, a);
const h2 = (t: number, a: number, b: number): number => comb(comb(SEEDS[t]!, a), b);
const h3 = (t: number, a: number, b: number, e: number): number => comb(comb(comb(SEEDS[t]!, a), b), e);

/** How many of the marks counted by `before` lie strictly between two tokens (3 for three or more; 7 for no token). */
const between = (c: Configuration, from: number, to: number, before: Int32Array): number =>
  from === c.NONE || to === c.NONE ? 7 : Math.min(3, before[to]! - before[from + 1]!);

const dist = (a: number, b: number): number => {
  const d = Math.abs(b - a);
  return d < 5 ? d : d < 10 ? 5 : 6;
};

/**
 * The features of the configuration for choosing a transition, as bucket ids (masked to `mask`) in `out`;
 * returns their count.
 */
export function actionFeatures(c: Configuration, mask: number, out: Int32Array): number {
  const { W, P, C, S, Q, relation: R, l1, l2, r1, r2, nl, nr } = c;
  const s0 = c.s(0);
  const s1 = c.s(1);
  const s2 = c.s(2);
  const b0 = c.buf(0);
  const b1 = c.buf(1);
  const b2 = c.buf(2);
  const s0w = W[s0]!, s0p = P[s0]!, s1w = W[s1]!, s1p = P[s1]!, b0w = W[b0]!, b0p = P[b0]!, b1w = W[b1]!, b1p = P[b1]!;
  const s0wp = comb(s0w, s0p);
  const s1wp = comb(s1w, s1p);
  const b0wp = comb(b0w, b0p);
  const b1wp = comb(b1w, b1p);
  const s0l = l1[s0] ?? c.NONE, s0r = r1[s0] ?? c.NONE, s0ll = l2[s0] ?? c.NONE, s0rr = r2[s0] ?? c.NONE;
  const s1r = r1[s1] ?? c.NONE, s1l = l1[s1] ?? c.NONE, b0l = l1[b0] ?? c.NONE, b0ll = l2[b0] ?? c.NONE;
  const d = s0 === c.NONE ? 7 : dist(s0, b0);
  const d01 = s1 === c.NONE ? 7 : dist(s1, s0);
  let k = 0;
  out[k++] = mask & h1(0, 0);
  // Single tokens.
  out[k++] = mask & h1(1, s0w); out[k++] = mask & h1(2, s0p); out[k++] = mask & h1(3, s0wp);
  out[k++] = mask & h1(4, s1w); out[k++] = mask & h1(5, s1p); out[k++] = mask & h1(6, s1wp);
  out[k++] = mask & h1(7, b0w); out[k++] = mask & h1(8, b0p); out[k++] = mask & h1(9, b0wp);
  out[k++] = mask & h1(10, b1w); out[k++] = mask & h1(11, b1p); out[k++] = mask & h1(12, b1wp);
  out[k++] = mask & h1(13, P[b2]!); out[k++] = mask & h1(14, P[s2]!); out[k++] = mask & h1(15, W[b2]!);
  out[k++] = mask & h1(16, W[s2]!);
  // Pairs: the candidate arcs s0–b0 (LEFT) and s1–s0 (RIGHT).
  out[k++] = mask & h2(17, s0wp, b0wp); out[k++] = mask & h2(18, s0wp, b0w); out[k++] = mask & h2(19, s0w, b0wp);
  out[k++] = mask & h2(20, s0wp, b0p); out[k++] = mask & h2(21, s0p, b0wp);
  out[k++] = mask & h2(22, s0w, b0w); out[k++] = mask & h2(23, s0p, b0p); out[k++] = mask & h2(24, b0p, b1p);
  out[k++] = mask & h2(25, s1wp, s0wp); out[k++] = mask & h2(26, s1w, s0w); out[k++] = mask & h2(27, s1p, s0p);
  out[k++] = mask & h2(28, s1p, s0wp); out[k++] = mask & h2(29, s1wp, s0p);
  out[k++] = mask & h2(30, s1w, s0p); out[k++] = mask & h2(31, s1p, s0w);
  // Three tags.
  out[k++] = mask & h3(32, b0p, b1p, P[b2]!); out[k++] = mask & h3(33, s0p, b0p, b1p);
  out[k++] = mask & h3(34, s1p, s0p, b0p); out[k++] = mask & h3(35, s0p, P[s0l]!, b0p);
  out[k++] = mask & h3(36, s0p, P[s0r]!, b0p); out[k++] = mask & h3(37, s1p, P[s1r]!, s0p);
  out[k++] = mask & h3(38, s0p, b0p, P[b0l]!); out[k++] = mask & h3(39, P[s2]!, s1p, s0p);
  out[k++] = mask & h3(40, s1p, s0p, P[s0r]!); out[k++] = mask & h3(41, s1p, s0p, P[s0l]!);
  out[k++] = mask & h3(42, s1p, P[s1l]!, s0p); out[k++] = mask & h3(43, s1p, s0p, b1p);
  // Distances.
  out[k++] = mask & h2(44, s0w, d); out[k++] = mask & h2(45, s0p, d); out[k++] = mask & h2(46, b0w, d);
  out[k++] = mask & h2(47, b0p, d); out[k++] = mask & h3(48, s0p, b0p, d); out[k++] = mask & h3(49, s0w, b0w, d);
  out[k++] = mask & h2(50, s1w, d01); out[k++] = mask & h2(51, s1p, d01); out[k++] = mask & h2(52, s0w, d01);
  out[k++] = mask & h3(53, s1p, s0p, d01); out[k++] = mask & h3(54, s1w, s0w, d01);
  // Valency.
  out[k++] = mask & h2(55, s0w, nr[s0]!); out[k++] = mask & h2(56, s0p, nr[s0]!);
  out[k++] = mask & h2(57, s0w, nl[s0]!); out[k++] = mask & h2(58, s0p, nl[s0]!);
  out[k++] = mask & h2(59, b0w, nl[b0]!); out[k++] = mask & h2(60, b0p, nl[b0]!);
  out[k++] = mask & h2(61, s1w, nr[s1]!); out[k++] = mask & h2(62, s1p, nr[s1]!);
  // Children, with their relations.
  out[k++] = mask & h1(63, W[s0l]!); out[k++] = mask & h1(64, P[s0l]!); out[k++] = mask & h1(65, R[s0l]!);
  out[k++] = mask & h1(66, W[s0r]!); out[k++] = mask & h1(67, P[s0r]!); out[k++] = mask & h1(68, R[s0r]!);
  out[k++] = mask & h1(69, W[b0l]!); out[k++] = mask & h1(70, P[b0l]!); out[k++] = mask & h1(71, R[b0l]!);
  out[k++] = mask & h1(72, P[s1r]!); out[k++] = mask & h1(73, R[s1r]!); out[k++] = mask & h1(74, W[s1r]!);
  out[k++] = mask & h1(75, P[s0ll]!); out[k++] = mask & h1(76, R[s0ll]!); out[k++] = mask & h1(77, P[s0rr]!);
  out[k++] = mask & h1(78, R[s0rr]!); out[k++] = mask & h1(79, P[b0ll]!); out[k++] = mask & h1(80, R[b0ll]!);
  out[k++] = mask & h3(81, s0p, P[s0l]!, P[s0ll]!); out[k++] = mask & h3(82, s0p, P[s0r]!, P[s0rr]!);
  out[k++] = mask & h3(83, b0p, P[b0l]!, P[b0ll]!);
  out[k++] = mask & h3(84, s0w, R[s0l]!, R[s0r]!); out[k++] = mask & h3(85, s0p, R[s0l]!, R[s0r]!);
  out[k++] = mask & h3(86, b0p, R[b0l]!, R[b0ll]!); out[k++] = mask & h3(87, s1p, R[s1l]!, R[s1r]!);
  // Word clusters: something of words seen rarely in training.
  out[k++] = mask & h1(88, C[s0]!); out[k++] = mask & h1(89, C[b0]!); out[k++] = mask & h1(90, C[s1]!);
  out[k++] = mask & h1(91, C[b1]!); out[k++] = mask & h2(92, C[s0]!, C[b0]!); out[k++] = mask & h2(93, C[s1]!, C[s0]!);
  out[k++] = mask & h2(94, C[s0]!, b0p); out[k++] = mask & h2(95, s0p, C[b0]!);
  // Suffixes: the verb forms and plurals a universal tag leaves out ("-ed", "-ing", "-s").
  out[k++] = mask & h2(96, S[s0]!, s0p); out[k++] = mask & h2(97, S[b0]!, b0p); out[k++] = mask & h2(98, S[s1]!, s1p);
  out[k++] = mask & h3(99, S[s0]!, s0p, b0p); out[k++] = mask & h3(100, s0p, S[b0]!, b0p);
  out[k++] = mask & h3(101, S[s1]!, s1p, s0p); out[k++] = mask & h3(102, s1p, S[s0]!, s0p);
  out[k++] = mask & h2(103, S[b1]!, b1p);
  // The tags the tagger ranked second, and the next words together.
  out[k++] = mask & h2(104, s0p, Q[s0]!); out[k++] = mask & h2(105, b0p, Q[b0]!);
  out[k++] = mask & h2(106, s1p, Q[s1]!); out[k++] = mask & h3(107, s0p, Q[s0]!, b0p);
  out[k++] = mask & h3(108, s0p, b0p, Q[b0]!);
  out[k++] = mask & h3(109, s1p, Q[s1]!, s0p); out[k++] = mask & h2(110, b0w, b1w);
  out[k++] = mask & h2(111, b0wp, b1p); out[k++] = mask & h2(112, b0p, b1wp);
  // What lies between the candidate arcs' ends: punctuation (a clause or list boundary) and verbs.
  const pS0B0 = between(c, s0, b0, c.punctBefore);
  const pS1S0 = between(c, s1, s0, c.punctBefore);
  const vS0B0 = between(c, s0, b0, c.verbsBefore);
  const vS1S0 = between(c, s1, s0, c.verbsBefore);
  out[k++] = mask & h3(113, s0p, b0p, pS0B0); out[k++] = mask & h3(114, s1p, s0p, pS1S0);
  out[k++] = mask & h3(115, s0p, b0p, vS0B0); out[k++] = mask & h3(116, s1p, s0p, vS1S0);
  out[k++] = mask & h3(117, pS0B0, vS0B0, d); out[k++] = mask & h3(118, pS1S0, vS1S0, d01);
  out[k++] = mask & h2(119, P[c.buf(3)]!, b0p);
  return k;
}

/** The features of the arc `head` → `dependent` for choosing its relation; returns their count. */
export function relationFeatures(c: Configuration, dependent: number, head: number, mask: number, out: Int32Array): number {
  const { W, P, C, relation: R, l1, l2, r1, r2, nl, nr } = c;
  const dw = W[dependent]!, dp = P[dependent]!, hw = W[head]!, hp = P[head]!;
  const left = dependent < head ? 1 : 0;
  const d = dist(dependent, head);
  // The sibling beside the dependent on its side of the head (attached before it).
  const sib = left ? l1[head]! : r1[head]!;
  const dl = l1[dependent]!, dr = r1[dependent]!, dll = l2[dependent]!, drr = r2[dependent]!;
  const prev = dependent > 0 ? dependent - 1 : c.NONE;
  const next = dependent + 1 < c.n ? dependent + 1 : c.NONE;
  let k = 0;
  out[k++] = mask & h1(0, left);
  out[k++] = mask & h2(1, dw, left); out[k++] = mask & h2(2, dp, left); out[k++] = mask & h2(3, hw, left);
  out[k++] = mask & h2(4, hp, left); out[k++] = mask & h2(5, C[dependent]!, left);
  out[k++] = mask & h2(6, C[head]!, left);
  out[k++] = mask & h3(7, dp, hp, left); out[k++] = mask & h3(8, dw, hp, left); out[k++] = mask & h3(9, dp, hw, left);
  out[k++] = mask & h3(10, dw, hw, left); out[k++] = mask & h3(11, dp, hp, d);
  out[k++] = mask & h3(12, dw, dp, left); out[k++] = mask & h3(13, hw, hp, left);
  // The dependent's own children (complete when it is attached), the sibling before it, the head's others.
  out[k++] = mask & h3(14, dp, R[dl]!, R[dr]!); out[k++] = mask & h2(15, W[dl]!, dp);
  out[k++] = mask & h2(16, W[dr]!, dp); out[k++] = mask & h2(17, R[dl]!, dp); out[k++] = mask & h2(18, R[dr]!, dp);
  out[k++] = mask & h2(19, W[dll]!, dp); out[k++] = mask & h2(20, R[dll]!, R[drr]!);
  out[k++] = mask & h3(21, dp, hp, W[dl]!); out[k++] = mask & h3(22, nl[dependent]!, nr[dependent]!, dp);
  out[k++] = mask & h3(23, R[sib]!, dp, left); out[k++] = mask & h3(24, P[sib]!, dp, hp);
  out[k++] = mask & h3(25, W[sib]!, dp, left);
  out[k++] = mask & h3(26, R[l1[head]!]!, R[r1[head]!]!, hp); out[k++] = mask & h2(27, R[l2[head]!]!, hp);
  out[k++] = mask & h2(28, R[r2[head]!]!, hp); out[k++] = mask & h3(29, nl[head]!, nr[head]!, hp);
  // Words around the dependent.
  out[k++] = mask & h3(30, P[prev]!, dp, hp); out[k++] = mask & h3(31, dp, P[next]!, hp);
  out[k++] = mask & h2(32, W[prev]!, dp); out[k++] = mask & h2(33, W[next]!, dp);
  out[k++] = mask & h3(34, C[dependent]!, hp, left); out[k++] = mask & h3(35, dp, C[head]!, left);
  out[k++] = mask & h3(36, dw, hw, d);
  // The head's own head is not known yet, but the word before the head is.
  out[k++] = mask & h3(37, hp, head > 0 && head <= c.n ? P[head - 1]! : NONE_TAG, left);
  out[k++] = mask & h2(38, W[head + 1 < c.n ? head + 1 : c.NONE]!, hp);
  return k;
}

/** The parse of one sentence's words with their UPOS tags (and the tags ranked second) under `model`. */
export function parseWith(model: ParserModel, words: readonly string[], tags: readonly string[], runnerUp?: readonly string[]): ParsedSentence {
  const n = words.length;
  const c = new Configuration(words, tags, runnerUp);
  const feats = new Int32Array(MAX_FEATURES);
  const actionScores = new Float64Array(ACTIONS.length);
  const relationScores = new Float64Array(model.relations.classes.length);
  const amask = model.actions.buckets - 1;
  const rmask = model.relations.buckets - 1;
  const rootClass = model.relations.classes.indexOf('root');
  const scoreActions = quantisedScorer(model.actions);
  const scoreRelations = quantisedScorer(model.relations);
  while (!c.done) {
    const count = actionFeatures(c, amask, feats);
    scoreActions(feats, count, actionScores);
    let best = -1;
    for (let a = 0; a < ACTIONS.length; a++) if (c.valid(a) && (best < 0 || actionScores[a]! > actionScores[best]!)) best = a;
    let relation = -1;
    if (best !== SHIFT) {
      const [d, h] = c.arc(best);
      relation = bestRelation(scoreRelations, model.relations.classes.length, rootClass, model.candidates, c, d, h, rmask, feats, relationScores);
    }
    c.apply(best, relation);
  }
  const heads = new Int32Array(n);
  const relations: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    heads[i] = c.head[i] === n ? -1 : c.head[i]!;
    relations[i] = model.relations.classes[c.relation[i]!]!;
  }
  return { heads, relations };
}

/**
 * The relation of the arc head → dependent under `score` (of `classes` classes): the best-scoring of those the
 * training data gave arcs between such tags (`candidates`) that fits where it is (only the root
 * token's dependent is `root`, and it is always `root`; `rootClass` is the index of `root`, or -1).
 */
export function bestRelation(
  score: Scorer,
  classes: number,
  rootClass: number,
  candidates: readonly Int32Array[],
  c: Configuration,
  d: number,
  h: number,
  mask: number,
  feats: Int32Array,
  out: Float64Array,
): number {
  if (h === c.n && rootClass >= 0) return rootClass;
  const only = candidates[candidateKey(c.P[d]!, c.P[h]!, d < h)];
  if (only && only.length === 1) return only[0]!;
  const count = relationFeatures(c, d, h, mask, feats);
  let best = -1;
  if (only && only.length > 0) {
    score(feats, count, out, only);
    for (let k = 0; k < only.length; k++) if (best < 0 || out[only[k]!]! > out[best]!) best = only[k]!;
    return best;
  }
  score(feats, count, out);
  for (let y = 0; y < classes; y++) if (y !== rootClass && (best < 0 || out[y]! > out[best]!)) best = y;
  return best;
}
