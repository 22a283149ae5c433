/**
 * Training of the technique models from PTC-style data (articles with labelled spans in UTF-16 offsets).
 * Pure and deterministic: the same articles in the same order and the same seed give the same model.
 * Used by scripts/train-techniques.ts (final model and cross-validation) and the training test.
 */
import { findQuotes } from '../quotes.js';
import { segment } from '../../segment/segment.js';
import type { Span, TechniqueLabel } from '../../model/types.js';
import { mergeSpans, type LabelledSpan } from '../../eval/techniques.js';
import { toBuckets, train } from '../tagger/perceptron.js';
import { buildContext, sentenceFeatures, siFeatures, tcFeatures, type TechniqueInput } from './features.js';
import { classifySpan, groupedSiLabels, identifySpans, sentenceBin, sentenceLogit, SI_LABELS, TECHNIQUES, trainClassifier, trainSoftmax, withOutsideBias, type TechniqueModel } from './model.js';

export interface TrainingArticle {
  id: string;
  input: TechniqueInput;
  /** Gold technique spans, UTF-16 offsets. */
  gold: LabelledSpan[];
}

/** Segments an article as the pipeline does (tokens, sentences, quotes). */
export function prepareInput(text: string): TechniqueInput {
  const { paragraphs, sentences, tokens } = segment(text);
  return { text, tokens, sentences, quotes: findQuotes(text, paragraphs) };
}

export interface TrainOptions {
  seed: number;
  siEpochs: number;
  tcEpochs: number;
  siBuckets: number;
  tcBuckets: number;
  /**
   * Added to the SI model's "outside" bias, per 10,000 training sentences (the averaged weights grow with
   * the data): negative values trade precision for recall.
   */
  outsideBias: number;
  /** Added to the SI transitions into a span's first token from outside or the sentence start, scaled likewise. */
  startBias?: number;
  /** The technique classifier's learner: softmax regression (better by 2 points in CV) or averaged perceptron. */
  tcLearner?: 'perceptron' | 'softmax';
  tcRate?: number;
  /**
   * Technique groups the span tagger tells apart (B-g, I-g per group; a technique in no group goes to the
   * last one); empty: one B and one I for every span.
   */
  siGroups?: ReadonlyArray<readonly string[]>;
  /** Cross-fitting of the prior lexicon over this many parts of the training articles (1: none). */
  priorParts?: number;
  /** Epochs of the sentence model (0: none) and its hash buckets. */
  sentenceEpochs: number;
  sentenceBuckets: number;
  /** AdaGrad rate of the sentence model (in 5-fold CV the sentence AUC is 0.771 at 0.01 against 0.742 at 0.05, same features). */
  sentenceRate?: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  seed: 20200912,
  siEpochs: 8,
  tcEpochs: 25,
  siBuckets: 1 << 16,
  tcBuckets: 1 << 16,
  // Both SI biases chosen by 5-fold cross-validation on PTC train (scripts/train-techniques.ts --cv 5 --bias=… --start=…).
  outsideBias: -250,
  startBias: -150,
  // Word-level, phrase-level and argument-level techniques get their own span labels: their spans differ
  // in length and make (5-fold SI F1 0.412 with one label pair, 0.419 with two groups, 0.425 with these
  // three, 0.421 with Loaded_Language and Name_Calling apart).
  siGroups: [
    ['Loaded_Language', 'Name_Calling,Labeling'],
    ['Repetition', 'Slogans', 'Flag-Waving', 'Exaggeration,Minimisation', 'Thought-terminating_Cliches'],
    [],
  ],
  tcLearner: 'softmax',
  tcRate: 0.04,
  priorParts: 4,
  sentenceEpochs: 6,
  sentenceBuckets: 1 << 16,
  sentenceRate: 0.01,
};

/**
 * The prior lexicon: for each lemma seen at least 3 times in the training articles, a bin of how often it
 * lies inside a propaganda span (1: under 10 %, 2: under 25 %, 3: under 45 %, 4: more).
 */
