/**
 * Sources: who each attribution's source span refers to. Mentions of one source are merged within the
 * article (`A detailed report` … `a report published by … Blitz` … `The report` → Blitz's report), each
 * source gets a kind, and pronouns resolve only to an unambiguous earlier source — otherwise the source
 * is flagged `unresolved`, never guessed.
 */
import type { ArticleMeta, Source, SourceKind, SourceMention, Span, Token } from '../model/types.js';
import type { Lexicons } from '../lexicons/index.js';
import { firstIndex, within } from '../model/spans.js';
import { normaliseForm, personGender, pronounGender } from '../lexicons/actors.js';
import { ANTECEDENT_WINDOW, resolvePersonPronoun } from './coreference.js';

export const OUTLET_SOURCE_ID = 's0';

/** What one source span says about its referent. */
export interface MentionReading {
  span: Span;
  kind: SourceKind;
  reference: SourceMention['reference'];
  /** Proper name (titles stripped), if any. */
  name: string | null;
  /** Head noun of a description, lower-cased ("report", "sources"). */
  head: string | null;
  /** Outlet publishing a media report. */
  outlet: string | null;
  descriptors: string[];
  /** Definite description or pronoun: refers back to an earlier source. */
  anaphoric: boolean;
  pronounClass: 'person' | 'group' | 'thing' | 'speaker' | null;
  plural: boolean;
  rule: string;
  evidence: string;
}

interface Word {
  value: string;
  lower: string;
  token: Token;
}

