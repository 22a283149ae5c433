/**
 * Actors: entity mentions, typed, and merged within the article. Names come from the gazetteer
 * (countries, demonyms, capitals, organisations, armed groups; src/lexicons/actors.ts) and from runs of
 * capitalised proper nouns in the tagger's output, typed by cues (a title → person, "Party"/"Ministry" →
 * organisation, "Brigades" → armed group). Mentions merge by gazetteer key, by name, by surname
 * ("Munir" → Asim Munir) and by acronyms defined in parentheses ("Inter-Services Intelligence (ISI)").
 * A capital stands for its state when it acts ("Islamabad denies"), and "Pakistan's leadership" or
 * "Pakistani officials" are mentions of the state.
 */
import type { Entity, EntityType, Quote, Region, Sentence, Source, SourceMention, Span, Token } from '../../model/types.js';
import type { Lexicons } from '../../lexicons/index.js';
import { firstRun, normaliseForm, type GazetteerEntry } from '../../lexicons/actors.js';
import { firstIndex, spanAt } from '../../model/spans.js';

export interface EntityInput {
  text: string;
  sentences: readonly Sentence[];
  tokens: readonly Token[];
  regions: readonly Region[];
  quotes: readonly Quote[];
  /** Sentences holding no claims (byline, furniture): no entities either. */
  skip: ReadonlySet<number>;
  lexicons: Lexicons;
  /** Resolved sources: a named person or outlet among them types an unknown name. */
  sources?: readonly Source[];
  sourceMentions?: readonly SourceMention[];
}

/** A mention as the relation stage reads it: the entity, and its token range [tokenStart, tokenEnd). */
export interface EntityMention extends Span {
  entity: string;
  text: string;
  tokenStart: number;
  tokenEnd: number;
}

export interface EntityResult {
  entities: Entity[];
  /** Every mention, sorted by start. */
  mentions: EntityMention[];
}

interface Candidate {
  tokenStart: number;
  tokenEnd: number;
  start: number;
  end: number;
  key: string;
  name: string;
  type: EntityType;
  rule: string;
  /** How sure the typing is: a gazetteer or a title beats a guess from the shape of a name. */
  strength: number;
  role?: string;
  partOf?: string;
  /** A lone capitalised word of unknown type: may be a surname of a person named in full. */
  lone?: boolean;
  /** Found only in a (title-case) headline: kept when the body names it too. */
  headline?: boolean;
  /** Starts its sentence, where any word is capitalised. */
  initial?: boolean;
  /** From compromise's lower-cased lexicon: named as the article writes it. */
  broad?: boolean;
}

const STRONG = 3;
const TITLED = 2;
const CUED = 1;
const GUESS = 0;

const isCap = (s: string): boolean => /^\p{Lu}/u.test(s);
/** Whether the token starts with a capital letter (ASCII by char code, the rest by Unicode class). */
function capAt(text: string, t: Token): boolean {
  const c = text.charCodeAt(t.start);
  if (c < 128) return c >= 65 && c <= 90;
  return isCap(text.slice(t.start, t.end));
}
// Not "and": "the Justice Department and Congress" are two.
const JOINERS = new Set(['of', 'for', '&', 'on']);
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'from', 'to', 'near', 'into', 'across', 'outside', 'inside', 'around', 'via']);