export function derivePrior(articles: readonly TrainingArticle[]): Map<string, number> {
  const seen = new Map<string, [number, number]>();
  for (const a of articles) {
    const gold = mergeSpans(a.gold);
    let g = 0;
    for (const t of a.input.tokens) {
      while (g < gold.length && gold[g]!.end <= t.start) g++;
      const inside = g < gold.length && gold[g]!.start < t.end ? 1 : 0;
      const key = t.lemma.toLowerCase();
      const c = seen.get(key) ?? [0, 0];
      c[0] += 1;
      c[1] += inside;
      seen.set(key, c);
    }
  }
  const prior = new Map<string, number>();
  for (const [lemma, [n, inside]] of [...seen].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (n < 3) continue;
    const rate = inside / n;
    prior.set(lemma, rate < 0.1 ? 1 : rate < 0.25 ? 2 : rate < 0.45 ? 3 : 4);
  }
  return prior;
}

/**
 * Grouped BIO labels: as bioLabels, with the label pair of the group of the longest gold span over the
 * token (group g: B = 2g + 1, I = 2g + 2).
 */
export function groupedBioLabels(input: TechniqueInput, from: number, to: number, merged: readonly Span[], gold: readonly LabelledSpan[], groupOf: (technique: string) => number): Int32Array {
  const out = bioLabels(input, from, to, merged);
  for (let i = from; i < to; i++) {
    const y = out[i - from]!;
    if (y === 0) continue;
    const t = input.tokens[i]!;
    let longest: LabelledSpan | null = null;
    for (const g of gold) if (g.start < t.end && t.start < g.end && (!longest || g.end - g.start > longest.end - longest.start)) longest = g;
    const group = longest ? groupOf(longest.technique) : 0;
    out[i - from] = y + 2 * group;
  }
  return out;
}

/** BIO labels of tokens [from, to) against merged gold spans: a token is inside when half of it is. */
export function bioLabels(input: TechniqueInput, from: number, to: number, merged: readonly Span[]): Int32Array {
  const out = new Int32Array(to - from);
  let prevSpan = -1;
  for (let i = from; i < to; i++) {
    const t = input.tokens[i]!;
    const k = merged.findIndex((g) => g.start < t.end && t.start < g.end);
    if (k < 0) {
      prevSpan = -1;
      continue;
    }
    const g = merged[k]!;
    const shared = Math.min(g.end, t.end) - Math.max(g.start, t.start);
    if (shared * 2 < t.end - t.start) {
      prevSpan = -1;
      continue;
    }
    out[i - from] = k === prevSpan ? 2 : 1;
    prevSpan = k;
  }
  return out;
}

