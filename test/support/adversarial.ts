/**
 * fast-check arbitraries for hostile input: short units built from character classes and news-like pieces,
 * repeated to a size. Shared by the cost and invariant tests (test/cost.test.ts) and `npm run fuzz`.
 */
import fc from 'fast-check';

/** Pieces a unit is made of: runs of one character class, marks that open and close things, news phrases. */
const PIECES = [
  'abcdef', 'ABCDEF', '0123', ' ', '   \t', '\n', '\n\n', '\r\n', ',', '.', '. ', ';', ':', ' — ', '-', '(', ')', '[', '{',
  '“', '”', '"', "'", '‘', '’', '«', '»', '<', '>', '&amp;', '&#', '\\', '/', '@', '#', '%', '…', '!', '?',
  'He said ', 'she said that ', 'according to officials, ', 'Officials said ', 'the ministry denied ', 'reportedly ',
  'Mayor Jane Smith ', 'John ', 'Smith ', 'Mr. ', 'the report ', 'sources ', 'who ', 'and ', 'I ', 'they ',
  'Pakistan ', 'Hamas ', 'ISI ', 'U.S. ', 'Inter-Services Intelligence (ISI) ',
  '👩‍👩‍👧', '🏳️‍🌈', '\u200d', '\ufe0f', '\ud800', '\udc00', '\u202e', '\u200f', '\ufeff', '\u00a0', 'قال ', 'сказал ', '说',
  'é', 'ﬁ', 'İ', 'ß',
] as const;

/** A unit of one to four pieces. */
export const unit = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));

/** `u` repeated to about `size` characters. */
export function repeatTo(u: string, size: number): string {
  return u.repeat(Math.max(1, Math.ceil(size / u.length))).slice(0, Math.max(size, 1));
}

/** A text of 0–`maxSize` characters: a repeated unit, with up to three other units spliced in. */
export function hostileText(maxSize: number): fc.Arbitrary<string> {
  return fc
    .record({ base: unit, size: fc.integer({ min: 0, max: maxSize }), inserts: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), unit), { maxLength: 3 }) })
    .map(({ base, size, inserts }) => {
      let text = size === 0 ? '' : repeatTo(base, size);
      for (const [at, piece] of inserts) {
        const k = Math.floor(at * text.length);
        text = text.slice(0, k) + piece + text.slice(k);
      }
      return text;
    });
}

/** The same, as an HTML page: the text inside elements, some of them nested. */
export function hostilePage(maxSize: number): fc.Arbitrary<string> {
  return fc
    .record({ text: hostileText(maxSize), tag: fc.constantFrom('p', 'div', 'span', 'td', 'li', 'b'), depth: fc.integer({ min: 0, max: 50 }) })
    .map(({ text, tag, depth }) => `<html><body>${`<${tag}>`.repeat(depth)}${text.replace(/</g, '&lt;')}${`</${tag}>`.repeat(depth)}</body></html>`);
}
