/**
 * Training the dependency parser (src/syntax/parser.ts) with the dynamic oracle of Goldberg & Nivre (2013)
 * for the arc-hybrid system: at each configuration every transition's cost is the number of gold arcs it
 * makes unreachable, the model is updated when it prefers a transition of positive cost, and after the first
 * epoch the parser mostly follows its own choice (mistakes included), so it learns to go on well after an
 * error. Non-projective gold trees are kept: the cheapest transitions stand in for the zero-cost ones.
 * Reproducible: the sentence order and the exploration are drawn from one seeded generator.
 */
import { rng, shuffle } from '../annotate/tagger/perceptron.js';
import { floatScorer, Trainer } from './classifier.js';
import { ACTIONS, actionFeatures, bestRelation, CANDIDATE_KEYS, candidateKey, Configuration, LEFT, MAX_FEATURES, type ParserModel, RIGHT, SHIFT, relationFeatures } from './parser.js';

export interface GoldSentence {
  words: readonly string[];
  /** The tags the parser will see (predicted, as at run time). */
  tags: readonly string[];
  /** The tags the tagger ranked second. */
  runnerUp?: readonly string[];
  /** Gold heads, -1 for the root. */
  heads: readonly number[];
  relations: readonly string[];
}

export interface TrainParserOptions {
  epochs: number;
  seed: number;
  actionBuckets: number;
  relationBuckets: number;
  /** After the first epoch, the chance of following the model's own transition when it is a mistake. */
  explore: number;
  onEpoch?: (epoch: number, stats: { actionErrors: number; transitions: number; relationErrors: number; arcs: number }) => void;
}

/**
 * Costs of the three transitions in `c` against the gold heads (`gold[i]`, the root token n for the root),
 * written to `cost` (Infinity for an invalid one).
 */
export function transitionCosts(c: Configuration, gold: Int32Array, cost: Float64Array): void {
  const { n, b, sp, stack } = c;
  const s0 = sp > 0 ? stack[sp - 1]! : -1;
  const s1 = sp > 1 ? stack[sp - 2]! : -1;
  // Gold dependents of s0 still in the buffer: each is lost when s0 leaves the stack.
  let s0DepsInBuffer = 0;
  if (s0 >= 0) for (let j = b; j < n; j++) if (gold[j] === s0) s0DepsInBuffer++;
  cost[SHIFT] = Infinity;
  cost[LEFT] = Infinity;
  cost[RIGHT] = Infinity;
  if (c.valid(SHIFT)) {
    // b0 on the stack can still take s0 as its head (by RIGHT), not anything deeper, and takes no dependent
    // from the stack.
    let k = 0;
    for (let i = 0; i < sp; i++) {
      const t = stack[i]!;
      if (gold[t] === b) k++;
      if (t !== s0 && gold[b] === t) k++;
    }
    cost[SHIFT] = k;
  }
  if (c.valid(LEFT)) {
    const h = gold[s0]!;
    cost[LEFT] = s0DepsInBuffer + (h !== b && (h === s1 || h > b) ? 1 : 0);
  }
  if (c.valid(RIGHT)) {
    const h = gold[s0]!;
    cost[RIGHT] = s0DepsInBuffer + (h >= b ? 1 : 0);
  }
}

/**
 * The relations the training data gives arcs of each pair of tags and direction (the root's excluded), each
 * at least `minCount` times: a relation seen once between two tags is more often an error of the tags.
 */
