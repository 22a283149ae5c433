/** Span helpers shared by the stages. Spans are sorted by start unless said otherwise. */
import type { Span } from './types.js';

/** Index of the first span whose end is after `pos` (binary search over spans sorted and non-overlapping). */
export function firstEndingAfter(spans: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid]!.end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The span (of sorted, non-overlapping spans) containing `pos`, if any. */
export function spanAt<T extends Span>(spans: readonly T[], pos: number): T | undefined {
  const s = spans[firstEndingAfter(spans, pos)];
  return s && s.start <= pos ? s : undefined;
}

/** Spans of a sorted list that lie within [start, end). */
export function within<T extends Span>(spans: readonly T[], start: number, end: number): T[] {
  const out: T[] = [];
  for (let i = firstEndingAfter(spans, start); i < spans.length && spans[i]!.start < end; i++) {
    const s = spans[i]!;
    if (s.start >= start && s.end <= end) out.push(s);
  }
  return out;
}

export const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
