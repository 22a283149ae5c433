/**
 * Attribution relations (source, cue, content) found by rules over tagged tokens, following PolNeAR's
 * annotation: the content keeps "that" and its quotation marks, and leaves out the sentence's final
 * full stop; the cue keeps its auxiliaries and adverbs ("has also said").
 *
 * Patterns covered (rule ids in brackets, listed in docs/rules.md):
 *   According to X, … / …, according to X / in the words of X  [attribution/according-to]
 *   Quoting X, Y adds that … / …, citing X            [attribution/quoting]
 *   X said (that) … / X told Y that … / X said: …     [attribution/verb-content-after]
 *   “…,” X said. / “…,” said X. / …, sources said.    [attribution/verb-content-before]
 *   X's claim that … / the claim by X that …          [attribution/noun-cue]
 *   X: “…”  and  “…” — X                              [attribution/colon-lead-in, attribution/dash]
 *   WALLACE: … (a transcript turn, to paragraph end)  [attribution/colon-lead-in]
 * Stages never throw on odd text: a pattern that does not fit yields no relation.
 */
import type { AttributionType, Cue, Quote, Sentence, Span, Token } from '../model/types.js';
import type { Lexicons } from '../lexicons/index.js';
import { firstEndingAfter, spanAt } from '../model/spans.js';

export interface AttributionInput {
  text: string;
  sentences: readonly Sentence[];
  tokens: readonly Token[];
  quotes: readonly Quote[];
  /** Sentences that hold no claims (byline, furniture) are skipped. */
  skip: ReadonlySet<number>;
  /** Spans whose tokens take no part (datelines). */
  excluded: readonly Span[];
  lexicons: Lexicons;
}

/** A relation before its source is resolved to a source id. */
export interface RawAttribution {
  sourceSpan: Span | null;
  cue: Span;
  cueLemma: string;
  cueType: Cue['type'];
  content: Span;
  type: AttributionType;
  rule: string;
  evidence: string;
  score: number;
  /** Index (in the returned list) of the relation this one is the inner link of. */
  parent: number | null;
}

const NP_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'DET', 'NUM', 'PRON', 'PART']);
const NP_LINKS = new Set(['of', 'for', 'at', 'from', 'with', 'in', 'on', '&', 'and', '-', 'by', 'published', 'issued', 'released', 'cited', 'quoted', 'obtained', 'seen', 'familiar']);
const CUE_MODIFIERS_POS = new Set(['AUX', 'ADV', 'PART']);
const ADDRESSEES = new Set(['reporters', 'journalists', 'me', 'us', 'him', 'her', 'them', 'you', 'the', 'a', 'an', 'this', 'his', 'their', 'our', 'my']);
const OBJECT_VERBS = new Set(['tell', 'inform', 'assure', 'warn', 'remind', 'brief', 'advise', 'notify', 'convince', 'persuade', 'promise', 'show', 'ask']);
/** Time words that close a source phrase or open a content clause without belonging to either. */
const TEMPORAL = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tonight', 'tomorrow', 'recently', 'earlier', 'later', 'week', 'month', 'year', 'morning', 'afternoon', 'evening', 'night', 'weekend']);

