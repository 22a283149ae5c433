/**
 * Relations: actor–action–target allegations read from each claim. A trigger is a verb ("trains",
 * "harbours", "hosted"), a support verb with nominalised objects ("providing shelter and assistance to X"),
 * or a nominalisation ("the alliance between A, B and C", "Pakistan's alliance with Hamas"), mapped to a
 * predicate by the lexicon (src/lexicons/relations.json, after CAMEO). Arguments come from a shallow
 * reading of the claim's noun chunks: the subject to the left (across auxiliaries, adverbs and catenative
 * verbs, through relative pronouns to their antecedent, and back to the subject of a coordinated verb), the
 * object to the right, with coordination on both sides. Passives take their agent from a "by" phrase.
 * "They"/"it"/"he" resolve to the actor the previous claim is about, or the nearest actor of a fitting type.
 * Every relation keeps its claim, so the chain and hedges it rests on come with it.
 */
import { ANTECEDENT_WINDOW, resolvePersonPronoun, type PersonInReach } from '../../annotate/coreference.js';
import type { Claim, Entity, Relation, RelationPredicate, Sentence, Source, SourceMention, Span, Token } from '../../model/types.js';
import { firstIndex } from '../../model/spans.js';
import { ParseTree } from '../../syntax/tree.js';
import type { Lexicons } from '../../lexicons/index.js';
import { normaliseForm, personGender } from '../../lexicons/actors.js';
import type { EntityMention, EntityResult } from '../entities/entities.js';

export interface RelationInput {
  text: string;
  sentences: readonly Sentence[];
  tokens: readonly Token[];
  claims: readonly Claim[];
  entities: EntityResult;
  lexicons: Lexicons;
  /** The source stage's readings: a he/she it resolved (or left unresolved) is read the same way here. */
  sources?: readonly Source[];
  sourceMentions?: readonly SourceMention[];
  /** The tokens' parse, indexed (built here when absent). */
  tree?: ParseTree;
}

/** What every claim's reader shares: paragraphs, the parse, and the source stage's he/she readings. */
interface ArticleContext {
  /** Paragraph of token i. */
  paragraphOf: (i: number) => number;
  tree: ParseTree;
  /** Pronouns the source stage read, by "start:end": the entity it resolved to, or null when unresolved. */
  fromSources: ReadonlyMap<string, string | null>;
}

/** How many earlier actor mentions a he/she looks through at most: the reach stays bounded on any input. */
const MAX_PRONOUN_LOOKBACK = 256;

/** An argument: the entities it names, the words that name them, and how it was read. */
interface Arg {
  ids: string[];
  span: Span;
  note: string | null;
}

interface Chunk {
  a: number;
  b: number;
  mentions: EntityMention[];
  /** A personal pronoun standing alone ("they", "it"). */
  pronoun: string | null;
}

const POSSESSIVE = new Set(['its', 'their', 'his', 'her', 'our', 'my', 'your']);
const PERSONAL = new Set(['they', 'them', 'it', 'he', 'him', 'she']);
const WH = new Set(['which', 'that', 'what', 'whose', 'whatever', 'who', 'whom', 'whichever']);
const RELATIVE = new Set(['which', 'who', 'that']);
const BE = new Set(['be', 'is', 'are', 'was', 'were', 'been', 'being', "'s", "'re", 'get', 'gets', 'got', 'getting', 'become', 'became']);
const EXAMPLES = new Set(['like', 'including']);
const NOMINAL_LINKS = new Set([
  'be', 'have', 'become', 'remain', 'form', 'forge', 'maintain', 'build', 'deepen', 'strengthen', 'sign', 'enter', 'pose',
  'emerge', 'serve', 'act', 'constitute', 'represent', 'establish', 'seal', 'cement', 'run', 'operate', 'emerging', 'as',
]);
/** Tagged ADP by the tagger but introducing a clause, not a prepositional phrase. */
const NOT_PREPOSITIONS = new Set(['whether', 'if', 'because', 'while', 'although', 'though', 'since', 'unless', 'until', 'once', 'that']);
const GERUND_PREPOSITIONS = new Set(['of', 'for', 'by', 'from', 'without', 'after', 'before', 'while', 'in']);
const CLAUSE_BREAK = new Set([';', ':', '—', '–', '(', ')', '“', '”', '"']);

