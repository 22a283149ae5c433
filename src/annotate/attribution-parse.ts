/**
 * Attribution read from the parse: rules that are data (src/lexicons/attribution-rules.json, and any a user
 * adds through `--lexicon`'s `attributionRules`), each a dependency pattern (src/syntax/match.ts) naming the
 * nodes that play the cue, the source and the content. One matcher runs them all; a rule's examples run as
 * its test (test/attribution-rules.test.ts) and docs/rules.md lists them.
 *
 * Spans are read off the tree: the cue is its word with the auxiliaries, particles and adverbs next to it
 * ("has also said", "according to"); the source is its noun phrase without appositions and relative clauses
 * (descriptors, not the name: "Officials, who spoke on condition of anonymity, said"); the content is the
 * clause's subtree, without the branch that holds the cue when the rule says so ("According to X, …").
 */
import type { AttributionType, Quote, Sentence, Span, Token } from '../model/types.js';
import type { Lexicons } from '../lexicons/index.js';
import { compileRules, type AttributionRule, type CompiledRule } from '../lexicons/attribution-rules.js';
import { matchPattern } from '../syntax/match.js';
import { ParseTree } from '../syntax/tree.js';
import { firstEndingAfter, overlaps, spanAt } from '../model/spans.js';
import type { RawAttribution } from './attribution.js';

export interface ParseAttributionInput {
  text: string;
  sentences: readonly Sentence[];
  tokens: readonly Token[];
  quotes: readonly Quote[];
  skip: ReadonlySet<number>;
  lexicons: Lexicons;
  rules?: readonly AttributionRule[];
  /** The document's parse, read once for every stage that needs it (built here when absent). */
  tree?: ParseTree;
}

/** Relations of the dependents of a cue word that belong to the cue ("has also said", "according to"). */
const CUE_GROUP = new Set(['aux', 'aux:pass', 'fixed', 'compound:prt', 'advmod']);
/** Relations of a source's dependents that describe it rather than name it. */
const DESCRIPTORS = new Set(['appos', 'acl', 'acl:relcl', 'parataxis', 'punct', 'dep']);
const EDGE_PUNCTUATION = /^[.,;:!?—–-]+$/;

/** Every relation the rules find, at most one per cue word (the first rule that matches it wins). */
export function parseAttributions(input: ParseAttributionInput): RawAttribution[] {
  const { tokens, sentences, skip } = input;
  const compiled = compileRules(input.rules ?? input.lexicons.attributionRules, input.lexicons);
  const tree = input.tree ?? new ParseTree(tokens);
  const taken = new Set<number>();
  const outerQuotes = input.quotes.filter((q) => q.depth === 0 && !q.scare);
  const out: RawAttribution[] = [];
  for (const sentence of sentences) {
    if (skip.has(sentence.index)) continue;
    for (const r of compiled) {
      // Tokens are read as they are: lemmas and norms come lower-cased from the segment stage (a proper
      // name keeps its capital, and no lexicon set holds one).
      for (const m of matchPattern(r.pattern, tokens, tree, sentence.tokenStart, sentence.tokenEnd)) {
        const cueToken = m[r.cue]!;
        if (taken.has(cueToken)) continue;
        const relation = toRelation(r, m, input, tree, outerQuotes);
        if (!relation) continue;
        taken.add(cueToken);
        out.push(relation);
      }
    }
  }
  return out.sort((a, b) => a.cue.start - b.cue.start);
}

function toRelation(r: CompiledRule, m: Int32Array, input: ParseAttributionInput, tree: ParseTree, outerQuotes: readonly Quote[]): RawAttribution | null {
  const { text, tokens } = input;
  const cueToken = m[r.cue]!;
  const cue = cueSpan(tokens, cueToken);
  const sourceToken = r.source >= 0 ? m[r.source]! : -1;
  const sourceSpan = sourceToken >= 0 ? phraseSpan(tokens, tree, sourceToken, DESCRIPTORS, -1) : null;
  const contentToken = m[r.content]!;
  if (contentToken < 0) return null;
  let content = phraseSpan(tokens, tree, contentToken, EMPTY, r.without >= 0 ? m[r.without]! : -1);
  if (!content) return null;
  content = withQuoteMarks(outerQuotes, content);
  // Content around the cue holds it (and its source, set off by commas) as one span: "The plan, he said, is dead".
  const surrounds = content.start < cue.start && content.end > cue.end;
  if (overlaps(cue, content) && !surrounds) return null;
  if (sourceSpan && (overlaps(sourceSpan, cue) || (overlaps(sourceSpan, content) && !surrounds))) return null;
  const quote = spanAt(outerQuotes, content.start);
  const type: AttributionType = quote && quote.start === content.start && quote.end === content.end ? 'direct' : 'indirect';
  const head = tokens[cueToken]!;
  return {
    sourceSpan,
    cue,
    cueLemma: head.lemma.toLowerCase(),
    cueType: head.upos === 'NOUN' ? 'noun' : head.dep === 'case' || head.dep === 'mark' ? 'according-to' : 'verb',
    content,
    type,
    rule: r.rule.id,
    evidence: text.slice(cue.start, cue.end),
    score: 0.7,
    parent: null,
  };
}

const EMPTY: ReadonlySet<string> = new Set();

