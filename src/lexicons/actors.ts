/**
 * The entity gazetteer and the relation-trigger lexicon, compiled from data (gazetteer.json, built by
 * scripts/build-gazetteer.ts from world-countries and compromise; actors.json and relations.json, curated)
 * into look-up tables, with a user's extension (`--lexicon`: `entities`, `relationTriggers`) merged in.
 */
import gazetteer from './gazetteer.json' with { type: 'json' };
import actors from './actors.json' with { type: 'json' };
import relations from './relations.json' with { type: 'json' };
import type { EntityType, RelationPredicate } from '../model/types.js';

export const ENTITY_TYPES: readonly EntityType[] = ['state', 'organization', 'armed_group', 'person', 'place', 'other'];
export const RELATION_PREDICATES: readonly RelationPredicate[] = Object.keys(relations.predicates) as RelationPredicate[];

/** What a gazetteer form names. `key` is shared by every form of one actor ("country:PAK"). */
export interface GazetteerEntry {
  key: string;
  /** Display name of the actor. */
  name: string;
  type: EntityType;
  /** Key of the actor it is part of (the ISI → "country:PAK"). */
  partOf?: string;
  /** A demonym ("Pakistani") or a capital ("Islamabad") stands for its country only in some uses. */
  kind: 'name' | 'demonym' | 'capital';
  /** A compromise organisation: typed from a broad lexicon, so matched more cautiously. */
  broad?: boolean;
  rule: string;
}

export interface ActorLexicon {
  /** Normalised form (lower-cased, spaces collapsed, apostrophes straight) → entry. */
  forms: Map<string, GazetteerEntry>;
  /** First run of letters or digits of a form → the forms starting so, longest first. */
  byFirst: Map<string, string[]>;
  /** Longest form, in characters: how far a match is worth trying. */
  maxFormLength: number;
  /** Forms written in capitals only in every source ("ISI", "US"): they match only so written. */
  exactCase: Map<string, Set<string>>;
  /** Forms whose names start with a small letter ("al-Qaeda", "the West"): they match only as written. */
  lowercase: Map<string, Set<string>>;
  /** First runs of those forms: a small-letter token starting none of them starts no name. */
  lowercaseFirst: Set<string>;
  firstNames: Set<string>;
  /** First names only women (or only men) bear in compromise's lexicon: for "she" and "he". */
  femaleNames: Set<string>;
  maleNames: Set<string>;
  lastNames: Set<string>;
  organizationWords: Set<string>;
  placeWords: Set<string>;
  stateBodyNouns: Set<string>;
  stateOrganWords: Set<string>;
  armedGroupWords: Set<string>;
  memberNouns: Set<string>;
  actorNouns: Set<string>;
  nameParticles: Set<string>;
  notNames: Set<string>;
}

/** A user's entity (`--lexicon`): `partOf` names another entity or a country. */
export interface EntityExtensionEntry {
  name: string;
  type: EntityType;
  aliases?: string[];
  partOf?: string;
}

export interface RelationTriggerExtension {
  word: string;
  predicate: RelationPredicate;
  kind: 'verb' | 'noun';
}

