/**
 * Attribution by the trained tagger, combined with the rules. The tagger (trained on PolNeAR, see
 * scripts/train-attribution.ts) finds more relations and PolNeAR's span boundaries; the rules bring what a
 * univocal tag sequence cannot hold: nested sources ("Quoting X, the report adds…") and relation types.
 */
import type { Lexicons } from '../lexicons/index.js';
import type { Paragraph, Quote, Sentence, Span, Token } from '../model/types.js';
import { firstIndex, overlaps, within } from '../model/spans.js';
import { linkNested, type RawAttribution } from './attribution.js';
import { buildContext, type FeatureContext } from './tagger/features.js';
import { deserialize, type PerceptronModel, type SerializedModel } from './tagger/perceptron.js';
import { groupRelations, paragraphRanges, tagParagraph } from './tagger/tagger.js';
import attributionModel from '../models/attribution.json' with { type: 'json' };

/** The shipped tagger's fingerprint (scripts/fingerprint.ts): what it was trained from. */
export const ATTRIBUTION_MODEL_FINGERPRINT: string = (attributionModel as { fingerprint?: { code?: string } }).fingerprint?.code ?? 'none';

let model: PerceptronModel | null = null;
const PARTICIPLE = /(ed|en|wn|ld|id|ght|ung|ne)$/;
const FUNCTION_POS: ReadonlySet<string> = new Set(['AUX', 'PART', 'DET', 'PRON', 'CCONJ', 'SCONJ']);

/** The shipped tagger model, decoded once on first use (a few milliseconds). */
export function attributionTagger(): PerceptronModel {
  model ??= deserialize(attributionModel as unknown as SerializedModel);
  return model;
}

export interface TaggerInput {
  text: string;
  tokens: readonly Token[];
  sentences: readonly Sentence[];
  paragraphs: readonly Paragraph[];
  quotes: readonly Quote[];
  rules: readonly RawAttribution[];
  lexicons: Lexicons;
  skip: ReadonlySet<number>;
  /** Defaults to the shipped model. */
  model?: PerceptronModel;
}

export function tagAttributions(input: TaggerInput): RawAttribution[] {
  const { text, tokens } = input;
  const m = input.model ?? attributionTagger();
  const ctx = buildContext(text, tokens, input.sentences, input.quotes, input.rules, input.lexicons);
  const out: RawAttribution[] = [];
  const quoteAt = new Map(input.quotes.map((q) => [q.start, q.end]));
  for (const [from, to] of paragraphRanges(tokens, input.paragraphs)) {
    if (input.skip.has(tokens[from]!.sentence) && input.skip.has(tokens[to - 1]!.sentence)) continue;
    // A paragraph with no cue word, quotation mark, colon or dash holds no attribution: skip decoding it.
    if (!mayAttribute(ctx, from, to)) continue;
    for (const r of groupRelations(tokens, from, tagParagraph(m, ctx, from, to))) {
      const cueTokens = within(tokens, r.cue.start, r.cue.end);
      // A cue of function words alone ("did not") reports nothing: the tagger took a verb group's edge for one.
      if (cueTokens.length > 0 && cueTokens.every((t) => FUNCTION_POS.has(t.pos))) continue;
      const head = [...cueTokens].reverse().find((t) => t.pos === 'VERB' || t.pos === 'NOUN') ?? cueTokens[cueTokens.length - 1];
      const isQuote = quoteAt.get(r.content.start) === r.content.end;
      // In a passive cue ("They are believed to…") the subject is what is believed, not who believes.
      const passive = cueTokens.some((t, k) => t.lemma.toLowerCase() === 'be' && cueTokens.slice(k + 1).some((v) => v.pos === 'VERB' && PARTICIPLE.test(v.norm)));
      if (passive && r.source && r.source.end <= r.cue.start) r.source = null;
      // A source span never runs back across a quotation mark: what precedes it is someone else's words.
      if (r.source) {
        const inside = text.slice(r.source.start, r.source.end);
        const cut = Math.max(...[...'"“”'].map((m) => inside.lastIndexOf(m)));
        if (cut >= 0) {
          let start = r.source.start + cut + 1;
          while (start < r.source.end && /[\s,]/.test(text[start]!)) start++;
          r.source = start < r.source.end ? { start, end: r.source.end } : null;
        }
      }
      // An article alone is no source ("An assessment of …": "An" tagged as the source of "assessment");
      // other determiners can be ("Some say", "Many believe").
      if (r.source && /^(a|an|the)$/i.test(text.slice(r.source.start, r.source.end))) r.source = null;
      out.push({
        sourceSpan: r.source,
        cue: r.cue,
        cueLemma: head ? head.lemma.toLowerCase() : text.slice(r.cue.start, r.cue.end).toLowerCase(),
        cueType: head?.pos === 'NOUN' ? 'noun' : /^[:—–-]$/.test(text.slice(r.cue.start, r.cue.end)) ? 'punctuation' : 'verb',
        content: r.content,
        type: isQuote ? 'direct' : 'indirect',
        rule: 'attribution/tagger',
        evidence: text.slice(r.cue.start, r.cue.end),
        score: 0.8,
        parent: null,
      });
    }
  }
  return out;
}