export function trainTechniqueModel(articles: readonly TrainingArticle[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): TechniqueModel {
  const prior = derivePrior(articles);
  // Each training article sees a prior derived from the other parts only (cross-fitting): a prior that
  // includes the article's own spans would be over-trusted in training and let down on new text.
  const parts = options.priorParts ?? 4;
  const priors = Array.from({ length: parts }, (_, p) => (parts > 1 ? derivePrior(articles.filter((_, i) => i % parts !== p)) : prior));
  const siData: Array<{ seq: Int32Array[]; gold: Int32Array }> = [];
  const tcData: Array<{ features: Int32Array; gold: number }> = [];
  const contexts = articles.map((a, i) => buildContext(a.input, priors[i % parts]!));
  // The sentence model, and its beliefs about the training sentences cross-fitted in the same parts (a
  // model's belief about sentences it was trained on would be over-trusted by the span tagger).
  const sentenceData = (keep: (i: number) => boolean) =>
    articles.flatMap((a, i) => {
      if (!keep(i)) return [];
      const merged = mergeSpans(a.gold);
      return a.input.sentences
        .filter((s) => s.tokenEnd > s.tokenStart)
        .map((s) => ({ features: sentenceFeatures(contexts[i]!, s.index, options.sentenceBuckets), gold: merged.some((g) => g.start < s.end && s.start < g.end) ? 1 : 0 }));
    });
  const trainSentences = (keep: (i: number) => boolean) =>
    trainSoftmax(['none', 'propaganda'], options.sentenceBuckets, sentenceData(keep), { epochs: options.sentenceEpochs, seed: options.seed + 2, rate: options.sentenceRate ?? 0.05 });
  const sentence = options.sentenceEpochs > 0 ? trainSentences(() => true) : null;
  if (sentence) {
    // With no cross-fitting of the prior, still two halves (by article parity) for the sentence model.
    const folds = Math.max(parts, 2);
    for (let p = 0; p < folds; p++) {
      const inPart = (i: number) => i % folds === p;
      const model = trainSentences((i) => !inPart(i));
      articles.forEach((a, i) => {
        if (!inPart(i)) return;
        for (const s of a.input.sentences) if (s.tokenEnd > s.tokenStart) contexts[i]!.sentenceScore[s.index] = sentenceBin(sentenceLogit(model, contexts[i]!, s.index));
      });
    }
  }
  const groups = options.siGroups ?? [];
  const groupOf = (technique: string) => {
    const g = groups.findIndex((members) => members.includes(technique));
    return g < 0 ? groups.length - 1 : g;
  };
  articles.forEach((a, k) => {
    const ctx = contexts[k]!;
    const merged = mergeSpans(a.gold);
    for (const s of a.input.sentences) {
      if (s.tokenEnd <= s.tokenStart) continue;
      // Only the gold spans near the sentence, so labelling stays linear in the article.
      const near = merged.filter((g) => g.start < s.end && s.start < g.end);
      const gold = groups.length
        ? groupedBioLabels(a.input, s.tokenStart, s.tokenEnd, near, a.gold.filter((g) => g.start < s.end && s.start < g.end), groupOf)
        : bioLabels(a.input, s.tokenStart, s.tokenEnd, near);
      siData.push({ seq: siFeatures(ctx, s.tokenStart, s.tokenEnd, options.siBuckets), gold });
    }
    for (const g of a.gold) {
      const y = TECHNIQUES.indexOf(g.technique as TechniqueLabel);
      if (y < 0) continue;
      tcData.push({ features: toBuckets(tcFeatures(ctx, g), options.tcBuckets), gold: y });
    }
  });
  const si = withOutsideBias(train(groups.length ? groupedSiLabels(groups.length) : SI_LABELS, options.siBuckets, siData, { epochs: options.siEpochs, seed: options.seed }), (options.outsideBias * siData.length) / 10000, ((options.startBias ?? 0) * siData.length) / 10000);
  const tc =
    options.tcLearner !== 'perceptron'
      ? trainSoftmax(TECHNIQUES, options.tcBuckets, tcData, { epochs: options.tcEpochs, seed: options.seed + 1, rate: options.tcRate ?? 0.1 })
      : trainClassifier(TECHNIQUES, options.tcBuckets, tcData, { epochs: options.tcEpochs, seed: options.seed + 1 });
  // Temperature: the median margin between the two best techniques on the training spans.
  const L = TECHNIQUES.length;
  const margins = tcData
    .map(({ features }) => {
      const s = new Float64Array(L);
      for (const b of features) for (let y = 0; y < L; y++) s[y]! += tc.weights[b * L + y]!;
      const sorted = [...s].sort((a, b) => b - a);
      return sorted[0]! - sorted[1]!;
    })
    .sort((a, b) => a - b);
  const temperature = margins.length ? Math.max(1e-3, margins[margins.length >> 1]!) : 1;
  return { sentence, si, tc, prior, temperature };
}

/** What a model predicts for a held-out article: SI spans, and TC labels ranked for each gold span. */
export function predictArticle(model: TechniqueModel, article: TrainingArticle): { spans: Span[]; ranked: (span: Span) => string[] } {
  const ctx = buildContext(article.input, model.prior);
  return {
    spans: identifySpans(model, ctx),
    ranked: (span) => classifySpan(model, ctx, span).ranked.map((r) => r.technique),
  };
}
