/**
 * The analysis pipeline, in the one place its order is stated. Data flows one way:
 * extract → segment → annotate → link → rank. Each stage is a pure function of what came before; none
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
import { findEntities } from './link/entities/entities.js';
import { findRelations } from './link/relations/relations.js';
import { buildLexicons, defaultLexicons, type LexiconExtension, type Lexicons } from './lexicons/index.js';
import { firstEndingAfter, spanAt } from './model/spans.js';
import { parseAttributions, subjectsFromParse } from './annotate/attribution-parse.js';
import { ParseTree } from './syntax/tree.js';
import { defaultBudgetSeconds, StageClock } from './model/budget.js';
import type {
  Analysis, Attribution, Claim, Cue, Entity, ExtractedArticle, Hedge, InputFormat, Paragraph, Quote, Relation, Sentence, Source, SourceMention,
  SourcingProfile, Span, Technique, Token,
} from './model/types.js';
import type { EntityMention } from './link/entities/entities.js';
import { MATCH_FEATURES_VERSION } from './corpus/features.js';
import { CHECKWORTHINESS_MODEL_FINGERPRINT, scoreClaims } from './rank/index.js';

/** The version of claimtrace's code and document model (package.json's; a test keeps them equal). */
export const MODEL_VERSION = '0.1.0';

/**
 * What produced an analysis: the code's version, the shipped models' fingerprints (attribution tagger,
 * technique models, parser) and the version of the claims' matching terms. Stored with every
 * corpus document, so that an analysis made by other models is found stale (`corpus stats`, `corpus reanalyze`).
 */
export const ANALYSIS_VERSION = `${MODEL_VERSION}+${ATTRIBUTION_MODEL_FINGERPRINT.slice(0, 8)}.${TECHNIQUES_MODEL_FINGERPRINT.slice(0, 8)}.${PARSER_MODEL_FINGERPRINT.slice(0, 8)}.m${MATCH_FEATURES_VERSION}.c${CHECKWORTHINESS_MODEL_FINGERPRINT.slice(0, 8)}`;

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

/** Everything an analysis holds as its stages build it: the input, then one layer per finding. */
export interface Layers {
  input: string;
  options: AnalyzeOptions;
  format: InputFormat;
  lexicons: Lexicons;
  article?: ExtractedArticle;
  paragraphs?: Paragraph[];
  sentences?: Sentence[];
  tokens?: Token[];
  /** The tokens' dependency trees, indexed once (children, subtrees) for every stage that reads the parse. */
  parse?: ParseTree;
  /** Sentences that hold no claims (byline, furniture, dateline). */
  skip?: Set<number>;
  quotes?: Quote[];
  /** Attribution relations by the rules over tags, and by the dependency-pattern rules. */
  ruleRelations?: RawAttribution[];
  parsedRelations?: RawAttribution[];
  /** Relations by the tagger combined with the rules. */
  taggedRelations?: RawAttribution[];
  /** The same with the subjects the tagger leaves out and the chains they imply. */
  linkedRelations?: RawAttribution[];
  sources?: Source[];
  sourceMentions?: SourceMention[];
  attributions?: Attribution[];
  cues?: Cue[];
  hedges?: Hedge[];
  techniques?: Technique[];
  claims?: Claim[];
  profile?: SourcingProfile;
  entities?: Entity[];
  entityMentions?: EntityMention[];
  relations?: Relation[];
  /** Each claim's check-worthiness, in the claims' order. */
  checkworthiness?: number[];
}

/** A layer a stage reads or writes (the input and options are there from the start). */
export type Layer = Exclude<keyof Layers, 'input' | 'options' | 'format' | 'lexicons'>;

/** One stage: what it reads and writes, declared, and checked when a pipeline is built. */
export interface Stage {
  name: string;
  /** What it does, in one line (`describePipeline`, docs). */
  does: string;
  reads: readonly Layer[];
  writes: readonly Layer[];
  /** Sets every layer in `writes` (an empty one when an option turns the stage off). */
  run(layers: Layers, clock: StageClock): void;
}

