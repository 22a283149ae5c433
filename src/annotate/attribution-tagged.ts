/**
 * Attribution by the trained tagger, combined with the rules. The tagger (trained on PolNeAR, see
 * scripts/train-attribution.ts) finds more relations and PolNeAR's span boundaries; the rules bring what a
 * univocal tag sequence cannot hold: nested sources ("Quoting X, the report adds…") and relation types.
 */
import type { Lexicons } from '../lexicons/index.js';
import type { Paragraph, Quote, Sentence, Token } from '../model/types.js';
import { overlaps, within } from '../model/spans.js';
import { linkNested, type RawAttribution } from './attribution.js';
import { buildContext } from './tagger/features.js';
import { deserialize, type PerceptronModel, type SerializedModel } from './tagger/perceptron.js';
import { groupRelations, paragraphRanges, tagParagraph } from './tagger/tagger.js';
import attributionModel from '../models/attribution.json' with { type: 'json' };

let model: PerceptronModel | null = null;
const PARTICIPLE = /(ed|en|wn|ld|id|ght|ung|ne)$/;

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
  for (const [from, to] of paragraphRanges(tokens, input.paragraphs)) {
    if (input.skip.has(tokens[from]!.sentence) && input.skip.has(tokens[to - 1]!.sentence)) continue;
    for (const r of groupRelations(tokens, from, tagParagraph(m, ctx, from, to))) {
      const cueTokens = within(tokens, r.cue.start, r.cue.end);
      const head = [...cueTokens].reverse().find((t) => t.pos === 'VERB' || t.pos === 'NOUN') ?? cueTokens[cueTokens.length - 1];
      const isQuote = input.quotes.some((q) => q.start === r.content.start && q.end === r.content.end);
      // In a passive cue ("They are believed to…") the subject is what is believed, not who believes.
      const passive = cueTokens.some((t, k) => t.lemma.toLowerCase() === 'be' && cueTokens.slice(k + 1).some((v) => v.pos === 'VERB' && PARTICIPLE.test(v.norm)));
      if (passive && r.source && r.source.end <= r.cue.start) r.source = null;
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
 * (PolNeAR's boundaries), the union of both contents, and the rule's type; the tagger's other relations as they are; the rules' nested
 * "quoting" links re-attached to whatever their main relation became.
 */
export function combineAttributions(rules: readonly RawAttribution[], tagged: readonly RawAttribution[]): RawAttribution[] {
  const result: RawAttribution[] = [];
  const fromRule = new Map<RawAttribution, number>();
  const usedRules = new Set<RawAttribution>();
  for (const t of tagged) {
    const r = rules.find((x) => x.cueType !== 'quoting' && !usedRules.has(x) && overlaps(x.cue, t.cue));
    if (r) {
      usedRules.add(r);
      fromRule.set(r, result.length);
      // The widest reading of the content: the rule's clause often runs on past where the tagger stops
      // (measured on PolNeAR dev, this costs 1 point of exact content F1 and keeps claims whole).
      const content = { start: Math.min(r.content.start, t.content.start), end: Math.max(r.content.end, t.content.end) };
      result.push({ ...r, cue: t.cue, content, sourceSpan: t.sourceSpan ?? r.sourceSpan, rule: `${r.rule}+tagger`, parent: null });
    } else {
      result.push({ ...t });
    }
  }
  for (const r of rules) {
    if (usedRules.has(r) || r.cueType === 'quoting') continue;
    // A rule relation the tagger missed stays unless it collides with a tagged one.
    if (result.some((x) => overlaps(x.cue, r.cue) || (r.sourceSpan && x.sourceSpan && overlaps(x.sourceSpan, r.sourceSpan)) || overlaps(x.content, r.cue))) continue;
    fromRule.set(r, result.length);
    result.push({ ...r, parent: null });
  }
  for (const r of rules) {
    if (r.cueType !== 'quoting' || r.parent === null) continue;
    const main = fromRule.get(rules[r.parent]!);
    if (main === undefined) continue;
    result.push({ ...r, content: result[main]!.content, parent: main });
  }
  result.sort((a, b) => a.cue.start - b.cue.start);
  // Parent indices changed with the sort: recompute nesting (quoting links by their content and cue).
  const quotingParent = new Map<RawAttribution, RawAttribution>();
  for (const r of result) if (r.cueType === 'quoting' && r.parent !== null) quotingParent.set(r, result.find((x) => x !== r && x.content === r.content && x.cueType !== 'quoting')!);
  for (const r of result) r.parent = null;
  for (const [r, main] of quotingParent) if (main) r.parent = result.indexOf(main);
  linkNested(result);
  return result;
}
