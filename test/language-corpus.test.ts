/** Every English article of PTC and PolNeAR passes the English check, with a margin (none refused). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { languageEvidence, MIN_ENGLISH_SHARE } from '../src/extract/language.js';
import { hasSharedData, SHARED_DATA } from './support/shared.js';

describe.skipIf(!hasSharedData)('the English check on the English corpora', () => {
  it('passes all 1,235 articles, the lowest well above the threshold', () => {
    const shares: number[] = [];
    for (const dir of ['ptc/train-articles', 'polnear/train/text', 'polnear/dev/text']) {
      for (const f of readdirSync(path.join(SHARED_DATA, dir)).filter((x) => x.endsWith('.txt'))) {
        const e = languageEvidence(readFileSync(path.join(SHARED_DATA, dir, f), 'utf8'));
        expect(e.english, `${dir}/${f} (share ${e.englishShare.toFixed(3)})`).toBe(true);
        if (e.words >= 40) shares.push(e.englishShare);
      }
    }
    expect(shares.length).toBeGreaterThan(1200);
    expect(Math.min(...shares)).toBeGreaterThan(MIN_ENGLISH_SHARE * 1.5);
  });
});
