/**
 * What a claim says, reduced to the terms that decide whether two claims are the same statement.
 *
 * A claim becomes a sorted set of typed 32-bit terms (the type in the two low bits):
 * - `word`: a content word's lemma, or an actor: every mention of an entity becomes its entity's name (a
 *   person's surname, so "Mr So", "Kim So" and "So" agree; "America" and "the U.S." are one country), and a
 *   title before a name is dropped;
 * - `cluster`: the GloVe word cluster of a content word (src/lexicons/clusters.ts), so "bought" meets
 *   "purchased" half-way;
 * - `number`: a number as written without grouping ("1,200" = "1200"; "two" = "2");
 * - `mark`: the claim's relation signatures ("pakistan|train|hamas") and its negation.
 * The similarity (src/corpus/similarity.ts) weighs words by how rare they are in the corpus, requires
 * negation and numbers to agree, and gives clusters part of a word's credit.
 * Pure and browser-safe (no I/O).
 */
import type { Analysis, Span, Token } from '../model/types.js';
import { firstEndingAfter, spanAt } from '../model/spans.js';
import { wordCluster, wordRank } from '../lexicons/clusters.js';
import sourcesLexicon from '../lexicons/sources.json' with { type: 'json' };

/** Whether a term proposes candidates: a word that is not common, a number or a relation. */
export const isBandTerm = (term: number): boolean => {
  const type = term & 3;
  return type === TERM_WORD ? (term & COMMON_BIT) === 0 : type !== TERM_CLUSTER;
};

/**
 * Version of the stored terms: part of ANALYSIS_VERSION, so a corpus whose claims were reduced otherwise is
 * found stale and `corpus reanalyze` makes it current (1 was content-word shingles with Jaccard matching).
 */
export const MATCH_FEATURES_VERSION = 2;

export const TERM_WORD = 0;
export const TERM_CLUSTER = 1;
export const TERM_NUMBER = 2;
export const TERM_MARK = 3;
export type TermType = typeof TERM_WORD | typeof TERM_CLUSTER | typeof TERM_NUMBER | typeof TERM_MARK;

export const termType = (term: number): TermType => (term & 3) as TermType;

/** 32-bit FNV-1a of a string, finished with a murmur3 mix so nearby strings spread. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const typed = (key: string, type: TermType): number => ((hashString(key) & ~15) | type) >>> 0;

/**
 * Bit 2 of a word term: one of the COMMON_WORDS most frequent words of English. Such words still count in
 * the similarity but do not propose candidates (src/corpus/cluster.ts), or every claim about a campaign
 * would be compared with every other.
 */
export const COMMON_BIT = 4;
export const COMMON_WORDS = 1000;

export const wordTerm = (lemma: string): number => {
  const rank = wordRank(lemma);
  return (typed(`w:${lemma}`, TERM_WORD) | (rank > 0 && rank <= COMMON_WORDS ? COMMON_BIT : 0)) >>> 0;
};

/** Bit 3 of a word term: the word names an actor (an entity, or a proper noun): who did it matters. */
export const ACTOR_BIT = 8;
export const actorTerm = (name: string): number => (wordTerm(name) | ACTOR_BIT) >>> 0;
export const NEGATED_TERM = typed('negated', TERM_MARK);

// Function words and reporting verbs: they say nothing about what a claim claims.
const STOPWORDS = new Set(
  (
    'a an the and or but nor so yet for of to in on at by with from into onto upon about above below over under ' +
    'between among through during before after since until while as than then that this these those there here ' +
    'be am is are was were been being have has had having do does did doing will would shall should can could ' +
    'may might must i me my mine we us our ours you your yours he him his she her hers it its they them their ' +
    'theirs who whom whose which what when where why how all any both each few more most other some such no not ' +
    'only own same too very just also s t don now if because again further once ever even still out up down off ' +
    'said say says saying tell told report reported according claim claimed add added state stated ' +
    "’s 's n't not get got make made " +
    // When, relative to the day of writing: two outlets date one event differently ("Sunday", "yesterday").
    'monday tuesday wednesday thursday friday saturday sunday yesterday today tomorrow tonight morning ' +
    'afternoon evening night last next earlier later week'
  ).split(/\s+/),
);
const NEGATIONS = new Set(['not', "n't", 'never', 'no', 'neither', 'nor', 'none', 'nobody', 'nothing', 'without']);
const TITLES = new Set(sourcesLexicon.personTitles);
const NUMBER_WORDS: Record<string, string> = {
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  eleven: '11', twelve: '12', twenty: '20', thirty: '30', forty: '40', fifty: '50', hundred: '100', dozen: '12',
};

/** A word of a claim as the matcher reads it. */
export interface MatchWord {
  /** Lower-cased surface form. */
  norm: string;
  lemma: string;
  /** Universal POS tag. */
  upos: string;
}

