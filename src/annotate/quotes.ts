/**
 * Direct quotes: spans between quotation marks, tolerant of what real copy does with them —
 * straight and curly marks mixed, a closing mark of the other style, apostrophes that look like
 * single quotes, quotes left unclosed, and quotes running across paragraphs (where each new
 * paragraph reopens the quote and only the last one closes it).
 */
import type { Paragraph, Quote } from '../model/types.js';
import { firstIndex } from '../model/spans.js';

type Style = 'double' | 'single';

interface Open {
  style: Style;
  /** Offset of the opening mark. */
  at: number;
  /** Mark character, kept as evidence. */
  mark: string;
  depth: number;
}

const DOUBLE_OPEN = new Set(['“', '„', '«', '‟']);
const DOUBLE_CLOSE = new Set(['”', '»']);
const SINGLE_OPEN = new Set(['‘', '‚', '‹', '‛']);
const SINGLE_CLOSE = new Set(['’', '›']);

const MARKS = /["'“”„«»‟‘’‚‹›‛]/g;

const isLetter = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
/** Characters after which a mark opens a quote: start, space, brackets, dashes, colon, other quote marks. */
const opensAfter = (c: string | undefined): boolean => c === undefined || /[\s([{—–\-:/“‘"'«]/.test(c);

/** Common speech verbs as they follow or precede a speaker in a trailing attribution. */
const SAID = '(?:said|says|added|adds|wrote|writes|asked|asks|explained|warned|insisted|replied|continued|noted|told\\s+\\p{L}+)';
/**
 * ", said Ann Lee, a volunteer.", ", the mayor said." or ", she added." ending a paragraph: no quotation marks, at most a short
 * apposition after the speaker.
 */
const TRAILING_ATTRIBUTION = new RegExp(
  `,\\s+(?:${SAID}\\s+[^,.;!?"“”\\n]{1,60}|(?:he|she|they|(?:the|a|an|one|another)\\s+[^,.;!?"“”\\n]{1,50}?|[\\p{Lu}][^,.;!?"“”\\n]{0,60}?)\\s+${SAID})(?:,[^.;!?"“”\\n]{1,80})?[.!?]?\\s*$`,
  'u',
);

const WORD_RUN = /[\p{L}\p{N}]+/gu;

/**
 * Words of any stretch of the text, for telling speech from a scare-quoted label. The word runs are found
 * once; a count is two binary searches, so many unclosed quotes running to one paragraph end stay n log n.
 */
function wordCounter(text: string): (start: number, end: number) => number {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of text.matchAll(WORD_RUN)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  // Runs are disjoint and ordered: those meeting [start, end) are the ones ending after start and starting before end.
  const startingBefore = (end: number): number => firstIndex(starts.length, (i) => starts[i]! < end);
  const endingBy = (start: number): number => firstIndex(ends.length, (i) => ends[i]! <= start);
  return (start, end) => (start >= end ? 0 : Math.max(0, startingBefore(end) - endingBy(start)));
}

export function findQuotes(text: string, paragraphs: readonly Paragraph[]): Quote[] {
  const quotes: Quote[] = [];
  const stack: Open[] = [];
  // Open quotes of each style, so that telling a mark's role never scans the stack.
  const openOf = { double: 0, single: 0 };
  const wordCount = wordCounter(text);
  const push = (open: Open): void => {
    stack.push(open);
    openOf[open.style]++;
  };
  const pop = (): Open => {
    const open = stack.pop()!;
    openOf[open.style]--;
    return open;
  };

  const close = (open: Open, end: number, closeMark: string, closed: boolean): void => {
    const innerEnd = closed ? end - closeMark.length : end;
    const inner = { start: open.at + open.mark.length, end: innerEnd };
    const words = wordCount(inner.start, inner.end);
    quotes.push({
      start: open.at,
      end,
      inner,
      closed,
      depth: open.depth,
      scare: words <= 4,
      rule: closed ? 'quote/marks' : 'quote/unclosed',
      evidence: closed ? `${open.mark}…${closeMark}` : `${open.mark}… (no closing mark)`,
    });
  };

  // Every quotation-mark character, found in one pass: most of the text holds none, and each paragraph
  // reads on from where the one before stopped.
  const marks: number[] = [];
  for (const m of text.matchAll(MARKS)) marks.push(m.index);
  let k = 0;
  // A paragraph that reopens a quote carried over from the one before is read from after its reopening mark.
  let reopenedAt = -1;
  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p]!;
    const from = p === reopenedAt ? para.start + 1 : para.start;
    while (k < marks.length && marks[k]! < from) k++;
    for (; k < marks.length && marks[k]! < para.end; k++) {
      const i = marks[k]!;
      const c = text[i]!;
      const prev = i > 0 ? text[i - 1] : undefined;
      const next = text[i + 1];
      const top = stack[stack.length - 1];
      let style: Style | null = null;
      let role: 'open' | 'close' | null = null;

      if (DOUBLE_OPEN.has(c)) {
        // A curly opening mark glued to a word on its left is a misused closing mark ("word“ then").
        [style, role] = ['double', isLetter(prev) && !isLetter(next) && top?.style === 'double' ? 'close' : 'open'];
      } else if (DOUBLE_CLOSE.has(c)) {
        // A closing mark with space before and a word after is a misused opening mark.
        [style, role] = ['double', isSpace(prev) && isLetter(next) && top?.style !== 'double' ? 'open' : 'close'];
      } else if (c === '"') {
        style = 'double';
        if (openOf.double > 0) role = isSpace(prev) && isLetter(next) ? 'open' : 'close';
        else role = opensAfter(prev) || !isLetter(prev) ? 'open' : 'close';
      } else if (SINGLE_OPEN.has(c)) {
        [style, role] = ['single', 'open'];
      } else if (SINGLE_CLOSE.has(c) || c === "'") {
        style = 'single';
        if (isLetter(prev) && isLetter(next)) role = null; // apostrophe: don't, Pakistan’s
        else if (openOf.single > 0 && !isSpace(prev)) role = 'close';
        else if (opensAfter(prev) && isLetter(next) && c === "'") role = 'open';
        else role = null; // plural possessive (leaders’) or a stray mark
      }
      if (style === null || role === null) continue;

      if (role === 'open') {
        push({ style, at: i, mark: c, depth: stack.length });
        continue;
      }
      if (openOf[style] === 0) continue; // a closing mark with nothing open: ignore it
      // Close the innermost quote of this style; a quote of the other style nested in it ends too, unclosed.
      while (stack[stack.length - 1]!.style !== style) close(pop(), i, '', false);
      close(pop(), i + 1, c, true);
    }

    if (stack.length === 0) continue;
    // A quote open at the end of a paragraph goes on if the next paragraph reopens it.
    const nextPara = paragraphs[p + 1];
    const nextChar = nextPara ? text[nextPara.start] : undefined;
    const reopens = nextChar !== undefined && (DOUBLE_OPEN.has(nextChar) || nextChar === '"') && stack[0]!.style === 'double';
    if (reopens && nextPara) {
      // Carry only the outer double quote; skip the reopening mark of the next paragraph.
      while (stack.length > 1) close(pop(), para.end, '', false);
      reopenedAt = p + 1;
      continue;
    }
    while (stack.length > 1) close(pop(), para.end, '', false);
    // An unclosed quote that the paragraph ends by attributing ("“We need help now, said Ann Lee.") stops
    // where the attribution starts: the writer forgot the closing mark, not the speaker.
    const open = pop();
    const tail = TRAILING_ATTRIBUTION.exec(text.slice(open.at + open.mark.length, para.end));
    close(open, tail ? open.at + open.mark.length + tail.index : para.end, '', false);
  }
  return quotes.sort((a, b) => a.start - b.start || b.end - a.end);
}