export function findRelations(input: RelationInput): Relation[] {
  const { text, sentences, tokens, claims, entities, lexicons } = input;
  const lex = lexicons.relations;
  const byId = new Map<string, Entity>(entities.entities.map((e) => [e.id, e]));
  // The mention covering each token (the longest where mentions nest).
  const mentionAt: Array<EntityMention | undefined> = new Array(tokens.length);
  for (const m of entities.mentions) {
    for (let t = m.tokenStart; t < m.tokenEnd; t++) {
      const cur = mentionAt[t];
      if (!cur || m.end - m.start > cur.end - cur.start) mentionAt[t] = m;
    }
  }
  const article: ArticleContext = {
    paragraphOf: (i) => sentences[tokens[i]!.sentence]!.paragraph,
    tree: input.tree ?? new ParseTree(tokens),
    fromSources: pronounsFromSources(tokens, input.sources ?? [], input.sourceMentions ?? [], mentionAt, byId),
  };
  const relations: Relation[] = [];
  const seen = new Set<string>();
  /** The actor each claim is about (its first subject-position actor): what "they" in the next refers to. */
  const topicOf = new Map<string, string[]>();
  let previousClaim: Claim | null = null;

  for (const claim of claims) {
    const sentence = sentences[claim.sentence]!;
    let lo = sentence.tokenStart;
    while (lo < sentence.tokenEnd && tokens[lo]!.start < claim.start) lo++;
    let hi = lo;
    while (hi < sentence.tokenEnd && tokens[hi]!.end <= claim.end) hi++;
    if (hi <= lo) continue;
    const reader = new ClaimReader(text, tokens, sentence.tokenStart, sentence.tokenEnd, lo, mentionAt, byId, lexicons, {
      previousTopic: previousClaim && previousClaim.sentence >= claim.sentence - 1 ? (topicOf.get(previousClaim.id) ?? null) : null,
      mentions: entities.mentions,
      article,
    });
    topicOf.set(claim.id, reader.topic());
    previousClaim = claim;

    const emit = (subject: Arg, predicate: RelationPredicate, object: Arg, trigger: Span, rule: string, evidence: string): void => {
      const neg = reader.negation(trigger.start);
      const modality = reader.modality(trigger.start, sentence);
      for (const s of subject.ids) {
        for (const o of object.ids) {
          if (s === o) continue;
          const se = byId.get(s)!;
          const oe = byId.get(o)!;
          if (se.type === 'place') continue;
          // An organ and its own state are not two parties to a relation.
          if (se.partOf === o || oe.partOf === s) continue;
          const key = `${s}|${predicate}|${o}|${claim.id}|${trigger.start}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const notes = [subject.note, object.note, neg.note].filter(Boolean).join('; ');
          relations.push({
            id: `r${relations.length}`,
            subject: s,
            predicate,
            object: o,
            claim: claim.id,
            trigger: { ...trigger, text: text.slice(trigger.start, trigger.end) },
            negated: neg.negated,
            hedged: claim.hedges.length > 0,
            modality,
            start: Math.min(subject.span.start, trigger.start, object.span.start),
            end: Math.max(subject.span.end, trigger.end, object.span.end),
            rule,
            evidence: notes ? `${evidence} (${notes})` : evidence,
          });
        }
      }
    };

    const consumed = new Set<number>();
    for (let t = lo; t < hi; t++) {
      const tok = tokens[t]!;
      // Support verb + nominalised objects: "providing shelter and assistance to X".
      if (lex.supportVerbs.has(tok.lemma.toLowerCase()) && reader.verbal(t)) {
        const found = reader.supportVerb(t);
        if (found) {
          const subject = reader.leftArg(t);
          for (const n of found.nouns) {
            for (let k = n.a; k < n.b; k++) consumed.add(k);
            if (!subject || !found.object) continue;
            const trigger = { start: tokens[n.a]!.start, end: tokens[n.b - 1]!.end };
            for (const p of n.predicates) {
              emit(subject, p, found.object, trigger, 'relation/support-verb', `${tok.norm} … ${text.slice(trigger.start, trigger.end)}${found.prep ? ` … ${found.prep}` : ''}`);
            }
          }
          continue;
        }
      }
      const verbPreds = reader.verbPredicates(t);
      if (verbPreds) {
        const trigger = { start: tok.start, end: tok.end };
        if (reader.isPassive(t)) {
          const object = reader.leftArg(t);
          const subject = reader.agent(t);
          if (subject && object) for (const p of verbPreds) emit(subject, p, object, trigger, 'relation/passive-verb', `${tok.norm} … by`);
        } else {
          const subject = reader.leftArg(t);
          const object = reader.rightArg(t + 1, verbPreds);
          if (subject && object) for (const p of verbPreds) emit(subject, p, object, trigger, 'relation/active-verb', tok.norm);
        }
        continue;
      }
    }
    // Nominalisations not already read as the object of a support verb.
    for (let t = lo; t < hi; t++) {
      if (consumed.has(t)) continue;
      const nominal = reader.nominal(t);
      if (!nominal) continue;
      for (const k of nominal.tokens) consumed.add(k);
      for (const [subject, object] of nominal.pairs) {
        for (const p of nominal.predicates) emit(subject, p, object, nominal.trigger, 'relation/nominal', nominal.evidence);
      }
      t = nominal.tokens[nominal.tokens.length - 1]!;
    }
  }
  return relations;
}

class ClaimReader {
  private readonly chunkOf: Int32Array;
  private readonly chunks: Chunk[] = [];
  private readonly lex: Lexicons['relations'];

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
    private readonly lo: number,
    private readonly hi: number,
    /** First token of the claim (the reader sees its whole sentence). */
    private readonly claimLo: number,
    private readonly mentionAt: ReadonlyArray<EntityMention | undefined>,
    private readonly byId: ReadonlyMap<string, Entity>,
    private readonly lexicons: Lexicons,
    private readonly context: { previousTopic: string[] | null; mentions: readonly EntityMention[]; article: ArticleContext },
  ) {
    this.lex = lexicons.relations;
    this.chunkOf = new Int32Array(hi - lo).fill(-1);
    this.buildChunks();
  }

  private tok(i: number): Token | undefined {
    return i >= this.lo && i < this.hi ? this.tokens[i] : undefined;
  }

  private chunkAt(i: number): Chunk | undefined {
    if (i < this.lo || i >= this.hi) return undefined;
    const k = this.chunkOf[i - this.lo]!;
    return k >= 0 ? this.chunks[k] : undefined;
  }

  /** Verb-trigger predicates of token i, when it is used as a verb. */
  verbPredicates(i: number): RelationPredicate[] | null {
    const t = this.tokens[i]!;
    if (t.pos === 'AUX' || t.pos === 'ADP' || t.pos === 'PROPN') return null;
    const preds = this.lex.verbForms.get(t.norm) ?? (t.pos === 'VERB' ? this.lex.verbLemmas.get(t.lemma.toLowerCase()) : undefined);
    if (!preds) return null;
    const next = this.tok(i + 1);
    const before = this.tok(i - 1);
    // "the mass shooting", "a deadly bombing": a gerund after a noun or determiner names an event.
    if (t.norm.endsWith('ing') && before && (before.pos === 'NOUN' || before.pos === 'DET' || before.pos === 'ADJ' || before.norm === "'s")) return null;
    // "threatened to attack", "helped train": the verb only leads to another.
    if (next && next.norm === 'to' && this.tok(i + 2)?.pos === 'VERB') return null;
    return this.verbal(i) ? preds : null;
  }

  /** Whether token i is used as a verb: tagged so, or a noun or adjective reading of a verb form
   *  ("sheltered", "shelters", "supplies") between an actor and a noun phrase. */
  verbal(i: number): boolean {
    const t = this.tokens[i]!;
    if (t.pos === 'VERB') return true;
    if (t.pos !== 'NOUN' && t.pos !== 'ADJ') return false;
    const prev = this.tok(i - 1);
    const next = this.tok(i + 1);
    const nextOpensChunk = next !== undefined && (next.pos === 'DET' || next.pos === 'PROPN' || next.pos === 'NOUN' || next.pos === 'ADJ' || next.pos === 'NUM' || (next.pos === 'PRON' && !WH.has(next.norm)));
    // "accused of arming the Houthis": a gerund after a preposition, with its object.
    if (t.norm.endsWith('ing') && prev && prev.pos === 'ADP' && GERUND_PREPOSITIONS.has(prev.norm) && nextOpensChunk) return true;
    // A bare "host" or "shelter" after a name is a compound ("MSNBC host"), unless an auxiliary governs
    // it ("Does Qatar host …", "Qatar will host …").
    if (!/(?:s|ed|en)$/.test(t.norm) && prev?.pos !== 'AUX' && this.tok(i - 2)?.pos !== 'AUX') return false;
    if (!prev || prev.pos === 'DET' || prev.pos === 'ADJ' || prev.norm === "'s" || POSSESSIVE.has(prev.norm)) return false;
    const prevOk = (prev.norm === ',' && /(?:s|ed)$/.test(t.norm)) || prev.pos === 'PROPN' || (prev.pos === 'PRON' && !POSSESSIVE.has(prev.norm)) || prev.pos === 'ADV' || RELATIVE.has(prev.norm) || this.mentionAt[i - 1] !== undefined;
    return prevOk && nextOpensChunk;
  }

  private verbTokens: Set<number> | null = null;

  private buildChunks(): void {
    const { tokens, lo, hi } = this;
    this.verbTokens = new Set();
    for (let i = lo; i < hi; i++) if (this.verbPredicates(i) !== null) this.verbTokens.add(i);
    let cur: Chunk | null = null;
    for (let i = lo; i < hi; i++) {
      const t = tokens[i]!;
      const inside = this.inChunk(i);
      if (!inside) {
        cur = null;
        continue;
      }
      const prev = tokens[i - 1];
      const split = cur !== null && (t.pos === 'DET' && prev !== undefined && (prev.pos === 'NOUN' || prev.pos === 'PROPN') && !this.mentionAt[i]);
      if (cur === null || split || PERSONAL.has(t.norm) || (cur.pronoun !== null)) {
        cur = { a: i, b: i + 1, mentions: [], pronoun: t.pos === 'PRON' && PERSONAL.has(t.norm) ? t.norm : null };
        this.chunks.push(cur);
      } else cur.b = i + 1;
      this.chunkOf[i - lo] = this.chunks.length - 1;
    }
    for (const c of this.chunks) {
      const seen = new Set<EntityMention>();
      for (let i = c.a; i < c.b; i++) {
        const m = this.mentionAt[i];
        if (m && !seen.has(m) && m.tokenStart >= c.a && m.tokenEnd <= c.b) {
          seen.add(m);
          c.mentions.push(m);
        }
      }
    }
  }

  private inChunk(i: number): boolean {
    const t = this.tokens[i]!;
    if (this.verbTokens?.has(i)) return false;
    if (this.mentionAt[i]) return true;
    if (t.pos === 'PRON') return POSSESSIVE.has(t.norm) || PERSONAL.has(t.norm);
    if (WH.has(t.norm)) return false;
    if (t.pos === 'DET' || t.pos === 'ADJ' || t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'NUM') return true;
    if (t.pos === 'PART' && (t.norm === "'s" || t.norm === "'")) return i > this.lo && this.inChunk(i - 1);
    const prev = this.tokens[i - 1];
    const next = this.tokens[i + 1];
    // Hyphenated compounds: "Gaza-based", "political-military".
    if (t.norm === '-' && prev && next && prev.end === t.start && t.end === next.start) return true;
    if (prev && prev.norm === '-' && prev.end === t.start) return true;
    // "Inter-Services Intelligence (ISI)": the acronym in brackets belongs to the name.
    if (t.norm === '(' && next && this.mentionAt[i + 1] && this.tokens[i + 2]?.norm === ')') return true;
    if (t.norm === ')' && prev && this.mentionAt[i - 1] && this.tokens[i - 2]?.norm === '(') return true;
    return false;
  }

  /** The entities a chunk refers to. */
  private argOfChunk(c: Chunk): Arg | null {
    const span = { start: this.tokens[c.a]!.start, end: this.tokens[c.b - 1]!.end };
    if (c.pronoun) return this.resolvePronoun(c.pronoun, span, c.a);
    const head = c.mentions.reduce<EntityMention | null>((best, m) => (!best || m.tokenEnd > best.tokenEnd || (m.tokenEnd === best.tokenEnd && m.end - m.start > best.end - best.start) ? m : best), null);
    const headNoun = this.tokens[c.b - 1]!.norm;
    const actorHead = this.lexicons.actors.actorNouns.has(headNoun);
    if (head && !(this.byId.get(head.entity)!.type === 'place' && head.tokenEnd < c.b && actorHead)) {
      return { ids: [head.entity], span, note: null };
    }
    // "a special unit of the Pakistan Army", "terrorists like Osama bin Laden".
    const after = this.tok(c.b);
    if (after && (after.norm === 'of' || EXAMPLES.has(after.norm) || (after.norm === 'such' && this.tok(c.b + 1)?.norm === 'as'))) {
      const k = after.norm === 'such' ? c.b + 2 : c.b + 1;
      const inner = this.chunkAt(k);
      if (inner && (after.norm !== 'of' || this.lexicons.actors.memberNouns.has(headNoun) || actorHead)) {
        const arg = this.coordinatedRight(inner);
        if (arg) return { ...arg, span: { start: span.start, end: arg.span.end }, note: `"${this.text.slice(span.start, arg.span.end)}"` };
      }
    }
    // "the Gaza-based terrorist group": the nearest earlier actor of that kind.
    const det = this.tokens[c.a]!.norm;
    if (actorHead && (det === 'the' || det === 'this' || det === 'that' || det === 'these' || det === 'those')) {
      const prior = this.nearestBefore(span.start, (e) => e.type === 'armed_group' || e.type === 'organization');
      if (prior) return { ids: [prior.id], span, note: `"${this.text.slice(span.start, span.end)}" → ${prior.name}` };
    }
    return null;
  }

  private nearestBefore(pos: number, accept: (e: Entity) => boolean): Entity | null {
    const ms = this.context.mentions;
    // Within about two sentences: far-back antecedents are guesses.
    const floor = this.tokens[Math.max(0, this.lo - 80)]!.start;
    for (let k = ms.length - 1; k >= 0; k--) {
      const m = ms[k]!;
      if (m.end > pos) continue;
      if (m.start < floor) break;
      const e = this.byId.get(m.entity)!;
      if (accept(e)) return e;
    }
    return null;
  }

  private resolvePronoun(p: string, span: Span, at: number): Arg | null {
    // An object pronoun ("denounce him") is not its own clause's subject: look before the sentence.
    const object = p === 'him' || p === 'them' || (at > this.lo && this.tokens[at - 1]!.pos === 'VERB');
    const limit = object ? this.tokens[this.lo]!.start : span.start;
    if (p === 'they' || p === 'them') {
      const topic = this.context.previousTopic;
      if (topic && topic.length > 0 && at === this.firstContentToken()) {
        return { ids: topic, span, note: `"${p}" → ${topic.map((id) => this.byId.get(id)!.name).join(', ')} (the previous claim's subject)` };
      }
      // Otherwise only a group of people, never a state or a person.
      const e = this.nearestBefore(limit, (x) => x.type === 'armed_group');
      return e ? { ids: [e.id], span, note: `"${p}" → ${e.name}` } : null;
    }
    if (p === 'it') {
      const e = this.nearestBefore(limit, (x) => x.type === 'armed_group' || x.type === 'organization' || x.type === 'state');
      return e ? { ids: [e.id], span, note: `"it" → ${e.name}` } : null;
    }
    // A he/she the source stage read is read the same way here (one person, or unresolved: never a guess).
    const { fromSources, paragraphOf } = this.context.article;
    const key = `${span.start}:${span.end}`;
    if (fromSources.has(key)) {
      const id = fromSources.get(key)!;
      return id === null ? null : { ids: [id], span, note: `"${p}" → ${this.byId.get(id)!.name}` };
    }
    // Otherwise the same policy over the people mentioned in reach; "she" is not a man's name, nor "he" a
    // woman's, where the first name or the title tells.
    const wanted = p === 'she' || p === 'her' || p === 'hers' ? 'female' : 'male';
    const paragraph = paragraphOf(at);
    const people: Array<PersonInReach<string>> = [];
    const ms = this.context.mentions;
    let k = firstIndex(ms.length, (i) => ms[i]!.end <= limit) - 1;
    for (let seen = 0; k >= 0 && seen < MAX_PRONOUN_LOOKBACK; k--, seen++) {
      const m = ms[k]!;
      if (m.end > limit) continue;
      const where = paragraphOf(m.tokenStart);
      if (paragraph - where > ANTECEDENT_WINDOW) break;
      const e = this.byId.get(m.entity)!;
      if (e.type === 'person') people.push({ actor: e.id, gender: personGender(this.lexicons.actors, e.name, e.role ?? ''), lastParagraph: where });
    }
    const reading = resolvePersonPronoun(wanted, paragraph, people);
    return reading.actor === null ? null : { ids: [reading.actor], span, note: `"${p}" → ${this.byId.get(reading.actor)!.name}` };
  }

  private firstContentToken(): number {
    let i = this.claimLo;
    while (i < this.hi && !/\p{L}/u.test(this.tokens[i]!.norm)) i++;
    return i;
  }

  /** The claim's topic: its first actor in subject position (not after a preposition or verb). */
  topic(): string[] {
    for (const c of this.chunks) {
      if (c.a < this.claimLo) continue;
      // What introduces the claim ("the report says [Hezbollah fighters …]") does not count.
      const before = c.a > this.claimLo ? this.tok(c.a - 1) : undefined;
      if (before && (before.pos === 'ADP' || before.pos === 'VERB')) continue;
      // "They …" carries the topic on to the next sentence.
      if (c.pronoun === 'they' && c.a === this.firstContentToken() && this.context.previousTopic) return this.context.previousTopic;
      if (c.pronoun) continue;
      const arg = this.argOfChunk(c);
      if (arg && arg.ids.every((id) => this.byId.get(id)!.type !== 'place')) return this.coordinatedLeft(c, arg).ids;
    }
    return [];
  }

  private isAnd(t: Token | undefined): boolean {
    return t !== undefined && (t.norm === 'and' || t.norm === 'or' || t.norm === '&');
  }

  /** A chunk's arg with the chunks coordinated before it ("A, B, and C" read from C). */
  private coordinatedLeft(c: Chunk, arg: Arg): Arg {
    const ids = [...arg.ids];
    let start = arg.span.start;
    let p = c.a - 1;
    let first = true;
    for (;;) {
      let q = p;
      if (this.isAnd(this.tok(q))) {
        q--;
        if (this.tok(q)?.norm === ',') q--;
      } else if (!first && this.tok(q)?.norm === ',') q--;
      else break;
      const prev = this.chunkAt(q);
      const prevArg = prev ? this.argOfChunk(prev) : null;
      if (!prev || !prevArg) break;
      for (const id of prevArg.ids) if (!ids.includes(id)) ids.unshift(id);
      start = prevArg.span.start;
      p = prev.a - 1;
      first = false;
    }
    return { ids, span: { start, end: arg.span.end }, note: arg.note };
  }

  /** A chunk's arg with the chunks coordinated after it ("Israel and India", "A, B and C"). */
  private coordinatedRight(c: Chunk): Arg | null {
    const arg = this.argOfChunk(c);
    if (!arg) return null;
    const items: Array<{ arg: Arg; sep: 'and' | 'comma' | null; b: number }> = [{ arg, sep: null, b: c.b }];
    let p = c.b;
    for (;;) {
      let q = p;
      let sep: 'and' | 'comma';
      if (this.tok(q)?.norm === ',') {
        q++;
        sep = 'comma';
        if (this.isAnd(this.tok(q))) {
          q++;
          sep = 'and';
        }
      } else if (this.isAnd(this.tok(q))) {
        q++;
        sep = 'and';
      } else break;
      const next = this.chunkAt(q);
      if (!next || next.a !== q) break;
      const nextArg = this.argOfChunk(next);
      if (!nextArg) break;
      items.push({ arg: nextArg, sep, b: next.b });
      p = nextArg.span.end > this.tokens[next.b - 1]!.end ? this.tokenAfter(nextArg.span.end) : next.b;
      if (sep === 'and') break;
    }
    // A list ends with "and"/"or": members joined by bare commas alone are not coordinated.
    let last = items.length - 1;
    while (last > 0 && items[last]!.sep !== 'and') last--;
    const kept = items.slice(0, last + 1);
    const ids: string[] = [];
    for (const it of kept) for (const id of it.arg.ids) if (!ids.includes(id)) ids.push(id);
    const notes = kept.map((it) => it.arg.note).filter(Boolean);
    return { ids, span: { start: arg.span.start, end: kept[kept.length - 1]!.arg.span.end }, note: notes.length ? notes.join('; ') : null };
  }

  private tokenAfter(pos: number): number {
    let i = this.lo;
    while (i < this.hi && this.tokens[i]!.end <= pos) i++;
    return i;
  }

  /** The subject of the predicate at token t: to the left, within the claim. */
  leftArg(t: number, depth = 0): Arg | null {
    let i = t - 1;
    const gerund = this.tokens[t]!.norm.endsWith('ing');
    let infinitive = false;
    let crossedCue = false;
    while (i >= this.lo) {
      const x = this.tokens[i]!;
      if (i < this.claimLo) {
        // Out of the claim, back to the words that introduce it: "Islamabad denies [sheltering Hamas]"
        // gives the gerund its subject; "X said that [...]" does not.
        if (!(gerund || infinitive) || x.pos === 'SCONJ' || x.norm === 'that' || x.norm === ',') return null;
        if (x.pos === 'VERB' && !crossedCue) {
          crossedCue = true;
          i--;
          continue;
        }
      }
      // "Islamabad denies sheltering …", "Iran promised to fund …": the speaker is the subject.
      const lemma = x.lemma.toLowerCase();
      if ((gerund || infinitive) && !crossedCue && x.pos === 'VERB' && (this.lex.denialVerbs.has(lemma) || this.lexicons.speechVerbs.has(lemma))) {
        crossedCue = true;
        i--;
        continue;
      }
      // A parenthetical between commas: "The ISI, according to officials, did not train …",
      // "The ISI, Pakistan's spy agency, trains …".
      if (x.norm === ',' && i >= this.claimLo) {
        const open = this.parentheticalStart(i);
        if (open !== null) {
          i = open - 1;
          continue;
        }
      }
      const skippable =
        x.pos === 'ADV' || x.pos === 'AUX' || x.norm === 'to' || x.norm === 'not' || x.norm === "n't" ||
        (x.pos === 'VERB' && this.lex.catenatives.has(x.lemma.toLowerCase()) && !this.verbTokens!.has(i));
      if (!skippable) break;
      if (x.norm === 'to' && i === t - 1) infinitive = true;
      i--;
    }
    const adjacent = (c: Chunk): boolean => {
      for (let k = c.b; k < t; k++) if (this.tokens[k]!.pos !== 'ADV' && !(infinitive && k === t - 1)) return false;
      return true;
    };
    if (i < this.lo) return null;
    const x = this.tokens[i]!;
    // "accused Pakistan of harbouring …", "Iran is accused of arming …": the one accused is the subject.
    if (gerund && (x.norm === 'of' || x.norm === 'for')) {
      let k = i - 1;
      if (this.tok(k)?.pos === 'VERB') k--;
      while (this.tok(k)?.pos === 'AUX' || this.tok(k)?.pos === 'ADV') k--;
      const c = this.chunkAt(k);
      const arg = c ? this.argOfChunk(c) : null;
      return arg && c ? this.coordinatedLeft(c, arg) : null;
    }
    if (RELATIVE.has(x.norm) && (x.pos === 'PRON' || x.pos === 'DET' || x.pos === 'SCONJ')) {
      let j = i - 1;
      if (this.tok(j)?.norm === ',') j--;
      const c = this.chunkAt(j);
      const arg = c ? this.argOfChunk(c) : null;
      return arg ? { ...arg, note: [arg.note, `relative "${x.norm}"`].filter(Boolean).join('; ') } : null;
    }
    const c = this.chunkAt(i);
    if (c) {
      // Inside a prepositional phrase: "the alliance between A, B and C threatens …", "a unit of X trains …".
      const coordinated = (() => {
        const own = this.argOfChunk(c);
        return own ? this.coordinatedLeft(c, own) : null;
      })();
      let first = c.a;
      if (coordinated) first = this.tokenAfter(coordinated.span.start - 1);
      const prep = this.tok(first - 1);
      // "with the ISI reportedly training …", "despite Trump hosting …", "efforts to isolate …": the chunk
      // right before a gerund or an infinitive is its subject, whatever governs the chunk.
      const governed = prep && prep.pos === 'ADP' && !EXAMPLES.has(prep.norm) && !NOT_PREPOSITIONS.has(prep.norm);
      if (governed && !((gerund || infinitive) && adjacent(c))) {
        const head = this.chunkAt(first - 2);
        const headArg = head ? this.argOfChunk(head) : null;
        if (headArg) return headArg;
        if ((prep.norm === 'between' || prep.norm === 'of' || prep.norm === 'among') && coordinated) {
          return { ...coordinated, span: { start: head ? this.tokens[head.a]!.start : coordinated.span.start, end: coordinated.span.end }, note: `members of "${head ? this.text.slice(this.tokens[head.a]!.start, this.tokens[head.b - 1]!.end) : prep.norm}"` };
        }
        return null;
      }
      return coordinated;
    }
    // "… threatens Israel but also undermines …": the subject of the coordinated verb.
    if ((x.norm === ',' || x.pos === 'CCONJ') && depth < 3) {
      for (let j = i - 1; j >= this.lo; j--) {
        const y = this.tokens[j]!;
        if (CLAUSE_BREAK.has(y.norm) || y.pos === 'SCONJ') break;
        if (y.pos === 'VERB' && (this.verbTokens!.has(j) || !this.lex.catenatives.has(y.lemma.toLowerCase()))) return this.leftArg(j, depth + 1);
      }
    }
    return null;
  }

  /** The opening comma of a parenthetical closed by the comma at `close`: a source ("according to X",
   *  "officials said") or an apposition without a verb; null when the commas enclose anything else. */
  private parentheticalStart(close: number): number | null {
    for (let j = close - 1; j >= Math.max(this.claimLo, close - 10); j--) {
      const y = this.tokens[j]!;
      if (y.norm !== ',') continue;
      if (j === close - 1) return null;
      let speech = false;
      let verb = false;
      for (let k = j + 1; k < close; k++) {
        const z = this.tokens[k]!;
        const lemma = z.lemma.toLowerCase();
        if (lemma === 'accord' || (z.pos === 'VERB' && (this.lexicons.speechVerbs.has(lemma) || this.lexicons.cueVerbs.has(lemma)))) speech = true;
        if (z.pos === 'VERB' || z.pos === 'AUX' || RELATIVE.has(z.norm) || CLAUSE_BREAK.has(z.norm)) verb = true;
      }
      // Something before the opening comma to be the subject.
      return (speech || !verb) && this.chunkAt(j - 1) ? j : null;
    }
    return null;
  }

  /** The object of the verb at t: the first chunk after it (past adverbs and the predicate's prepositions). */
  rightArg(from: number, preds: readonly RelationPredicate[]): Arg | null {
    let i = from;
    while (i < this.hi && (this.tokens[i]!.pos === 'ADV' || this.tokens[i]!.pos === 'PART' && this.tokens[i]!.norm !== "'s")) i++;
    const t = this.tok(i);
    if (!t) return null;
    if (t.pos === 'ADP' && preds.some((p) => this.lex.prepositions.get(p)?.has(t.norm))) i++;
    const c = this.chunkAt(i);
    if (!c || c.a !== i) return null;
    return this.coordinatedRight(c);
  }

  isPassive(t: number): boolean {
    const tok = this.tokens[t]!;
    if (!/(?:ed|en|met|fought|struck|shot|hid|sent|lent)$/.test(tok.norm)) return false;
    let i = t - 1;
    while (i >= this.lo && this.tokens[i]!.pos === 'ADV') i--;
    if (i >= this.lo && BE.has(this.tokens[i]!.norm)) return true;
    let j = t + 1;
    while (j < this.hi && this.tokens[j]!.pos === 'ADV') j++;
    return this.tok(j)?.norm === 'by';
  }

  /** The agent of a passive: the first "by" phrase after it in the clause ("trained at camps run by the ISI"). */
  agent(t: number): Arg | null {
    for (let i = t + 1; i < Math.min(this.hi, t + 14); i++) {
      const x = this.tokens[i]!;
      if (CLAUSE_BREAK.has(x.norm) || x.pos === 'SCONJ') return null;
      if (x.norm === 'by') {
        const c = this.chunkAt(i + 1);
        const arg = c ? this.coordinatedRight(c) : null;
        if (!arg) return null;
        const direct = i === t + 1;
        return direct ? arg : { ...arg, note: [arg.note, `agent "${this.text.slice(this.tokens[t + 1]!.start, x.end)}"`].filter(Boolean).join('; ') };
      }
    }
    return null;
  }

  /** Relation nouns starting at token i, longest first: [end, predicates]. */
  private nounAt(i: number): { b: number; predicates: RelationPredicate[] } | null {
    const t = this.tokens[i]!;
    if (!(t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'ADJ' || t.pos === 'VERB') || !this.lex.nounFirstWords.has(t.norm)) return null;
    for (let n = this.lex.maxNounWords; n >= 1; n--) {
      if (i + n > this.hi) continue;
      const form = n === 1 ? t.norm : normaliseForm(this.tokens.slice(i, i + n).map((x) => x.norm).join(' '));
      const preds = this.lex.nouns.get(form);
      if (!preds) continue;
      const last = this.tokens[i + n - 1]!;
      if (last.pos !== 'NOUN' && last.pos !== 'PROPN') continue;
      // The head of its chunk, or followed by a preposition: a modifier ("support staff") is not the relation.
      const c = this.chunkAt(i + n - 1);
      const atEnd = c !== undefined && c.b === i + n;
      if (!atEnd) continue;
      return { b: i + n, predicates: preds };
    }
    return null;
  }

  /** "provide shelter, resources and expertise to X", "give X weapons", "provide X with arms". */
  supportVerb(t: number): { nouns: Array<{ a: number; b: number; predicates: RelationPredicate[] }>; object: Arg | null; prep: string } | null {
    const nouns: Array<{ a: number; b: number; predicates: RelationPredicate[] }> = [];
    let object: Arg | null = null;
    let prep = '';
    let j = t + 1;
    while (j < this.hi && this.tokens[j]!.pos === 'ADV') j++;
    while (j < this.hi) {
      const x = this.tokens[j]!;
      const c = this.chunkAt(j);
      if (c) {
        let found = false;
        for (let k = c.a; k < c.b; k++) {
          const n = this.nounAt(k);
          if (n) {
            // "gave Hamas money": the recipient before the thing given, in one chunk.
            const recipient = k > c.a ? this.mentionAt[k - 1] : undefined;
            if (recipient && object === null && recipient.tokenStart >= c.a && this.tokens[k]!.norm !== "'s") {
              object = { ids: [recipient.entity], span: { start: recipient.start, end: recipient.end }, note: null };
            }
            nouns.push({ a: k, ...n });
            found = true;
            k = n.b - 1;
          }
        }
        if (!found && object === null && nouns.length === 0) object = this.argOfChunk(c);
        j = c.b;
        continue;
      }
      if (x.norm === ',' || this.isAnd(x)) {
        j++;
        continue;
      }
      if ((x.norm === 'to' || x.norm === 'for') && nouns.length > 0) {
        const c2 = this.chunkAt(j + 1);
        object = c2 ? this.coordinatedRight(c2) : null;
        prep = x.norm;
        break;
      }
      if (x.norm === 'with' && object !== null) {
        prep = 'with';
        j++;
        continue;
      }
      break;
    }
    return nouns.length > 0 ? { nouns, object, prep } : null;
  }

  /** A nominalisation with its arguments: "A's alliance with B", "the alliance between A, B and C", "a safe haven for B". */
  nominal(i: number): { predicates: RelationPredicate[]; trigger: Span; tokens: number[]; pairs: Array<[Arg, Arg]>; evidence: string } | null {
    const n = this.nounAt(i);
    if (!n) return null;
    const c = this.chunkAt(i)!;
    const trigger = { start: this.tokens[i]!.start, end: this.tokens[n.b - 1]!.end };
    const toks = Array.from({ length: n.b - i }, (_, k) => i + k);
    const prep = this.tok(n.b);
    const allowed = prep !== undefined && n.predicates.some((p) => this.lex.prepositions.get(p)?.has(prep.norm));
    if (!allowed) return null;
    const after = this.chunkAt(n.b + 1);
    const objects = after ? this.coordinatedRight(after) : null;
    if (!objects) return null;
    const word = this.text.slice(trigger.start, trigger.end);
    const symmetric = n.predicates.some((p) => this.lex.symmetric.has(p));
    if (prep.norm === 'between' || prep.norm === 'among') {
      if (!symmetric || objects.ids.length < 2) return null;
      const pairs: Array<[Arg, Arg]> = [];
      for (let a = 0; a < objects.ids.length; a++) {
        for (let b = a + 1; b < objects.ids.length; b++) {
          pairs.push([{ ids: [objects.ids[a]!], span: objects.span, note: null }, { ids: [objects.ids[b]!], span: objects.span, note: null }]);
        }
      }
      return { predicates: n.predicates, trigger, tokens: toks, pairs, evidence: `${word} ${prep.norm}` };
    }
    // The possessor inside the chunk: "Pakistan's alliance", "its support".
    let subject: Arg | null = null;
    for (let k = c.a; k < i; k++) {
      if (this.tokens[k + 1]?.norm === "'s" && this.mentionAt[k]) {
        const m = this.mentionAt[k]!;
        subject = { ids: [m.entity], span: { start: m.start, end: m.end }, note: null };
      } else if (POSSESSIVE.has(this.tokens[k]!.norm) && this.tokens[k]!.pos === 'PRON') {
        subject = this.resolvePronoun(this.tokens[k]!.norm === 'its' ? 'it' : this.tokens[k]!.norm === 'their' ? 'they' : 'he', { start: this.tokens[k]!.start, end: this.tokens[k]!.end }, k);
      }
    }
    if (!subject) {
      // "Pakistan has an alliance with Hamas", "Pakistan, a safe haven for Hamas", "X is emerging as a threat to Y".
      let k = c.a - 1;
      while (k >= this.lo) {
        const x = this.tokens[k]!;
        if (x.pos === 'ADV' || x.pos === 'AUX' || x.norm === ',' || NOMINAL_LINKS.has(x.lemma.toLowerCase()) || NOMINAL_LINKS.has(x.norm)) k--;
        else break;
      }
      if (k < c.a - 1) {
        const s = this.chunkAt(k);
        const arg = s ? this.argOfChunk(s) : null;
        if (arg && s) subject = this.coordinatedLeft(s, arg);
      }
    }
    if (!subject) return null;
    return { predicates: n.predicates, trigger, tokens: toks, pairs: [[subject, objects]], evidence: `${word} ${prep.norm}` };
  }

  /** Negation between the subject and the trigger ("did not train"), or a denial governing the claim ("denies sheltering"). */
  negation(triggerStart: number): { negated: boolean; note: string | null } {
    // The parse says which verb a "not" belongs to: "Pakistan, which is not a member, funds Hamas" is not
    // negated; "did not fund", "was never funded" are.
    const word = this.negationFromParse(triggerStart);
    if (word) return { negated: true, note: `negated by "${word}"` };
    // A denial earlier in the sentence, whether in the claim or in the cue that introduces it.
    for (let i = this.lo; i < this.hi && this.tokens[i]!.start < triggerStart; i++) {
      if (this.lex.denialVerbs.has(this.tokens[i]!.lemma.toLowerCase())) return { negated: true, note: `denied: "${this.tokens[i]!.norm}"` };
    }
    return { negated: false, note: null };
  }

  /**
   * The negation word the parse attaches to the trigger ("did not fund", "was never funded", "no support"),
   * or to a verb it depends on by control ("did not try to fund"); null for none. "Not only" is no negation.
   */
  private negationFromParse(triggerStart: number): string | null {
    const { tree } = this.context.article;
    let v = -1;
    for (let i = this.lo; i < this.hi && v < 0; i++) if (this.tokens[i]!.start === triggerStart) v = i;
    for (let steps = 0; v >= 0 && steps < 4; steps++) {
      for (const c of tree.childView(v)) {
        const t = this.tokens[c]!;
        if (this.lex.negations.has(t.norm) && !(t.norm === 'not' && this.tokens[c + 1]?.norm === 'only')) return t.norm;
      }
      const t = this.tokens[v]!;
      if (t.head === null || t.dep !== 'xcomp') break;
      v = t.head;
    }
    return null;
  }


  /** A question ("?", "whether") or a condition ("if", "unless") over the trigger. */
  modality(triggerStart: number, sentence: Sentence): Relation['modality'] {
    const tail = this.text.slice(sentence.start, sentence.end).replace(/["”’'»)\]\s]+$/u, '');
    if (tail.endsWith('?')) return 'question';
    let conditional = false;
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      const t = this.tokens[i]!;
      if (t.start >= triggerStart) {
        // "X would sanction Y if …": the consequent of a condition is not asserted either.
        if (this.lex.conditionals.has(t.norm) && t.norm !== 'should' && (t.pos === 'SCONJ' || t.pos === 'ADP')) {
          const before = this.tokens.slice(sentence.tokenStart, i).some((x) => x.start < triggerStart && (x.norm === 'would' || x.norm === 'will' || x.norm === "'d"));
          if (before) conditional = true;
        }
        continue;
      }
      if (this.lex.questions.has(t.norm)) return 'question';
      if (this.lex.conditionals.has(t.norm) && t.norm !== 'should') conditional = true;
    }
    return conditional ? 'conditional' : 'asserted';
  }
}

/**
 * The he/she pronouns the source stage read, by "start:end": the person entity its source is (found through
 * the source's named mentions), or null when the source stage left it unresolved.
 */
function pronounsFromSources(
  tokens: readonly Token[],
  sources: readonly Source[],
  mentions: readonly SourceMention[],
  mentionAt: ReadonlyArray<EntityMention | undefined>,
  byId: ReadonlyMap<string, Entity>,
): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const byIdSource = new Map(sources.map((x) => [x.id, x]));
  // Each source's person entity, from the first of its named mentions that covers one (one pass).
  const personOf = new Map<string, string>();
  for (const m of mentions) {
    if (m.reference !== 'name' || personOf.has(m.source)) continue;
    for (let i = firstIndex(tokens.length, (k) => tokens[k]!.end <= m.start); i < tokens.length && tokens[i]!.start < m.end; i++) {
      const e = mentionAt[i] ? byId.get(mentionAt[i]!.entity) : undefined;
      if (e && e.type === 'person') {
        personOf.set(m.source, e.id);
        break;
      }
    }
  }
  for (const m of mentions) {
    if (m.reference !== 'pronoun' || !/^(?:he|she|him|her)$/i.test(m.evidence)) continue;
    const source = byIdSource.get(m.source);
    if (!source) continue;
    // Unresolved there is unresolved here; resolved to a person the entities know, that person.
    if (source.unresolved) out.set(`${m.start}:${m.end}`, null);
    else if (personOf.has(source.id)) out.set(`${m.start}:${m.end}`, personOf.get(source.id)!);
  }
  return out;
}
