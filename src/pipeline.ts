/**
 * The analysis pipeline, in the one place its order is stated. Data flows one way:
 * extract → segment → annotate → link. Each stage is a pure function of what came before; none
 * does I/O, so the whole core runs unchanged in a browser.
 */
import { extractHtml } from './extract/html.js';
import { extractText } from './extract/text.js';
import { guessFormat } from './extract/input.js';
import { segment } from './segment/segment.js';
import { findQuotes } from './annotate/quotes.js';
import { findAttributions, subjectsLeftOut, shareSubjects, splitCitedAsSaying, type RawAttribution } from './annotate/attribution.js';
import { ATTRIBUTION_MODEL_FINGERPRINT, combineAttributions, tagAttributions } from './annotate/attribution-tagged.js';
import { resolveSources, sourceReferent } from './annotate/sources.js';
import { findHedges } from './annotate/hedges.js';
import { findTechniques, techniquesWithin, TECHNIQUES_MODEL_FINGERPRINT } from './annotate/techniques/index.js';
import { PARSER_MODEL_FINGERPRINT } from './syntax/index.js';
import { buildClaims, sourcingProfile } from './link/claims.js';
import { findEntities } from './annotate/entities/entities.js';
import { findRelations } from './annotate/relations/relations.js';
import { buildLexicons, defaultLexicons, type LexiconExtension, type Lexicons } from './lexicons/index.js';
import { firstEndingAfter, spanAt } from './model/spans.js';
import { parseAttributions, subjectsFromParse } from './annotate/attribution-parse.js';
import { defaultBudgetSeconds, StageClock } from './model/budget.js';
import type { Analysis, Attribution, Cue, ExtractedArticle, InputFormat, Paragraph, Quote, Sentence, Span, Token } from './model/types.js';

/** The version of claimtrace's code and document model (package.json's; a test keeps them equal). */
export const MODEL_VERSION = '0.1.0';

/**
 * What produced an analysis: the code's version and the shipped models' fingerprints (attribution tagger,
 * technique models, parser). Stored with every
 * corpus document, so that an analysis made by other models is found stale (`corpus stats`, `corpus reanalyze`).
 */
export const ANALYSIS_VERSION = `${MODEL_VERSION}+${ATTRIBUTION_MODEL_FINGERPRINT.slice(0, 8)}.${TECHNIQUES_MODEL_FINGERPRINT.slice(0, 8)}.${PARSER_MODEL_FINGERPRINT.slice(0, 8)}`;

export interface AnalyzeOptions {
  /** Input format; guessed from the content when absent. */
  format?: InputFormat;
  /** File name or URL, used to guess the format and given to Readability. */
  name?: string;
  /** Extra lexicon entries (cue verbs, outlets, hedges…), merged with the built-in lexicons. */
  lexicon?: LexiconExtension;
  /** The publishing outlet when the caller knows it (a corpus record's "outlet"), for an article that does not name one. */
  outlet?: string;
  /** Include every token (with POS and lemma) in the result. Off by default: it is large. */
  tokens?: boolean;
  /** Use the trained attribution tagger with the rules (default), or the rules alone (`false`). */
  tagger?: boolean;
  /** Find actors and the allegations between them (default), or skip that stage (`false`). */
  entities?: boolean;
  /** Find propaganda techniques (default), or skip that stage (`false`). */
  techniques?: boolean;
  /**
   * Seconds the analysis may take before it stops with a `BudgetExceededError` (checked between stages).
   * Default: `defaultBudgetSeconds` of the input's length; `Infinity` for none.
   */
  budgetSeconds?: number;
  /** Called after each stage with its name and milliseconds (for benchmarks). */
  onStage?: (stage: string, ms: number) => void;
}

function clockFor(input: string, options: AnalyzeOptions): StageClock {
  return new StageClock(options.budgetSeconds ?? defaultBudgetSeconds(input.length), input.length, options.onStage);
}

const lexiconCache = new WeakMap<LexiconExtension, Lexicons>();

function lexiconsFor(extension: LexiconExtension | undefined): Lexicons {
  if (!extension) return defaultLexicons();
  let l = lexiconCache.get(extension);
  if (!l) lexiconCache.set(extension, (l = buildLexicons(extension)));
  return l;
}

/** What the pipeline knows up to the rule-based attribution stage; the tagger's training starts here too. */
export interface AttributionFront {
  article: ExtractedArticle;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  tokens: Token[];
  skip: Set<number>;
  quotes: Quote[];
  lexicons: Lexicons;
  rules: RawAttribution[];
  /** Relations the dependency-pattern rules find (src/annotate/attribution-rules.json). */
  parsed: RawAttribution[];
}