/**
 * Checks a list of stages, as wink-nlp refuses an invalid pipe: unique names, every layer read written by an
 * earlier stage, no layer written twice. Throws one line naming the stage and the layer.
 */
export function buildPipeline(stages: readonly Stage[]): readonly Stage[] {
  const writer = new Map<Layer, string>();
  const names = new Set<string>();
  for (const stage of stages) {
    if (names.has(stage.name)) throw new Error(`pipeline: two stages are named "${stage.name}"`);
    names.add(stage.name);
    if (stage.writes.length === 0) throw new Error(`pipeline: stage "${stage.name}" writes nothing`);
    for (const layer of stage.reads) {
      if (!writer.has(layer)) throw new Error(`pipeline: stage "${stage.name}" reads "${layer}", which no earlier stage writes`);
    }
    for (const layer of stage.writes) {
      const earlier = writer.get(layer);
      if (earlier) throw new Error(`pipeline: stage "${stage.name}" writes "${layer}", which stage "${earlier}" already writes`);
      writer.set(layer, stage.name);
    }
  }
  return stages;
}

/** The pipeline as a table, as spaCy's analyze_pipes gives it: each stage with what it reads and writes. */
export function describePipeline(stages: readonly Stage[] = PIPELINE): Array<{ stage: string; does: string; reads: readonly Layer[]; writes: readonly Layer[] }> {
  return stages.map((s) => ({ stage: s.name, does: s.does, reads: s.reads, writes: s.writes }));
}

/** Runs stages in order, each timed and followed by the budget check; a stage that leaves a declared layer unset is a bug. */
export function runStages(stages: readonly Stage[], layers: Layers, clock: StageClock): Layers {
  for (const stage of stages) {
    stage.run(layers, clock);
    for (const layer of stage.writes) {
      if (layers[layer] === undefined) throw new Error(`pipeline: stage "${stage.name}" did not write "${layer}"`);
    }
    clock.lap(stage.name);
  }
  return layers;
}

/** The layers a stage reads, checked by `buildPipeline`: read without `!` at every use. */
function got<K extends Layer>(layers: Layers, key: K): NonNullable<Layers[K]> {
  return layers[key] as NonNullable<Layers[K]>;
}

/**
 * The stages of an analysis, in order. Data flows one way: extract → segment → annotate → link → rank, and the
 * folders of src/ follow that order.
 */