const DETERMINERS = /^(the|a|an|this|that|these|those|its|his|her|their|our|another|one|some|several|two|three|four|many|multiple|other|various)$/;
const DEFINITE = /^(the|this|that|these|those|its|his|her|their|our)$/;
/** Determiners of an unnamed one among many ("a doctor", "one judge", "another minister"). */
const INDEFINITE = /^(a|an|one|another|some|any|several|many|two|three|four|five)$/;
const PUBLISHED_BY = /^(by|from|of|in)$/;
/** The possessive ending as its own token ("Ukraine" "'s"). */
const POSSESSIVE = /^['’]s?$/;
/** ", published by X," after a source: a participle naming its publisher, between commas. */
const PUBLISHER_APPOSITION = /^,\s+(?:published|issued|released|commissioned|compiled|prepared|written|produced|broadcast|aired|obtained)\s+by\s+[^,.;:!?\n]{2,80}?(?=,)/;

function isCapitalised(w: Word): boolean {
  return /^\p{Lu}/u.test(w.value);
}

/** Reads a source span: its name, head, kind and descriptors. */
export function readMention(
  text: string,
  span: Span,
  tokens: readonly Token[],
  lexicons: Lexicons,
  meta: ArticleMeta,
): MentionReading {
  const words: Word[] = within(tokens, span.start, span.end).map((t) => ({ value: text.slice(t.start, t.end), lower: t.norm, token: t }));
  const evidence = text.slice(span.start, span.end);
  // Every reading has one shape, built as one literal (spreading a base object per mention cost more than the reading).
  const reading = (r: Pick<MentionReading, 'kind' | 'reference' | 'name' | 'head' | 'rule'> & Partial<MentionReading>): MentionReading => ({
    span,
    kind: r.kind,
    reference: r.reference,
    name: r.name,
    head: r.head,
    outlet: r.outlet ?? null,
    descriptors: r.descriptors ?? [],
    anaphoric: r.anaphoric ?? false,
    pronounClass: r.pronounClass ?? null,
    plural: r.plural ?? false,
    rule: r.rule,
    evidence,
  });

  // Pronouns
  if (words.length === 1 && words[0]!.token.pos === 'PRON') {
    const p = words[0]!.lower;
    const cls = lexicons.pronouns.person.has(p) ? 'person'
      : lexicons.pronouns.group.has(p) ? 'group'
      : lexicons.pronouns.thing.has(p) ? 'thing'
      : lexicons.pronouns.speaker.has(p) ? 'speaker' : null;
    return reading({ kind: 'unknown', reference: 'pronoun', name: null, head: p, anaphoric: true, pronounClass: cls, plural: cls === 'group', rule: 'source/pronoun' });
  }

  // Split "HEAD … by/from PUBLISHER": the publisher names whose report it is.
  let cut = words.findIndex((w, i) => i > 0 && PUBLISHED_BY.test(w.lower) && words.slice(0, i).some((x) => x.token.pos === 'NOUN' || x.token.pos === 'PROPN'));
  if (cut > 0 && words[cut]!.lower === 'of' && !words.slice(0, cut).some((w) => lexicons.documentNouns.has(w.token.lemma.toLowerCase()))) cut = -1;
  const headPart = cut > 0 ? words.slice(0, cut) : words;
  const publisherPart = cut > 0 ? words.slice(cut + 1) : [];

  const descriptors = words.filter((w) => lexicons.descriptors.has(w.lower)).map((w) => w.lower);
  const nouns = headPart.filter((w) => (w.token.pos === 'NOUN' || w.token.pos === 'PROPN') && !/^'s?$/.test(w.lower));
  // The head: the last common noun, or a capitalised common noun the tagger took for a name ("Police said").
  const isCommon = (w: Word) => w.token.pos === 'NOUN' || (w.token.pos === 'PROPN' && [w.lower, w.lower.replace(/s$/, '')].some((x) => lexicons.anonymousNouns.has(x) || lexicons.organizationNouns.has(x) || lexicons.documentNouns.has(x) || lexicons.mediaNouns.has(x)));
  // The head precedes any prepositional phrase: "sources close to the council" → sources.
  const ppAt = headPart.findIndex((w, i) => i > 0 && w.token.pos === 'ADP' && headPart.slice(0, i).some(isCommon));
  const headWord = [...(ppAt > 0 ? headPart.slice(0, ppAt) : headPart)].reverse().find(isCommon);
  const head = headWord ? (headWord.token.pos === 'NOUN' ? headWord.token.lemma.toLowerCase() : headWord.lower.replace(/(?<=[^s])s$/, '')) : null;
  const plural = headWord ? headWord.lower !== headWord.token.lemma.toLowerCase() && /s$/.test(headWord.lower) : false;
  const first = words[0]?.lower ?? '';
  const anaphoric = DEFINITE.test(first) && !words.some((w) => w.token.pos === 'PROPN');

  // A name in a prepositional phrase after the head names whom the source speaks for ("a spokesman for
  // Hamas", "the Secretary of State"), not where it stands ("a staffer at the State Department").
  // (A capitalised head is part of a name that runs on: "the Commission on Presidential Debates".)
  const pp = ppAt > 0 ? headPart[ppAt]!.lower : '';
  const commonBeforePp = ppAt > 0 && headWord !== undefined && !isCapitalised(headWord);
  const headName = properName(commonBeforePp && !/^(for|of|from)$/.test(pp) ? headPart.slice(0, ppAt) : headPart, lexicons);
  const publisherName = properName(publisherPart, lexicons);
  const publisherIsMedia = publisherPart.length > 0 && (isMediaName(publisherName, lexicons, meta) || publisherPart.some((w) => lexicons.mediaNouns.has(w.lower)));

  const ownOutlet = (n: string | null): boolean => n !== null && meta.outlet !== null && sameName(n, meta.outlet);

  // A document (report, study…) with a publisher: the publisher's kind decides.
  if (head && lexicons.documentNouns.has(head) && !headName) {
    if (publisherName) {
      if (ownOutlet(publisherName)) {
        return reading({ kind: 'outlet', reference: 'description', name: publisherName, head, outlet: publisherName, descriptors, rule: 'source/own-outlet' });
      }
      const kind: SourceKind = publisherIsMedia ? 'media' : looksLikePerson(publisherPart, lexicons) ? 'person' : 'organization';
      return reading({ kind, reference: 'description', name: publisherName, head, outlet: kind === 'media' ? publisherName : null, descriptors, rule: `source/document-by-${kind}` });
    }
    return reading({ kind: 'document', reference: 'description', name: null, head, descriptors, anaphoric, plural, rule: 'source/document' });
  }

  const name = headName ?? publisherName;
  if (name && ownOutlet(name)) {
    return reading({ kind: 'outlet', reference: 'name', name, head, descriptors, rule: 'source/own-outlet' });
  }
  // (A media word inside a person's title, "White House Press Secretary Josh Earnest", does not make an outlet.)
  if (name && (isMediaName(name, lexicons, meta) || (head !== null && lexicons.mediaNouns.has(head) && !hasTitle(headPart, lexicons)))) {
    return reading({ kind: 'media', reference: 'name', name, head, outlet: name, descriptors, rule: 'source/media' });
  }
  if (!name && head && lexicons.mediaNouns.has(head)) {
    return reading({ kind: 'media', reference: 'description', name: null, head, descriptors, anaphoric, plural, rule: 'source/media-description' });
  }
  // A state, organization or armed group the gazetteer knows by this name speaks as an institution
  // ("Russia denied…", "Hamas said…"), whatever its name looks like.
  const actor = name ? lexicons.actors.forms.get(normaliseForm(name)) : undefined;
  if (name && actor && actor.kind === 'name' && !actor.broad && (actor.type === 'state' || actor.type === 'organization' || actor.type === 'armed_group')) {
    return reading({ kind: 'organization', reference: 'name', name, head, descriptors, rule: 'source/actor-name' });
  }
  if (name) {
    // Short all-capital names are acronyms (WHO, ISI, NATO); longer ones are names set in capitals, as
    // transcripts set their speakers ("PENCE:").
    // Only the name's own phrase says so, not an apposition or a place after it ("Hugh Hill, a doctor at
    // the county hospital" is a person).
    const comma = headPart.findIndex((w, i) => i > 0 && w.value === ',');
    const coreEnd = Math.min(ppAt > 0 ? ppAt : headPart.length, comma > 0 ? comma : headPart.length);
    const core = new Set(headPart.slice(0, coreEnd));
    const orgWord = nouns.some((w) => core.has(w) && lexicons.organizationNouns.has(w.lower)) || /^[\p{Lu}]{2,4}$/u.test(name);
    // A post just before the name makes it a person's, whatever institution comes first: "ministry
    // spokesperson Olena Marchenko", "defence minister Rustem Umerov".
    const nameWords = name.split(' ');
    const firstOfName = nameWords[0];
    let nameAt = headPart.length - 1;
    while (nameAt >= 0 && headPart[nameAt]!.value !== firstOfName) nameAt--;
    const post = nameAt > 0 ? headPart[nameAt - 1]! : undefined;
    const postBefore = post !== undefined && !isCapitalised(post) && (isTitle(post, lexicons) || lexicons.roleNouns.has(post.lower) || lexicons.anonymousNouns.has(post.lower));
    if (postBefore) return reading({ kind: 'person', reference: 'name', name, head, descriptors, rule: 'source/person-title' });
    // "Council on Foreign Relations", "Ministry of Defence": an organization word and its domain, whatever
    // title-like words the domain holds ("Foreign").
    if (nameWords.length > 2 && /^(of|on|for)$/.test(nameWords[1]!) && lexicons.organizationNouns.has(nameWords[0]!.toLowerCase())) {
      return reading({ kind: 'organization', reference: 'name', name, head, descriptors, rule: 'source/organization-name' });
    }
    // A post used as a title before a full name ("Prosecutor Jane Doe", "Coach Ann Lee") is not part of it.
    if (nameWords.length > 2 && lexicons.roleNouns.has(nameWords[0]!.toLowerCase())) {
      return reading({ kind: 'person', reference: 'name', name: nameWords.slice(1).join(' '), head, descriptors, rule: 'source/person-title' });
    }
    if (orgWord && !hasTitle(headPart, lexicons)) {
      // "the Clinton camp" is the camp, not Clinton: keep a common head noun that follows the name.
      const full = headWord && headWord.token.pos === 'NOUN' && !name.toLowerCase().includes(headWord.lower) && headWord.token.start > (headPart.find((w) => name.startsWith(w.value))?.token.start ?? Infinity)
        ? `${name} ${headWord.value}`
        : name;
      return reading({ kind: 'organization', reference: 'name', name: full, head, descriptors, rule: 'source/organization-name' });
    }
    return reading({ kind: 'person', reference: 'name', name, head, descriptors, rule: hasTitle(headPart, lexicons) ? 'source/person-title' : 'source/person-name' });
  }
  // A post or trade: "the mayor", "the company's founder" is one person a reader can identify; "a doctor",
  // "two judges" are unnamed people.
  if (head && lexicons.roleNouns.has(head)) {
    if (plural || INDEFINITE.test(first)) {
      return reading({ kind: 'anonymous', reference: 'description', name: null, head, descriptors, anaphoric, plural, rule: 'source/anonymous' });
    }
    return reading({ kind: 'person', reference: 'description', name: null, head, descriptors, anaphoric, plural, rule: 'source/person-role' });
  }
  if (head && lexicons.organizationNouns.has(head)) {
    // "Ukraine's defence ministry" names one institution by its owner: a named organization.
    const owner = headWord ? headPart.findIndex((w, i) => i > 0 && POSSESSIVE.test(w.lower) && isCapitalised(headPart[i - 1]!) && w.token.start < headWord.token.start) : -1;
    if (owner > 0 && !plural) {
      let from = owner - 1;
      while (from > 0 && isCapitalised(headPart[from - 1]!) && headPart[from - 1]!.token.pos !== 'DET') from--;
      return reading({ kind: 'organization', reference: 'name', name: joinWords(headPart.slice(from, headPart.indexOf(headWord!) + 1)), head, descriptors, rule: 'source/organization-owned' });
    }
    return reading({ kind: 'organization', reference: 'description', name: null, head, descriptors, anaphoric, plural, rule: 'source/organization-description' });
  }
  if (head && lexicons.anonymousNouns.has(head)) {
    return reading({ kind: 'anonymous', reference: 'description', name: null, head, descriptors, anaphoric, plural, rule: 'source/anonymous' });
  }
  return reading({ kind: 'unknown', reference: 'description', name: null, head, descriptors, anaphoric, plural, rule: 'source/unknown' });
}

function isTitle(w: Word, lexicons: Lexicons): boolean {
  return lexicons.personTitles.has(w.lower) || lexicons.personTitles.has(w.lower.replace(/\.$/, ''));
}

/** A capitalised title followed by a capitalised name: "President Donald Trump", not "Ministry of Defence". */
function hasTitle(words: readonly Word[], lexicons: Lexicons): boolean {
  return words.some((w, i) => isCapitalised(w) && isTitle(w, lexicons) && words.slice(i + 1).some((n) => n.token.pos === 'PROPN' && isCapitalised(n) && !isTitle(n, lexicons)));
}

function looksLikePerson(words: readonly Word[], lexicons: Lexicons): boolean {
  const caps = words.filter((w) => w.token.pos === 'PROPN' && isCapitalised(w));
  return hasTitle(words, lexicons) || (caps.length >= 2 && !words.some((w) => lexicons.organizationNouns.has(w.lower)));
}

/**
 * The last run of capitalised proper-noun words, with leading titles removed
 * ("U.S. President Donald Trump" → "Donald Trump"; "Bangladesh’s leading media outlet Blitz" → "Blitz").
 */
function properName(words: readonly Word[], lexicons: Lexicons): string | null {
  // What follows a comma describes the name in front of it ("Flynn, a top Trump surrogate,"; "Michael
  // Mulgrew, president of the union, which represents New York City"): a name in front wins.
  const comma = words.findIndex((w, i) => i > 0 && w.value === ',');
  return (comma > 0 ? lastProperName(words.slice(0, comma), lexicons) : null) ?? lastProperName(words, lexicons);
}

/** Common nouns that tell when, not who: "Smith yesterday" keeps its name. */
const TIME_NOUNS = /^(today|yesterday|tonight|tomorrow|morning|afternoon|evening|night|week|weekend|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?$/;

function lastProperName(words: readonly Word[], lexicons: Lexicons): string | null {
  let runs: Word[][] = [];
  let run: Word[] = [];
  let depth = 0; // words in brackets ("Mike Pence (R-IN)") are not the name
  for (const w of words) {
    if (w.value === '(') depth++;
    if (w.value === ')') depth = Math.max(0, depth - 1);
    // "on" joins an institution's name only after its organization word ("Commission on Presidential Debates").
    const joins = run.length > 0 && (/^(of|for|and|&|bin|al|de|la|van|von|-)$/.test(w.lower) || (w.lower === 'on' && lexicons.organizationNouns.has(run[run.length - 1]!.lower)));
    // A lower-case part after a hyphen belongs to the name: "Ban Ki-moon".
    const hyphenated = run.length > 0 && run[run.length - 1]!.value === '-' && run[run.length - 1]!.token.end === w.token.start && /^\p{L}/u.test(w.value);
    if (depth > 0 || w.value === ')') {
      if (run.length) runs.push(run);
      run = [];
    } else if ((w.token.pos === 'PROPN' || (w.token.pos !== 'DET' && isCapitalised(w) && w !== words[0])) && isCapitalised(w) && !/^'s?$/.test(w.lower)) run.push(w);
    else if (joins || hyphenated) run.push(w);
    else {
      if (run.length) runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  runs = runs.map((r) => {
    while (r.length && /^(of|for|and|on|&|-)$/.test(r[r.length - 1]!.lower)) r = r.slice(0, -1);
    return r;
  }).filter((r) => r.length > 0 && !(r.length === 1 && r[0]!.value.length < 2));
  // A possessive run ("Bangladesh’s") is the owner, not the name, when another run follows.
  const last = runs[runs.length - 1];
  if (!last) return null;
  let name = last;
  // An office with "of" before the name ("Secretary of State John F. Kerry"): the name starts at the
  // given name.
  const ofAt = name.findIndex((w) => w.lower === 'of');
  if (ofAt >= 0) {
    const given = name.findIndex((w, j) => j > ofAt + 1 && (lexicons.actors.femaleNames.has(normaliseForm(w.value)) || lexicons.actors.maleNames.has(normaliseForm(w.value))));
    if (given > 0 && given < name.length - 1) name = name.slice(given);
  }
  // An institution's name may be made of common words only, capitalised: "the State Department", "the
  // Defence Ministry", "the U.S. Justice Department" (whose "U.S." is part of it, not a title).
  const institution = name.length >= 2 && lexicons.organizationNouns.has(name[name.length - 1]!.lower) && !name.some((w) => lexicons.anonymousNouns.has(w.lower));
  let i = 0;
  while (!institution && i < name.length - 1 && isTitle(name[i]!, lexicons)) i++;
  // A joining word left in front ("King and Mr. Schultz" without the title "King") is no part of the name.
  while (i < name.length - 1 && /^(of|for|and|&|-)$/.test(name[i]!.lower)) i++;
  name = name.slice(i);
  // A title after an institution's name ("House Speaker Paul D. Ryan", "Homeland Security Secretary Jeh
  // Johnson"): the name is what follows the last title, when that is a full name of two words or more.
  if (!institution) {
    let lastTitle = -1;
    for (let j = 0; j < name.length - 2; j++) if (isCapitalised(name[j]!) && isTitle(name[j]!, lexicons)) lastTitle = j;
    if (lastTitle > 0) name = name.slice(lastTitle + 1);
  }
  // Capitalised descriptors alone ("Intelligence sources", "Western officials") are not a name.
  const generic = (w: Word) => [w.lower, w.token.lemma.toLowerCase(), w.lower.replace(/s$/, '')].some((x) => lexicons.descriptors.has(x) || lexicons.anonymousNouns.has(x) || lexicons.organizationNouns.has(x));
  if (!institution && name.every(generic)) return null;
  const first = name[0]!;
  const lastWord = name[name.length - 1]!;
  // A name that modifies a common noun after it is not the source's name: "The Republican presidential
  // nominee", "Clinton aides", "the Indiana governor", "Few people". A document, outlet or organization
  // noun after it keeps it ("a Bloomberg poll", "the Clinton campaign": their owner is named).
  let k = words.indexOf(lastWord) + 1;
  // An owner ("Ukraine's defence ministry", "Trump's lawyer") is not the source's name either, unless
  // what it owns is a document or an outlet ("Izvestia's report").
  const possessive = k < words.length && POSSESSIVE.test(words[k]!.lower);
  if (possessive) {
    k++;
    while (k < words.length && !isCapitalised(words[k]!) && (words[k]!.token.pos === 'ADJ' || (words[k]!.token.pos === 'NOUN' && words[k + 1]?.token.pos === 'NOUN'))) k++;
  }
  while (k < words.length && words[k]!.token.pos === 'ADJ' && !isCapitalised(words[k]!)) k++;
  const next = words[k];
  if (possessive && next && next.token.pos === 'NOUN' && !isCapitalised(next)) {
    const lemma = next.token.lemma.toLowerCase();
    if ([next.lower, lemma].some((x) => lexicons.organizationNouns.has(x) || lexicons.roleNouns.has(x) || lexicons.anonymousNouns.has(x))) return null;
  }
  if (!possessive && next && next.token.pos === 'NOUN' && !isCapitalised(next) && !TIME_NOUNS.test(next.lower)) {
    const lemma = next.token.lemma.toLowerCase();
    const owned = [next.lower, lemma].some((x) => lexicons.documentNouns.has(x) || lexicons.mediaNouns.has(x) || lexicons.organizationNouns.has(x));
    if (!owned) return null;
  }
  return first.token.start <= lastWord.token.end ? joinWords(name) : null;
}

function joinWords(words: readonly Word[]): string {
  let out = '';
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const prev = words[i - 1];
    out += prev && w.token.start > prev.token.end ? ' ' + w.value : w.value;
  }
  return out;
}

function isMediaName(name: string | null, lexicons: Lexicons, meta: ArticleMeta): boolean {
  if (!name) return false;
  if (meta.outlet && sameName(name, meta.outlet)) return true;
  if (lexicons.mediaNames.has(name.toLowerCase())) return true;
  const parts = name.toLowerCase().split(/\s+/);
  return parts.length > 1 && lexicons.mediaNames.has(parts[parts.length - 1]!);
}

/** Names equal up to case, a leading "The" and punctuation. */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** What `sameName` compares: lower case, no leading "the", punctuation as spaces. */
function nameKey(s: string): string {
  return s.toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** What `surnameMatch` compares first: the last word, lower-cased. */
function surnameKey(s: string): string {
  const words = s.toLowerCase().split(/\s+/);
  return words[words.length - 1]!;
}

export interface ResolveInput {
  text: string;
  tokens: readonly Token[];
  /** Source spans in text order, each with the paragraph it sits in and whether it is inside a quote. */
  spans: ReadonlyArray<{ span: Span; paragraph: number; inQuote: boolean; speaker?: number }>;
  meta: ArticleMeta;
  lexicons: Lexicons;
  /** The headline's extent, when the article has one: its short names are resolved against the body's. */
  headline?: Span;
}

export interface ResolvedSources {
  sources: Source[];
  mentions: SourceMention[];
  /** Source id of each input span, same order. */
  ids: string[];
}


const RELATIVE = /^(who|whom|whose|which)\b/i;
const NOUN_PHRASE = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM', 'PART']);
/** Words that open the subject of a relative clause whose relative word is its object. */
const OBJECT_RELATIVE_SUBJECT = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM', 'PRON']);

/**
 * PolNeAR (and so the tagger) may give a relative clause as the source: "The sources, who spoke on
 * condition of anonymity, said" → "who spoke on condition of anonymity,". The source it names is the noun
 * phrase before the comma; this returns that span, or the span itself when there is none. A publisher
 * set off by commas after the source ("The report, published by X,") is added to it.
 */
export function sourceReferent(text: string, tokens: readonly Token[], span: Span): Span {
  // "The report, published by the Daily Courier, claimed": the publisher set off by commas names whose
  // report it is, so the source reads on to the closing comma.
  const publisher = PUBLISHER_APPOSITION.exec(text.slice(span.end, span.end + 120));
  if (publisher) return { start: span.start, end: span.end + publisher[0].length };
  if (!RELATIVE.test(text.slice(span.start, span.end))) return span;
  let k = firstTokenAt(tokens, span.start);
  // "The river, which officials say is rising": the relative word is what is said; the noun phrase
  // after it is who says it.
  const after = tokens[k + 1];
  if (after && after.start < span.end && OBJECT_RELATIVE_SUBJECT.has(after.pos) && !RELATIVE.test(after.norm)) return { start: after.start, end: span.end };
  if (k < 2 || tokens[k - 1]!.norm !== ',') return span;
  const head = tokens[k - 2]!;
  if (head.pos !== 'NOUN' && head.pos !== 'PROPN') return span;
  k -= 2;
  while (k > 0 && tokens[k - 1]!.sentence === head.sentence && NOUN_PHRASE.has(tokens[k - 1]!.pos)) k--;
  return { start: tokens[k]!.start, end: head.end };
}

/** The index of the token starting at `offset`, or −1: binary search (tokens are in text order). */
function firstTokenAt(tokens: readonly Token[], offset: number): number {
  const k = firstIndex(tokens.length, (i) => tokens[i]!.start < offset);
  return tokens[k]?.start === offset ? k : -1;
}

export function resolveSources(input: ResolveInput): ResolvedSources {
  const { meta, lexicons } = input;
  const outlet: Source & { head: string | null; lastParagraph: number; plural: boolean; gender: 'female' | 'male' | null; roles: Set<string>; order: number } = {
    id: OUTLET_SOURCE_ID,
    name: meta.outlet ?? meta.byline ?? 'the article',
    kind: 'outlet',
    named: meta.outlet !== null || meta.byline !== null,
    descriptors: [],
    unresolved: false,
    outlet: meta.outlet,
    mentions: [],
    head: null,
    lastParagraph: -1,
    plural: false,
    gender: null,
    roles: new Set<string>(),
    order: 0,
  };
  type Working = typeof outlet;
  // The posts and trades a person's mentions give them ("Mayor Jane Smith", "Hugh Hill, a doctor"): a later
  // "the mayor" is that person.
  const rolesIn = (r: MentionReading): string[] =>
    r.kind === 'person' ? r.evidence.toLowerCase().split(/[^\p{L}-]+/u).filter((w) => lexicons.roleNouns.has(w)) : [];
  const sources: Working[] = [outlet];
  // Ids are `s` and the source's place in `sources`.
  const byId = (id: string): Working | undefined => sources[Number(id.slice(1))];
  const mentions: SourceMention[] = [];
  const ids: string[] = [];

  const create = (r: MentionReading, paragraph: number): Working => {
    const s: Working = {
      id: `s${sources.length}`,
      name: r.name ?? (r.kind === 'unknown' && r.reference === 'pronoun' ? r.evidence : describe(input.text, r)),
      kind: r.kind,
      named: r.name !== null,
      descriptors: [...new Set(r.descriptors)],
      unresolved: r.reference === 'pronoun',
      outlet: r.outlet,
      mentions: [],
      head: r.head,
      lastParagraph: paragraph,
      plural: r.plural,
      // A person by post or kinship has the gender its noun has, if any ("my mother", "the chairwoman").
      gender: r.kind === 'person' ? (r.name ? personGender(lexicons.actors, r.name, r.evidence) : personGender(lexicons.actors, '', r.evidence)) : null,
      roles: new Set<string>(),
      order: sources.length,
    };
    sources.push(s);
    if (s.named) {
      addTo(byName, nameKey(s.name), s);
      addTo(bySurname, surnameKey(s.name), s);
    }
    if (s.outlet !== null) addTo(byOutlet, nameKey(s.outlet), s);
    for (const role of rolesIn(r)) addRole(s, role);
    return s;
  };

  // Indexes, so that resolving a mention never scans every source so far (an article of thousands of names
  // was quadratic): sources by name, surname, outlet and post, each list in order of creation.
  const byName = new Map<string, Working[]>();
  const bySurname = new Map<string, Working[]>();
  const byOutlet = new Map<string, Working[]>();
  const byRole = new Map<string, Working[]>();
  const addTo = (index: Map<string, Working[]>, key: string, s: Working): void => {
    const list = index.get(key);
    if (list) list.push(s);
    else index.set(key, [s]);
  };
  const addRole = (s: Working, role: string): void => {
    if (s.roles.has(role)) return;
    s.roles.add(role);
    addTo(byRole, role, s);
  };
  /** The first source (in order of creation) of the listed ones that passes `ok`. */
  const first = (lists: ReadonlyArray<readonly Working[] | undefined>, ok: (s: Working) => boolean): Working | undefined => {
    let best: Working | undefined;
    for (const list of lists) {
      for (const s of list ?? []) {
        if (best && s.order >= best.order) break;
        if (s.order > 0 && ok(s)) best = s;
      }
    }
    return best;
  };
  // Every mention, as the source it went to and its paragraph, in text order: the sources in reach of a
  // paragraph are those mentioned in the last few paragraphs, found by reading back from the end.
  const mentioned: Array<{ source: Working; paragraph: number }> = [];
  const inReach = (paragraph: number): Working[] => {
    const seen = new Set<Working>();
    for (let i = mentioned.length - 1; i >= 0 && paragraph - mentioned[i]!.paragraph <= ANTECEDENT_WINDOW; i--) seen.add(mentioned[i]!.source);
    // In order of creation, as the sources list holds them.
    return [...seen].sort((a, b) => a.order - b.order);
  };

  const recent = (paragraph: number, ok: (s: Working) => boolean): Working | undefined => {
    const near = inReach(paragraph);
    for (let i = near.length - 1; i >= 0; i--) {
      const s = near[i]!;
      if (s.order > 0 && ok(s)) return s;
    }
    return undefined;
  };

  // One span given for two relations (a subject shared by two cue verbs) is one mention of one source.
  const bySpan = new Map<string, string>();
  const laterSpeaker: Array<{ index: number; speaker: number }> = [];
  input.spans.forEach(({ span, paragraph, inQuote, speaker = -1 }, index) => {
    const key = `${span.start}:${span.end}`;
    const same = bySpan.get(key);
    if (same !== undefined) {
      ids.push(same);
      return;
    }
    const r = readMention(input.text, span, input.tokens, lexicons, meta);
    let target: Working | undefined;
    let rule = r.rule;
    if (r.kind === 'outlet') {
      target = outlet;
    } else if (r.reference === 'pronoun') {
      const speakerId = speaker >= 0 && speaker < index ? ids[speaker] : undefined;
      // The speaker is named after the words ("“I think…,” Sanders said"): resolved once that name is read.
      if (r.pronounClass === 'speaker' && speaker > index) laterSpeaker.push({ index, speaker });
      if (r.pronounClass === 'speaker' && speakerId !== undefined) {
        target = byId(speakerId);
        rule = 'source/pronoun-speaker';
      } else if (r.pronounClass === 'speaker' && !inQuote) {
        target = outlet; // "we" in the article's narration is the outlet itself
        rule = 'source/pronoun-outlet';
      } else if (r.pronounClass === 'person') {
        // The one policy for he/she (src/annotate/coreference.ts), over the people who are sources in reach;
        // "she" is not a man the name or title says is one (nor "he" a woman).
        const people = inReach(paragraph).filter((s) => s.order > 0 && s.kind === 'person');
        const reading = resolvePersonPronoun(pronounGender(r.evidence), paragraph, people.map((s) => ({ actor: s, gender: s.gender, lastParagraph: s.lastParagraph })));
        target = reading.actor ?? undefined;
        rule = reading.how === 'one-in-reach' ? 'source/pronoun-resolved' : reading.how === 'one-in-paragraph' ? 'source/pronoun-previous-speaker' : 'source/pronoun-unresolved';
      } else if (r.pronounClass === 'group') {
        target = recent(paragraph, (s) => s.plural || s.kind === 'organization' || s.kind === 'anonymous');
        rule = target ? 'source/pronoun-resolved' : 'source/pronoun-unresolved';
      } else if (r.pronounClass === 'thing') {
        target = recent(paragraph, (s) => s.kind === 'document' || s.kind === 'media' || s.kind === 'organization');
        rule = target ? 'source/pronoun-resolved' : 'source/pronoun-unresolved';
      }
    } else if (r.name) {
      const name = r.name;
      const sameNamed = byName.get(nameKey(name));
      const sameSurname = bySurname.get(surnameKey(name));
      target = first([sameNamed, r.kind === 'person' ? sameSurname : undefined], (s) => s.named && s.kind === r.kind && (sameName(s.name, name) || (r.kind === 'person' && surnameMatch(s.name, name))));
      // A country's name that is an earlier person's surname ("Jim Jordan" … "Jordan said") is that person.
      if (!target && r.rule === 'source/actor-name') target = first([sameSurname], (s) => s.named && s.kind === 'person' && surnameMatch(s.name, name));
      // A named publisher's report merges with earlier mentions of that outlet, and vice versa.
      if (!target && r.outlet !== null) target = first([byOutlet.get(nameKey(r.outlet))], (s) => s.outlet !== null && sameName(s.outlet, r.outlet!));
      // A one-word name the reading took for a person's is the outlet or institution the article already
      // named so ("the daily Izvestia" … "Izvestia's report said").
      if (!target && r.kind === 'person' && !name.includes(' ')) {
        target = first([sameNamed, byOutlet.get(nameKey(name))], (s) => s.named && (s.kind === 'media' || s.kind === 'organization') && (sameName(s.name, name) || (s.outlet !== null && sameName(s.outlet, name))));
        if (target) rule = 'source/same-name';
      }
    } else if (r.anaphoric && r.head) {
      target = recent(paragraph, (s) => s.head === r.head || (r.head !== null && lexicons.documentNouns.has(r.head) && s.head !== null && lexicons.documentNouns.has(s.head) && (s.kind === 'media' || s.kind === 'document')));
      if (target) rule = 'source/definite-description';
      // "The mayor" after "Mayor Jane Smith": the one person in reach who holds that post.
      if (!target && r.rule === 'source/person-role') {
        const holders = (byRole.get(r.head) ?? []).filter((s) => s.order > 0 && s.kind === 'person');
        if (holders.length === 1) {
          target = holders[0];
          rule = 'source/role-holder';
        }
      }
    }
    target ??= create(r, paragraph);
    // A later mention may tell what an earlier one did not ("Smith" … "Mr. Smith").
    if (target.gender === null && target.kind === 'person' && r.kind === 'person' && r.name) target.gender = personGender(lexicons.actors, r.name, r.evidence);
    for (const role of rolesIn(r)) addRole(target, role);
    target.lastParagraph = Math.max(target.lastParagraph, paragraph);
    mentioned.push({ source: target, paragraph });
    target.mentions.push({ start: span.start, end: span.end });
    for (const d of r.descriptors) if (!target.descriptors.includes(d)) target.descriptors.push(d);
    mentions.push({
      start: span.start,
      end: span.end,
      source: target.id,
      reference: r.reference,
      rule,
      evidence: r.evidence,
    });
    ids.push(target.id);
    bySpan.set(key, target.id);
  });

  /**
   * Moves every mention of `s` to `into` (a resolution made once later mentions are known). The mentions
   * and ids are relabelled once, after all merges (relabelling them per merge was quadratic).
   */
  const mergedInto = new Map<string, { into: string; rule: string }>();
  const mergeInto = (s: Working, into: Working, rule: string): void => {
    for (const m of s.mentions) into.mentions.push(m);
    for (const d of s.descriptors) if (!into.descriptors.includes(d)) into.descriptors.push(d);
    mergedInto.set(s.id, { into: into.id, rule });
    s.mentions = [];
  };
  /** Where a source's mentions are now, and the rule of the last merge that moved them. */
  const current = (id: string): { id: string; rule: string | null } => {
    let rule: string | null = null;
    // Each merge empties its source, so a chain is at most as long as the sources; the bound is for safety.
    for (let hops = 0, m = mergedInto.get(id); m && hops < sources.length; hops++, m = mergedInto.get(id)) {
      id = m.into;
      rule = m.rule;
    }
    return { id, rule };
  };
  for (const { index, speaker } of laterSpeaker) {
    const own = byId(current(ids[index]!).id);
    const into = byId(current(ids[speaker]!).id);
    // Only the pronoun's own unresolved source moves ("I" read before its speaker); never a merged one.
    if (own && into && own !== into && own.unresolved && own.mentions.length === 1) mergeInto(own, into, 'source/pronoun-speaker');
  }
  // An unnamed report mentioned before a named one ("A detailed report reveals…" then "a report
  // published by Blitz") is that report when the article names exactly one report's publisher.
  const namedReports = sources.filter((s) => s.named && s.kind === 'media' && s.head !== null && lexicons.documentNouns.has(s.head));
  if (namedReports.length === 1) {
    const into = namedReports[0]!;
    for (const s of sources) if (s !== into && s.kind === 'document' && !s.named && s.head === into.head) mergeInto(s, into, 'source/report-cataphora');
  }
  // A headline names its actors shortly ("Ministry denies report…"); the body names them in full
  // ("Ukraine's defence ministry denied…"): one source when the article names exactly one of that kind and head.
  const { headline } = input;
  if (headline) {
    for (const s of sources) {
      if (s === outlet || s.named || s.unresolved || s.head === null || (s.kind !== 'organization' && s.kind !== 'person')) continue;
      if (s.mentions.length === 0 || !s.mentions.every((m) => m.start >= headline.start && m.end <= headline.end)) continue;
      const named = sources.filter((t) => t.named && t.kind === s.kind && t.head === s.head);
      if (named.length === 1) mergeInto(s, named[0]!, 'source/headline-cataphora');
    }
  }
  if (mergedInto.size > 0) {
    for (const m of mentions) {
      const now = current(m.source);
      if (now.rule !== null) {
        m.source = now.id;
        m.rule = now.rule;
      }
    }
    for (let i = 0; i < ids.length; i++) ids[i] = current(ids[i]!).id;
  }

  const kept = sources.filter((s) => s === outlet || s.mentions.length > 0);
  // Renumber so ids are dense and in order of first mention.
  const rename = new Map<string, string>();
  kept.forEach((s, i) => rename.set(s.id, `s${i}`));
  const final: Source[] = kept.map((s) => ({
    id: rename.get(s.id)!,
    name: s.name,
    kind: s.kind,
    named: s.named,
    descriptors: s.descriptors,
    unresolved: s.unresolved,
    outlet: s.outlet,
    head: s.head,
    mentions: s.mentions.sort((a, b) => a.start - b.start),
  }));
  for (const m of mentions) m.source = rename.get(m.source)!;
  return { sources: final, mentions, ids: ids.map((id) => rename.get(id)!) };
}

/**
 * "Trump" and "Donald Trump" are one person; "Ivanka Trump" and "Donald Trump", or "Bill Clinton" and
 * "Hillary Clinton", are two: full names that share a surname must share the given name too (or its initial).
 */
export function surnameMatch(a: string, b: string): boolean {
  const wa = a.toLowerCase().split(/\s+/);
  const wb = b.toLowerCase().split(/\s+/);
  if (wa[wa.length - 1] !== wb[wb.length - 1] || (wa.length === 1 && wb.length === 1)) return false;
  if (wa.length === 1 || wb.length === 1) return true;
  const [ga, gb] = [wa[0]!.replace(/\.$/, ''), wb[0]!.replace(/\.$/, '')];
  return ga === gb || (ga.length === 1 && gb.startsWith(ga)) || (gb.length === 1 && ga.startsWith(gb));
}

/** A readable name for an unnamed source: its description without the leading determiner. */
function describe(text: string, r: MentionReading): string {
  const words = text.slice(r.span.start, r.span.end).split(/\s+/);
  while (words.length > 1 && DETERMINERS.test(words[0]!.toLowerCase())) words.shift();
  return words.join(' ');
}
