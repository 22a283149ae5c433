/**
 * Lexicons are data (JSON files beside this module, each with a `source` note); this module compiles
 * them into look-up tables once, and merges a user's extensions so lexicons grow without code changes.
 */
import cuesPolnear from './cues-polnear.json' with { type: 'json' };
import cuesCurated from './cues.json' with { type: 'json' };
import sourcesLexicon from './sources.json' with { type: 'json' };
import hedgesLexicon from './hedges.json' with { type: 'json' };
import hedgesWikiweasel from './hedges-wikiweasel.json' with { type: 'json' };
import { ATTRIBUTION_RULES, ATTRIBUTION_RULES_SOURCE, compileRules, type AttributionRule } from './attribution-rules.js';
import { checkOutletEntry, type OutletEntry } from './outlets.js';
import {
  actorLexiconSources, buildActorLexicon, buildRelationLexicon, checkActorExtension,
  type ActorLexicon, type EntityExtensionEntry, type RelationLexicon, type RelationTriggerExtension,
} from './actors.js';

export interface HedgeEntry {
  pattern: string;
  category: string;
}

/** What a user may add (CLI `--lexicon FILE`, or `analyze(text, { lexicon })`). Every field is optional. */
export interface LexiconExtension {
  cueVerbs?: string[];
  cueNouns?: string[];
  /** Prepositional cues that take their source after them ("according to", "in the words of"). */
  cuePhrases?: string[];
  hedges?: HedgeEntry[];
  anonymousNouns?: string[];
  /** Posts and trades that name one person after "the" ("the mayor") and an unnamed one after "a" ("a doctor"). */
  roleNouns?: string[];
  documentNouns?: string[];
  mediaNouns?: string[];
  mediaNames?: string[];
  organizationNouns?: string[];
  personTitles?: string[];
  descriptors?: string[];
  /** Actors for the entity gazetteer: `{ name, type, aliases?, partOf? }`. */
  entities?: EntityExtensionEntry[];
  /** Words that state a relation: `{ word, predicate, kind: 'verb' | 'noun' }`. */
  relationTriggers?: RelationTriggerExtension[];
  /** Attribution rules over the parse (the format of src/lexicons/attribution-rules.json), tried before the built-in ones. */
  attributionRules?: AttributionRule[];
  /** Outlets' names and the other ways of writing them (`{ name, aliases }`), for naming a corpus's outlets one way. */
  outlets?: OutletEntry[];
}

export interface Lexicons {
  /** Verb lemma → prior that it is an attribution cue (1 for curated entries). */
  cueVerbs: Map<string, number>;
  /** Every lemma PolNeAR annotates as a cue at least a few times, with its prior (for the tagger's features). */
  cuePriors: Map<string, number>;
  /** Verbs that introduce reported speech or thought and take a clause ("said that…"). */
  speechVerbs: Set<string>;
  cueNouns: Map<string, number>;
  /** Prepositional cues as lower-case word sequences ("according to" → ["according", "to"]). */
  cuePhrases: string[][];
  hedges: HedgeEntry[];
  anonymousNouns: Set<string>;
  roleNouns: Set<string>;
  documentNouns: Set<string>;
  mediaNouns: Set<string>;
  /** Lower-cased words that mark a proper name as a media outlet's ("Times", "Reuters"), or whole names. */
  mediaNames: Set<string>;
  organizationNouns: Set<string>;
  personTitles: Set<string>;
  descriptors: Set<string>;
  pronouns: { person: Set<string>; group: Set<string>; thing: Set<string>; speaker: Set<string> };
  /** Entity gazetteer and the word lists that type names (src/lexicons/actors.ts). */
  actors: ActorLexicon;
  /** Relation triggers: verbs and nominalisations by predicate. */
  relations: RelationLexicon;
  /** The user's attribution rules, then the built-in ones: the first that matches a cue word gives its relation. */
  attributionRules: readonly AttributionRule[];
}