/**
 * One list of relations from both: where the tagger and a rule share a cue, the tagger's cue and source
 * (PolNeAR's boundaries), the tagger's content, and the rule's type; the tagger's other relations as they are; the rules' nested
 * "quoting" links re-attached to whatever their main relation became.
 */
export function combineAttributions(text: string, rules: readonly RawAttribution[], tagged: readonly RawAttribution[]): RawAttribution[] {
  const result: RawAttribution[] = [];
  const fromRule = new Map<RawAttribution, number>();
  const usedRules = new Set<RawAttribution>();
  // Rule relations by cue start, to find the one sharing a tagged cue without scanning them all.
  const ruleCues = rules.filter((r) => r.cueType !== 'quoting').sort((a, b) => a.cue.start - b.cue.start);
  const ruleCueStarts = ruleCues.map((r) => r.cue.start);
  for (const t of tagged) {
    let k = firstAtOrAfter(ruleCueStarts, t.cue.start - MAX_CUE_LENGTH);
    let r: RawAttribution | undefined;
    for (; k < ruleCues.length && ruleCues[k]!.cue.start < t.cue.end; k++) {
      const x = ruleCues[k]!;
      if (!usedRules.has(x) && overlaps(x.cue, t.cue)) {
        r = x;
        break;
      }
    }
    let cue = t.cue;
    let sourceSpan = t.sourceSpan;
    if (!r && t.sourceSpan) {
      // A rule's cue inside the tagger's source ("The report further states | that … also undermines"):
      // the tagger missed that cue and took a later verb for it. The rule's cue heads the relation, and
      // the source is what precedes it.
      const src = t.sourceSpan;
      let x: RawAttribution | undefined;
      for (let j = firstAtOrAfter(ruleCueStarts, src.start + 1); !x && j < ruleCues.length && ruleCues[j]!.cue.start < src.end; j++) {
        const y = ruleCues[j]!;
        if (!usedRules.has(y) && y.cue.end <= src.end && y.content.start >= y.cue.end) x = y;
      }
      if (x) {
        r = x;
        cue = x.cue;
        let end = x.cue.start;
        while (end > src.start && /\s/.test(text[end - 1]!)) end--;
        sourceSpan = end > src.start ? { start: src.start, end } : x.sourceSpan;
      }
    }
    if (r) {
      usedRules.add(r);
      fromRule.set(r, result.length);
      // The tagger knows where PolNeAR's content starts (after "told X on Tuesday") and where it ends: the
      // rule's clause runs on over coordinated clauses that PolNeAR gives to their own cues.
      // A parenthetical source ("The plan, he said, is dead") has content on both sides; the tagger's
      // univocal tags give it one side only.
      // So does a rule's content on both sides of its cue ("The plan is, according to one aide, dead"),
      // whose source ends at the comma.
      const surrounds = r.content.start < r.cue.start && r.content.end > r.cue.end;
      // Where the tagger's content runs into the rule's source ("According to a study published by Uganda’s |
      // leading newspaper Daily Monitor, “…”"), its boundaries contradict the sentence's structure: the rule's hold.
      const contradicts = r.cueType === 'according-to' && r.sourceSpan !== null && overlaps(t.content, r.sourceSpan);
      const content = surrounds || contradicts ? r.content : trimEnd(text, t.content);
      const source = surrounds || contradicts ? r.sourceSpan : (sourceSpan ?? r.sourceSpan);
      result.push({ ...r, cue, content, sourceSpan: source, rule: `${r.rule}+tagger`, parent: null });
    } else {
      result.push({ ...t, content: trimEnd(text, t.content) });
    }
  }
  // Characters already taken by the tagged relations' cues, sources and contents.
  let end = 0;
  for (const x of [...rules, ...result]) end = Math.max(end, x.content.end, x.cue.end, x.sourceSpan?.end ?? 0);
  const taken = new Uint8Array(end + 1);
  for (const x of result) {
    taken.fill(1, x.cue.start, x.cue.end);
    if (x.sourceSpan) taken.fill(1, x.sourceSpan.start, x.sourceSpan.end);
    taken.fill(2, x.content.start, x.content.end);
  }
  const anyTaken = (span: Span | null, level: number): boolean => {
    if (!span) return false;
    for (let c = span.start; c < span.end; c++) if (taken[c]! >= 1 && (level === 0 || taken[c] === 1)) return true;
    return false;
  };
  for (const r of rules) {
    if (usedRules.has(r) || r.cueType === 'quoting') continue;
    // A rule relation the tagger missed stays unless it collides with a tagged one.
    if (anyTaken(r.cue, 0) || anyTaken(r.sourceSpan, 1)) continue;
    fromRule.set(r, result.length);
    result.push({ ...r, parent: null });
  }
  const quotingMain = new Map<RawAttribution, RawAttribution>();
  for (const r of rules) {
    if (r.cueType !== 'quoting' || r.parent === null) continue;
    const main = fromRule.get(rules[r.parent]!);
    if (main === undefined) continue;
    const q = { ...r, content: result[main]!.content, parent: null };
    quotingMain.set(q, result[main]!);
    result.push(q);
  }
  result.sort((a, b) => a.cue.start - b.cue.start);
  // Indices changed with the sort: re-attach quoting links, then find the other nestings.
  const position = new Map(result.map((r, i) => [r, i]));
  for (const r of result) r.parent = null;
  for (const [q, main] of quotingMain) q.parent = position.get(main) ?? null;
  // A source names someone: not a lone letter such as the party in "(R-IN)".
  // Nor an existential or relative word the tagger took for one ("there", "which").
  for (const r of result) {
    const s = r.sourceSpan ? text.slice(r.sourceSpan.start, r.sourceSpan.end) : '';
    if (r.sourceSpan && (!/\p{L}{2}|^I$/u.test(s) || NOT_SOURCES.has(s.toLowerCase()))) r.sourceSpan = null;
  }
  linkNested(result);
  return result;
}

function mayAttribute(ctx: FeatureContext, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (ctx.priorBin[i] || ctx.cueBin[i] || ctx.shape[i] === 'q' || ctx.ruleRole[i]) return true;
    const w = ctx.tokens[i]!.norm;
    if (w === ':' || w === '—' || w === '―' || w === '–') return true;
  }
  return false;
}

/** Content ends before a sentence's closing punctuation, unless that sits inside a closing quote (PolNeAR). */
function trimEnd(text: string, span: Span): Span {
  let end = span.end;
  while (end > span.start && /[\s.,;:]/.test(text[end - 1]!)) end--;
  return { start: span.start, end };
}

const NOT_SOURCES = new Set(['there', 'here', 'where', 'when']);

/** Longest cue (in characters) a relation is expected to have; bounds the search for overlapping cues. */
const MAX_CUE_LENGTH = 200;

function firstAtOrAfter(sorted: readonly number[], value: number): number {
  return firstIndex(sorted.length, (i) => sorted[i]! < value);
}