export function findEntities(input: EntityInput): EntityResult {
  const { text, sentences, tokens, regions, quotes, skip, lexicons } = input;
  const actors = lexicons.actors;
  const excluded = regions.filter((r) => r.kind === 'dateline' || r.kind === 'byline' || r.kind === 'furniture');
  const headline = regions.find((r) => r.kind === 'headline');
  const scare = quotes.filter((q) => q.scare);
  const isExcluded = (t: Token): boolean => excluded.length > 0 && excluded.some((r) => t.start >= r.start && t.start < r.end);
  const surface = (a: number, b: number): string => text.slice(tokens[a]!.start, tokens[b - 1]!.end);
  const sourceHint = sourceKinds(input);
  const localAcronyms = new Map<string, Candidate>();
  const candidates: Candidate[] = [];

  /** Longest gazetteer form starting at token i and ending at a token end at or before `limit`. */
  const gazMemo = new Map<number, { end: number; entry: GazetteerEntry; form: string } | null>();
  const gazAt = (i: number, limit: number, sentenceStart: number): { end: number; entry: GazetteerEntry; form: string } | null => {
    // The longest match up to the sentence's end, once per token; a nearer limit needs a new look-up
    // only when that match runs past it (no match at all stays none).
    let full = gazMemo.get(i);
    if (full === undefined) gazMemo.set(i, (full = gazLookup(i, sentenceEndOf(i), sentenceStart)));
    if (full === null || full.end <= limit) return full;
    return gazLookup(i, limit, sentenceStart);
  };
  const sentenceEndOf = (i: number): number => sentences[tokens[i]!.sentence]!.tokenEnd;
  const gazLookup = (i: number, limit: number, sentenceStart: number): { end: number; entry: GazetteerEntry; form: string } | null => {
    const first = tokens[i]!;
    const capitalised = capAt(text, first);
    const run = firstRun(first.norm);
    const starting = capitalised || actors.lowercaseFirst.has(run) ? actors.byFirst.get(run) : undefined;
    if (!starting) return null;
    const reach = starting[0]!.length; // the longest form starting so
    // The token sequence's forms, shortest first, as far as any gazetteer form reaches; then longest first.
    const prefixes: Array<[string, number]> = [];
    let built = '';
    for (let j = i; j < limit; j++) {
      const t = tokens[j]!;
      built += (j > i && t.start > tokens[j - 1]!.end ? ' ' : '') + t.norm;
      if (built.length > reach) break;
      prefixes.push([built, j + 1]);
    }
    for (let k = prefixes.length - 1; k >= 0; k--) {
      const [form, j] = prefixes[k]!;
      const entry = actors.forms.get(form);
      if (!entry) continue;
      if (!capitalised && !actors.lowercase.has(form)) continue;
      const written = surface(i, j);
      const exact = actors.exactCase.get(form);
      if (exact && !exact.has(written)) continue;
      if (!capitalised && !actors.lowercase.get(form)!.has(written)) continue;
      if (entry.broad) {
        // compromise's lexicon is lower-cased: trust a short organisation only in capitals, and a one-word
        // entry first in a sentence only when the tagger takes it for a proper noun ("Visa", "Mobile").
        if (entry.type === 'organization' && form.replace(/[^a-z]/g, '').length <= 4 && written !== written.toUpperCase()) continue;
        if (j - i === 1 && i === sentenceStart && first.pos !== 'PROPN') continue;
      }
      return { end: j, entry, form };
    }
    return null;
  };

  const isTitle = (t: Token): boolean => lexicons.personTitles.has(t.norm.replace(/\.$/, ''));
  const inScare = (a: number, b: number): boolean => {
    const q = spanAt(scare, tokens[a]!.start);
    return q !== undefined && tokens[b - 1]!.end <= q.end;
  };
  const isOrgWord = (norm: string): boolean => actors.organizationWords.has(norm) || lexicons.organizationNouns.has(norm);

  const push = (c: Candidate): void => {
    candidates.push(c);
  };

  const base = (a: number, b: number) => ({ tokenStart: a, tokenEnd: b, start: tokens[a]!.start, end: tokens[b - 1]!.end });

  /** A gazetteer match as a candidate, reading capitals as the state when they act, and state bodies. */
  const fromGazetteer = (a: number, b: number, entry: GazetteerEntry, sentence: Sentence, inHeadline: boolean): Candidate => {
    if (entry.kind === 'capital') {
      const prev = a > sentence.tokenStart ? tokens[a - 1]! : null;
      let n = b;
      while (n < sentence.tokenEnd && tokens[n]!.pos === 'ADV') n++;
      const next = n < sentence.tokenEnd ? tokens[n]! : null;
      const acts = next !== null && (next.pos === 'VERB' || next.pos === 'AUX' || next.norm === "'s") && !(prev && PLACE_PREPOSITIONS.has(prev.norm));
      if (acts) return { ...base(a, b), key: entry.key, name: entry.name, type: 'state', rule: 'entity/metonym-capital', strength: STRONG, headline: inHeadline };
      const name = surface(a, b);
      return { ...base(a, b), key: `place:${normaliseForm(name)}`, name, type: 'place', rule: 'entity/capital', strength: STRONG, partOf: entry.key, headline: inHeadline };
    }
    let end = b;
    let rule = entry.rule;
    if (entry.type === 'state') {
      // "Pakistan's political-military leadership", "Pakistani officials": the state, as a body.
      let k = b;
      if (entry.kind === 'name' && k < sentence.tokenEnd && tokens[k]!.norm === "'s") k++;
      if (k > b || entry.kind === 'demonym') {
        for (let m = k; m < Math.min(sentence.tokenEnd, k + 5); m++) {
          const t = tokens[m]!;
          if (actors.stateBodyNouns.has(t.norm)) {
            end = m + 1;
            rule = 'entity/state-body';
            break;
          }
          if (!(t.pos === 'ADJ' || t.norm === '-' || (t.pos === 'NOUN' && m + 1 < sentence.tokenEnd && tokens[m + 1]!.norm === '-'))) break;
        }
      }
    }
    const type = entry.type;
    const name = entry.broad ? surface(a, b) : entry.name;
    // One literal, optional fields set after: spreads here cost more than the look-ups around them.
    const c: Candidate = { tokenStart: a, tokenEnd: end, start: tokens[a]!.start, end: tokens[end - 1]!.end, key: entry.key, name, type, rule, strength: STRONG, headline: inHeadline };
    if (entry.partOf) c.partOf = entry.partOf;
    if (entry.broad) c.broad = true;
    return c;
  };

  /** Types a capitalised name that no gazetteer knows. */
  const unknownName = (a: number, b: number, inHeadline: boolean, modifierKey?: string): Candidate | null => {
    const words = tokens.slice(a, b);
    if (words.every((t) => actors.notNames.has(t.norm) || !/\p{L}/u.test(t.norm))) return null;
    const name = surface(a, b);
    const norms = words.map((t) => t.norm);
    const last = norms[norms.length - 1]!;
    const start = tokens[a]!.start;
    const end = tokens[b - 1]!.end;
    const key = `name:${normaliseForm(name)}`;
    // Object literals of one shape, not spreads: this runs for every capitalised run of every article.
    const named = (type: EntityType, rule: string, strength: number): Candidate => ({ tokenStart: a, tokenEnd: b, start, end, key, name, type, rule, strength, headline: inHeadline });
    if (b - a === 1) {
      const acronym = localAcronyms.get(words[0]!.norm);
      if (acronym) return { ...acronym, ...base(a, b), rule: 'entity/acronym', headline: inHeadline };
    }
    if (inScare(a, b)) return null; // a “label” in scare quotes, not an actor
    if (norms.some((n) => actors.armedGroupWords.has(n))) return named('armed_group', 'entity/armed-group-word', CUED);
    if (isOrgWord(last) || (b - a > 2 && isOrgWord(norms[0]!) && norms.some((n) => JOINERS.has(n))) || norms.some((n) => actors.stateOrganWords.has(n))) {
      const organ = modifierKey !== undefined && norms.some((n) => actors.stateOrganWords.has(n));
      const c = named('organization', organ ? 'entity/state-organ' : 'entity/organization-word', CUED);
      if (organ) c.partOf = modifierKey;
      return c;
    }
    if (lexicons.mediaNames.has(last) && b - a > 1) return named('organization', 'entity/organization-word', CUED);
    if ((actors.placeWords.has(last) || actors.placeWords.has(norms[0]!)) && b - a > 1) return named('place', 'entity/place-word', CUED);
    const hint = sourceHint(start, end);
    if (hint) return named(hint, 'entity/source-kind', CUED);
    if (b - a > 1 && b - a <= 4 && (actors.firstNames.has(norms[0]!) || actors.lastNames.has(last) || actors.firstNames.has(last) || norms.slice(1, -1).some((n) => actors.nameParticles.has(n)))) {
      return named('person', 'entity/person-name', CUED);
    }
    const other = named('other', 'entity/proper-name', GUESS);
    other.lone = b - a === 1;
    return other;
  };

  /** "Hamas leader Ismail Haniyeh", "Pakistan's army chief Asim Munir": a lower-case title before a name
   *  makes it a person's, and the actor named just before it the one the person belongs to. */
  const withLowercaseRole = (c: Candidate, sentence: Sentence): Candidate => {
    if (c.role || !(c.type === 'person' || (c.type === 'other' && c.strength === GUESS))) return c;
    let k = c.tokenStart - 1;
    while (k >= sentence.tokenStart && k > c.tokenStart - 4 && isTitle(tokens[k]!) && !capAt(text, tokens[k]!)) k--;
    if (k === c.tokenStart - 1) return c;
    const role = surface(k + 1, c.tokenStart);
    let owner = k;
    if (owner >= sentence.tokenStart && tokens[owner]!.norm === "'s") owner--;
    const before = candidates.length > 0 ? candidates[candidates.length - 1]! : undefined;
    const ownerKey = before && before.tokenEnd === owner + 1 && (before.type === 'state' || before.type === 'organization' || before.type === 'armed_group') ? before.key : undefined;
    return { ...c, type: 'person', role, rule: c.type === 'person' ? c.rule : 'entity/person-title', strength: Math.max(c.strength, TITLED), ...(ownerKey ? { partOf: ownerKey } : {}) };
  };

  /** "Pakistan's Foreign Office": an organisation named after a state's possessive is part of that state. */
  const withOwner = (c: Candidate): Candidate => {
    if (c.type !== 'organization' || c.partOf || c.tokenStart < 2 || tokens[c.tokenStart - 1]!.norm !== "'s") return c;
    const before = candidates.length > 0 ? candidates[candidates.length - 1]! : undefined;
    return before && before.type === 'state' && before.tokenEnd === c.tokenStart - 1 ? { ...c, partOf: before.key } : c;
  };

  /** A run of capitalised words: leading states, titles, then a name. */
  const analyseRun = (a: number, b: number, sentence: Sentence, inHeadline: boolean): Candidate[] => {
    const whole = gazAt(a, b, sentence.tokenStart);
    if (whole && whole.end === b) return [fromGazetteer(a, b, whole.entry, sentence, inHeadline)];
    const out: Candidate[] = [];
    let k = a;
    let modifierKey: string | undefined;
    // Leading states and demonyms: "U.S. President …", "Pakistani Prime Minister …", "Pakistan Army".
    while (k < b) {
      const m = gazAt(k, b, sentence.tokenStart);
      if (!m || m.end >= b || m.entry.type === 'person' || m.entry.type === 'other' || m.entry.kind === 'capital') break;
      out.push({ ...fromGazetteer(k, m.end, m.entry, sentence, inHeadline), end: tokens[m.end - 1]!.end, tokenEnd: m.end });
      // Only a state owns the person or organ named after it ("Pakistani Prime Minister …"), not a party or a region.
      if (m.entry.type === 'state') modifierKey = m.entry.key;
      k = m.end;
    }
    // Titles, possibly after a few words of office: "Homeland Security Secretary Jeh Johnson".
    let t0 = k;
    while (t0 < b - 1 && t0 - k < 3 && !isTitle(tokens[t0]!)) t0++;
    // "Port St. Lucie": a saint inside a name is no title.
    if (!isTitle(tokens[t0]!) || (t0 > k && /^(st\.?|saint)$/.test(tokens[t0]!.norm))) t0 = k;
    let t = t0;
    while (t < b - 1 && isTitle(tokens[t]!)) t++;
    // "Secretary of State John Kerry": the office runs on to the last two words, the name.
    if (t > t0 && tokens[t]!.norm === 'of' && b - t >= 4) t = b - 2;
    // "Justice Department", "General Assembly": a title before an organisation word names no person.
    if (t > t0 && !isOrgWord(tokens[b - 1]!.norm)) {
      const role = surface(k, t);
      // The name after the title; a gazetteer name there is still a person's ("General Motors" matched whole above).
      const name = surface(t, b);
      out.push({
        ...base(t, b),
        key: `name:${normaliseForm(name)}`,
        name,
        type: 'person',
        rule: 'entity/person-title',
        strength: TITLED,
        role,
        ...(modifierKey ? { partOf: modifierKey } : {}),
        headline: inHeadline,
      });
      return out;
    }
    if (modifierKey !== undefined) {
      // "Pakistan Army", "Bangladesh Nationalist Party": one organisation named with its state.
      const norms = tokens.slice(k, b).map((x) => x.norm);
      const organ = norms.every((n) => actors.stateOrganWords.has(n) || lexicons.personTitles.has(n) || isOrgWord(n));
      if (organ || isOrgWord(norms[norms.length - 1]!)) {
        const c = unknownName(a, b, inHeadline, modifierKey);
        if (c && c.type === 'organization') return [c];
      }
    }
    // "Washington Post", "Dallas Morning News": an outlet named after a place.
    if (k === a && b - a > 1 && lexicons.mediaNames.has(tokens[b - 1]!.norm)) {
      const c = unknownName(a, b, inHeadline);
      if (c) return [c];
    }
    // The rest: gazetteer names and unknown names in turn.
    let u = k;
    let pending = k;
    while (u < b) {
      const m = gazAt(u, b, sentence.tokenStart);
      if (m) {
        if (pending < u) {
          const c = unknownName(pending, u, inHeadline);
          if (c) out.push(c);
        }
        out.push(fromGazetteer(u, m.end, m.entry, sentence, inHeadline));
        u = m.end;
        pending = u;
      } else u++;
    }
    if (pending < b) {
      const c = unknownName(pending, b, inHeadline);
      if (c) out.push(c);
    }
    return out;
  };

  for (const sentence of sentences) {
    if (skip.has(sentence.index)) continue;
    const inHeadline = (headline !== undefined && sentence.start >= headline.start && sentence.end <= headline.end) || isTitleCase(text, tokens, sentence);
    let i = sentence.tokenStart;
    while (i < sentence.tokenEnd) {
      const tok = tokens[i]!;
      if (isExcluded(tok) || actors.notNames.has(tok.norm)) {
        i++;
        continue;
      }
      const gaz = gazAt(i, sentence.tokenEnd, sentence.tokenStart);
      // "Americans", "Pakistanis": people of a country, not its state, and no name either.
      if (!gaz && (!capAt(text, tok) || (tok.norm.endsWith('s') && actors.forms.get(tok.norm.slice(0, -1))?.kind === 'demonym'))) {
        i++;
        continue;
      }
      const first = i === sentence.tokenStart || /^[“"‘'(]$/u.test(tokens[i - 1]!.norm);
      const startsRun = gaz !== null || tok.pos === 'PROPN' || (!first && (tok.pos === 'NOUN' || tok.pos === 'ADJ' || tok.pos === 'X')) || (isTitle(tok) && i + 1 < sentence.tokenEnd && capAt(text, tokens[i + 1]!));
      if (!startsRun) {
        i++;
        continue;
      }
      // Extend the run over capitalised words, name particles ("bin", "al") and joiners inside organisation names.
      let j = gaz ? gaz.end : i + 1;
      while (j < sentence.tokenEnd) {
        const t = tokens[j]!;
        const nextCap = j + 1 < sentence.tokenEnd && capAt(text, tokens[j + 1]!) && !actors.notNames.has(tokens[j + 1]!.norm);
        if (capAt(text, t) && !actors.notNames.has(t.norm) && t.pos !== 'PUNCT' && !isExcluded(t)) {
          const g = gazAt(j, sentence.tokenEnd, sentence.tokenStart);
          j = g ? g.end : j + 1;
        } else if (nextCap && actors.nameParticles.has(t.norm)) j++;
        else if (nextCap && JOINERS.has(t.norm) && (isOrgWord(tokens[j - 1]!.norm) || actors.armedGroupWords.has(tokens[j - 1]!.norm) || (t.norm === 'of' && isTitle(tokens[j - 1]!)))) j++;
        else break;
      }
      const found = analyseRun(i, j, sentence, inHeadline).map((c) => withOwner(withLowercaseRole(c, sentence)));
      for (const c of found) push(c.tokenStart === sentence.tokenStart || /^[“"‘'(]$/u.test(tokens[c.tokenStart - 1]!.norm) ? { ...c, initial: true } : c);
      // "Long Name (LN)": the acronym is another name of what precedes it.
      if (j + 2 < sentence.tokenEnd && tokens[j]!.norm === '(' && tokens[j + 2]!.norm === ')') {
        const acr = tokens[j + 1]!;
        const acrText = text.slice(acr.start, acr.end);
        const target = found[found.length - 1];
        if (target && /^\p{Lu}[\p{L}&]{1,9}$/u.test(acrText) && initialsMatch(acrText, text.slice(target.start, target.end))) {
          const c: Candidate = { ...target, ...base(j + 1, j + 2), rule: target.rule };
          push(c);
          localAcronyms.set(acr.norm, target);
          i = j + 3;
          continue;
        }
      }
      i = j;
    }
  }

  return merge(candidates, input);
}

/** Whether an acronym spells the initials of a name ("ISI" ← "Inter-Services Intelligence"), with or without its small words. */
export function initialsMatch(acronym: string, name: string): boolean {
  const letters = acronym.replace(/[^\p{L}]/gu, '').toUpperCase();
  const words = name.split(/[\s\-–]+/u).filter((w) => /\p{L}/u.test(w));
  const all = words.map((w) => w.replace(/^[^\p{L}]+/u, '')[0] ?? '').join('').toUpperCase();
  const content = words.filter((w) => !/^(of|and|the|for|in|on|de|la|al)$/i.test(w)).map((w) => w.replace(/^[^\p{L}]+/u, '')[0] ?? '').join('').toUpperCase();
  // The name may start with words the acronym leaves out ("Pakistan's Inter-Services Intelligence").
  return all.endsWith(letters) || content.endsWith(letters) ? letters.length >= 2 : false;
}

/** Named sources overlapping a span under the same name: the kind the source stage gave them, as an entity type. */
function sourceKinds(input: EntityInput): (start: number, end: number) => EntityType | null {
  const byId = new Map((input.sources ?? []).filter((s) => s.named).map((s) => [s.id, { kind: s.kind, names: [normaliseForm(s.name), normaliseForm(s.outlet ?? '')] }]));
  // Named sources' mentions by start, with their place in the list (which decides between two that overlap
  // a span), and the longest one: the mentions meeting a span are found by binary search, not a scan.
  const named = (input.sourceMentions ?? []).map((m, order) => ({ m, order })).filter(({ m }) => byId.has(m.source));
  named.sort((a, b) => a.m.start - b.m.start || a.order - b.order);
  const longest = named.reduce((n, { m }) => Math.max(n, m.end - m.start), 0);
  return (start, end) => {
    const lo = firstIndex(named.length, (i) => named[i]!.m.start < end);
    const meeting: Array<{ m: SourceMention; order: number }> = [];
    for (let k = lo - 1; k >= 0 && named[k]!.m.start + longest > start; k--) if (named[k]!.m.end > start) meeting.push(named[k]!);
    if (meeting.length === 0) return null;
    meeting.sort((a, b) => a.order - b.order);
    const name = normaliseForm(input.text.slice(start, end));
    for (const { m } of meeting) {
      const source = byId.get(m.source)!;
      if (!source.names.includes(name)) continue;
      if (source.kind === 'person') return 'person';
      if (source.kind === 'media' || source.kind === 'organization' || source.kind === 'outlet') return 'organization';
    }
    return null;
  };
}

function merge(candidates: Candidate[], input: EntityInput): EntityResult {
  const { text } = input;
  // Headline names that the body never repeats are title case, not names ("Secret Alliance").
  const bodyKeys = new Set(candidates.filter((c) => !c.headline).map((c) => c.key));
  let kept = candidates.filter((c) => !c.headline || c.strength === STRONG || bodyKeys.has(c.key));

  // Surnames and titled short names: "Munir" → Asim Munir, "President Trump" → Donald Trump.
  const fullPersons = new Map<string, Candidate[]>();
  for (const c of kept) {
    if (c.type !== 'person') continue;
    const words = c.name.split(/\s+/);
    if (words.length < 2) continue;
    const last = normaliseForm(words[words.length - 1]!);
    const list = fullPersons.get(last) ?? [];
    if (!list.some((x) => x.key === c.key)) list.push(c);
    fullPersons.set(last, list);
  }
  kept = kept.map((c) => {
    const single = !/\s/.test(c.name);
    if (!single || !(c.type === 'person' || c.lone)) return c;
    const people = fullPersons.get(normaliseForm(c.name));
    if (people?.length !== 1) return c;
    const p = people[0]!;
    return { ...c, key: p.key, type: 'person', rule: c.rule === 'entity/proper-name' ? 'entity/surname' : c.rule };
  });

  // A lone capitalised word opening a sentence is capitalised for that alone, unless the article also
  // capitalises it mid-sentence.
  const midKeys = new Set(kept.filter((c) => !c.initial).map((c) => c.key));
  kept = kept.filter((c) => !(c.lone && c.initial && c.strength === GUESS && !midKeys.has(c.key)));

  interface Builder {
    key: string;
    candidates: Candidate[];
  }
  const groups = new Map<string, Builder>();
  for (const c of kept) {
    let g = groups.get(c.key);
    if (!g) groups.set(c.key, (g = { key: c.key, candidates: [] }));
    g.candidates.push(c);
  }
  const firstStart = new Map([...groups.values()].map((g) => [g, g.candidates.reduce((m, c) => Math.min(m, c.start), Infinity)]));
  const ordered = [...groups.values()].sort((x, y) => firstStart.get(x)! - firstStart.get(y)!);
  const idOf = new Map<string, string>();
  ordered.forEach((g, k) => idOf.set(g.key, `e${k}`));

  const entities: Entity[] = [];
  const mentions: EntityMention[] = [];
  for (const g of ordered) {
    const id = idOf.get(g.key)!;
    const cs = g.candidates.slice().sort((a, b) => a.start - b.start || b.end - a.end);
    // The most certain typing wins; among equals, the first.
    const best = cs.reduce((a, b) => (b.strength > a.strength ? b : a));
    const gazName = cs.find((c) => c.strength === STRONG && !c.broad && !c.key.startsWith('name:') && !c.key.startsWith('place:'));
    const longest = cs.filter((c) => c.type === best.type).reduce((a, b) => (b.name.length > a.name.length ? b : a));
    const name = gazName?.name ?? (cs.some((c) => c.broad) ? cs.find((c) => c.broad)!.name : longest.name);
    const seen = new Set<string>();
    const entityMentions: Entity['mentions'] = [];
    const aliases: string[] = [];
    for (const c of cs) {
      const mtext = text.slice(c.start, c.end);
      const dup = entityMentions.some((m) => m.start === c.start && m.end === c.end);
      if (dup) continue;
      entityMentions.push({ start: c.start, end: c.end, text: mtext });
      mentions.push({ start: c.start, end: c.end, text: mtext, entity: id, tokenStart: c.tokenStart, tokenEnd: c.tokenEnd });
      if (!seen.has(mtext)) {
        seen.add(mtext);
        aliases.push(mtext);
      }
    }
    const role = cs.find((c) => c.role)?.role;
    const partOfKey = cs.find((c) => c.partOf)?.partOf;
    const partOf = partOfKey && partOfKey !== g.key ? idOf.get(partOfKey) : undefined;
    entities.push({
      id,
      name,
      type: best.type,
      aliases,
      mentions: entityMentions,
      ...(role ? { role } : {}),
      ...(partOf ? { partOf } : {}),
      rule: best.rule,
    });
  }
  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  return { entities, mentions };
}

/** A title-case line (most words capitalised): a headline the extract stage did not mark, or a page heading. */
function isTitleCase(text: string, tokens: readonly Token[], sentence: Sentence): boolean {
  let words = 0;
  let caps = 0;
  for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
    const t = tokens[i]!;
    if (!/^\p{L}/u.test(t.norm) || t.norm.length < 4) continue;
    words++;
    if (capAt(text, t)) caps++;
  }
  // A sentence ending in a full stop is running text, however many names it holds.
  return words >= 3 && caps / words >= 0.75 && !/[.]["”’)]?$/u.test(text.slice(sentence.start, sentence.end));
}
