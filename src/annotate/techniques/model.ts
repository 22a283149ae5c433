/**
 * The propaganda-technique models and their use: span identification (SI) as BIO tagging with the
 * structured averaged perceptron of src/annotate/tagger/perceptron.ts, then technique classification
 * (TC) of each span by a multiclass averaged perceptron over named span features. Both are linear over
 * hashed features, so a trained model ships as data (src/models/techniques.json).
 */
import type { Span, Technique, TechniqueLabel } from '../../model/types.js';
import { balanceMarks } from '../../model/spans.js';
import { decode, decodingWeights, deserialize, emptyModel, rng, serialize, shuffle, toBuckets, type PerceptronModel, type SerializedModel } from '../tagger/perceptron.js';
import { buildContext, mix, siEmissions, tcFeatures, visitSentenceFeatures, type ArticleContext, type PriorLexicon, type TechniqueInput } from './features.js';

export const TECHNIQUES: readonly TechniqueLabel[] = [
  'Loaded_Language',
  'Name_Calling,Labeling',
  'Repetition',
  'Doubt',
  'Exaggeration,Minimisation',
  'Appeal_to_fear-prejudice',
  'Flag-Waving',
  'Causal_Oversimplification',
  'Appeal_to_Authority',
  'Slogans',
  'Whataboutism,Straw_Men,Red_Herring',
  'Black-and-White_Fallacy',
  'Bandwagon,Reductio_ad_hitlerum',
  'Thought-terminating_Cliches',
];

export const SI_LABELS = ['O', 'B', 'I'] as const;

/** SI labels for spans tagged by technique group: O, then B-g and I-g for each group g (B at odd indices). */
export function groupedSiLabels(groups: number): string[] {
  return ['O', ...Array.from({ length: groups }, (_, g) => [`B-${g}`, `I-${g}`]).flat()];
}

export interface TechniqueModel {
  /** Does a sentence hold propaganda? Its belief is a feature of span identification. */
  sentence: PerceptronModel | null;
  si: PerceptronModel;
  tc: PerceptronModel;
  prior: PriorLexicon;
  /** Scale of TC scores for the confidence (the median top-two margin on the training spans). */
  temperature: number;
}

export interface SerializedTechniqueModel {
  source: string;
  temperature: number;
  prior: Record<string, number>;
  sentence?: SerializedModel;
  si: SerializedModel;
  tc: SerializedModel;
}