/** Anything normaliseForm would change besides case: curly apostrophes, backticks, other or repeated or edge whitespace. */
const NEEDS_NORMALISING = /[’‘`\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}|^ | $/;

export function normaliseForm(s: string): string {
  const lower = s.toLowerCase();
  // Most names need only lower-casing; one test is cheaper than two replacements and a trim.
  if (!NEEDS_NORMALISING.test(lower)) return lower;
  return lower.replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();
}

const FEMALE_WORDS = /\b(mrs|ms|miss|madam|queen|princess|lady|chairwoman|spokeswoman|congresswoman|businesswoman|woman|mother|wife|daughter|sister|grandmother)\b/;
const MALE_WORDS = /\b(mr|king|prince|lord|sir|chairman|spokesman|congressman|businessman|man|father|husband|son|brother|grandfather)\b/;

/**
 * What a person's name and the words around it (title, description) say of their gender, for "she" and
 * "he": `null` when they say nothing or contradict each other. Only first names that compromise gives to
 * one gender count.
 */
export function personGender(actors: Pick<ActorLexicon, 'femaleNames' | 'maleNames'>, name: string, words = ''): 'female' | 'male' | null {
  const first = normaliseForm(name.split(/\s+/)[0] ?? '');
  const context = normaliseForm(`${words} ${name}`);
  const female = actors.femaleNames.has(first) || FEMALE_WORDS.test(context);
  const male = actors.maleNames.has(first) || MALE_WORDS.test(context);
  return female === male ? null : female ? 'female' : 'male';
}

/** The gender a personal pronoun presumes, if any. */
export function pronounGender(pronoun: string): 'female' | 'male' | null {
  const p = normaliseForm(pronoun);
  return p === 'she' || p === 'her' || p === 'hers' || p === 'herself' ? 'female' : p === 'he' || p === 'him' || p === 'his' || p === 'himself' ? 'male' : null;
}

/** The first run of letters or digits: how forms and tokens are indexed. */
export function firstRun(s: string): string {
  const m = /[\p{L}\p{N}]+/u.exec(s);
  return m ? m[0] : s;
}

const ACRONYM = /^[\p{Lu}\p{N}&.-]+$/u;

export function buildActorLexicon(extension: readonly EntityExtensionEntry[] = []): ActorLexicon {
  const forms = new Map<string, GazetteerEntry>();
  const exactCase = new Map<string, Set<string>>();
  const lowercase = new Map<string, Set<string>>();
  const mixedCase = new Set<string>();

  const add = (surface: string, entry: GazetteerEntry, override = false): void => {
    const form = normaliseForm(surface);
    if (!form || !/\p{L}/u.test(form)) return;
    if (override || !forms.has(form)) forms.set(form, entry);
    // Case is known only for forms that come with it (not compromise's lower-cased lexicon).
    if (entry.broad) return;
    if (/^\p{Ll}/u.test(surface)) {
      let set = lowercase.get(form);
      if (!set) lowercase.set(form, (set = new Set()));
      set.add(surface);
    }
    if (ACRONYM.test(surface) && /\p{L}.*\p{L}/u.test(surface)) {
      let set = exactCase.get(form);
      if (!set) exactCase.set(form, (set = new Set()));
      set.add(surface);
    } else {
      mixedCase.add(form);
    }
  };

  const countryKey = (code: string): string => `country:${code}`;
  const nameToKey = new Map<string, string>();

  // Curated first (it overrides a derived entry of the same form), then the derived gazetteer.
  for (const c of gazetteer.countries) {
    nameToKey.set(normaliseForm(c.name), countryKey(c.id));
  }
  const curated = (
    list: ReadonlyArray<{ name: string; aliases: string[]; partOf?: string }>,
    type: EntityType,
    prefix: string,
    rule: string,
  ): void => {
    for (const e of list) {
      const key = `${prefix}:${normaliseForm(e.name)}`;
      const entry: GazetteerEntry = { key, name: e.name, type, kind: 'name', rule, ...(e.partOf ? { partOf: countryKey(e.partOf) } : {}) };
      for (const s of [e.name, ...e.aliases]) add(s, entry);
      nameToKey.set(normaliseForm(e.name), key);
    }
  };
  curated(actors.armedGroups, 'armed_group', 'group', 'entity/gazetteer-armed-group');
  curated(actors.stateAgencies, 'organization', 'org', 'entity/gazetteer-organization');
  curated(actors.organizations, 'organization', 'org', 'entity/gazetteer-organization');
  curated(actors.parties, 'organization', 'org', 'entity/gazetteer-organization');
  curated(actors.places, 'place', 'place', 'entity/gazetteer-place');
  curated(actors.blocs, 'other', 'bloc', 'entity/gazetteer-bloc');

  const aliases = actors.countryAliases as Record<string, string[]>;
  for (const c of gazetteer.countries) {
    const entry: GazetteerEntry = { key: countryKey(c.id), name: c.name, type: 'state', kind: 'name', rule: 'entity/gazetteer-country' };
    for (const s of [c.name, ...c.aliases, ...(aliases[c.id] ?? [])]) add(s, entry);
    const demonym: GazetteerEntry = { ...entry, kind: 'demonym', rule: 'entity/gazetteer-demonym' };
    for (const s of c.demonyms) add(s, demonym);
    const capital: GazetteerEntry = { ...entry, kind: 'capital', rule: 'entity/capital' };
    for (const s of c.capitals) add(s, capital);
  }
  for (const place of gazetteer.places) {
    add(place, { key: `place:${place}`, name: place, type: 'place', kind: 'name', broad: true, rule: 'entity/gazetteer-place' });
  }
  for (const o of gazetteer.organizations) {
    add(o, { key: `org:${o}`, name: o, type: 'organization', kind: 'name', broad: true, rule: 'entity/gazetteer-organization' });
  }
  // A user's entries win over everything built in.
  for (const e of extension) {
    const key = `user:${normaliseForm(e.name)}`;
    nameToKey.set(normaliseForm(e.name), key);
  }
  for (const e of extension) {
    const key = `user:${normaliseForm(e.name)}`;
    const partOf = e.partOf ? (nameToKey.get(normaliseForm(e.partOf)) ?? forms.get(normaliseForm(e.partOf))?.key) : undefined;
    const entry: GazetteerEntry = { key, name: e.name, type: e.type, kind: 'name', rule: 'entity/user-lexicon', ...(partOf ? { partOf } : {}) };
    for (const s of [e.name, ...(e.aliases ?? [])]) add(s, entry, true);
  }
  for (const form of mixedCase) exactCase.delete(form);

  const byFirst = new Map<string, string[]>();
  for (const form of forms.keys()) {
    const k = firstRun(form);
    let list = byFirst.get(k);
    if (!list) byFirst.set(k, (list = []));
    list.push(form);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  let maxFormLength = 0;
  for (const form of forms.keys()) maxFormLength = Math.max(maxFormLength, form.length);
  const lowercaseFirst = new Set([...lowercase.keys()].map(firstRun));

  const set = (xs: readonly string[]): Set<string> => new Set(xs.map(normaliseForm));
  return {
    forms,
    byFirst,
    maxFormLength,
    exactCase,
    lowercase,
    lowercaseFirst,
    firstNames: set(gazetteer.firstNames),
    femaleNames: set(gazetteer.femaleNames),
    maleNames: set(gazetteer.maleNames),
    lastNames: set(gazetteer.lastNames),
    organizationWords: set(gazetteer.organizationWords),
    placeWords: set(gazetteer.placeWords),
    stateBodyNouns: set(actors.stateBodyNouns),
    stateOrganWords: set(actors.stateOrganWords),
    armedGroupWords: set(actors.armedGroupWords),
    memberNouns: set(actors.memberNouns),
    actorNouns: set(actors.actorNouns),
    nameParticles: set(actors.nameParticles),
    notNames: set(actors.notNames),
  };
}

export interface RelationLexicon {
  /** Inflected verb form → predicates. */
  verbForms: Map<string, RelationPredicate[]>;
  /** Verb lemma → predicates (the tagger's lemma, when the form is not listed). */
  verbLemmas: Map<string, RelationPredicate[]>;
  /** Noun (one word or several, normalised) → predicates. */
  nouns: Map<string, RelationPredicate[]>;
  /** Longest noun phrase in `nouns`, in words. */
  maxNounWords: number;
  /** First words of the nouns: a token that is none of them starts no relation noun. */
  nounFirstWords: Set<string>;
  prepositions: Map<RelationPredicate, Set<string>>;
  symmetric: Set<RelationPredicate>;
  supportVerbs: Set<string>;
  negations: Set<string>;
  denialVerbs: Set<string>;
  conditionals: Set<string>;
  questions: Set<string>;
  catenatives: Set<string>;
}

const IRREGULAR: Record<string, string[]> = {
  meet: ['met'],
  fight: ['fought'],
  strike: ['struck', 'stricken'],
  shoot: ['shot'],
  hide: ['hid', 'hidden'],
  give: ['gave', 'given'],
  send: ['sent'],
  lend: ['lent'],
  underwrite: ['underwrote', 'underwritten'],
};

/** A verb's forms: base, -s, -ed, -ing, with English spelling rules and a few irregular pasts. */
export function verbForms(lemma: string): string[] {
  const out = new Set([lemma]);
  const doubles = /^[^aeiou]*[aeiou][^aeiouwxy]$/.test(lemma);
  if (/[^aeiou]y$/.test(lemma)) {
    const stem = lemma.slice(0, -1);
    out.add(`${stem}ies`).add(`${stem}ied`).add(`${lemma}ing`);
  } else if (lemma.endsWith('e')) {
    out.add(`${lemma}s`).add(`${lemma}d`).add(`${lemma.slice(0, -1)}ing`);
  } else if (/(?:s|sh|ch|x|z)$/.test(lemma)) {
    out.add(`${lemma}es`).add(`${lemma}ed`).add(`${lemma}ing`);
  } else {
    const stem = doubles ? lemma + lemma.at(-1)! : lemma;
    out.add(`${lemma}s`).add(`${stem}ed`).add(`${stem}ing`);
  }
  const irregular = IRREGULAR[lemma];
  if (irregular) {
    out.delete(`${lemma}ed`);
    out.delete(`${lemma}d`);
    for (const f of irregular) out.add(f);
  }
  return [...out];
}

export function buildRelationLexicon(extension: readonly RelationTriggerExtension[] = []): RelationLexicon {
  const verbForms_ = new Map<string, RelationPredicate[]>();
  const verbLemmas = new Map<string, RelationPredicate[]>();
  const nouns = new Map<string, RelationPredicate[]>();
  const push = (map: Map<string, RelationPredicate[]>, k: string, p: RelationPredicate): void => {
    const list = map.get(k);
    if (!list) map.set(k, [p]);
    else if (!list.includes(p)) list.push(p);
  };
  const prepositions = new Map<RelationPredicate, Set<string>>();
  const symmetric = new Set<RelationPredicate>();
  const addVerb = (lemma: string, p: RelationPredicate): void => {
    push(verbLemmas, lemma, p);
    for (const f of verbForms(lemma)) push(verbForms_, f, p);
  };
  for (const [p, def] of Object.entries(relations.predicates) as Array<[RelationPredicate, (typeof relations.predicates)[keyof typeof relations.predicates]]>) {
    for (const v of def.verbs) addVerb(normaliseForm(v), p);
    for (const n of def.nouns) push(nouns, normaliseForm(n), p);
    prepositions.set(p, new Set(def.prepositions));
    if ('symmetric' in def && def.symmetric) symmetric.add(p);
  }
  for (const e of extension) {
    if (e.kind === 'verb') addVerb(normaliseForm(e.word), e.predicate);
    else push(nouns, normaliseForm(e.word), e.predicate);
  }
  let maxNounWords = 1;
  const nounFirstWords = new Set<string>();
  for (const n of nouns.keys()) {
    const words = n.split(' ');
    maxNounWords = Math.max(maxNounWords, words.length);
    nounFirstWords.add(words[0]!);
  }
  const set = (xs: readonly string[]): Set<string> => new Set(xs.map(normaliseForm));
  return {
    verbForms: verbForms_,
    verbLemmas,
    nouns,
    maxNounWords,
    nounFirstWords,
    prepositions,
    symmetric,
    supportVerbs: set(relations.supportVerbs),
    negations: set(relations.negations),
    denialVerbs: set(relations.denialVerbs),
    conditionals: set(relations.conditionals),
    questions: set(relations.questions),
    catenatives: set(relations.catenatives),
  };
}

export const actorLexiconSources: Record<string, string> = {
  'gazetteer.json': gazetteer.source,
  'actors.json': actors.source,
  'relations.json': relations.source,
};

/** Checks the entity and relation-trigger entries of a user's extension; returns an error message or null. */
export function checkActorExtension(key: 'entities' | 'relationTriggers', item: unknown): string | null {
  if (typeof item !== 'object' || item === null) return 'expected an object';
  const o = item as Record<string, unknown>;
  if (key === 'entities') {
    if (typeof o.name !== 'string' || !o.name.trim()) return '"name" must be a non-empty string';
    if (!ENTITY_TYPES.includes(o.type as EntityType)) return `"type" must be one of ${ENTITY_TYPES.join(', ')}`;
    if (o.aliases !== undefined && !(Array.isArray(o.aliases) && o.aliases.every((a) => typeof a === 'string'))) return '"aliases" must be an array of strings';
    if (o.partOf !== undefined && typeof o.partOf !== 'string') return '"partOf" must be a string';
    return null;
  }
  if (typeof o.word !== 'string' || !o.word.trim()) return '"word" must be a non-empty string';
  if (!RELATION_PREDICATES.includes(o.predicate as RelationPredicate)) return `"predicate" must be one of ${RELATION_PREDICATES.join(', ')}`;
  if (o.kind !== 'verb' && o.kind !== 'noun') return '"kind" must be "verb" or "noun"';
  return null;
}