/** An entity mention inside a claim: the words it covers count once, as the entity. */
export interface MatchActor {
  /** Word indexes [from, to) of the mention in the claim's word list. */
  from: number;
  to: number;
  /** The entity's name, lower case (a person's surname). */
  name: string;
}

const clean = (w: string): string => w.replace(/[’‘]/g, "'").replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

/** A number as written, without grouping commas or a currency sign; null when the word is not a number. */
export function numberOf(word: string): string | null {
  const w = word.toLowerCase();
  if (NUMBER_WORDS[w]) return NUMBER_WORDS[w]!;
  const m = /^[$£€¥]?(\d[\d,]*(?:\.\d+)?)(%|[a-z]{0,2})$/.exec(w);
  if (!m) return null;
  const digits = m[1]!.replace(/,/g, '');
  // "2.50" and "2.5" are one number; "1990s" keeps its suffix, "5%" loses it (the word "percent" stays).
  const value = digits.includes('.') ? digits.replace(/0+$/, '').replace(/\.$/, '') : digits;
  return m[2] === 's' ? `${value}s` : value;
}

/**
 * The sorted, distinct terms of a claim from its words, the actors among them and its relation signatures.
 * Empty when the claim says too little to match (fewer than `MIN_CONTENT` content words and no relation).
 */
export function matchTerms(words: readonly MatchWord[], actors: readonly MatchActor[] = [], relations: readonly string[] = []): Uint32Array {
  const set = new Set<number>();
  let content = 0;
  let negated = false;
  const actorAt = new Map<number, MatchActor>();
  for (const a of actors) actorAt.set(a.from, a);
  for (let i = 0; i < words.length; i++) {
    const actor = actorAt.get(i);
    if (actor && actor.to > i) {
      set.add(actorTerm(actor.name));
      content++;
      i = actor.to - 1;
      continue;
    }
    const w = words[i]!;
    if (w.upos === 'PUNCT' || w.upos === 'SYM') continue;
    const norm = clean(w.norm);
    if (norm === '') continue;
    if (NEGATIONS.has(norm)) negated = true;
    const number = w.upos === 'NUM' || /^[$£€¥]?\d/.test(norm) ? numberOf(norm) : null;
    if (number !== null) {
      set.add(typed(`n:${number}`, TERM_NUMBER));
      content++;
      continue;
    }
    const proper = w.upos === 'PROPN';
    // A title before a name is not part of who it is ("President Bush" is "Bush").
    if (TITLES.has(norm) && i + 1 < words.length && words[i + 1]!.upos === 'PROPN') continue;
    if (!proper && STOPWORDS.has(norm)) continue;
    // Hyphenated compounds count as their parts ("Cyprus-registered" meets "registered in Cyprus").
    const parts = norm.includes('-') ? norm.split('-').filter((p) => p !== '') : [proper ? norm : clean(w.lemma.toLowerCase()) || norm];
    for (const part of parts) {
      if (!proper && STOPWORDS.has(part)) continue;
      if (!/[\p{L}\p{N}]/u.test(part)) continue;
      const lemma = parts.length > 1 ? stem(part) : part;
      set.add(proper ? actorTerm(lemma) : wordTerm(lemma));
      content++;
      if (!proper) {
        const cluster = wordCluster(lemma) || wordCluster(norm);
        if (cluster !== 0) set.add(typed(`c:${cluster & 0xffff}`, TERM_CLUSTER));
      }
    }
  }
  if (content < MIN_CONTENT && relations.length === 0) return new Uint32Array(0);
  if (negated) set.add(NEGATED_TERM);
  for (const r of relations) set.add(typed(`r:${r}`, TERM_MARK));
  const terms = new Uint32Array(set.size);
  let k = 0;
  for (const x of set) terms[k++] = x;
  return terms.sort();
}

/** Claims with fewer content words than this are too generic to match ("he said so"). */
export const MIN_CONTENT = 3;

