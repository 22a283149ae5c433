/** Outlets named one way, and an outlet's furniture kept out of the claims across articles. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimFeatures, clusterClaims, packClaims } from '../src/corpus/cluster.js';
import { termsOfText } from '../src/corpus/features.js';
import { outletFromFileName, outletNames, resolveOutlet } from '../src/corpus/outlets.js';
import { refreshClusters, clusterViews } from '../src/store/clusters.js';
import { openStore } from '../src/store/open.js';
import type { DocumentRecord } from '../src/store/store.js';
import { validateExtension } from '../src/lexicons/index.js';

describe('outlet names', () => {
  it.each([
    ['www.nytimes.com', 'The New York Times'],
    ['https://www.nytimes.com/2024/03/12/world/asia/pakistan.html', 'The New York Times'],
    ['The New York Times', 'The New York Times'],
    ['nyt', 'The New York Times'],
    ['https://edition.cnn.com/2024/03/12/politics/index.html', 'CNN'],
    ['huff-post', 'HuffPost'],
    ['THE GUARDIAN', 'The Guardian'],
    ['m.dawn.com', 'Dawn'],
    ['https://www.example-gazette.org/news/1', 'example-gazette.org'],
    ['Valley Gazette', 'Valley Gazette'],
  ])('%s is %s', (raw, expected) => {
    expect(outletNames().canonical(raw)).toBe(expected);
  });

  it("a user's entries come first and name new outlets", () => {
    const names = outletNames([{ name: 'Capital Courier', aliases: ['capcourier.com', 'the courier'] }]);
    expect(names.canonical('https://capcourier.com/a/b')).toBe('Capital Courier');
    expect(names.canonical('The Courier')).toBe('Capital Courier');
    expect(names.canonical('nytimes.com')).toBe('The New York Times');
  });

  it.each<[string, Parameters<typeof resolveOutlet>[0], { outlet: string; from: string }]>([
    ['the record first', { record: 'nyt', page: 'Breitbart', url: 'https://cnn.com/x', folder: 'feeds' }, { outlet: 'The New York Times', from: 'input' }],
    ['then the page', { page: 'Breitbart News', url: 'https://cnn.com/x', folder: 'feeds' }, { outlet: 'Breitbart', from: 'analysis' }],
    ['then the URL', { url: 'https://www.washingtonpost.com/x', path: 'text/nyt_2016-09-01_x.txt', folder: 'text' }, { outlet: 'The Washington Post', from: 'url' }],
    ['then a news corpus file name', { path: 'polnear/dev/text/wash-post_2016-09-21_trump-says.txt', folder: 'text' }, { outlet: 'The Washington Post', from: 'file' }],
    ['then the folder', { path: 'feeds/herald/story-1.txt', folder: 'herald' }, { outlet: 'herald', from: 'folder' }],
    ['else unknown', { record: '  ' }, { outlet: 'unknown', from: 'unknown' }],
  ])('%s', (_name, evidence, expected) => {
    expect(resolveOutlet(evidence)).toEqual(expected);
  });

  it('reads the date of a news corpus file name', () => {
    expect(outletFromFileName('a/b/breitbart_2016-10-04_bill-clinton-calls.txt')).toEqual({ outlet: 'breitbart', published: '2016-10-04' });
    expect(outletFromFileName('a/b/story_2016.txt')).toBeNull();
  });

  it('refuses a bad outlet entry in a lexicon file in one line', () => {
    expect(() => validateExtension({ outlets: [{ name: 'X', aliases: 'x.com' }] }, 'mine.json')).toThrow(/mine\.json: bad entry in "outlets": .*"aliases" must be an array of strings/);
    expect(validateExtension({ outlets: [{ name: 'X', aliases: ['x.com'] }] }, 'mine.json').outlets).toHaveLength(1);
  });
});

const NOTE = "Editor's note: Email any tips, videos or photos of the flooding to our newsroom at the address below.";
const STORIES = [
  'The Harlow river bridge will close for six weeks of structural repairs starting in May.',
  'Voters in the northern districts turned out in record numbers on Sunday for the mayoral election.',
  'The council approved a new budget that doubles spending on school buses over three years.',
  'A fire at the textile plant on Mill Road forced two hundred workers to leave the building.',
];

/** [outlet, claims] → documents with one claim per text. */
function table(docs: Array<[string, string[]]>) {
  const outletIds = new Map<string, number>();
  const items = docs.flatMap(([outlet, claims], d) => claims.map((text, k) => ({ id: d * 10 + k, doc: d, outlet, ...claimFeatures(termsOfText(text)) })));
  const t = packClaims(items);
  t.outlets = Float64Array.from(items.map((c) => outletIds.get(c.outlet) ?? (outletIds.set(c.outlet, outletIds.size), outletIds.size - 1)));
  return t;
}