/** Cue verbs from PolNeAR below this prior are too often not cues to act on by rule alone. */
const MIN_CUE_PRIOR = 0.3;

/** A hedge entry derived from annotated data: p = share of its occurrences annotated as a cue, n = how many. */
export interface DerivedHedgeEntry extends HedgeEntry {
  p: number;
  n: number;
}

/**
 * Derived hedge entries below this prior are left out of the default lexicons. WikiWeasel marks
 * conditionals and opinion verbs as uncertain ("if" p 0.77, "{verb} consider" 0.75, "{verb} think" 0.70,
 * "{verb} expect" 0.74), which in news are everywhere ("the court considered the matter"): with every
 * derived entry, 19.3% of PolNeAR dev sentences carry a hedge against 9.6% with the curated list alone;
 * with this floor and NON_HEDGE_CATEGORIES, 11.1%.
 */
export const MIN_HEDGE_PRIOR = 0.8;

/**
 * Derived categories left out of the default lexicons whatever their prior: a condition ("if", "unless")
 * or an open question ("whether": "raise questions about whether the U.S. should…") is uncertainty in
 * WikiWeasel's sense, but not the text distancing itself from the claim that contains it.
 */
export const NON_HEDGE_CATEGORIES: ReadonlySet<string> = new Set(['uncertain-condition', 'uncertain-investigation']);

/**
 * The derived hedge entries to use beside `curated`: those with p ≥ minPrior, not in NON_HEDGE_CATEGORIES
 * (unless `allCategories`), whose pattern `curated` lacks.
 */
export function derivedHedges(
  entries: readonly DerivedHedgeEntry[],
  curated: readonly HedgeEntry[] = [],
  { minPrior = MIN_HEDGE_PRIOR, allCategories = false }: { minPrior?: number; allCategories?: boolean } = {},
): HedgeEntry[] {
  const have = new Set(curated.map((e) => e.pattern.toLowerCase()));
  return entries
    .filter((e) => e.p >= minPrior && (allCategories || !NON_HEDGE_CATEGORIES.has(e.category)) && !have.has(e.pattern.toLowerCase()))
    .map(({ pattern, category }) => ({ pattern, category }));
}

const lower = (xs: readonly string[] | undefined): string[] => (xs ?? []).map((x) => x.toLowerCase().trim()).filter(Boolean);

export function buildLexicons(extension: LexiconExtension = {}): Lexicons {
  const cueVerbs = new Map<string, number>();
  for (const [lemma, { p }] of Object.entries(cuesPolnear.verbs)) if (p >= MIN_CUE_PRIOR) cueVerbs.set(lemma, p);
  for (const lemma of [...cuesCurated.verbs, ...lower(extension.cueVerbs)]) cueVerbs.set(lemma, 1);
  const cueNouns = new Map<string, number>();
  for (const [lemma, { p }] of Object.entries(cuesPolnear.nouns)) if (p >= MIN_CUE_PRIOR) cueNouns.set(lemma, p);
  for (const lemma of [...cuesCurated.nouns, ...lower(extension.cueNouns)]) cueNouns.set(lemma, 1);
  const s = sourcesLexicon;
  const cuePriors = new Map<string, number>();
  for (const [lemma, { p }] of [...Object.entries(cuesPolnear.nouns), ...Object.entries(cuesPolnear.verbs)]) cuePriors.set(lemma, p);
  return {
    cueVerbs,
    cuePriors,
    speechVerbs: new Set([...cuesCurated.speechVerbs, ...lower(extension.cueVerbs)]),
    cueNouns,
    cuePhrases: [...new Set([...cuesCurated.phrases, ...lower(extension.cuePhrases)])].map((p) => p.split(/\s+/)),
    hedges: [...hedgesLexicon.entries, ...derivedHedges(hedgesWikiweasel.entries as DerivedHedgeEntry[], hedgesLexicon.entries), ...(extension.hedges ?? [])],
    anonymousNouns: new Set([...s.anonymous, ...lower(extension.anonymousNouns)]),
    roleNouns: new Set([...s.roles, ...lower(extension.roleNouns)]),
    documentNouns: new Set([...s.document, ...lower(extension.documentNouns)]),
    mediaNouns: new Set([...s.media, ...lower(extension.mediaNouns)]),
    mediaNames: new Set([...s.mediaNameWords, ...lower(extension.mediaNames)]),
    organizationNouns: new Set([...s.organization, ...lower(extension.organizationNouns)]),
    personTitles: new Set([...s.personTitles, ...lower(extension.personTitles)]),
    descriptors: new Set([...s.descriptors, ...lower(extension.descriptors)]),
    pronouns: {
      person: new Set(s.pronouns.person),
      group: new Set(s.pronouns.group),
      thing: new Set(s.pronouns.thing),
      speaker: new Set(s.pronouns.speaker),
    },
    actors: buildActorLexicon(extension.entities),
    relations: buildRelationLexicon(extension.relationTriggers),
    attributionRules: extension.attributionRules?.length ? [...extension.attributionRules, ...ATTRIBUTION_RULES] : ATTRIBUTION_RULES,
  };
}

