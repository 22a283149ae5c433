import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BANDS, claimFeatures, clusterClaims, jaccard, packClaims } from './cluster.js';
import { hashString, termsOfText } from './features.js';

const features = (text: string, relations: string[] = []) => claimFeatures(termsOfText(text, relations));
const CLAIM = "Pakistan's Inter-Services Intelligence is training Hamas fighters at secret camps in Pakistan-occupied Kashmir";

describe('claim features', () => {
  it('identical claims share every LSH band; unrelated ones share none', () => {
    const a = features(CLAIM);
    expect(a.bands).toHaveLength(BANDS);
    expect([...features(CLAIM).bands]).toEqual([...a.bands]);
    const c = features('The Harlow river bridge will close for six weeks of structural repairs starting in May');
    expect([...a.bands].filter((h, i) => c.bands[i] === h)).toEqual([]);
    expect(jaccard(a.shingles, features(CLAIM.toUpperCase()).shingles)).toBeLessThan(1); // capitals read as names
    expect(jaccard(a.shingles, features(CLAIM).shingles)).toBe(1);
  });

  it.each([
    ['He said so.', 0],
    ['It was there.', 0],
    ['Officials confirmed the closure yesterday', 4],
  ])('claims with too few content words get no features: %s', (text, minTerms) => {
    const f = features(text);
    if (minTerms === 0) expect(f.shingles.length).toBe(0);
    else expect(f.shingles.length).toBeGreaterThanOrEqual(minTerms);
  });
});

/** Claims of a small corpus: [id, doc, text]. */
function table(claims: Array<[number, number, string]>) {
  return packClaims(claims.map(([id, doc, text]) => ({ id, doc, ...features(text) })));
}

describe('clusterClaims (MinHash + LSH + union-find)', () => {
  it.each<[string, Array<[number, number, string]>, number[][]]>([
    [
      'identical and near claims in different articles cluster; a different one does not',
      [
        [1, 1, CLAIM],
        [2, 2, CLAIM],
        [3, 3, "Pakistan's Inter-Services Intelligence is training Hamas operatives at secret camps in Pakistan-occupied Kashmir"],
        [4, 3, 'The Harlow river bridge will close for six weeks of structural repairs starting in May'],
      ],
      [[1, 2, 3]],
    ],
    ['the same claim twice in one article is not a cross-article cluster', [[1, 1, CLAIM], [2, 1, CLAIM]], []],
    ['two clusters', [[1, 1, CLAIM], [2, 2, CLAIM], [5, 1, 'The Harlow river bridge will close for six weeks of structural repairs starting in May'], [6, 2, 'the Harlow river bridge will close for six weeks of structural repairs from May']], [[1, 2], [5, 6]]],
    ['generic short claims never match', [[1, 1, 'He said so.'], [2, 2, 'He said so.']], []],
  ])('%s', (_name, claims, expected) => {
    expect(clusterClaims(table(claims)).clusters).toEqual(expected);
  });

  it('a huge bucket of one repeated phrase stays near-linear in comparisons', () => {
    const claims: Array<[number, number, string]> = [];
    for (let i = 0; i < 3000; i++) claims.push([i, i, `${CLAIM} ${i % 2 === 0 ? 'officials say' : `and variant ${hashString(String(i)).toString(36)}`}`]);
    const { clusters, comparisons } = clusterClaims(table(claims));
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.length).toBe(3000);
    expect(comparisons).toBeLessThan(3000 * 40);
  });

  const SENTENCES = [
    CLAIM,
    "Pakistan's Inter-Services Intelligence is training Hamas operatives at secret camps in Pakistan-occupied Kashmir",
    'The Harlow river bridge will close for six weeks of structural repairs starting in May',
    'The Harlow river bridge will shut for six weeks of structural repairs from May',
    'Officials expect the budget to pass the council before the summer recess',
    'The council expects the budget to pass before the summer recess, officials said',
    'Voters in the northern districts turned out in record numbers on Sunday',
  ];

  it('is deterministic and independent of input order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: SENTENCES.length - 1 }), fc.integer({ min: 0, max: 5 }), fc.constantFrom('', ' today', ' officials said', ' in a statement')), { minLength: 1, maxLength: 40 }),
        fc.integer(),
        (picks, seed) => {
          const claims: Array<[number, number, string]> = picks.map(([s, doc, tail], i) => [i + 1, doc, SENTENCES[s]! + tail]);
          const expected = clusterClaims(table(claims)).clusters;
          // A seeded shuffle of the same claims.
          const shuffled = claims.slice();
          let x = seed >>> 0;
          for (let i = shuffled.length - 1; i > 0; i--) {
            x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
            const j = x % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
          }
          expect(clusterClaims(table(shuffled)).clusters).toEqual(expected);
          expect(clusterClaims(table(claims)).clusters).toEqual(expected);
          // Every cluster spans two documents and its members really are similar to one another.
          for (const c of expected) expect(new Set(c.map((id) => claims[id - 1]![1])).size).toBeGreaterThan(1);
        },
      ),
      { numRuns: 200 },
    );
  });
});