describe('furniture', () => {
  it("a sentence an outlet prints under different stories is furniture and leaves the clusters", () => {
    const docs: Array<[string, string[]]> = STORIES.map((s) => ['Herald', [s, NOTE]]);
    docs.push(['Gazette', [NOTE.replace('our newsroom', 'the Herald newsroom')]]);
    const r = clusterClaims(table(docs));
    expect(r.furniture).toEqual([[1, 11, 21, 31]]);
    expect(r.clusters).toEqual([]);
  });

  it('updates of one story repeat most of their sentences: not furniture', () => {
    const docs: Array<[string, string[]]> = [0, 1, 2].map(() => ['Herald', [STORIES[0]!, STORIES[1]!, NOTE]]);
    expect(clusterClaims(table(docs)).furniture).toEqual([]);
  });

  it('a claim one outlet repeats is not spreading; in two outlets it is', () => {
    expect(clusterClaims(table([['Herald', [STORIES[0]!]], ['Herald', [STORIES[0]!]]])).clusters).toEqual([]);
    expect(clusterClaims(table([['Herald', [STORIES[0]!]], ['Gazette', [STORIES[0]!]]])).clusters).toEqual([[0, 10]]);
  });
});

describe('furniture in the store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimtrace-furniture-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function record(hash: string, outlet: string, claims: string[]): DocumentRecord {
    return {
      hash, sourceId: hash, path: `${hash}.txt`, url: null, outlet, outletFrom: 'input', published: null, title: null, byline: null, wire: null,
      format: 'text', text: claims.join(' '), analysis: new Uint8Array(0), model: 'test',
      sources: [{ sid: 's0', name: outlet, kind: 'outlet', named: true, unresolved: false, outlet, head: null, descriptors: [] }],
      claims: claims.map((text, k) => ({ cid: `c${k}`, start: 0, end: text.length, text, sentence: k, chain: ['s0'], attribution: null, continued: false, headline: false, hedges: [], relations: [], ...claimFeatures(termsOfText(text)) })),
      attributions: [], hedges: [], entities: [], relations: [], techniques: [],
    };
  }

  it('is counted, listed by outlet, and kept out of the clusters; outlets written two ways are one', async () => {
    const store = await openStore(join(dir, 'f.db'));
    await store.writeDocuments([
      ...STORIES.map((s, i) => record(`h${i}`, 'The Herald', [s, NOTE])),
      record('g1', 'Gazette', [STORIES[0]!]),
      // "Herald" and "The Herald" are one outlet: this repetition of the Herald's story is not spreading.
      record('h9', 'Herald', [STORIES[1]!]),
    ]);
    const run = await refreshClusters(store, { force: true });
    expect(run.clusters).toBe(1);
    expect((await store.stats()).furniture).toBe(4);
    expect(await store.furniture()).toEqual([{ outlet: 'The Herald', text: NOTE, documents: 4 }]);
    const views = await clusterViews(store);
    expect(views.map((v) => v.documents.map((d) => d.outlet).sort())).toEqual([['Gazette', 'The Herald']]);
    await store.close();
  });
});