/** A light suffix fold for the parts of hyphenated words, which the lemmatiser never sees alone. */
function stem(w: string): string {
  if (w.length > 5 && w.endsWith('ed')) return w.endsWith('ied') ? `${w.slice(0, -3)}y` : w.slice(0, -2);
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** Words of a text without a tagger: runs of letters and digits, capitalised ones read as names. For tests. */
export function wordsOf(text: string): MatchWord[] {
  const raw = text.match(/[\p{L}\p{N}][\p{L}\p{N}.,$%-]*(?:['’][\p{L}]+)?/gu) ?? [];
  return raw.map((w, i) => {
    const word = w.replace(/[.,]+$/, '');
    const norm = word.toLowerCase();
    const lemma = norm.length > 4 && norm.endsWith('s') && !norm.endsWith('ss') ? norm.slice(0, -1) : norm;
    const upos = /^\d/.test(word) ? 'NUM' : i > 0 && /^\p{Lu}/u.test(word) ? 'PROPN' : 'X';
    return { norm, lemma, upos };
  });
}

/** Terms of a text read without a tagger (wordsOf): for tests and small tools. */
export const termsOfText = (text: string, relations: readonly string[] = []): Uint32Array => matchTerms(wordsOf(text), [], relations);

const isSpace = (t: Token): boolean => t.pos === 'SPACE' || t.upos === '_';

/** Lower-cased name an entity matches by: a person's surname, anything else its name. */
export function actorName(entity: Analysis['entities'][number]): string {
  const name = entity.name.toLowerCase().replace(/[’‘]/g, "'");
  if (entity.type !== 'person') return name;
  const parts = name.split(/\s+/).filter((p) => p !== '');
  return parts[parts.length - 1] ?? name;
}

/** Each claim's relation signatures, `subject|predicate|object` by entity names; negated relations left out. */
export function relationSignatures(analysis: Analysis): Map<string, string[]> {
  const entityName = new Map(analysis.entities.map((e) => [e.id, e.name.toLowerCase()]));
  const byClaim = new Map<string, string[]>();
  for (const r of analysis.relations) {
    if (r.negated) continue; // "did not train" is not the same allegation
    const sig = `${entityName.get(r.subject) ?? r.subject}|${r.predicate}|${entityName.get(r.object) ?? r.object}`;
    const list = byClaim.get(r.claim) ?? [];
    list.push(sig);
    byClaim.set(r.claim, list);
  }
  return byClaim;
}

/**
 * The matching terms of every claim of an analysis (its tokens must have been kept), keyed by claim id.
 * `relations` gives each claim's relation signatures (none when omitted).
 */
export function claimTermsOf(analysis: Analysis, relations: ReadonlyMap<string, readonly string[]> = new Map()): Map<string, Uint32Array> {
  const tokens = analysis.tokens ?? [];
  // Entity mentions by start offset, so each claim finds its actors in one pass over its tokens.
  const mentionAt = new Map<number, { end: number; name: string }>();
  for (const e of analysis.entities) {
    const name = actorName(e);
    for (const m of e.mentions) mentionAt.set(m.start, { end: m.end, name });
  }
  // A claim cut too short by a misread attribution ("Paul Durousseau, 32" of "… was charged Tuesday with
  // five counts …") matches by its sentence, without the attribution frames (cues, sources) in it. Made
  // once per sentence, and only when a claim needs it.
  let frames: Map<number, Span[]> | null = null;
  const bySentence = new Map<number, Uint32Array>();
  const sentenceTerms = (index: number, rels: readonly string[]): Uint32Array => {
    const sentence = analysis.sentences[index];
    if (!sentence) return new Uint32Array(0);
    let terms = bySentence.get(index);
    if (terms) return terms;
    if (!frames) {
      frames = new Map();
      for (const a of analysis.attributions) {
        for (const span of [a.cue, ...(a.sourceSpan ? [a.sourceSpan] : [])]) {
          const at = spanAt(analysis.sentences, span.start);
          if (!at) continue;
          const list = frames.get(at.index) ?? [];
          list.push(span);
          frames.set(at.index, list);
        }
      }
      for (const list of frames.values()) list.sort((x, y) => x.start - y.start);
    }
    terms = termsOfSpan(tokens, sentence, frames.get(index) ?? [], mentionAt, rels);
    bySentence.set(index, terms);
    return terms;
  };
  const out = new Map<string, Uint32Array>();
  for (const c of analysis.claims) {
    const rels = relations.get(c.id) ?? [];
    const terms = termsOfSpan(tokens, c, [], mentionAt, rels);
    out.set(c.id, terms.length > 0 ? terms : sentenceTerms(c.sentence, rels));
  }
  return out;
}

/** `leaveOut`: spans sorted by start whose tokens are not read. */
function termsOfSpan(
  tokens: readonly Token[],
  span: Span,
  leaveOut: readonly Span[],
  mentionAt: ReadonlyMap<number, { end: number; name: string }>,
  relations: readonly string[],
): Uint32Array {
  const words: MatchWord[] = [];
  const actors: MatchActor[] = [];
  let open: { from: number; end: number; name: string } | null = null;
  let skip = 0;
  for (let i = firstEndingAfter(tokens, span.start); i < tokens.length && tokens[i]!.start < span.end; i++) {
    const t = tokens[i]!;
    while (skip < leaveOut.length && leaveOut[skip]!.end <= t.start) skip++;
    const left = leaveOut[skip];
    if (isSpace(t) || (left !== undefined && t.start >= left.start && t.end <= left.end)) continue;
    const mention = mentionAt.get(t.start);
    if (mention && !open) open = { from: words.length, end: mention.end, name: mention.name };
    words.push({ norm: t.norm, lemma: t.lemma || t.norm, upos: t.upos || t.pos });
    if (open && t.end >= open.end) {
      actors.push({ from: open.from, to: words.length, name: open.name });
      open = null;
    }
  }
  if (open) actors.push({ from: open.from, to: words.length, name: open.name });
  return matchTerms(words, actors, relations);
}
