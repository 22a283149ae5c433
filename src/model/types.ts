/**
 * The claimtrace document model.
 *
 * One article text, never altered, plus spans over it. Every offset is a UTF-16 code-unit index into
 * `Doc.text` (what `String.prototype.slice` uses), end exclusive. Every finding names the rule or model
 * that produced it and the evidence that fired it, like a vfile message.
 */

export interface Span {
  start: number;
  end: number;
}

/** A finding: a span with the rule that produced it and why it fired. */
export interface Finding extends Span {
  /** Rule or model id, e.g. `attribution/according-to`. Listed in docs/rules.md. */
  rule: string;
  /** What in the text fired the rule (a cue word, a pattern, a lexicon entry). */
  evidence: string;
  /** Confidence in [0, 1] where the producer has one. */
  score?: number;
}

export type InputFormat = 'text' | 'html';

/** Maps a run of `Doc.text` back to the raw input it came from (HTML source offsets). */
export interface SourceMapSegment {
  start: number;
  end: number;
  sourceStart: number;
  sourceEnd: number;
}

/** What the extract stage knows about the article before any language analysis. */
export interface ArticleMeta {
  title: string | null;
  /** The publishing outlet (site name, or the outlet named in a dateline). */
  outlet: string | null;
  byline: string | null;
  /** Published time as given by the page (ISO 8601 where the page gives it so). */
  published: string | null;
  /** Place named in a dateline (`Islamabad (The Uttam Hindu):` → Islamabad). */
  place: string | null;
  format: InputFormat;
}

/** Header lines of the article: headline, byline, dateline, page furniture. */
export type RegionKind = 'headline' | 'byline' | 'dateline' | 'furniture' | 'body';

export interface Region extends Span {
  kind: RegionKind;
}

export interface ExtractedArticle {
  text: string;
  meta: ArticleMeta;
  regions: Region[];
  /** Present when `text` is not the raw input verbatim (HTML). */
  sourceMap?: SourceMapSegment[];
}

export interface Token extends Span {
  index: number;
  /** Universal POS tag from wink-nlp's tagger (what the rule and model stages were built on). */
  pos: string;
  lemma: string;
  /** Lower-cased form, curly apostrophes folded to straight ones. */
  norm: string;
  sentence: number;
  /** Universal POS tag from claimtrace's own tagger (src/syntax), trained on UD English EWT + GUM. */
  upos: string;
  /** Index in `tokens` of this token's syntactic head, null for its sentence's root. */
  head: number | null;
  /** Universal Dependencies relation to the head ("nsubj", "obl:tmod", …; "root" for the root). */
  dep: string;
}

export interface Sentence extends Span {
  index: number;
  paragraph: number;
  /** Token index range [tokenStart, tokenEnd) of the non-space tokens in this sentence. */
  tokenStart: number;
  tokenEnd: number;
}

export interface Paragraph extends Span {
  index: number;
}

export interface Quote extends Finding {
  /** Span of the quoted words without the marks. */
  inner: Span;
  /** False when no closing mark was found (the quote runs to the end of its paragraph or document). */
  closed: boolean;
  /** Nesting depth: 0 for an outer quote, 1 for a quote within a quote. */
  depth: number;
  /** Short quoted phrase used as a label or scare quote, not speech. */
  scare: boolean;
}

export type CueType = 'verb' | 'noun' | 'according-to' | 'quoting' | 'punctuation';

export interface Cue extends Finding {
  type: CueType;
  lemma: string;
}

export type SourceKind =
  | 'outlet'
  | 'media'
  | 'person'
  | 'organization'
  | 'document'
  | 'anonymous'
  | 'unknown';

export interface SourceMention extends Finding {
  /** The source this mention was merged into. */
  source: string;
  /** How the mention refers: by name, description, pronoun, or implicit (the outlet's own voice). */
  reference: 'name' | 'description' | 'pronoun' | 'implicit';
}

export interface Source {
  id: string;
  /** Display name: the proper name where there is one, otherwise the most informative description. */
  name: string;
  kind: SourceKind;
  named: boolean;
  /** Words that matter to a reader: "reliable", "intelligence", "senior", "leading"… */
  descriptors: string[];
  /** Set when a pronoun or description could not be resolved to an earlier source. */
  unresolved: boolean;
  /** Outlet behind a media report (`a report published by … Blitz` → Blitz). */
  outlet: string | null;
  /** Head noun of the description it was introduced by ("report", "sources"), if any. */
  head: string | null;
  mentions: Span[];
}

export type AttributionType = 'direct' | 'indirect' | 'mixed' | 'according-to' | 'quoting' | 'noun';