/** Stages 1–3a of the pipeline: extract, segment, quotes, rule-based attribution. */
export function prepareAttribution(input: string, options: AnalyzeOptions = {}, clock = clockFor(input, options)): AttributionFront {
  const lexicons = lexiconsFor(options.lexicon);
  const format = options.format ?? guessFormat(options.name, input);

  // 1. Extract: article text (verbatim for plain text) and what the page says about itself.
  const extracted: ExtractedArticle = format === 'html' ? extractHtml(input, { url: options.name }) : extractText(input);
  const article: ExtractedArticle =
    options.outlet && !extracted.meta.outlet ? { ...extracted, meta: { ...extracted.meta, outlet: options.outlet } } : extracted;
  const { text, regions } = article;
  clock.lap('extract');

  // 2. Segment: paragraphs, sentences, tokens with POS and lemmas, and each sentence's parse.
  const { paragraphs, sentences, tokens } = segment(text, { check: () => clock.check('segment') });
  const skip = sentencesWithoutClaims(sentences, article);
  clock.lap('segment');

  // 3a. Annotate: quotes, then attribution relations by rules.
  const quotes = findQuotes(text, paragraphs);
  clock.lap('quotes');
  const excluded = regions.filter((r) => r.kind === 'dateline');
  const regexRules = findAttributions({ text, sentences, tokens, quotes, skip, excluded, lexicons });
  const parsed = parseAttributions({ text, sentences, tokens, quotes, skip, lexicons });
  clock.lap('attribution-rules');
  return { article, paragraphs, sentences, tokens, skip, quotes, lexicons, rules: regexRules, parsed };
}

export function analyze(input: string, options: AnalyzeOptions = {}): Analysis {
  if (typeof input !== 'string') {
    throw new TypeError(`analyze: expected the article as a string, got ${input === null ? 'null' : typeof input}`);
  }
  if (options.format !== undefined && options.format !== 'text' && options.format !== 'html') {
    throw new TypeError(`analyze: format must be "text" or "html", got ${JSON.stringify(options.format)}`);
  }
  const format = options.format ?? guessFormat(options.name, input);
  const clock = clockFor(input, options);
  const front = prepareAttribution(input, { ...options, format }, clock);
  const { article, paragraphs, sentences, tokens, skip, quotes, lexicons, rules: ruleRelations } = front;
  const { text, meta, regions } = article;

  // 3b. Annotate: attribution by the tagger (which reads the rules' output as features), combined with
  //     the rules; then the relations' sources, and hedges.
  // A dateline ("Islamabad (The Daily Meridian):") looks like a speaker and a colon to the tagger; it is
  // the article's own furniture, so no relation has its cue there (the rules never put one there).
  const datelines = regions.filter((r) => r.kind === 'dateline');
  // The parse rules' relations join the others where no other rule has that cue: combining keeps what the
  // tagger's univocal tags cannot hold (content on both sides of a parenthetical cue) and what it missed.
  const allRules = withParsed(ruleRelations, front.parsed);
  let raw =
    options.tagger === false
      ? allRules
      : withoutCueIn(datelines, combineAttributions(text, allRules, tagAttributions({ text, tokens, sentences, paragraphs, quotes, rules: ruleRelations, lexicons, skip })));
  clock.lap('attribution-tagger');
  // A cue verb coordinated with an earlier one ("X denied it and said…") shares its subject; "X cited Y as
  // saying Z" is two links of one chain.
  shareSubjects(text, raw);
  raw = splitCitedAsSaying(text, raw);
  // Subjects the tagger leaves out: "X was quoted by Y as saying", "X, citing Y, said", "X, who …, said".
  raw = subjectsLeftOut(text, sentences, tokens, raw);
  // Cue verbs still without a source take their subject from the parse ("He plans to order…").
  subjectsFromParse(tokens, raw);
  clock.lap('attribution-subjects');
  const outerQuotes = quotes.filter((q) => q.depth === 0);
  const withSource = raw.filter((a) => a.sourceSpan !== null);
  const indexWithSource = new Map(withSource.map((a, k) => [a, k]));
  const resolved = resolveSources({
    text,
    tokens,
    meta,
    lexicons,
    headline: regions.find((r) => r.kind === 'headline'),
    // Only relations that name a source have one to resolve.
    spans: withSource.map((a) => {
      const outer = a.parent === null ? undefined : raw[a.parent];
      return {
        // A relative clause given as the source names the noun phrase it hangs on.
        span: sourceReferent(text, tokens, a.sourceSpan!),
        paragraph: spanAt(sentences, a.sourceSpan!.start)?.paragraph ?? 0,
        inQuote: isInQuote(outerQuotes, a.sourceSpan!),
        // "I" inside someone's words is that someone.
        speaker: outer ? (indexWithSource.get(outer) ?? -1) : -1,
      };
    }),
  });
  clock.lap('sources');
  const sourceIdOf = new Map(withSource.map((a, k) => [a, resolved.ids[k]!]));
  const attributions: Attribution[] = raw.map((a, i) => ({
    id: `a${i}`,
    source: sourceIdOf.get(a) ?? null,
    sourceSpan: a.sourceSpan,
    cue: a.cue,
    content: a.content,
    type: a.type,
    rule: a.rule,
    evidence: a.evidence,
    parent: a.parent === null ? null : `a${a.parent}`,
    reported: isReport(a, lexicons),
  }));
  const cues: Cue[] = raw.map((a) => ({ ...a.cue, type: a.cueType, lemma: a.cueLemma, rule: a.rule, evidence: a.evidence, score: a.score }));
  const hedges = findHedges(text, sentences, tokens, lexicons, skip);
  clock.lap('hedges');

  // 3c. Annotate: propaganda techniques — spans by a BIO tagger, each labelled with one of the 14
  //     SemEval-2020 Task 11 techniques by a classifier (both trained on PTC: src/models/techniques.json).
  const techniques = options.techniques === false ? [] : findTechniques({ text, tokens, sentences, quotes }, skip);
  clock.lap('techniques');

  // 4. Link: claims with their chains and hedges, and the article's sourcing profile.
  const claims = buildClaims({ text, sentences, tokens, regions, attributions, hedges, skip, quotes });
  for (const c of claims) c.techniques = techniquesWithin(techniques, c.start, c.end);
  const profile = sourcingProfile(claims, resolved.sources);
  clock.lap('claims');

  // 4b. Link: actors — entity mentions typed by gazetteer and cues, merged within the article — and the
  //     allegations each claim makes between them (subject–predicate–object), which carry the claim's
  //     chain and hedges.
  const found =
    options.entities === false
      ? { entities: [], mentions: [] }
      : findEntities({ text, sentences, tokens, regions, quotes, skip, lexicons, sources: resolved.sources, sourceMentions: resolved.mentions });
  clock.lap('entities');
  const relations = options.entities === false ? [] : findRelations({ text, sentences, tokens, claims, entities: found, lexicons, sources: resolved.sources, sourceMentions: resolved.mentions });
  clock.lap('relations');

  return {
    version: MODEL_VERSION,
    document: { text, ...meta },
    regions,
    ...(article.sourceMap ? { sourceMap: article.sourceMap } : {}),
    paragraphs,
    sentences,
    ...(options.tokens ? { tokens } : {}),
    quotes,
    cues,
    sources: resolved.sources,
    sourceMentions: resolved.mentions,
    attributions,
    hedges,
    claims,
    profile,
    techniques,
    entities: found.entities,
    relations,
  };
}