export const PIPELINE: readonly Stage[] = buildPipeline([
  {
    name: 'extract',
    does: 'Article text (verbatim for plain text, by Readability for HTML) and what the page says about itself.',
    reads: [],
    writes: ['article'],
    run(l) {
      const extracted: ExtractedArticle = l.format === 'html' ? extractHtml(l.input, { url: l.options.name }) : extractText(l.input);
      const outlet = l.options.outlet;
      l.article = outlet && !extracted.meta.outlet ? { ...extracted, meta: { ...extracted.meta, outlet } } : extracted;
    },
  },
  {
    name: 'segment',
    does: 'Paragraphs, sentences, tokens with tags and lemmas, and each sentence\'s dependency parse.',
    reads: ['article'],
    writes: ['paragraphs', 'sentences', 'tokens', 'parse', 'skip'],
    run(l, clock) {
      const article = got(l, 'article');
      const { paragraphs, sentences, tokens } = segment(article.text, { check: () => clock.check('segment') });
      Object.assign(l, { paragraphs, sentences, tokens, parse: new ParseTree(tokens), skip: sentencesWithoutClaims(sentences, article) });
    },
  },
  {
    name: 'quotes',
    does: 'Quotations, with mismatched, unclosed and nested marks.',
    reads: ['article', 'paragraphs'],
    writes: ['quotes'],
    run(l) {
      l.quotes = findQuotes(got(l, 'article').text, got(l, 'paragraphs'));
    },
  },
  {
    name: 'attribution-rules',
    does: 'Attribution relations by rules over tags and by dependency patterns (src/lexicons/attribution-rules.json).',
    reads: ['article', 'sentences', 'tokens', 'parse', 'skip', 'quotes'],
    writes: ['ruleRelations', 'parsedRelations'],
    run(l) {
      const { text, regions } = got(l, 'article');
      const input = { text, sentences: got(l, 'sentences'), tokens: got(l, 'tokens'), quotes: got(l, 'quotes'), skip: got(l, 'skip'), lexicons: l.lexicons };
      l.ruleRelations = findAttributions({ ...input, excluded: regions.filter((r) => r.kind === 'dateline') });
      l.parsedRelations = parseAttributions({ ...input, tree: got(l, 'parse') });
    },
  },
  {
    name: 'attribution-tagger',
    does: 'The trained tagger\'s relations (it reads the rules\' as features), combined with the rules\'.',
    reads: ['article', 'paragraphs', 'sentences', 'tokens', 'skip', 'quotes', 'ruleRelations', 'parsedRelations'],
    writes: ['taggedRelations'],
    run(l) {
      const { text, regions } = got(l, 'article');
      const rules = got(l, 'ruleRelations');
      // The parse rules' relations join the others where no other rule has that cue: combining keeps what the
      // tagger's univocal tags cannot hold (content on both sides of a parenthetical cue) and what it missed.
      const allRules = withParsed(rules, got(l, 'parsedRelations'));
      if (l.options.tagger === false) {
        l.taggedRelations = allRules;
        return;
      }
      const tagged = tagAttributions({
        text, tokens: got(l, 'tokens'), sentences: got(l, 'sentences'), paragraphs: got(l, 'paragraphs'), quotes: got(l, 'quotes'), rules, lexicons: l.lexicons, skip: got(l, 'skip'),
      });
      // A dateline ("Islamabad (The Daily Meridian):") looks like a speaker and a colon to the tagger; it is
      // the article's own furniture, so no relation has its cue there (the rules never put one there).
      l.taggedRelations = withoutCueIn(regions.filter((r) => r.kind === 'dateline'), combineAttributions(text, allRules, tagged));
    },
  },
  {
    name: 'attribution-subjects',
    does: 'Subjects the tagger leaves out (shared, passive, citing, relative, from the parse) and the chains they imply.',
    reads: ['article', 'sentences', 'tokens', 'parse', 'taggedRelations'],
    writes: ['linkedRelations'],
    run(l) {
      const text = got(l, 'article').text;
      const tokens = got(l, 'tokens');
      let raw = got(l, 'taggedRelations');
      // A cue verb coordinated with an earlier one ("X denied it and said…") shares its subject; "X cited Y as
      // saying Z" is two links of one chain.
      shareSubjects(text, raw);
      raw = splitCitedAsSaying(text, raw);
      // Subjects the tagger leaves out: "X was quoted by Y as saying", "X, citing Y, said", "X, who …, said".
      raw = subjectsLeftOut(text, got(l, 'sentences'), tokens, raw);
      // Cue verbs still without a source take their subject from the parse ("He plans to order…").
      subjectsFromParse(tokens, raw, got(l, 'parse'));
      l.linkedRelations = raw;
    },
  },
  {
    name: 'sources',
    does: 'Each relation\'s source resolved: kind, name, descriptors, pronouns and descriptions merged with what they refer to.',
    reads: ['article', 'sentences', 'tokens', 'quotes', 'linkedRelations'],
    writes: ['sources', 'sourceMentions', 'attributions', 'cues'],
    run(l) {
      const { text, meta, regions } = got(l, 'article');
      const tokens = got(l, 'tokens');
      const sentences = got(l, 'sentences');
      const raw = got(l, 'linkedRelations');
      const outerQuotes = got(l, 'quotes').filter((q) => q.depth === 0);
      const withSource = raw.filter((a) => a.sourceSpan !== null);
      const indexWithSource = new Map(withSource.map((a, k) => [a, k]));
      const resolved = resolveSources({
        text,
        tokens,
        meta,
        lexicons: l.lexicons,
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
      const sourceIdOf = new Map(withSource.map((a, k) => [a, resolved.ids[k]!]));
      l.sources = resolved.sources;
      l.sourceMentions = resolved.mentions;
      l.attributions = raw.map((a, i) => ({
        id: `a${i}`,
        source: sourceIdOf.get(a) ?? null,
        sourceSpan: a.sourceSpan,
        cue: a.cue,
        content: a.content,
        type: a.type,
        rule: a.rule,
        evidence: a.evidence,
        parent: a.parent === null ? null : `a${a.parent}`,
        reported: isReport(a, l.lexicons),
      }));
      l.cues = raw.map((a) => ({ ...a.cue, type: a.cueType, lemma: a.cueLemma, rule: a.rule, evidence: a.evidence, score: a.score }));
    },
  },
  {
    name: 'hedges',
    does: 'Hedge cues from the hedge lexicons.',
    reads: ['article', 'sentences', 'tokens', 'skip'],
    writes: ['hedges'],
    run(l) {
      l.hedges = findHedges(got(l, 'article').text, got(l, 'sentences'), got(l, 'tokens'), l.lexicons, got(l, 'skip'));
    },
  },
  {
    name: 'techniques',
    does: 'Propaganda-technique spans and labels (SemEval-2020 Task 11 models trained on PTC).',
    reads: ['article', 'sentences', 'tokens', 'skip', 'quotes'],
    writes: ['techniques'],
    run(l) {
      l.techniques = l.options.techniques === false ? [] : findTechniques({ text: got(l, 'article').text, tokens: got(l, 'tokens'), sentences: got(l, 'sentences'), quotes: got(l, 'quotes') }, got(l, 'skip'));
    },
  },
  {
    name: 'claims',
    does: 'Claims with their chains of sources, hedges and techniques, and the article\'s sourcing profile.',
    reads: ['article', 'sentences', 'tokens', 'skip', 'quotes', 'attributions', 'hedges', 'techniques', 'sources'],
    writes: ['claims', 'profile'],
    run(l) {
      const { text, regions } = got(l, 'article');
      const techniques = got(l, 'techniques');
      const claims = buildClaims({ text, sentences: got(l, 'sentences'), tokens: got(l, 'tokens'), regions, attributions: got(l, 'attributions'), hedges: got(l, 'hedges'), skip: got(l, 'skip'), quotes: got(l, 'quotes') });
      for (const c of claims) c.techniques = techniquesWithin(techniques, c.start, c.end);
      l.claims = claims;
      l.profile = sourcingProfile(claims, got(l, 'sources'));
    },
  },
  {
    name: 'entities',
    does: 'Actors: entity mentions typed by gazetteer, titles and the source stage, merged within the article.',
    reads: ['article', 'sentences', 'tokens', 'skip', 'quotes', 'sources', 'sourceMentions'],
    writes: ['entities', 'entityMentions'],
    run(l) {
      const { text, regions } = got(l, 'article');
      const found =
        l.options.entities === false
          ? { entities: [], mentions: [] }
          : findEntities({ text, sentences: got(l, 'sentences'), tokens: got(l, 'tokens'), regions, quotes: got(l, 'quotes'), skip: got(l, 'skip'), lexicons: l.lexicons, sources: got(l, 'sources'), sourceMentions: got(l, 'sourceMentions') });
      l.entities = found.entities;
      l.entityMentions = found.mentions;
    },
  },
  {
    name: 'relations',
    does: 'Allegations between actors (subject, predicate, object) in each claim, carrying its chain and hedges.',
    reads: ['article', 'sentences', 'tokens', 'parse', 'claims', 'entities', 'entityMentions', 'sources', 'sourceMentions'],
    writes: ['relations'],
    run(l) {
      l.relations =
        l.options.entities === false
          ? []
          : findRelations({
              text: got(l, 'article').text,
              sentences: got(l, 'sentences'),
              tokens: got(l, 'tokens'),
              claims: got(l, 'claims'),
              entities: { entities: got(l, 'entities'), mentions: got(l, 'entityMentions') },
              lexicons: l.lexicons,
              sources: got(l, 'sources'),
              sourceMentions: got(l, 'sourceMentions'),
              tree: got(l, 'parse'),
            });
    },
  },
  {
    name: 'checkworthiness',
    does: 'How likely a fact-checker is to choose each claim for checking (a model trained on CLEF-2019 CheckThat!).',
    reads: ['article', 'tokens', 'claims', 'attributions', 'sources', 'hedges', 'techniques', 'entities', 'relations'],
    writes: ['checkworthiness'],
    run(l) {
      l.checkworthiness = scoreClaims({
        text: got(l, 'article').text,
        tokens: got(l, 'tokens'),
        claims: got(l, 'claims'),
        attributions: got(l, 'attributions'),
        sources: got(l, 'sources'),
        hedges: got(l, 'hedges'),
        techniques: got(l, 'techniques'),
        entities: got(l, 'entities'),
        relations: got(l, 'relations'),
      });
    },
  },
]);

/** The stages up to the rule-based attribution: the tagger's features read what they write. */
const FRONT_STAGES = PIPELINE.slice(0, PIPELINE.findIndex((s) => s.name === 'attribution-rules') + 1);

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
  /** Relations the dependency-pattern rules find (src/lexicons/attribution-rules.json). */
  parsed: RawAttribution[];
}

function startLayers(input: string, options: AnalyzeOptions): Layers {
  return { input, options, format: options.format ?? guessFormat(options.name, input), lexicons: lexiconsFor(options.lexicon) };
}

/** The pipeline's first stages: extract, segment, quotes, rule-based attribution. */
export function prepareAttribution(input: string, options: AnalyzeOptions = {}, clock = clockFor(input, options)): AttributionFront {
  const l = runStages(FRONT_STAGES, startLayers(input, options), clock);
  return {
    article: got(l, 'article'),
    paragraphs: got(l, 'paragraphs'),
    sentences: got(l, 'sentences'),
    tokens: got(l, 'tokens'),
    skip: got(l, 'skip'),
    quotes: got(l, 'quotes'),
    lexicons: l.lexicons,
    rules: got(l, 'ruleRelations'),
    parsed: got(l, 'parsedRelations'),
  };
}

export function analyze(input: string, options: AnalyzeOptions = {}): Analysis {
  if (typeof input !== 'string') {
    throw new TypeError(`analyze: expected the article as a string, got ${input === null ? 'null' : typeof input}`);
  }
  if (options.format !== undefined && options.format !== 'text' && options.format !== 'html') {
    throw new TypeError(`analyze: format must be "text" or "html", got ${JSON.stringify(options.format)}`);
  }
  const l = runStages(PIPELINE, startLayers(input, options), clockFor(input, options));
  const article = got(l, 'article');
  return {
    version: MODEL_VERSION,
    document: { text: article.text, ...article.meta },
    regions: article.regions,
    ...(article.sourceMap ? { sourceMap: article.sourceMap } : {}),
    paragraphs: got(l, 'paragraphs'),
    sentences: got(l, 'sentences'),
    ...(options.tokens ? { tokens: got(l, 'tokens') } : {}),
    quotes: got(l, 'quotes'),
    cues: got(l, 'cues'),
    sources: got(l, 'sources'),
    sourceMentions: got(l, 'sourceMentions'),
    attributions: got(l, 'attributions'),
    hedges: got(l, 'hedges'),
    claims: withScores(got(l, 'claims'), got(l, 'checkworthiness')),
    profile: got(l, 'profile'),
    techniques: got(l, 'techniques'),
    entities: got(l, 'entities'),
    relations: got(l, 'relations'),
  };
}

function withScores(claims: readonly Claim[], scores: readonly number[]): Claim[] {
  return claims.map((c, i) => ({ ...c, checkworthiness: scores[i]! }));
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