export interface Attribution {
  id: string;
  /** Source id, or null when the text gives none (e.g. an agentless passive "it was reported"). */
  source: string | null;
  sourceSpan: Span | null;
  cue: Span;
  content: Span;
  type: AttributionType;
  rule: string;
  evidence: string;
  /** The attribution whose content this one is embedded in (outer link of the chain). */
  parent: string | null;
  /**
   * True when the cue reports speech, writing or thought (say, report, reveal, believe, according to),
   * false for the stances PolNeAR also annotates (support, oppose, want). Only reports carry claims' chains.
   */
  reported: boolean;
}

export interface Hedge extends Finding {
  text: string;
  /** Lexicon category: adverb, modal, reporting, epistemic verb, weasel phrase… */
  category: string;
}

export interface Claim {
  id: string;
  start: number;
  end: number;
  text: string;
  sentence: number;
  /** Source ids from the outermost (the article's outlet or author) to the innermost origin. */
  chain: string[];
  /** The attribution the claim is the content of, if any. */
  attribution: string | null;
  /** True when the claim continues reported speech from an earlier sentence without a cue of its own. */
  continued: boolean;
  /** The claim is the article's headline. */
  headline: boolean;
  hedges: Array<Span & { text: string }>;
  /** Ids of the propaganda-technique findings that overlap the claim (`Analysis.techniques`). */
  techniques: string[];
  /**
   * How likely a fact-checker is to choose the claim for checking, in [0, 1]: a calibrated probability from a
   * model trained on CLEF-2019 CheckThat! (debates); it says how much checking matters, not whether it is true.
   */
  checkworthiness: number;
}

/** The 14 propaganda techniques of SemEval-2020 Task 11 (PTC), by their corpus labels. */
export type TechniqueLabel =
  | 'Loaded_Language'
  | 'Name_Calling,Labeling'
  | 'Repetition'
  | 'Doubt'
  | 'Exaggeration,Minimisation'
  | 'Appeal_to_fear-prejudice'
  | 'Flag-Waving'
  | 'Causal_Oversimplification'
  | 'Appeal_to_Authority'
  | 'Slogans'
  | 'Whataboutism,Straw_Men,Red_Herring'
  | 'Black-and-White_Fallacy'
  | 'Bandwagon,Reductio_ad_hitlerum'
  | 'Thought-terminating_Cliches';

/** A span using a persuasion or propaganda technique. `evidence` names the rule or the model's strongest features. */
export interface Technique extends Finding {
  id: string;
  text: string;
  technique: TechniqueLabel;
  score: number;
}

export type EntityType = 'state' | 'organization' | 'armed_group' | 'person' | 'place' | 'other';

/** An actor or place, its mentions merged within the article (Pakistan / Islamabad / Pakistani → Pakistan). */
export interface Entity {
  id: string;
  name: string;
  type: EntityType;
  /** Every distinct surface form that was merged into this entity. */
  aliases: string[];
  mentions: Array<Span & { text: string }>;
  /** Role or title stripped from a person's name ("Army Chief" of "Army Chief Asim Munir"). */
  role?: string;
  /** The entity this one is part of (the ISI is part of Pakistan). */
  partOf?: string;
  /** Gazetteer or rule that typed it. */
  rule: string;
}

/** Predicates of the allegation graph, modelled on CAMEO event classes (docs/rules.md lists them). */
export type RelationPredicate =
  | 'shelter' | 'train' | 'fund' | 'supply' | 'assist' | 'ally' | 'threaten' | 'attack'
  | 'meet' | 'host' | 'accuse' | 'designate' | 'isolate' | 'oppose';

/** An actor–action–target allegation made by a claim. */
export interface Relation extends Finding {
  id: string;
  /** Entity ids. */
  subject: string;
  predicate: RelationPredicate;
  object: string;
  /** The claim it came from: its chain and hedges are what the edge rests on. */
  claim: string;
  /** The words that express the predicate (verb or nominalisation). */
  trigger: Span & { text: string };
  negated: boolean;
  hedged: boolean;
  /** Conditional ("if …") or a question. */
  modality: 'asserted' | 'conditional' | 'question';
}

/** Counts a reader sees first: what the article's claims rest on. */
export interface SourcingProfile {
  claims: number;
  ownVoice: number;
  named: number;
  anonymous: number;
  /** Claims resting on another unnamed source: a person named by post ("the mayor"), a document, an unresolved speaker. */
  unnamedOther: number;
  hedged: number;
  longestChain: string[];
}

export interface Analysis {
  version: string;
  /** The article text (never altered for plain text) and what the extract stage knows about it. */
  document: { text: string } & ArticleMeta;
  regions: Region[];
  sourceMap?: SourceMapSegment[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  tokens?: Token[];
  quotes: Quote[];
  cues: Cue[];
  sources: Source[];
  sourceMentions: SourceMention[];
  attributions: Attribution[];
  hedges: Hedge[];
  claims: Claim[];
  profile: SourcingProfile;
  techniques: Technique[];
  entities: Entity[];
  relations: Relation[];
}