/** Adverbs the tagger sometimes calls adjectives, kept in the cue group ("further states"). */
const CUE_ADVERBS = new Set(['further', 'also', 'later', 'again', 'earlier', 'previously', 'repeatedly', 'then', 'once']);
const QUOTE_CHARS = /^["“”„«»‘’'‹›]+$/;
const CLAUSE_END = new Set(['.', '!', '?', ';']);

function isQuoteMark(t: Token | undefined, text: string): boolean {
  return t !== undefined && QUOTE_CHARS.test(text.slice(t.start, t.end));
}

/** Drops trailing sentence punctuation (outside quotes) from a content span, as PolNeAR does. */
function trimContent(text: string, span: Span): Span {
  let { start, end } = span;
  while (end > start && /[\s.!?;,:]/.test(text[end - 1]!)) end--;
  while (start < end && /[\s,:—–-]/.test(text[start]!)) start++;
  return { start, end };
}

function hasWord(text: string, span: Span): boolean {
  return /[\p{L}\p{N}]/u.test(text.slice(span.start, span.end));
}

/** Quotes indexed by their offsets, so rules look them up in constant time on long documents. */
interface QuoteIndex {
  byStart: Map<number, Quote>;
  byEnd: Map<number, Quote>;
  /** Outer (depth 0) quotes in text order. */
  outer: Quote[];
}

function indexQuotes(quotes: readonly Quote[]): QuoteIndex {
  const byStart = new Map<number, Quote>();
  const byEnd = new Map<number, Quote>();
  for (const q of quotes) {
    const s = byStart.get(q.start);
    if (!s || q.depth < s.depth) byStart.set(q.start, q);
    if (!byEnd.has(q.end)) byEnd.set(q.end, q);
  }
  return { byStart, byEnd, outer: quotes.filter((q) => q.depth === 0) };
}

export function findAttributions(input: AttributionInput): RawAttribution[] {
  const { sentences, skip } = input;
  const found: RawAttribution[] = [];
  const index = indexQuotes(input.quotes);
  for (const sentence of sentences) {
    if (skip.has(sentence.index)) continue;
    found.push(...sentenceAttributions(input, index, sentence, found.length));
  }
  linkNested(found);
  return found;
}

/** "and", "but" or "yet" (and an optional adverb: "and later", "but also") right before a cue verb. */
const COORDINATED_CUE = /(?:^|[\s,])(?:and|but|yet)(?:\s+\p{L}+ly|\s+(?:also|then|later|again))?\s+$/iu;
/** A cue that opens with a lower-case word other than a subordinator ("and as Trump went on" opens a clause of its own). */
const VERB_WORD = /^(?!(?:as|while|when|whereas|if|because|since|after|before|though|although|that|who|which|then)\b)\p{Ll}/u;
/** Punctuation that ends a sentence or clause: a shared subject does not reach over it. */
const CLAUSE_BREAK = /[.!?;:]/;

/**
 * A cue verb without a subject of its own, coordinated with an earlier cue verb of the same sentence (or a
 * participle after a comma: "…, saying that…"), shares that verb's source: "Officials called the plan
 * “a disaster” and said it would fail" → Officials said it would fail. The shared ones get the rule suffix `+shared-subject`.
 * The earlier relation's content stops before the conjunction, and the later one is no longer its inner link.
 */
export function shareSubjects(text: string, relations: RawAttribution[]): void {
  const order = relations.map((_, k) => k).sort((a, b) => relations[a]!.cue.start - relations[b]!.cue.start);
  for (let n = 1; n < order.length; n++) {
    const r = relations[order[n]!]!;
    if (r.sourceSpan !== null || r.cueType !== 'verb' || !VERB_WORD.test(text.slice(r.cue.start, r.cue.end))) continue;
    const before = text.slice(Math.max(0, r.cue.start - 40), r.cue.start);
    // Or a participle after a comma: "X denied the report, calling it “pure fabrication”".
    const conjunction = COORDINATED_CUE.exec(before) ?? (/^\p{L}+ing\b/u.test(text.slice(r.cue.start, r.cue.end)) ? /,\s*$/.exec(before) : null);
    if (!conjunction) continue;
    // The nearest earlier verb cue with a subject before it, in the same clause run (300 characters at
    // most, which also bounds the search on an article of many sourceless cues).
    let m = n - 1;
    while (m >= 0 && relations[order[m]!]!.cue.end >= r.cue.start - 300 && (relations[order[m]!]!.cueType !== 'verb' || relations[order[m]!]!.sourceSpan === null)) m--;
    if (m < 0 || relations[order[m]!]!.cue.end < r.cue.start - 300) continue;
    const j = order[m]!;
    const q = relations[j]!;
    if (q.sourceSpan!.end > q.cue.start) continue;
    // Quoted words may hold any punctuation; outside them, a full stop or semicolon ends the clause run.
    const between = text.slice(q.cue.end, r.cue.start).replace(/“[^”]*”|"[^"]*"/g, '');
    if (CLAUSE_BREAK.test(between)) continue;
    r.sourceSpan = { ...q.sourceSpan! };
    r.rule = `${r.rule}+shared-subject`;
    if (r.parent === j) r.parent = null;
    // The earlier content ends where the coordinated clause begins.
    const cut = r.cue.start - conjunction[0].trimStart().length;
    if (q.content.start < cut && q.content.end > cut) {
      let end = cut;
      while (end > q.content.start && /[\s,]/.test(text[end - 1]!)) end--;
      q.content = { start: q.content.start, end };
    }
  }
}

/** "… Y as saying (that) Z" in the content of "cited" or "quoted": Y is who said Z. */
const AS_SAYING = /^([^.;:!?"“”]{2,150}?)\s+(as\s+(?:saying|stating|claiming|warning|writing|adding|telling\s+\p{L}+))\b[\s,:]*(?:that\s+)?/u;

/**
 * "X cited Y as saying that Z", "X quoted Y as saying Z": two links of one chain. X's relation keeps its cue
 * with Z as content; Y becomes the inner source of Z (cue "as saying", rule `attribution/cited-as-saying`,
 * nested in X's relation), so the claim Z reads outlet → X → Y. Returns the relations with the inner ones
 * placed after their outer ones (parent indices renumbered).
 */
export function splitCitedAsSaying(text: string, relations: RawAttribution[]): RawAttribution[] {
  const added = new Map<RawAttribution, RawAttribution>();
  for (const r of relations) {
    if (r.cueType !== 'verb' || !/^(cite|quote)$/.test(r.cueLemma)) continue;
    const m = AS_SAYING.exec(text.slice(r.content.start, r.content.end));
    if (!m || m[0].length >= r.content.end - r.content.start) continue;
    const who = { start: r.content.start, end: r.content.start + m[1]!.length };
    const cueStart = r.content.start + m[0].indexOf(m[2]!, m[1]!.length);
    const content = { start: r.content.start + m[0].length, end: r.content.end };
    r.content = content;
    added.set(r, {
      sourceSpan: who, cue: { start: cueStart, end: cueStart + m[2]!.length }, cueLemma: 'say', cueType: 'quoting', content,
      type: 'quoting', rule: 'attribution/cited-as-saying', evidence: text.slice(cueStart, cueStart + m[2]!.length), score: r.score, parent: null,
    });
  }
  return withInnerLinks(relations, added);
}

/**
 * A passive cue whose subject spoke: "was quoted (by Y) as", "is reported to have said". ("They are believed
 * to be stored…" is about its subject, not by it.)
 */
const PASSIVE_CUE = /^(?:is|are|was|were|has been|have been|had been)\s+(?:quoted\b|(?:reported|said|understood|believed|alleged)\s+to\s+have\s+(?:said|told|claimed|stated|warned|written|argued|insisted|admitted|denied|declared|added)\b)/;
/** "… by Y as" inside a passive cue or at the head of its content: Y is who quoted. */
const QUOTED_BY = /\bquoted\s+by\s+([^,.;:!?]{2,80}?)\s+as\b/;
/** "saying (that)" left at the head of a content. */
const SAYING_HEAD = /^(?:as\s+)?saying\s*,?\s*(?:that\s+)?/;
/** "X, citing Y, said": the parenthetical between the subject and the verb. */
const CITING_PARENTHETICAL = /,\s*(citing|quoting)\s+([^,]{2,120}),\s*$/;
/** "X, who lost the primaries, said": a relative clause between the subject and the verb. */
const RELATIVE_PARENTHETICAL = /,\s*(?:who|which)\s+[^,;:"“”]{2,150},\s*$/;

/**
 * Subjects the tagger leaves out in three phrasings of wire copy, with the inner links they imply:
 * - "X was quoted by Y as saying Z": Y quoted X (outlet → Y → X); without "by Y", X is the source;
 * - "X is reported to have said Z": X is the source (the hedge stays); "X is believed to be…" is about X;
 * - "X, citing Y, said Z": X is the source, and Y the inner source of Z;
 * - "X, who lost the primaries, said Z": X is the source.
 * The subject must be a short noun phrase opening the sentence or its clause (no verb, no comma; a bracket
 * after a name, "Sen. Bernie Sanders (Vt.)", may stay). Returns the relations with any new inner ones after
 * their outer ones, parents renumbered.
 */
export function subjectsLeftOut(text: string, sentences: readonly Sentence[], tokens: readonly Token[], relations: RawAttribution[]): RawAttribution[] {
  const inner = new Map<RawAttribution, RawAttribution>();
  const nounPhrase = (sentence: Sentence, from: number, to: number): Span | null => {
    let start = from;
    let end = to;
    // (A closing quotation mark may stand before it: 'On "Face the Nation," Sen. Bernie Sanders'.)
    while (start < end && /[\s"”]/.test(text[start]!)) start++;
    while (end > start && /[\s,]/.test(text[end - 1]!)) end--;
    // A bracket closing the phrase ("(Vt.)", "(R-Wis.)") belongs to the name before it.
    const bracket = /\s*\([^()]{1,20}\)$/.exec(text.slice(start, end));
    const core = bracket ? end - bracket[0].length : end;
    if (core - start < 2 || core - start > 100 || /[,;:()"“”]/.test(text.slice(start, core))) return null;
    // Only the sentence's own tokens are looked at: the repair stays linear in the article.
    let ts = tokens.slice(sentence.tokenStart, sentence.tokenEnd).filter((t) => t.start >= start && t.end <= core);
    // A conjunction or sentence adverb opening the clause is not part of the subject ("but the Coalition",
    // "Meanwhile Rihanna").
    while (ts.length > 1 && (ts[0]!.pos === 'CCONJ' || ts[0]!.pos === 'ADV' || /^(meanwhile|however|still|also)$/i.test(ts[0]!.norm))) ts = ts.slice(1);
    if (ts.length > 0) start = ts[0]!.start;
    if (ts.length === 0 || ts.length > 10 || ts.some((t) => t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'SCONJ')) return null;
    return { start, end };
  };
  /** "X, citing Y, said Z": X the source (unless one was found), Y the inner source of Z. */
  const citingLink = (r: RawAttribution, sentence: Sentence): void => {
    const citing = CITING_PARENTHETICAL.exec(text.slice(sentence.start, r.cue.start));
    if (!citing) return;
    const at = sentence.start + citing.index;
    if (r.sourceSpan !== null && r.sourceSpan.end > at) return;
    if (r.sourceSpan === null) {
      const subject = nounPhrase(sentence, sentence.start, at);
      if (!subject) return;
      r.sourceSpan = subject;
      r.rule = `${r.rule}+citing-subject`;
    }
    const citedAt = at + citing[0].indexOf(citing[2]!, citing[0].indexOf(citing[1]!) + citing[1]!.length);
    const cited = { start: citedAt, end: citedAt + citing[2]!.trimEnd().length };
    const cue = { start: at + citing[0].indexOf(citing[1]!), end: at + citing[0].indexOf(citing[1]!) + citing[1]!.length };
    // The tagger may have read "citing Y" as a relation of its own, with Y as content: it is this link.
    const own = relations.find((x) => x !== r && x.cue.start < cue.end && cue.start < x.cue.end);
    const link: RawAttribution = { sourceSpan: cited, cue, cueLemma: citing[1] === 'citing' ? 'cite' : 'quote', cueType: 'quoting', content: r.content, type: 'quoting', rule: 'attribution/citing-subject', evidence: citing[1]!, score: r.score, parent: null };
    if (own) Object.assign(own, link);
    else inner.set(r, link);
    if (own) own.parent = relations.indexOf(r);
  };
  for (const r of relations) {
    if (r.cueType !== 'verb') continue;
    const sentence = spanAt(sentences, r.cue.start);
    if (!sentence) continue;
    if (r.sourceSpan !== null) {
      // A source already read (from the parse) keeps its place; "citing Y" still becomes its inner link.
      citingLink(r, sentence);
      continue;
    }
    const cueText = text.slice(r.cue.start, r.cue.end);
    if (PASSIVE_CUE.test(text.slice(r.cue.start, r.cue.start + 80))) {
      const subject = nounPhrase(sentence, sentence.start, r.cue.start);
      if (!subject) continue;
      // "by Y as" may sit in the cue or open the content.
      const head = text.slice(r.cue.start, Math.min(r.content.end, r.cue.end + 120));
      const by = QUOTED_BY.exec(head);
      let contentStart = r.content.start;
      if (by) contentStart = Math.max(contentStart, r.cue.start + by.index + by[0].length);
      // (The space after "as" is skipped first: "as| saying that" must lose its "saying that" too.)
      while (contentStart < r.content.end && /\s/.test(text[contentStart]!)) contentStart++;
      const saying = SAYING_HEAD.exec(text.slice(contentStart, r.content.end));
      if (saying) contentStart += saying[0].length;
      while (contentStart < r.content.end && /\s/.test(text[contentStart]!)) contentStart++;
      if (contentStart >= r.content.end) continue;
      r.content = { start: contentStart, end: r.content.end };
      r.rule = `${r.rule}+passive-subject`;
      if (by) {
        const quoter = r.cue.start + by.index + by[0].indexOf(by[1]!, 'quoted'.length);
        r.sourceSpan = { start: quoter, end: quoter + by[1]!.length };
        inner.set(r, {
          sourceSpan: subject, cue: r.cue, cueLemma: 'say', cueType: 'quoting', content: r.content, type: 'quoting',
          rule: 'attribution/passive-subject', evidence: cueText, score: r.score, parent: null,
        });
      } else r.sourceSpan = subject;
      continue;
    }
    const relative = RELATIVE_PARENTHETICAL.exec(text.slice(sentence.start, r.cue.start));
    if (relative) {
      // The subject runs back from the relative clause to the sentence start or the comma that opens its clause.
      const at = sentence.start + relative.index;
      let from = at;
      while (from > sentence.start && !/[,:;]/.test(text[from - 1]!)) from--;
      const subject = nounPhrase(sentence, from, at);
      if (subject) {
        r.sourceSpan = subject;
        r.rule = `${r.rule}+relative-subject`;
      }
      continue;
    }
    citingLink(r, sentence);
  }
  return withInnerLinks(relations, inner);
}

/** The relations with each new inner link placed after its outer one and nested in it, parents renumbered. */
function withInnerLinks(relations: readonly RawAttribution[], inner: ReadonlyMap<RawAttribution, RawAttribution>): RawAttribution[] {
  if (inner.size === 0) return [...relations];
  const out: RawAttribution[] = [];
  const index = new Map<number, number>();
  relations.forEach((r, i) => {
    index.set(i, out.length);
    out.push(r);
    const x = inner.get(r);
    if (x) out.push(x);
  });
  const added = new Set(inner.values());
  for (const r of out) if (!added.has(r) && r.parent !== null) r.parent = index.get(r.parent) ?? null;
  for (const [outer, r] of inner) r.parent = out.indexOf(outer);
  return out;
}

/** Content longer than this (in characters) is not searched for nested relations; quotes rarely run so long. */
const MAX_NESTING_SPAN = 20_000;

/** Marks a relation whose cue and source sit inside another's content as that one's inner link. */
export function linkNested(found: RawAttribution[]): void {
  // Candidates sorted by content start, so each relation looks only at contents opening shortly before it.
  const byStart = found.map((_, j) => j).sort((x, y) => found[x]!.content.start - found[y]!.content.start);
  const starts = byStart.map((j) => found[j]!.content.start);
  // The furthest any content among the first k (by start) reaches: reading back stops once none can hold the cue.
  const reach: number[] = [];
  for (let k = 0, far = -1; k < byStart.length; k++) reach.push((far = Math.max(far, found[byStart[k]!]!.content.end)));
  for (let i = 0; i < found.length; i++) {
    const inner = found[i]!;
    if (inner.parent !== null) continue;
    const anchor = inner.sourceSpan ?? inner.cue;
    let best: number | null = null;
    // Last candidate whose content starts at or before the anchor.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= anchor.start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo - 1; k >= 0 && anchor.start - starts[k]! <= MAX_NESTING_SPAN && reach[k]! >= inner.cue.end; k--) {
      // A content starting further back that holds the cue is at least this long: none can be shorter than the best.
      if (best !== null && inner.cue.end - starts[k]! >= found[best]!.content.end - found[best]!.content.start) break;
      const j = byStart[k]!;
      if (i === j) continue;
      const outer = found[j]!;
      if (inner.cue.end <= outer.content.end && outer.content.end - outer.content.start > inner.content.end - inner.content.start) {
        if (best === null || found[best]!.content.end - found[best]!.content.start > outer.content.end - outer.content.start) best = j;
      }
    }
    // Never close a cycle: an outer relation nested in this one cannot also contain it.
    if (best !== null && found[best]!.parent !== i) inner.parent = best;
  }
}

function sentenceAttributions(input: AttributionInput, index: QuoteIndex, sentence: Sentence, offset: number): RawAttribution[] {
  const { text, tokens, lexicons } = input;
  // Tokens of a dateline ("Geneva -") belong to no noun phrase.
  const ts = tokens.slice(sentence.tokenStart, sentence.tokenEnd).filter((t) => !input.excluded.some((r) => r.start <= t.start && t.end <= r.end));
  const out: RawAttribution[] = [];
  const used = new Set<number>(); // token positions already part of a cue

  const quoteStartingAt = (pos: number): Quote | undefined => index.byStart.get(pos);
  const quoteEndingAt = (pos: number): Quote | undefined => index.byEnd.get(pos);
  // Outer quotes that open inside this sentence, and the first one opening after it.
  const firstOuter = firstEndingAfter(index.outer, sentence.start);
  const sentenceQuotes: Quote[] = [];
  let k0 = firstOuter;
  for (; k0 < index.outer.length && index.outer[k0]!.start < sentence.end; k0++) {
    if (index.outer[k0]!.start >= sentence.start) sentenceQuotes.push(index.outer[k0]!);
  }
  const nextOuter = index.outer[k0];
  const isQuote = (span: Span): boolean => index.byStart.get(span.start)?.end === span.end;

  /** Content running from token k to the end of the clause; a quote opening there is taken whole. */
  const contentFrom = (k: number): Span | null => {
    const first = ts[k];
    if (!first) {
      // A lead-in ending the sentence ("He said:"): the content is the quote that follows it.
      const next = nextOuter;
      return next && text.slice(sentence.end, next.start).trim() === '' ? { start: next.start, end: next.end } : null;
    }
    const q = quoteStartingAt(first.start);
    if (q && !q.scare) return { start: q.start, end: q.end };
    let end = sentence.end;
    // A quote opened inside the content and running past the sentence carries the content with it.
    for (const quote of sentenceQuotes) {
      if (quote.start >= first.start && quote.end > end) end = quote.end;
    }
    const span = trimContent(text, { start: first.start, end });
    return hasWord(text, span) ? span : null;
  };

  /** Content from the sentence start (or the quote ending before the cue) up to token k (exclusive). */
  const contentBefore = (k: number): Span | null => {
    let j = k - 1;
    while (j >= 0 && /^[,—–-]$/.test(text.slice(ts[j]!.start, ts[j]!.end))) j--;
    const last = ts[j];
    if (!last) return null;
    const q = quoteEndingAt(last.end);
    if (q) return { start: q.start, end: q.end };
    const first = ts[0]!;
    const span = trimContent(text, { start: first.start, end: last.end });
    return hasWord(text, span) && j >= 2 ? span : null;
  };

  /** The noun phrase ending at token i (inclusive), scanning left; undefined if none. */
  const npLeft = (i: number): Span | null => {
    // A time adjunct closing the phrase is not part of the source: "the WHO chief on Wednesday said".
    if (i > 0 && TEMPORAL.has(ts[i]!.norm)) {
      i--;
      while (i > 0 && /^(on|in|at|last|this|early|late|earlier|later)$/.test(ts[i]!.norm)) i--;
    }
    let j = i;
    let hasHead = false;
    while (j >= 0) {
      const t = ts[j]!;
      if (isQuoteMark(t, text)) break;
      if (NP_POS.has(t.pos)) {
        if (t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'PRON' || t.pos === 'NUM') hasHead = true;
        if (t.pos === 'PRON' && j < i && !/^(his|her|its|their|our|my|your)$/.test(t.norm)) break; // "who" etc.
        j--;
        continue;
      }
      // A participle between a determiner and a noun is an adjective: "a leaked memo".
      if (t.pos === 'VERB' && /(ed|en|ing)$/.test(t.norm) && hasHead && ts[j - 1] && /^(DET|ADJ)$/.test(ts[j - 1]!.pos)) {
        j--;
        continue;
      }
      // "sources close to the council", "people familiar with the matter"
      if (t.norm === 'to' && j > 0 && hasHead && /^(close|closest|linked|loyal|near|related|tied)$/.test(ts[j - 1]!.norm)) {
        j--;
        continue;
      }
      if (NP_LINKS.has(t.norm) && j > 0 && hasHead) {
        j--;
        continue;
      }
      break;
    }
    let start = j + 1;
    // An NP does not start with a link word or a possessive marker.
    while (start <= i && (NP_LINKS.has(ts[start]!.norm) || ts[start]!.pos === 'PART' || ts[start]!.pos === 'ADP')) start++;
    if (start > i || !hasHead) return null;
    // Appositive: "Hugh Hill, a doctor, said" — take the name in front of the description.
    const before = ts[start - 1];
    if (before && text.slice(before.start, before.end) === ',' && ts[start]?.pos === 'DET') {
      const name = npLeft(start - 2);
      // The name must open its clause ("Hugh Hill, a doctor, said"), not close a prepositional phrase
      // ("in April, the city council said").
      const nameAt = name ? ts.findIndex((x) => x.start === name.start) : -1;
      const opener = nameAt > 0 ? text.slice(ts[nameAt - 1]!.start, ts[nameAt - 1]!.end) : '';
      if (name && /\p{Lu}/u.test(text.slice(name.start, name.end)) && (nameAt === 0 || /^[,;:"“”'‘’—–-]$/.test(opener))) {
        return { start: name.start, end: ts[i]!.end };
      }
    }
    return { start: ts[start]!.start, end: ts[i]!.end };
  };

  /** "Hugh Hill, a doctor, said": a name and its description between commas, the second comma at i. */
  const appositive = (i: number): Span | null => {
    if (text.slice(ts[i]!.start, ts[i]!.end) !== ',' || i < 3) return null;
    const np = npLeft(i - 1);
    return np && text.slice(np.start, np.end).includes(',') ? np : null;
  };

  /** "The sources, who spoke on condition of anonymity, said": the noun phrase a relative clause ending at comma i hangs on. */
  const relativeSubject = (i: number): Span | null => {
    if (text.slice(ts[i]!.start, ts[i]!.end) !== ',') return null;
    for (let k = i - 1; k >= 2 && k >= i - 20; k--) {
      const v = text.slice(ts[k]!.start, ts[k]!.end);
      if (isQuoteMark(ts[k], text) || CLAUSE_END.has(v)) return null;
      if (v === ',') return /^(who|whom|whose|which)$/.test(ts[k + 1]?.norm ?? '') ? npLeft(k - 1) : null;
    }
    return null;
  };

  /** The noun phrase starting at token i, scanning right until a comma, clause end or quote. */
  const npRight = (i: number, stopAtVerb: boolean): { span: Span; next: number } | null => {
    let j = i;
    let depth = 0;
    while (j < ts.length) {
      const t = ts[j]!;
      const v = text.slice(t.start, t.end);
      if (v === '(') depth++;
      else if (v === ')') depth = Math.max(0, depth - 1);
      else if (depth === 0 && (v === ',' || CLAUSE_END.has(v) || v === ':' || isQuoteMark(t, text))) break;
      else if (depth === 0 && stopAtVerb && (t.pos === 'VERB' || t.pos === 'AUX') && !NP_LINKS.has(t.norm)) break;
      j++;
    }
    if (j === i) return null;
    const span = trimContent(text, { start: ts[i]!.start, end: ts[j - 1]!.end });
    return hasWord(text, span) ? { span, next: j } : null;
  };

  const push = (a: Omit<RawAttribution, 'parent'> & { parent?: number | null }): number => {
    out.push({ parent: null, ...a });
    return offset + out.length - 1;
  };

  // 1. According to X (and the lexicon's other prepositional cues: "in the words of X")
  const tokenText = (k: number) => (ts[k] ? text.slice(ts[k]!.start, ts[k]!.end) : '');
  for (let i = 0; i + 1 < ts.length; i++) {
    const phrase = lexicons.cuePhrases.find((words) => words.every((w, k) => ts[i + k]?.norm === w));
    if (!phrase) continue;
    const last = i + phrase.length - 1;
    const np = npRight(last + 1, false);
    if (!np) continue;
    const cue = { start: ts[i]!.start, end: ts[last]!.end };
    const atStart = ts.slice(0, i).every((x) => x.pos === 'CCONJ' || x.pos === 'ADV' || x.pos === 'PUNCT');
    // Between commas inside the clause ("The plan is, according to one aide, dead on arrival"): the
    // content surrounds the cue and source, as a parenthetical "he said" does; one span covers both parts.
    const between = !atStart && tokenText(i - 1) === ',' && tokenText(np.next) === ',' && ts.slice(np.next + 1).some((x) => /\p{L}/u.test(x.norm));
    const before = atStart ? null : contentBefore(i);
    const after = between ? contentFrom(np.next + 1) : null;
    const content = atStart
      ? contentFrom(np.next + (tokenText(np.next) === ',' ? 1 : 0))
      : before && after ? { start: before.start, end: Math.max(before.end, after.end) } : before;
    if (!content) continue;
    for (let k = i; k <= last; k++) used.add(k);
    push({
      sourceSpan: np.span, cue, cueLemma: phrase.join(' '), cueType: 'according-to', content,
      type: 'according-to', rule: 'attribution/according-to', evidence: text.slice(cue.start, cue.end), score: 0.95,
    });
  }

  // 2. Verb cues
  const quoting: Array<{ i: number; np: { span: Span; next: number } }> = [];
  for (let i = 0; i < ts.length; i++) {
    if (used.has(i)) continue;
    const t = ts[i]!;
    const lemma = t.lemma.toLowerCase();
    if (t.pos !== 'VERB' && t.pos !== 'AUX' && !mistaggedVerb(ts, i, text)) continue;
    // "Quoting X, …" / "…, citing X": X is the inner source of the main clause's content.
    if ((lemma === 'quote' || lemma === 'cite') && /ing$/.test(t.norm)) {
      const np = npRight(i + 1, true);
      if (np) quoting.push({ i, np });
      continue;
    }
    const prior = cuePrior(lexicons, lemma, t.norm);
    if (prior === undefined || t.pos === 'AUX') continue;
    // Participles inside a noun phrase ("a report published by", "the so-called") are not cues.
    if (/(ing)$/.test(t.norm) && ts[i - 1]?.pos === 'DET') continue;

    // The verb group: auxiliaries and adverbs on the left ("has also said").
    let g = i;
    while (g > 0 && (CUE_MODIFIERS_POS.has(ts[g - 1]!.pos) || CUE_ADVERBS.has(ts[g - 1]!.norm)) && !/^(that|not|n't)$/.test(ts[g - 1]!.norm) && !isQuoteMark(ts[g - 1], text)) g--;
    const cue = { start: ts[g]!.start, end: t.end };
    const speech = lexicons.speechVerbs.has(lemma);

    // What follows the verb: an addressee ("told reporters"), then "that", a colon, a quote or a clause.
    let k = i + 1;
    if (OBJECT_VERBS.has(lemma)) {
      // The addressee: "told reporters", "told police officials that", "told AFP:".
      const that = ts.findIndex((x, idx) => idx > i && idx <= i + 5 && (x.norm === 'that' || text.slice(x.start, x.end) === ':'));
      if (that > 0 && ts.slice(i + 1, that).every((x) => NP_POS.has(x.pos))) k = that;
      else while (k < ts.length && (ADDRESSEES.has(ts[k]!.norm) || ts[k]!.pos === 'PROPN')) k++;
    }
    while (k < ts.length - 1 && TEMPORAL.has(ts[k]!.norm) && ts[k]!.pos !== 'DET') k++; // "said Wednesday the toll…"
    // Adjuncts between the verb and its content: "said in a statement that", "wrote on its website that",
    // "said of Clinton, “…”". Skip to the "that" or the quote when only a short phrase stands before it.
    if (ts[k] && ts[k]!.pos === 'ADP' && ts[k]!.norm !== 'that') {
      for (let j = k + 1; j < ts.length && j <= k + 8; j++) {
        const x = ts[j]!;
        const v = text.slice(x.start, x.end);
        if ((x.norm === 'that' && x.pos === 'SCONJ') || isQuoteMark(x, text) || (v === ',' && isQuoteMark(ts[j + 1], text))) {
          k = j;
          break;
        }
        if (!NP_POS.has(x.pos) && x.pos !== 'ADP' && v !== ',') break;
      }
    }
    const after = ts[k];
    const afterText = after ? text.slice(after.start, after.end) : '';
    const leftNp = g > 0 ? (npLeft(g - 1) ?? appositive(g - 1) ?? relativeSubject(g - 1)) : null;
    const beforeLeft = leftNp ? ts.findIndex((x) => x.start === leftNp.start) - 1 : -1;
    const leftBoundary = beforeLeft >= 0 ? text.slice(ts[beforeLeft]!.start, ts[beforeLeft]!.end) : '';

    let content: Span | null = null;
    let sourceSpan: Span | null = null;
    let rule = '';
    let type: AttributionType = 'indirect';

    if (after && (after.norm === 'that' || afterText === ':' || isQuoteMark(after, text) || (afterText === ',' && isQuoteMark(ts[k + 1], text)))) {
      const from = afterText === ':' || afterText === ',' ? k + 1 : k;
      content = contentFrom(from);
      sourceSpan = leftNp;
      rule = 'attribution/verb-content-after';
      type = after.norm === 'that' ? 'indirect' : 'direct';
    } else if (
      leftNp &&
      // Content lies before only behind a comma, a dash or a closing quotation mark, not an opening one.
      (beforeLeft < 0 ? false : /^[,—–-]$/.test(leftBoundary) || quoteEndingAt(ts[beforeLeft]!.end) !== undefined) &&
      restIsAdjunct(ts, i + 1, text)
    ) {
      // "…, the source added." / "“…,” he said."
      content = contentBefore(beforeLeft + 1);
      sourceSpan = leftNp;
      rule = 'attribution/verb-content-before';
    } else if (!leftNp && g > 0 && speech && !/ing$/.test(t.norm) && (/^[,—–-]$/.test(text.slice(ts[g - 1]!.start, ts[g - 1]!.end)) || isQuoteMark(ts[g - 1], text))) {
      // Inverted: "“…,” said Smith." — the source follows the verb and closes the sentence ("…, suggesting a
      // few questions" is a participle: what follows is its object, not a speaker).
      const np = npRight(i + 1, true);
      if (np && restIsAdjunct(ts, np.next, text)) {
        content = contentBefore(g);
        sourceSpan = np.span;
        rule = 'attribution/verb-content-before';
      }
    } else if (
      speech &&
      leftNp &&
      beforeLeft > 0 &&
      leftBoundary === ',' &&
      text.slice(ts[i + 1]?.start ?? 0, ts[i + 1]?.end ?? 0) === ',' &&
      ts.slice(i + 2).some((x) => /\p{L}/u.test(x.norm)) &&
      ts.some((x, idx) => (idx < beforeLeft || idx > i + 1) && (x.pos === 'VERB' || x.pos === 'AUX'))
    ) {
      // Parenthetical: "The plan, he said, is dead." The content surrounds the source and cue; one span
      // covers both parts (the claim stage keeps it whole).
      const rest = contentFrom(i + 2);
      const before = trimContent(text, { start: ts[0]!.start, end: ts[beforeLeft - 1]!.end });
      if (rest && hasWord(text, before)) {
        content = { start: before.start, end: Math.max(rest.end, before.end) };
        sourceSpan = leftNp;
        rule = 'attribution/parenthetical';
      }
    } else if (speech && leftNp && after && /^(DET|PROPN|PRON|NOUN|NUM|ADJ)$/.test(after.pos) && !/^(to|about|of|so)$/.test(after.norm)) {
      // "He said the plan failed": a clause without "that".
      content = contentFrom(k);
      sourceSpan = leftNp;
      rule = 'attribution/verb-content-after';
    }
    if (!content || !sourceSpan || !hasWord(text, content)) continue;
    if (rule === 'attribution/verb-content-before' || type === 'direct') {
      type = isQuote(content) ? 'direct' : type;
    } else if (sentenceQuotes.some((q) => !q.scare && q.start >= content!.start && q.end <= content!.end)) {
      type = 'mixed';
    }
    for (let x = g; x <= i; x++) used.add(x);
    push({
      sourceSpan, cue, cueLemma: lemma, cueType: 'verb', content, type, rule,
      evidence: text.slice(cue.start, cue.end), score: Math.max(0.5, prior),
    });
  }

  // 3. Quoting/citing: an inner source for the content of the clause it modifies.
  for (const { i, np } of quoting) {
    const t = ts[i]!;
    const main = out.find((a) => a.cueType !== 'according-to' && a.rule !== 'attribution/quoting');
    if (!main) continue;
    const mainIndex = offset + out.indexOf(main);
    push({
      sourceSpan: np.span, cue: { start: t.start, end: t.end }, cueLemma: t.lemma.toLowerCase(), cueType: 'quoting',
      content: main.content, type: 'quoting', rule: 'attribution/quoting', evidence: text.slice(t.start, t.end),
      score: 0.9, parent: mainIndex,
    });
  }

  // 4. Noun cues: "X's claim that …", "the claim by X that …"
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (t.pos !== 'NOUN' || used.has(i) || !lexicons.cueNouns.has(t.lemma.toLowerCase())) continue;
    if (ts[i + 1]?.norm !== 'that' && !(ts[i + 1]?.norm === 'by' && ts.slice(i + 2).some((x) => x.norm === 'that'))) continue;
    let sourceSpan: Span | null = null;
    let thatAt = i + 1;
    if (ts[i - 1]?.pos === 'PART' && /^'s?$/.test(ts[i - 1]!.norm)) sourceSpan = npLeft(i - 2);
    else if (ts[i + 1]?.norm === 'by') {
      const np = npRight(i + 2, true);
      if (np) sourceSpan = np.span;
      thatAt = ts.findIndex((x, idx) => idx > i && x.norm === 'that');
    }
    if (!sourceSpan || thatAt < 0) continue;
    // A relative "that" ("the report that was released") is not a content clause: require a subject after it.
    if (ts[thatAt + 1] && /^(VERB|AUX)$/.test(ts[thatAt + 1]!.pos)) continue;
    const content = contentFrom(thatAt);
    if (!content) continue;
    push({
      sourceSpan, cue: { start: t.start, end: t.end }, cueLemma: t.lemma.toLowerCase(), cueType: 'noun', content,
      type: 'noun', rule: 'attribution/noun-cue', evidence: text.slice(t.start, t.end), score: 0.7,
    });
  }

  // 5. Punctuation cues: "X: “…”" at the start of a sentence, and "“…” — X" at its end. A transcript turn
  //    ("TAPPER: …" opening a paragraph) holds even when verbs inside it are cues of their own.
  const colon = ts.findIndex((x) => text.slice(x.start, x.end) === ':');
  // Either a quote follows, or (the headline style "Pence: Flowers won't be at debate") a short name
  // opens the sentence and a clause of three words or more follows.
  // A transcript paragraph may open with a quotation mark: "\"WALLACE: Let's start…"
  const lead = isQuoteMark(ts[0], text) ? 1 : 0;
  const nameOnly = colon > lead && colon <= 4 + lead && ts.slice(lead, colon).every((x) => x.pos === 'PROPN' || (x.pos === 'NOUN' && /^\p{Lu}/u.test(text.slice(x.start, x.end))));
  const firstInParagraph = sentence.index === 0 || input.sentences[sentence.index - 1]!.paragraph !== sentence.paragraph;
  if ((out.length === 0 || (nameOnly && firstInParagraph)) && ts.length >= 2) {
    if (colon > 0 && colon <= 6 && (isQuoteMark(ts[colon + 1], text) || (nameOnly && ts.length - colon > 3))) {
      const np = npLeft(colon - 1);
      let content = contentFrom(colon + 1);
      // A transcript turn speaks for the rest of its paragraph.
      if (content && nameOnly && firstInParagraph) {
        let last = sentence;
        for (let k = sentence.index + 1; k < input.sentences.length && input.sentences[k]!.paragraph === sentence.paragraph; k++) last = input.sentences[k]!;
        content = trimContent(text, { start: content.start, end: last.end });
      }
      if (np && np.start === ts[lead]!.start && content && /\p{Lu}/u.test(text.slice(np.start, np.end))) {
        const c = ts[colon]!;
        push({
          sourceSpan: np, cue: { start: c.start, end: c.end }, cueLemma: ':', cueType: 'punctuation', content,
          type: 'direct', rule: 'attribution/colon-lead-in', evidence: ':', score: 0.6,
        });
      }
    }
    // A clause about the speaker ending in a colon, then their words: "The finance director, Alma Reyes, was
    // blunt: “There is no money left.”", or "Caddell continued:" closing a paragraph before the quote. The
    // subject speaks when it names someone (a name, a pronoun, or a source noun of the lexicons) and the
    // predicate is short.
    const quoteNext = isQuoteMark(ts[colon + 1], text)
      ? quoteStartingAt(ts[colon + 1]!.start)
      : colon === ts.length - 1 && nextOuter && text.slice(sentence.end, nextOuter.start).trim() === '' ? nextOuter : undefined;
    if (out.length === 0 && colon > lead + 1 && quoteNext) {
      const q = quoteNext;
      const verb = ts.findIndex((x, idx) => idx > lead && idx < colon && (x.pos === 'VERB' || x.pos === 'AUX'));
      const subject = verb > lead ? trimContent(text, { start: ts[lead]!.start, end: ts[verb - 1]!.end }) : null;
      const names = (x: Token): boolean => {
        const w = x.norm.replace(/s$/, '');
        return x.pos === 'PROPN' || (x.pos === 'PRON' && lexicons.pronouns.person.has(x.norm)) || [x.norm, w].some((n) => lexicons.anonymousNouns.has(n) || lexicons.organizationNouns.has(n) || lexicons.personTitles.has(n) || lexicons.documentNouns.has(n));
      };
      if (!q.scare && (q.end >= sentence.end - 1 || q.start >= sentence.end) && subject && colon - verb <= 5 && ts.slice(lead, verb).some(names)) {
        const c = ts[colon]!;
        push({
          sourceSpan: subject, cue: { start: ts[verb]!.start, end: c.end }, cueLemma: ':', cueType: 'punctuation',
          content: { start: q.start, end: q.end }, type: 'direct', rule: 'attribution/colon-lead-in', evidence: text.slice(ts[verb]!.start, c.end), score: 0.5,
        });
      }
    }
    // The dash may open a sentence of its own when the quote before it closed one.
    const dash = ts.findIndex((x) => /^[—–―]$/.test(text.slice(x.start, x.end)) && /["”»’']$/.test(text.slice(0, x.start).trimEnd()));
    if (out.length === 0 && dash >= 0) {
      const q = quoteEndingAt(text.slice(0, ts[dash]!.start).trimEnd().length);
      const np = npRight(dash + 1, true);
      // The name may carry an apposition to the end: "— Tom Baker, a farmer."
      const apposition = np && text.slice(ts[np.next]?.start ?? 0, ts[np.next]?.end ?? 0) === ',' ? npRight(np.next + 1, true) : null;
      const reachesEnd = (next: number): boolean => next >= ts.length - 1;
      if (q && np && (reachesEnd(np.next) || (apposition && reachesEnd(apposition.next))) && /\p{Lu}/u.test(text.slice(np.span.start, np.span.end))) {
        const d = ts[dash]!;
        push({
          sourceSpan: np.span, cue: { start: d.start, end: d.end }, cueLemma: '—', cueType: 'punctuation',
          content: { start: q.start, end: q.end }, type: 'direct', rule: 'attribution/dash', evidence: '—', score: 0.6,
        });
      }
    }
  }
  clipBeforeTrailingAttribution(out, text);
  return out;
}

/**
 * "Clinton had told police that she …, the source added.": the inner content ends before the
 * trailing source and cue, so the inner relation nests inside the outer one instead of containing it.
 */
function clipBeforeTrailingAttribution(rels: RawAttribution[], text: string): void {
  for (const outer of rels) {
    if (outer.rule !== 'attribution/verb-content-before' || !outer.sourceSpan) continue;
    const boundary = Math.min(outer.sourceSpan.start, outer.cue.start);
    for (const inner of rels) {
      if (inner === outer || inner.content.start >= boundary || inner.content.end <= boundary) continue;
      inner.content = trimContent(text, { start: inner.content.start, end: boundary });
    }
  }
}

/**
 * The cue prior of a verb: by its lemma, or, for verbs the tagger cannot lemmatise (a user's
 * "harrumphed"), by its surface form with a regular inflection removed.
 */
function cuePrior(lexicons: Lexicons, lemma: string, norm: string): number | undefined {
  const direct = lexicons.cueVerbs.get(lemma) ?? lexicons.cueVerbs.get(norm);
  if (direct !== undefined || lemma !== norm) return direct;
  for (const stem of [norm.replace(/ed$/, ''), norm.replace(/d$/, ''), norm.replace(/s$/, ''), norm.replace(/ing$/, ''), norm.replace(/ing$/, 'e')]) {
    const p = lexicons.cueVerbs.get(stem);
    if (p !== undefined) return p;
  }
  return undefined;
}

/**
 * The tagger reads "The report states that" as a noun ("states"). A plural-looking noun right after
 * a noun phrase and right before "that" or a colon is a verb; so is one after a quotation and a noun
 * phrase, ending the sentence ("“…,” the report states.").
 */
function mistaggedVerb(ts: readonly Token[], i: number, text: string): boolean {
  const t = ts[i]!;
  const prev = ts[i - 1];
  const next = ts[i + 1];
  if ((t.pos !== 'NOUN' && t.pos !== 'ADJ') || !prev || !next || !/s$/.test(t.norm)) return false;
  const nextText = text.slice(next.start, next.end);
  if ((next.norm === 'that' || nextText === ':') && (/^(NOUN|PROPN|PRON)$/.test(prev.pos) || CUE_ADVERBS.has(prev.norm))) return true;
  // "“…,” the report states.": a quotation, a short noun phrase and the word ending the sentence.
  if (!/^[.!?]$/.test(nextText) || !/^(NOUN|PROPN)$/.test(prev.pos)) return false;
  for (let k = i - 2; k >= Math.max(0, i - 5); k--) if (/^[”"’]$/.test(text.slice(ts[k]!.start, ts[k]!.end))) return true;
  return false;
}

/** After the cue, only adjuncts may follow for the content to lie before it: "on Tuesday", "in a statement". */
/** Participles that go on reporting after "X said," ("adding that…", "going on to say…"); not "including". */
const REPORTING_PARTICIPLE = /^(?:adding|saying|suggesting|noting|going|referring|pointing|citing|quoting|calling|arguing|explaining|warning|insisting|acknowledging|stressing|telling|asking|urging|accusing|claiming|describing|declaring|promising|vowing|recalling|continuing)$/;

function restIsAdjunct(ts: readonly Token[], from: number, text: string): boolean {
  // "“…,” Sanders said, adding that…": a participle after a comma opens a clause of its own (which shares
  // the subject), so the quote before is still the speaker's.
  const next = ts[from + 1];
  if (ts[from] && text.slice(ts[from]!.start, ts[from]!.end) === ',' && next && REPORTING_PARTICIPLE.test(text.slice(next.start, next.end))) return true;
  let words = 0;
  for (let k = from; k < ts.length; k++) {
    const t = ts[k]!;
    const v = text.slice(t.start, t.end);
    if (CLAUSE_END.has(v) || QUOTE_CHARS.test(v)) continue;
    if (v === ',' || v === 'that' || t.pos === 'VERB' || t.pos === 'AUX') return false;
    words++;
  }
  return words <= 6;
}