export function serializeModel(model: TechniqueModel, source: string): SerializedTechniqueModel {
  const prior = Object.fromEntries([...model.prior].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
  return { source, temperature: Math.round(model.temperature * 1000) / 1000, prior, ...(model.sentence ? { sentence: serialize(model.sentence, 0.01) } : {}), si: serialize(model.si, 0.01), tc: serialize(model.tc, 0.01) };
}

export function deserializeModel(data: SerializedTechniqueModel): TechniqueModel {
  if (!data || typeof data.prior !== 'object' || !data.si || !data.tc) throw new Error('corrupt technique model: missing prior, si or tc');
  const tc = deserialize(data.tc);
  if (tc.labels.length !== TECHNIQUES.length || tc.labels.some((l, i) => l !== TECHNIQUES[i])) throw new Error('corrupt technique model: unexpected technique labels');
  return { sentence: data.sentence ? deserialize(data.sentence) : null, si: deserialize(data.si), tc, prior: new Map(Object.entries(data.prior)), temperature: data.temperature > 0 ? data.temperature : 1 };
}

/**
 * Shifts the SI model's preference for "outside" (positive: fewer, shorter spans) and for a B after "outside"
 * or at the start of a sentence (negative: fewer, longer spans; an I after O
 * still opens a span, as identifySpans reads labels). Returns a copy.
 */
export function withOutsideBias(model: PerceptronModel, bias: number, startBias = 0): PerceptronModel {
  const copy = { ...model, weights: model.weights.slice(), transitions: model.transitions.slice() };
  const L = model.labels.length;
  const biasBucket = mix(1, 0) & (model.buckets - 1);
  copy.weights[biasBucket * L]! += bias;
  // Transitions into every B label (the odd ones) from O (row 0) and from the start row (row L).
  for (let y = 1; y < L; y += 2) {
    copy.transitions[y]! += startBias;
    copy.transitions[L * L + y]! += startBias;
  }
  return copy;
}

/** Log-odds that a sentence holds propaganda, under a two-class sentence model. */
export function sentenceLogit(sentence: PerceptronModel, ctx: ArticleContext, index: number): number {
  // Summed as the features are made (no feature array per sentence), in the same order: the same sum.
  const w = sentence.weights;
  let none = 0;
  let propaganda = 0;
  visitSentenceFeatures(ctx, index, sentence.buckets, (b) => {
    none += w[b * 2]!;
    propaganda += w[b * 2 + 1]!;
  });
  return propaganda - none;
}

/** Probability (binned 0…5) that a sentence holds propaganda, from its log-odds. */
export function sentenceBin(logit: number): number {
  const p = 1 / (1 + Math.exp(-logit));
  return p < 0.1 ? 0 : p < 0.2 ? 1 : p < 0.35 ? 2 : p < 0.5 ? 3 : p < 0.7 ? 4 : 5;
}

/** Propaganda spans found by the SI model in the sentences not in `skip`. */
export function identifySpans(model: TechniqueModel, ctx: ArticleContext, skip?: ReadonlySet<number>): Span[] {
  const { tokens, sentences } = ctx.input;
  const out: Span[] = [];
  for (const s of sentences) {
    if (skip?.has(s.index) || s.tokenEnd <= s.tokenStart) continue;
    if (model.sentence) ctx.sentenceScore[s.index] = sentenceBin(sentenceLogit(model.sentence, ctx, s.index));
    // A sentence the sentence model all but rules out (p < 0.1: a fifth of the tokens) is not decoded:
    // 5-fold SI F1 is the same with and without (0.402), and the stage is cheaper.
    if (ctx.sentenceScore[s.index] === 0) continue;
    const labels = decode(model.si, siEmissions(ctx, s.tokenStart, s.tokenEnd, model.si), s.tokenEnd - s.tokenStart);
    // A span shown to a reader does not cut a bracket or quotation in half when its partner is a mark or two away.
    const close = (span: Span) => {
      const balanced = balanceMarks(ctx.input.text, span, s);
      const last = out[out.length - 1];
      // Widening may reach the previous span of the sentence: they become one.
      if (last && last.end > balanced.start) last.end = Math.max(last.end, balanced.end);
      else out.push(balanced);
    };
    let open: Span | null = null;
    for (let k = 0; k < labels.length; k++) {
      const t = tokens[s.tokenStart + k]!;
      const y = labels[k]!;
      if (y === 0) {
        if (open) close(open);
        open = null;
      } else if (!open || (y % 2 === 1 && open.end < t.start)) {
        // A B label opens a new span, except right against the open one ("political-" + "military
        // leadership"): a span never ends inside a word.
        if (open) close(open);
        open = { start: t.start, end: t.end };
      } else open.end = t.end;
    }
    if (open) close(open);
  }
  return out;
}

export interface Classified {
  /** Techniques best first, with a confidence in [0, 1] (softmax of the scores over the temperature). */
  ranked: Array<{ technique: TechniqueLabel; score: number }>;
  /** The features that pushed most towards the best technique. */
  evidence: string[];
}

export function classifySpan(model: TechniqueModel, ctx: ArticleContext, span: Span): Classified {
  const features = tcFeatures(ctx, span);
  const buckets = toBuckets(features, model.tc.buckets);
  const L = TECHNIQUES.length;
  const { q, shift, scale } = decodingWeights(model.tc);
  // Each technique's score, from the decoding weights (integers: the sums are exact).
  const scores = new Float64Array(L);
  for (const b of buckets) for (let y = 0; y < L; y++) scores[y]! += q[(b << shift) + y]!;
  for (let y = 0; y < L; y++) scores[y] = scores[y]! / scale;
  let max = -Infinity;
  for (let y = 0; y < L; y++) if (scores[y]! > max) max = scores[y]!;
  const exp = new Float64Array(L);
  let sum = 0;
  for (let y = 0; y < L; y++) sum += exp[y] = Math.exp((scores[y]! - max) / model.temperature);
  // Best score first, ties to the earlier technique (an insertion sort: stable, and no closure per span).
  const order = new Array<number>(L);
  for (let y = 0; y < L; y++) {
    let k = y;
    while (k > 0 && scores[order[k - 1]!]! < scores[y]!) {
      order[k] = order[k - 1]!;
      k--;
    }
    order[k] = y;
  }
  const ranked = order.map((y) => ({ technique: TECHNIQUES[y]!, score: exp[y]! / sum }));
  const best = order[0]!;
  // A feature's pull towards the label: its weight there above its mean weight over all labels.
  const pulls: Array<{ name: string; w: number }> = [];
  for (let k = 0; k < features.length; k++) {
    const base = buckets[k]! << shift;
    let total = 0;
    for (let y = 0; y < L; y++) total += q[base + y]!;
    const pull = (q[base + best]! - total / L) / scale;
    if (pull > 0 && features[k] !== 'bias') pulls.push({ name: features[k]!, w: pull });
  }
  const evidence = pulls
    .sort((a, b) => b.w - a.w || (a.name < b.name ? -1 : 1))
    .slice(0, 3)
    .map((x) => x.name);
  return { ranked, evidence };
}

/** Technique findings of an article (without ids), in text order. */
export function detectTechniques(model: TechniqueModel, input: TechniqueInput, skip?: ReadonlySet<number>): Array<Omit<Technique, 'id'>> {
  if (input.tokens.length === 0) return [];
  const ctx = buildContext(input, model.prior);
  return identifySpans(model, ctx, skip).map((span) => {
    const { ranked, evidence } = classifySpan(model, ctx, span);
    return {
      start: span.start,
      end: span.end,
      text: input.text.slice(span.start, span.end),
      technique: ranked[0]!.technique,
      score: Math.round(ranked[0]!.score * 1000) / 1000,
      rule: 'technique/model',
      evidence: evidence.length ? evidence.join(', ') : 'model',
    };
  });
}

// ---------------------------------------------------------------------------------------------------
// Training of the multiclass classifier (the structured perceptron trains SI).

/** Multiclass averaged perceptron (same averaging as the structured one). Transitions stay zero. */
export function trainClassifier(
  labels: readonly string[],
  buckets: number,
  data: ReadonlyArray<{ features: Int32Array; gold: number }>,
  options: { epochs: number; seed: number },
): PerceptronModel {
  const model = emptyModel(labels, buckets);
  const L = labels.length;
  const w = model.weights;
  const u = new Float32Array(w.length);
  let c = 1;
  const order = data.map((_, i) => i);
  const random = rng(options.seed);
  const scores = new Float64Array(L);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const k of order) {
      const { features, gold } = data[k]!;
      scores.fill(0);
      for (const b of features) for (let y = 0; y < L; y++) scores[y]! += w[b * L + y]!;
      let guess = 0;
      for (let y = 1; y < L; y++) if (scores[y]! > scores[guess]!) guess = y;
      if (guess !== gold) {
        for (const b of features) {
          w[b * L + gold]! += 1;
          u[b * L + gold]! += c;
          w[b * L + guess]! -= 1;
          u[b * L + guess]! -= c;
        }
      }
      c++;
    }
  }
  for (let i = 0; i < w.length; i++) w[i] = w[i]! - u[i]! / c;
  return model;
}

