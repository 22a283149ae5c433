/** Span helpers shared by the stages. Spans are sorted by start unless said otherwise. */
import type { Span } from './types.js';

/** Index of the first span whose end is after `pos` (binary search over spans sorted and non-overlapping). */
export function firstEndingAfter(spans: readonly Span[], pos: number): number {
  return firstIndex(spans.length, (i) => spans[i]!.end <= pos);
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

/** Bracket and quotation-mark pairs a shown span should not cut in half. */
const MARK_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
  ['“', '”'],
  ['«', '»'],
];

const isWordChar = (c: string): boolean => /[\p{L}\p{N}]/u.test(c);

/**
 * The span widened to take in the closing (or opening) marks its own unmatched brackets and quotation
 * marks are waiting for, when they lie within `reach` characters of its edge with no letter or digit
 * between, and inside `limit` (its sentence): "(PoK" becomes "(PoK)", "a “Major Ally" followed by
 * ".”" becomes "a “Major Ally.”". A mark whose partner is farther away is left as it is.
 */
export function balanceMarks(text: string, span: Span, limit: Span, reach = 3): Span {
  let { start, end } = span;
  const farthestEnd = Math.min(limit.end, span.end + reach);
  const farthestStart = Math.max(limit.start, span.start - reach);
  const widenEnd = (mark: string, count: number) => {
    for (let j = end, need = count; j < farthestEnd && !isWordChar(text[j]!); j++) {
      if (text[j] === mark && --need === 0) return void (end = j + 1);
    }
  };
  const widenStart = (mark: string, count: number) => {
    for (let j = start - 1, need = count; j >= farthestStart && !isWordChar(text[j]!); j--) {
      if (text[j] === mark && --need === 0) return void (start = j);
    }
  };
  for (const [open, close] of MARK_PAIRS) {
    let depth = 0;
    let unopened = 0;
    for (let i = start; i < end; i++) {
      const c = text[i];
      if (c === open) depth++;
      else if (c === close) {
        if (depth > 0) depth--;
        else unopened++;
      }
    }
    if (depth > 0) widenEnd(close, depth);
    if (unopened > 0) widenStart(open, unopened);
  }
  // Straight double quotes open and close alike: an odd count looks for its partner after, then before.
  let straight = 0;
  for (let i = start; i < end; i++) if (text[i] === '"') straight++;
  if (straight % 2 === 1) {
    const before = end;
    widenEnd('"', 1);
    if (end === before) widenStart('"', 1);
  }
  return { start, end };
}

/**
 * Paints ranges [start, end) of 0…n−1 in the order given, a later range over an earlier one: the value of
 * the last range covering each index, or `undefined`. Ranges are read last to first and each index is
 * painted once, skipping painted runs by a union-find of "next unpainted index", so nested or overlapping
 * ranges cost near-linear time however long they are (painting each range in full is quadratic).
 */
export function paintRanges<V>(n: number, ranges: ReadonlyArray<readonly [number, number, V]>): Array<V | undefined> {
  const out = new Array<V | undefined>(n).fill(undefined);
  // next[i]: an index ≥ i that may be unpainted; next[n] = n is the sentinel.
  const next = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) next[i] = i;
  const find = (i: number): number => {
    let root = i;
    while (next[root]! !== root) root = next[root]!;
    // Path compression, iteratively: every index on the way points at the root.
    while (next[i]! !== root) {
      const up = next[i]!;
      next[i] = root;
      i = up;
    }
    return root;
  };
  for (let r = ranges.length - 1; r >= 0; r--) {
    const [start, end, value] = ranges[r]!;
    for (let i = find(Math.max(0, start)); i < Math.min(end, n); i = find(i + 1)) {
      out[i] = value;
      next[i] = i + 1;
    }
  }
  return out;
}

/** The first index in [0, n) at which `before(i)` is false, for a `before` true on a prefix: binary search. */
export function firstIndex(n: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
