/**
 * The document model's invariants: the text is never altered, every span lies in bounds and reads as
 * `text.slice(start, end)`, tokens nest in sentences and sentences in paragraphs. Checked on random text
 * (fast-check) and on every article of the annotated corpora (PolNeAR, PTC) — the run must not crash.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';
import { checkInvariants } from './support/invariants.js';
import { hasSharedData, SHARED_DATA } from './support/shared.js';

/** Text made of news-like pieces: words, names, quote marks of every kind, dashes, newlines. */
const newsish = fc
  .array(
    fc.oneof(
      fc.constantFrom('said', 'that', 'according to', 'the report', 'sources', 'He', 'reportedly', 'Quoting', 'told', 'U.S.', 'Dr.', 'Pakistan', 'claim', ':', ',', '.', '?', ' — ', '(', ')'),
      fc.constantFrom('“', '”', '"', '‘', '’', "'", '«', '»', '\n', '\n\n', ' ', '\t', '\r\n'),
      // Invisible characters tokenizers drop or keep: byte-order mark, zero-width space and joiners, soft hyphen.
      fc.constantFrom('\ufeff', 'the\ufeff', '\u200b', '\u200d', '\u2060', '\u00ad', 'co\u00adop'),
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(' '));

describe('invariants on generated text', () => {
  it('hold for news-like random text', () => {
    fc.assert(
      fc.property(newsish, (text) => {
        expect(checkInvariants(text, analyze(text, { format: 'text', tokens: true }))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('hold for arbitrary unicode, including astral characters and lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(checkInvariants(text, analyze(text, { format: 'text', tokens: true }))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('the empty text gives an empty result, not an error', () => {
    const a = analyze('');
    expect(a.claims).toEqual([]);
    expect(a.sentences).toEqual([]);
    expect(a.sources.map((s) => s.kind)).toEqual(['outlet']);
  });

  it('rejects a non-string input with a message naming what it got', () => {
    expect(() => analyze(42 as unknown as string)).toThrow(/expected the article as a string, got number/);
  });
});

function corpusFiles(): string[] {
  const dirs = [
    path.join(SHARED_DATA, 'polnear', 'train', 'text'),
    path.join(SHARED_DATA, 'polnear', 'dev', 'text'),
    path.join(SHARED_DATA, 'ptc', 'train-articles'),
  ];
  return dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).map((f) => path.join(d, f)));
}

describe.skipIf(!hasSharedData)('invariants on every PolNeAR and PTC article', () => {
  it('analyses all of them without a crash, every span in bounds and matching', () => {
    const files = corpusFiles();
    expect(files.length).toBeGreaterThan(1200);
    const failures: string[] = [];
    let claims = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const a = analyze(text, { format: 'text', tokens: true });
      claims += a.claims.length;
      const problems = checkInvariants(text, a);
      if (problems.length) failures.push(`${path.basename(file)}: ${problems.slice(0, 3).join('; ')}`);
    }
    expect(failures).toEqual([]);
    expect(claims).toBeGreaterThan(files.length * 5);
  });
});