/**
 * Multinomial logistic regression by AdaGrad over the same hashed features, with the weights averaged over
 * updates as the perceptron's are; the model has the perceptron's shape, so it ships the same way.
 */
export function trainSoftmax(
  labels: readonly string[],
  buckets: number,
  data: ReadonlyArray<{ features: Int32Array; gold: number }>,
  options: { epochs: number; seed: number; rate: number },
): PerceptronModel {
  const model = emptyModel(labels, buckets);
  const L = labels.length;
  const w = model.weights;
  const u = new Float32Array(w.length);
  const g2 = new Float32Array(w.length).fill(1e-6);
  let c = 1;
  const order = data.map((_, i) => i);
  const random = rng(options.seed);
  const p = new Float64Array(L);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const k of order) {
      const { features, gold } = data[k]!;
      p.fill(0);
      for (const b of features) for (let y = 0; y < L; y++) p[y]! += w[b * L + y]!;
      let max = -Infinity;
      for (let y = 0; y < L; y++) max = Math.max(max, p[y]!);
      let sum = 0;
      for (let y = 0; y < L; y++) sum += p[y] = Math.exp(p[y]! - max);
      for (let y = 0; y < L; y++) {
        const grad = p[y]! / sum - (y === gold ? 1 : 0);
        if (Math.abs(grad) < 1e-4) continue;
        for (const b of features) {
          const at = b * L + y;
          g2[at]! += grad * grad;
          const delta = (-options.rate * grad) / Math.sqrt(g2[at]!);
          w[at]! += delta;
          u[at]! += c * delta;
        }
      }
      c++;
    }
  }
  for (let i = 0; i < w.length; i++) w[i] = w[i]! - u[i]! / c;
  return model;
}

export { buildContext };
