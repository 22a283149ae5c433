import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { balanceMarks } from './spans.js';

/** The text of `span` in `text` after balancing, inside the whole text (the limit). */
function balanced(text: string, shown: string, limit?: string): string {
  const start = text.indexOf(shown);
  const bounds = limit ? { start: text.indexOf(limit), end: text.indexOf(limit) + limit.length } : { start: 0, end: text.length };
  const s = balanceMarks(text, { start, end: start + shown.length }, bounds);
  return text.slice(s.start, s.end);
}

describe('balanceMarks', () => {
  it.each([
    // [text, span as found, span as shown]
    ['located in Pakistan-occupied Kashmir (PoK).', 'Kashmir (PoK', 'Kashmir (PoK)'],
    ['designating Pakistan as a “Major Non-NATO Ally.”', 'a “Major Non-NATO Ally', 'a “Major Non-NATO Ally.”'],
    ['He said (twice) it was “open deceit” and left.', 'twice)', '(twice)'],
    ['They called it "a hoax" again.', 'a hoax"', '"a hoax"'],
    ['They called it "a hoax" again.', '"a hoax', '"a hoax"'],
    ['[nested (marks)] here', '[nested (marks', '[nested (marks)]'],
    // Already balanced, or no marks: unchanged.
    ['a “loaded” word (here)', 'a “loaded” word', 'a “loaded” word'],
    ['plain words only', 'words', 'words'],
    // The partner is behind a word, or too far: left alone (never guessed).
    ['the (PoK region) said', '(PoK', '(PoK'],
    ['a “Major Ally ... of old”', 'a “Major Ally', 'a “Major Ally'],
  ])('%s: %s → %s', (text, shown, expected) => expect(balanced(text, shown)).toBe(expected));

  it('never reaches outside its limit', () => {
    const text = 'One (claim. Two) here.';
    expect(balanced(text, '(claim', 'One (claim.')).toBe('(claim');
  });

  it('only ever widens, within the limit and by at most the reach on each side', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '(', ')', '“', '”', '"', '.', '[', ']'), maxLength: 30 }), fc.nat(), fc.nat(), (text, a, b) => {
        const start = text.length ? a % text.length : 0;
        const end = start + (text.length ? b % (text.length - start + 1) : 0);
        const s = balanceMarks(text, { start, end }, { start: 0, end: text.length });
        return s.start <= start && s.end >= end && s.start >= Math.max(0, start - 3) && s.end <= Math.min(text.length, end + 3);
      }),
      { numRuns: 2000 },
    );
  });
});