/** The rules' relations, and the parse rules' where no rule has a cue on the same characters. */
function withParsed(rules: readonly RawAttribution[], parsed: readonly RawAttribution[]): RawAttribution[] {
  const cues = rules.map((r) => r.cue).sort((a, b) => a.start - b.start);
  const extra = parsed.filter((p) => {
    const k = firstEndingAfter(cues, p.cue.start);
    return !(k < cues.length && cues[k]!.start < p.cue.end);
  });
  if (extra.length === 0) return [...rules];
  const all = [...rules.map((r, old) => ({ r, old })), ...extra.map((r) => ({ r, old: -1 }))].sort((a, b) => a.r.cue.start - b.r.cue.start);
  const position = new Map<number, number>();
  all.forEach((x, k) => x.old >= 0 && position.set(x.old, k));
  return all.map(({ r }) => ({ ...r, parent: r.parent === null ? null : (position.get(r.parent) ?? null) }));
}

/** Whether a relation reports speech or thought (see `Attribution.reported`). */
function isReport(a: RawAttribution, lexicons: Lexicons): boolean {
  if (a.cueType === 'according-to' || a.cueType === 'quoting' || a.cueType === 'punctuation') return true;
  if (a.cueType === 'noun') return lexicons.cueNouns.get(a.cueLemma) === 1 || lexicons.speechVerbs.has(a.cueLemma);
  return lexicons.speechVerbs.has(a.cueLemma);
}

/** Inside a quotation (not a scare-quoted label): "we" there is the speaker, not the outlet. */
/** Relations whose cue lies in none of the regions, with their `parent` indices renumbered. */
function withoutCueIn(regions: readonly Span[], relations: RawAttribution[]): RawAttribution[] {
  const inside = (a: RawAttribution): boolean => regions.some((r) => a.cue.start >= r.start && a.cue.end <= r.end);
  if (regions.length === 0 || !relations.some(inside)) return relations;
  const index = new Map<number, number>();
  const kept: RawAttribution[] = [];
  relations.forEach((a, i) => {
    if (inside(a)) return;
    index.set(i, kept.length);
    kept.push(a);
  });
  return kept.map((a) => (a.parent === null ? a : { ...a, parent: index.get(a.parent) ?? null }));
}

function isInQuote(outerQuotes: readonly Quote[], span: Span): boolean {
  const q = spanAt(outerQuotes, span.start);
  return q !== undefined && !q.scare && q.start < span.start && span.end <= q.end;
}

/** Byline, furniture and dateline-only sentences hold no claims. */
function sentencesWithoutClaims(sentences: readonly Sentence[], article: ExtractedArticle): Set<number> {
  // Regions come sorted and do not overlap, as sentences do: one walk over both.
  const furniture = article.regions.filter((r) => r.kind === 'byline' || r.kind === 'furniture' || r.kind === 'dateline');
  const skip = new Set<number>();
  let r = 0;
  for (const s of sentences) {
    while (r < furniture.length && furniture[r]!.end < s.end) r++;
    const region = furniture[r];
    if (region && region.start <= s.start && s.end <= region.end) skip.add(s.index);
  }
  return skip;
}
