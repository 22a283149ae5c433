/**
 * The attribution tagger: labels every token of a paragraph as source, cue, content or none (PolNeAR's
 * annotation is univocal, so it is a tag sequence), then groups the tagged spans into relations around
 * their cues.
 */
import type { Paragraph, Span, Token } from '../../model/types.js';
import { FeatureSink, LABELS, tokenFeatures, type FeatureContext } from './features.js';
import { decode, decodingWeights, sumSevenRows, type FeatureSequence, type PerceptronModel } from './perceptron.js';

export interface TaggedRelation {
  source: Span | null;
  cue: Span;
  content: Span;
}

/** Token index ranges [from, to) of each paragraph: the tagger's sequences. */
export function paragraphRanges(tokens: readonly Token[], paragraphs: readonly Paragraph[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let i = 0;
  for (const p of paragraphs) {
    while (i < tokens.length && tokens[i]!.start < p.start) i++;
    const from = i;
    while (i < tokens.length && tokens[i]!.start < p.end) i++;
    if (i > from) ranges.push([from, i]);
  }
  return ranges;
}

export function featureSequence(ctx: FeatureContext, from: number, to: number, buckets: number): FeatureSequence {
  const seq: FeatureSequence = [];
  const sink = new FeatureSink();
  const mask = buckets - 1;
  for (let i = from; i < to; i++) {
    sink.length = 0;
    tokenFeatures(ctx, i, from, to, sink);
    const ids = new Int32Array(sink.length);
    for (let k = 0; k < ids.length; k++) ids[k] = sink.hashes[k]! & mask;
    seq.push(ids);
  }
  return seq;
}

const decodeSink = new FeatureSink();

/**
 * Emission scores of tokens [from, to): the model's decoding weights summed straight from the feature
 * hashes (the features `viterbi` reads from `featureSequence`, without a sequence in between).
 */
function emissions(model: PerceptronModel, ctx: FeatureContext, from: number, to: number): Float64Array {
  const L = model.labels.length;
  const { q, shift, scale } = decodingWeights(model);
  const mask = model.buckets - 1;
  const emit = new Float64Array((to - from) * L);
  const sink = decodeSink;
  // The shipped model has seven labels: sums kept in registers, not re-read from `emit` per feature.
  const seven = L === 7 && shift === 3;
  for (let i = from; i < to; i++) {
    sink.length = 0;
    tokenFeatures(ctx, i, from, to, sink);
    const row = (i - from) * L;
    const hashes = sink.hashes;
    if (seven) {
      sumSevenRows(q, hashes, sink.length, mask, scale, emit, row);
      continue;
    }
    for (let f = 0; f < sink.length; f++) {
      const base = (hashes[f]! & mask) << shift;
      for (let y = 0; y < L; y++) emit[row + y] = emit[row + y]! + q[base + y]!;
    }
    for (let y = 0; y < L; y++) emit[row + y] = emit[row + y]! / scale;
  }
  return emit;
}

/** Role letter of each token of [from, to) under the model ('' for none), B/I folded into span ids. */
export function tagParagraph(model: PerceptronModel, ctx: FeatureContext, from: number, to: number): Array<{ role: string; span: number }> {
  const labels = decode(model, emissions(model, ctx, from, to), to - from);
  const out: Array<{ role: string; span: number }> = [];
  let spanId = -1;
  let prevRole = '';
  for (let k = 0; k < labels.length; k++) {
    const label = LABELS[labels[k]!] ?? 'O';
    const role = label === 'O' ? '' : label.slice(2);
    if (role && (label.startsWith('B-') || role !== prevRole)) spanId++;
    out.push({ role, span: role ? spanId : -1 });
    prevRole = role;
  }
  return out;
}

interface TaggedSpan {
  role: string;
  from: number;
  to: number;
  sentence: number;
}

/**
 * Groups tagged spans into relations: each cue takes the content and source spans nearest to it, in its
 * own sentence first. Content split around the cue ("The plan, he said, is dead") becomes one extent.
 */
export function groupRelations(tokens: readonly Token[], from: number, tags: ReadonlyArray<{ role: string; span: number }>): TaggedRelation[] {
  const spans: TaggedSpan[] = [];
  for (let k = 0; k < tags.length; k++) {
    const tag = tags[k]!;
    if (!tag.role) continue;
    const last = spans[spans.length - 1];
    if (last && k > 0 && tags[k - 1]!.span === tag.span) last.to = from + k + 1;
    else spans.push({ role: tag.role, from: from + k, to: from + k + 1, sentence: tokens[from + k]!.sentence });
  }
  const cues = spans.filter((s) => s.role === 'C');
  if (cues.length === 0) return [];
  const distance = (a: TaggedSpan, b: TaggedSpan): number =>
    (a.sentence === b.sentence ? 0 : 1000 * Math.abs(a.sentence - b.sentence)) + (a.to <= b.from ? b.from - a.to : a.from >= b.to ? a.from - b.to : 0);
  const contentOf = new Map<TaggedSpan, TaggedSpan[]>();
  const sourceOf = new Map<TaggedSpan, TaggedSpan[]>();
  // Spans and cues are in text order and never overlap, and the distance grows with every cue further away
  // on either side: the nearest cue is the last one before the span or the first after it (the earlier on a
  // tie), found by one pointer moving forward.
  let right = 0;
  for (const s of spans) {
    if (s.role === 'C') continue;
    while (right < cues.length && cues[right]!.from < s.from) right++;
    const before = cues[right - 1];
    const after = cues[right];
    const best = before && (!after || distance(s, before) <= distance(s, after)) ? before : after!;
    if (distance(s, best) >= 2000) continue;
    const map = s.role === 'T' ? contentOf : sourceOf;
    const list = map.get(best);
    if (list) list.push(s);
    else map.set(best, [s]);
  }
  const extent = (list: TaggedSpan[]): Span => ({ start: tokens[list[0]!.from]!.start, end: tokens[list[list.length - 1]!.to - 1]!.end });
  const relations: TaggedRelation[] = [];
  for (const c of cues) {
    const content = contentOf.get(c);
    if (!content) continue;
    const source = sourceOf.get(c);
    relations.push({
      cue: { start: tokens[c.from]!.start, end: tokens[c.to - 1]!.end },
      content: extent(content),
      // Of several source spans, the nearest one; discontinuous sources are rare.
      source: source ? extent([source.reduce((a, b) => (distance(a, c) <= distance(b, c) ? a : b))]) : null,
    });
  }
  return relations;
}