let defaults: Lexicons | null = null;
export function defaultLexicons(): Lexicons {
  defaults ??= buildLexicons();
  return defaults;
}

/** The `source` notes of every lexicon, for the generated rules document. */
export const lexiconSources: Record<string, string> = {
  'cues-polnear.json': cuesPolnear.source,
  'cues.json': cuesCurated.source,
  'sources.json': sourcesLexicon.source,
  'hedges.json': hedgesLexicon.source,
  'hedges-wikiweasel.json': hedgesWikiweasel.source,
  'attribution-rules.json': ATTRIBUTION_RULES_SOURCE,
  ...actorLexiconSources,
};

/** Checks a user's extension file, naming what is wrong instead of failing later. */
export function validateExtension(value: unknown, name: string): LexiconExtension {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${name}: a lexicon extension must be a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}`);
  }
  const allowed = new Set([
    'cueVerbs', 'cueNouns', 'cuePhrases', 'hedges', 'anonymousNouns', 'roleNouns', 'documentNouns', 'mediaNouns', 'mediaNames',
    'organizationNouns', 'personTitles', 'descriptors', 'entities', 'relationTriggers', 'attributionRules', 'outlets', 'source',
  ]);
  for (const [key, v] of Object.entries(value)) {
    if (!allowed.has(key)) throw new TypeError(`${name}: unknown lexicon field "${key}" (allowed: ${[...allowed].join(', ')})`);
    if (key === 'source') continue;
    if (!Array.isArray(v)) throw new TypeError(`${name}: "${key}" must be an array, got ${typeof v}`);
    if (key === 'attributionRules') {
      try {
        compileRules(v as AttributionRule[], defaultLexicons());
      } catch (e) {
        throw new TypeError(`${name}: ${(e as Error).message}`);
      }
      continue;
    }
    for (const item of v) {
      if (key === 'outlets') {
        const problem = checkOutletEntry(item);
        if (problem) throw new TypeError(`${name}: bad entry in "outlets": ${JSON.stringify(item)} (${problem})`);
        continue;
      }
      if (key === 'entities' || key === 'relationTriggers') {
        const problem = checkActorExtension(key, item);
        if (problem) throw new TypeError(`${name}: bad entry in "${key}": ${JSON.stringify(item)} (${problem})`);
        continue;
      }
      const ok = key === 'hedges'
        ? typeof item === 'object' && item !== null && typeof (item as HedgeEntry).pattern === 'string' && typeof (item as HedgeEntry).category === 'string'
        : typeof item === 'string';
      if (!ok) throw new TypeError(`${name}: bad entry in "${key}": ${JSON.stringify(item)}`);
    }
  }
  return value as LexiconExtension;
}