export function relationCandidates(data: readonly GoldSentence[], relationClasses: readonly string[], minCount = 2): Int32Array[] {
  const index = new Map(relationClasses.map((r, i) => [r, i]));
  const seen = Array.from({ length: CANDIDATE_KEYS }, () => new Map<number, number>());
  for (const s of data) {
    if (s.words.length === 0) continue;
    const c = new Configuration(s.words, s.tags, s.runnerUp);
    s.heads.forEach((h, d) => {
      const r = index.get(s.relations[d]!);
      if (h < 0 || r === undefined) return;
      const counts = seen[candidateKey(c.P[d]!, c.P[h]!, d < h)]!;
      counts.set(r, (counts.get(r) ?? 0) + 1);
    });
  }
  return seen.map((counts) => Int32Array.from([...counts].filter(([, n]) => n >= minCount).map(([r]) => r).sort((a, b) => a - b)));
}

export function trainParser(data: readonly GoldSentence[], relationClasses: readonly string[], options: TrainParserOptions): ParserModel {
  const candidates = relationCandidates(data, relationClasses);
  const actions = new Trainer(ACTIONS, options.actionBuckets);
  const relations = new Trainer(relationClasses, options.relationBuckets);
  const relIndex = new Map(relationClasses.map((r, i) => [r, i]));
  const rootClass = relationClasses.indexOf('root');
  const scoreRelations = floatScorer(relations.model);
  const amask = options.actionBuckets - 1;
  const rmask = options.relationBuckets - 1;
  const feats = new Int32Array(MAX_FEATURES);
  const relFeats = new Int32Array(MAX_FEATURES);
  const actionScores = new Float64Array(ACTIONS.length);
  const relationScores = new Float64Array(relationClasses.length);
  const cost = new Float64Array(ACTIONS.length);
  const random = rng(options.seed);
  const order = data.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    const stats = { actionErrors: 0, transitions: 0, relationErrors: 0, arcs: 0 };
    for (const k of order) {
      const s = data[k]!;
      const n = s.words.length;
      if (n === 0) continue;
      const gold = Int32Array.from(s.heads, (h) => (h < 0 ? n : h));
      const goldRel = Int32Array.from(s.relations, (r) => relIndex.get(r) ?? -1);
      const c = new Configuration(s.words, s.tags, s.runnerUp);
      while (!c.done) {
        const count = actionFeatures(c, amask, feats);
        // scores() of the running weights, inline: the trainer's model is the running model.
        const w = actions.model.weights;
        actionScores.fill(0);
        for (let j = 0; j < count; j++) {
          const base = feats[j]! << 2;
          actionScores[0]! += w[base]!;
          actionScores[1]! += w[base + 1]!;
          actionScores[2]! += w[base + 2]!;
        }
        transitionCosts(c, gold, cost);
        let guess = -1;
        let best = -1;
        let minCost = Infinity;
        for (let a = 0; a < ACTIONS.length; a++) minCost = Math.min(minCost, cost[a]!);
        for (let a = 0; a < ACTIONS.length; a++) {
          if (!c.valid(a)) continue;
          if (guess < 0 || actionScores[a]! > actionScores[guess]!) guess = a;
          if (cost[a] === minCost && (best < 0 || actionScores[a]! > actionScores[best]!)) best = a;
        }
        stats.transitions++;
        let taken = guess;
        if (cost[guess] !== minCost) {
          stats.actionErrors++;
          actions.update(feats, count, best, guess);
          if (epoch === 0 || random() >= options.explore) taken = best;
        }
        actions.tick();
        let relation = -1;
        if (taken !== SHIFT) {
          const [d, h] = c.arc(taken);
          relation = bestRelation(scoreRelations, relationClasses.length, rootClass, candidates, c, d, h, rmask, relFeats, relationScores);
          if (gold[d] === h && h !== n && goldRel[d]! >= 0) {
            stats.arcs++;
            if (relation !== goldRel[d]) {
              stats.relationErrors++;
              const rc = relationFeatures(c, d, h, rmask, relFeats);
              relations.update(relFeats, rc, goldRel[d]!, relation);
            }
            relations.tick();
          }
        }
        c.apply(taken, relation);
      }
    }
    options.onEpoch?.(epoch, stats);
  }
  return { actions: actions.average(), relations: relations.average(), candidates };
}
