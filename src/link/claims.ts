/**
 * Claims and their chains. Each sentence's asserted content becomes a claim: the content of the
 * attribution that covers it, or the sentence itself in the article's own voice. A claim's chain runs
 * from the outlet to the innermost source, following nested attributions outward-in. A sentence that
 * goes on with reported speech without a cue of its own inherits the chain, marked `continued`.
 */
import type { Attribution, Claim, Hedge, Quote, Region, Sentence, Source, SourcingProfile, Span, Token } from '../model/types.js';
import { OUTLET_SOURCE_ID } from '../annotate/sources.js';
import { firstEndingAfter, overlaps, spanAt } from '../model/spans.js';

export interface ClaimInput {
  text: string;
  sentences: readonly Sentence[];
  tokens: readonly Token[];
  regions: readonly Region[];
  attributions: readonly Attribution[];
  hedges: readonly Hedge[];
  skip: ReadonlySet<number>;
  /** Quotations (speech, not scare quotes, are read): a claim inside one is someone's own words. */
  quotes?: readonly Quote[];
}

/** Sentences opening with these words continue the reported speech of the sentence before. */
const CONTINUING_SUBJECTS = new Set(['they', 'he', 'she', 'it', 'their', 'his', 'her', 'its']);

export function chainOf(attribution: Attribution, byId: ReadonlyMap<string, Attribution>): string[] {
  const inner: string[] = [];
  const seen = new Set<string>();
  for (let a: Attribution | undefined = attribution; a && !seen.has(a.id); a = a.parent ? byId.get(a.parent) : undefined) {
    seen.add(a.id);
    if (a.source) inner.unshift(a.source);
  }
  const chain = [OUTLET_SOURCE_ID];
  for (const id of inner) if (chain[chain.length - 1] !== id) chain.push(id);
  return chain;
}