/** The cue word with the adjacent dependents that belong to it, as one contiguous span. */
function cueSpan(tokens: readonly Token[], i: number): Span {
  let first = i;
  let last = i;
  // Grow left and right while the next token is a dependent of the cue in CUE_GROUP.
  const isGroup = (j: number): boolean => tokens[j]!.head === i && CUE_GROUP.has(tokens[j]!.dep) && (tokens[j]!.dep !== 'advmod' || tokens[j]!.upos === 'ADV');
  while (first - 1 >= 0 && tokens[first - 1]!.sentence === tokens[i]!.sentence && isGroup(first - 1)) first--;
  while (last + 1 < tokens.length && tokens[last + 1]!.sentence === tokens[i]!.sentence && isGroup(last + 1) && tokens[last + 1]!.dep !== 'advmod') last++;
  return { start: tokens[first]!.start, end: tokens[last]!.end };
}

/**
 * The subtree of token i as one contiguous span around it: the subtrees of its dependents whose relation is
 * in `drop`, and the branch holding token `without` (when it is inside), cut it short on their side; then
 * punctuation at either edge is trimmed.
 */
function phraseSpan(tokens: readonly Token[], tree: ParseTree, i: number, drop: ReadonlySet<string>, without: number): Span | null {
  let [first, last] = tree.subtreeTokens(i);
  const cut = (c: number): void => {
    const [f, l] = tree.subtreeTokens(c);
    if (l < i) first = Math.max(first, l + 1);
    else if (f > i) last = Math.min(last, f - 1);
  };
  for (const c of tree.childView(i)) {
    const dep = tokens[c]!.dep;
    // Punctuation is dropped at the phrase's edges only; a noun phrase's own preposition is not part of it
    // ("by CNN" names CNN).
    const dropped = dep === 'punct' ? drop.has(dep) && (c === first || c === last) : drop.has(dep);
    if (dropped || (dep === 'case' && c < i && drop.size > 0)) cut(c);
  }
  if (without >= 0 && without !== i && tree.within(without, i)) {
    // The child of i on the path down to `without`.
    let c = without;
    while (tokens[c]!.head !== i) c = tokens[c]!.head!;
    cut(c);
  }
  while (first < last && EDGE_PUNCTUATION.test(tokens[first]!.norm)) first++;
  while (last > first && EDGE_PUNCTUATION.test(tokens[last]!.norm)) last--;
  if (first > last || EDGE_PUNCTUATION.test(tokens[first]!.norm)) return null;
  return { start: tokens[first]!.start, end: tokens[last]!.end };
}

/** A content that is a quotation but for its marks takes the marks (PolNeAR's content keeps them). */
function withQuoteMarks(outerQuotes: readonly Quote[], span: Span): Span {
  const q = spanAt(outerQuotes, span.start);
  if (q && q.end >= span.end && span.start - q.start <= 2 && q.end - span.end <= 3) return { start: q.start, end: q.end };
  return span;
}

/** The syntactic head of a span's tokens: the last one whose head lies outside the span (-1 for none). */
export function spanHead(tokens: readonly Token[], span: Span): number {
  let best = -1;
  for (let i = firstEndingAfter(tokens, span.start); i < tokens.length && tokens[i]!.start < span.end; i++) {
    const h = tokens[i]!.head;
    if (h === null || tokens[h]!.start < span.start || tokens[h]!.start >= span.end) best = i;
  }
  return best;
}

/** Relations by which a verb passes its subject down to a dependent verb: control, coordination, participles. */
const SUBJECT_SHARING = new Set(['xcomp', 'conj', 'advcl']);

/**
 * Relations the tagger and rules left without a source whose cue verb has a subject in the parse: its own,
 * the agent of a passive cue ("was written by Springsteen"), or the subject it shares with the verb it
 * depends on ("He plans to order…", "Trump tweeted on Friday, saying…", "X denied it and claimed…").
 * The source is the subject's noun phrase with its appositions (as PolNeAR marks it), without participial or
 * relative adjuncts. A cue that a "quoting" link already explains ("Quoting X, the report adds") is left alone.
 */
export function subjectsFromParse(tokens: readonly Token[], relations: RawAttribution[], tree = new ParseTree(tokens)): void {
  const quoting = new Set(relations.filter((r) => r.cueType === 'quoting').map((r) => r.cue.start));
  for (const r of relations) {
    if (r.sourceSpan !== null || r.cueType !== 'verb' || quoting.has(r.cue.start)) continue;
    let v = spanHead(tokens, r.cue);
    if (v < 0 || tokens[v]!.upos !== 'VERB') continue;
    const sentence = tokens[v]!.sentence;
    let subject = -1;
    for (let step = 0; step < 3 && v >= 0 && subject < 0; step++) {
      subject = subjectOf(tokens, tree, v);
      if (subject >= 0 || !SUBJECT_SHARING.has(tokens[v]!.dep)) break;
      v = tokens[v]!.head ?? -1;
    }
    if (subject < 0 || tokens[subject]!.sentence !== sentence) continue;
    const span = phraseSpan(tokens, tree, subject, SOURCE_ADJUNCTS, -1);
    if (!span || overlaps(span, r.cue) || overlaps(span, r.content)) continue;
    r.sourceSpan = span;
    r.rule += '+parse-subject';
  }
}

/** The token that says who does what the verb says: its subject, or a passive verb's agent. */
function subjectOf(tokens: readonly Token[], tree: ParseTree, v: number): number {
  const kids = tree.children(v);
  const passive = kids.some((k) => tokens[k]!.dep === 'aux:pass');
  const want = passive ? 'obl:agent' : 'nsubj';
  return kids.find((k) => tokens[k]!.dep === want) ?? -1;
}

/** Dependents of a subject that are not part of what PolNeAR marks as the source (participial and relative adjuncts). */
const SOURCE_ADJUNCTS: ReadonlySet<string> = new Set(['acl', 'acl:relcl', 'advcl', 'parataxis', 'dep', 'punct']);