function trim(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

const LETTER = /[\p{L}\p{N}]/u;

/**
 * A content extent that runs over its own cue and source ("“The roads are impassable,” said Mayor Ortiz.
 * “Nobody should drive”", one relation across two sentences) would put "said Mayor Ortiz" in the claim.
 * When the cue and source stand at one end of the piece, the claim is the rest; when content surrounds
 * them in the sentence ("The plan, he said, is dead") the piece stays whole, as a span cannot skip them.
 */
export function withoutFrame(text: string, span: Span, a: Pick<Attribution, 'cue' | 'sourceSpan'>): Span {
  const frame = a.sourceSpan && Math.abs(a.sourceSpan.start - a.cue.start) < 200
    ? { start: Math.min(a.cue.start, a.sourceSpan.start), end: Math.max(a.cue.end, a.sourceSpan.end) }
    : a.cue;
  if (!(frame.start >= span.start && frame.end <= span.end)) return span;
  const before = text.slice(span.start, frame.start);
  const after = text.slice(frame.end, span.end);
  if (LETTER.test(before) && !LETTER.test(after)) return trimPunctuation(text, span.start, frame.start);
  if (!LETTER.test(before) && LETTER.test(after)) return trimPunctuation(text, frame.end, span.end);
  return span;
}

/** Trims spaces, and the commas or dashes that joined the content to its cue. */
function trimPunctuation(text: string, start: number, end: number): Span {
  let s = trim(text, start, end);
  while (s.end > s.start && /[,;:—–-]/.test(text[s.end - 1]!)) s = trim(text, s.start, s.end - 1);
  while (s.end > s.start && /[,;:—–-]/.test(text[s.start]!)) s = trim(text, s.start + 1, s.end);
  return s;
}

export function buildClaims(input: ClaimInput): Claim[] {
  const { text, sentences, tokens, regions, attributions, hedges, skip } = input;
  // Outer quotations are sorted and never overlap: each look-up is a binary search.
  const speech = (input.quotes ?? []).filter((q) => q.depth === 0 && !q.scare);
  /** The outer quotation holding the span, if any. */
  const quoteAround = (span: Span): Quote | undefined => {
    const q = spanAt(speech, span.start);
    return q && span.end <= q.end ? q : undefined;
  };
  const byId = new Map(attributions.map((a) => [a.id, a]));
  // Attributions, cues and hedges by sentence, so each sentence looks only at its own.
  const contentIn = sentences.map((): Attribution[] => []);
  const cueIn = new Set<number>();
  const hedgesIn = sentences.map((): Hedge[] => []);
  // Claims rest on reports with a source; stances ("X supports Y") and sourceless cues carry no chain.
  for (const a of attributions) {
    if (!a.reported || a.source === null) continue;
    for (let i = firstEndingAfter(sentences, a.content.start); i < sentences.length && sentences[i]!.start < a.content.end; i++) contentIn[i]!.push(a);
    const cueSentence = spanAt(sentences, a.cue.start);
    if (cueSentence && a.cue.end <= cueSentence.end) cueIn.add(cueSentence.index);
  }
  for (const h of hedges) {
    const i = spanAt(sentences, h.start)?.index;
    if (i !== undefined) hedgesIn[i]!.push(h);
  }
  const headline = regions.find((r) => r.kind === 'headline');
  const datelines = regions.filter((r) => r.kind === 'dateline');
  const claims: Claim[] = [];
  type Previous = { claim: Claim; paragraph: number; sentence: number; direct: boolean };
  let previous = null as Previous | null;

  for (const sentence of sentences) {
    if (skip.has(sentence.index)) continue;
    const inHeadline = headline !== undefined && sentence.start >= headline.start && sentence.end <= headline.end;
    // Innermost attributions whose content covers part of this sentence.
    const here = contentIn[sentence.index]!;
    const covering = here
      .filter((a) => !here.some((c) => c.parent === a.id))
      .sort((a, b) => a.content.start - b.content.start || a.content.end - b.content.end);
    const made: Claim[] = [];
    const newClaim = (span: Span, chain: string[], attribution: string | null, continued: boolean): Claim => ({
      id: `c${claims.length + made.length}`,
      start: span.start,
      end: span.end,
      text: text.slice(span.start, span.end),
      sentence: sentence.index,
      chain,
      attribution,
      continued,
      headline: inHeadline,
      hedges: [],
      techniques: [],
      // Scored by the check-worthiness stage, which reads the claims with everything found about them.
      checkworthiness: 0,
    });

    for (const a of covering) {
      const span = withoutFrame(text, trim(text, Math.max(a.content.start, sentence.start), Math.min(a.content.end, sentence.end)), a);
      // A piece without a word (a stray quotation mark at the extent's edge) is no claim.
      if (!LETTER.test(text.slice(span.start, span.end)) || made.some((c) => overlaps(c, span))) continue;
      made.push(newClaim(span, chainOf(a, byId), a.id, false));
    }

    // Quoted words are direct speech whatever relation found them (the tagger's content may also hold the frame).
    let direct = made.length > 0 && (covering.some((a) => a.type === 'direct') || made.every((c) => quoteAround(c) !== undefined));
    if (made.length === 0) {
      const hasCue = cueIn.has(sentence.index);
      const ts = tokens.slice(sentence.tokenStart, sentence.tokenEnd);
      // Either tagger's verb will do: wink's misses some ("Linksys overtook Cisco"), the parser's tagger others.
      const hasVerb = ts.some((t) => t.pos === 'VERB' || t.pos === 'AUX' || t.upos === 'VERB' || t.upos === 'AUX');
      const dateline = datelines.find((d) => d.start >= sentence.start && d.start < sentence.end);
      const start = dateline ? Math.max(sentence.start, dateline.end) : sentence.start;
      const span = trim(text, start, sentence.end);
      const firstWord = ts.find((t) => t.start >= span.start && /\p{L}/u.test(t.norm));
      const opensQuote = /^["“„«]/u.test(text.slice(span.start, span.start + 1));
      const prev = previous;
      const inQuote = quoteAround(span);
      const continues =
        prev !== null &&
        prev.claim.chain.length > 1 &&
        prev.sentence === sentence.index - 1 &&
        !hasCue &&
        ((prev.paragraph === sentence.paragraph && firstWord !== undefined && CONTINUING_SUBJECTS.has(firstWord.norm)) ||
          // A further quoted paragraph after a quoted speaker goes on in that speaker's voice.
          (prev.direct && opensQuote && sentence.paragraph - prev.paragraph <= 1) ||
          // Still inside the quotation the previous claim is in (a quote running over paragraphs: each
          // quoted paragraph opens with a mark, only the last one closes).
          (inQuote !== undefined && inQuote === quoteAround(prev.claim)));
      if (span.end > span.start && (hasVerb || inHeadline) && !hasCue) {
        if (continues && prev) {
          made.push(newClaim(span, prev.claim.chain, prev.claim.attribution, true));
          direct = prev.direct && opensQuote;
        } else {
          made.push(newClaim(span, [OUTLET_SOURCE_ID], null, false));
        }
      }
    }

    // Hedges inside a claim qualify it; hedges elsewhere in the sentence (on the cue) qualify all its claims.
    for (const h of hedgesIn[sentence.index]!) {
      const inside = made.filter((c) => h.start >= c.start && h.end <= c.end);
      for (const c of inside.length > 0 ? inside : made) c.hedges.push({ start: h.start, end: h.end, text: h.text });
    }
    for (const c of made) {
      claims.push(c);
      previous = { claim: c, paragraph: sentence.paragraph, sentence: sentence.index, direct };
    }
    if (made.length === 0) previous = null;
  }
  return claims;
}

export function sourcingProfile(claims: readonly Claim[], sources: readonly Source[]): SourcingProfile {
  const byId = new Map(sources.map((s) => [s.id, s]));
  const profile: SourcingProfile = { claims: claims.length, ownVoice: 0, named: 0, anonymous: 0, unnamedOther: 0, hedged: 0, longestChain: [] };
  for (const c of claims) {
    if (c.hedges.length > 0) profile.hedged++;
    if (c.chain.length > profile.longestChain.length) profile.longestChain = c.chain;
    const origin = byId.get(c.chain[c.chain.length - 1]!);
    if (c.chain.length === 1 || !origin) profile.ownVoice++;
    else if (origin.kind === 'anonymous') profile.anonymous++;
    else if (origin.named && !origin.unresolved) profile.named++;
    else profile.unnamedOther++;
  }
  return profile;
}
