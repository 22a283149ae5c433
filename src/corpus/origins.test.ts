import { describe, expect, it } from 'vitest';
import { analyzeOrigins, detectWire, outletKey, type ChainLink, type ClusterClaim } from './origins.js';

const outlet = (name: string): ChainLink => ({ name, kind: 'outlet', named: true });
const anon = (name: string): ChainLink => ({ name, kind: 'anonymous', named: false });
const person = (name: string): ChainLink => ({ name, kind: 'person', named: true });
const media = (name: string): ChainLink => ({ name, kind: 'media', named: true, outlet: name });

function claim(o: string, chain: ChainLink[], published: string | null = null, wire: string | null = null): ClusterClaim {
  return { docId: o, outlet: o, published, wire, text: 'the claim', chain: [outlet(o), ...chain] };
}

describe('analyzeOrigins', () => {
  it.each<[string, ClusterClaim[], boolean, RegExp]>([
    [
      'three outlets citing each other, ending in anonymous intelligence sources',
      [claim('Daily Meridian', [anon('intelligence sources')], '2024-03-12'), claim('Capital Courier', [media('The Daily Meridian')], '2024-03-13'), claim('Frontier Post', [person('Capital Courier')], '2024-03-14')],
      true,
      /cite each other.*Capital Courier cites Daily Meridian.*one unnamed origin \(“intelligence sources”\)/,
    ],
    [
      'outlets citing each other in a loop with no origin at all',
      [claim('A Times', [media('B Herald')]), claim('B Herald', [media('A Times')])],
      true,
      /citing each other in a loop/,
    ],
    [
      'several unnamed origins',
      [claim('A Times', [anon('officials')]), claim('B Herald', [anon('a source familiar with the matter')])],
      true,
      /unnamed origins/,
    ],
    [
      'distinct named officials on the record',
      [claim('Northern Herald', [person('Amina Osei')]), claim('Valley Gazette', [person('Daniel Kowalski')]), claim('Coast Observer', [person('Rosa Lindqvist')])],
      false,
      /3 distinct named origins: Amina Osei, Daniel Kowalski, Rosa Lindqvist/,
    ],
    [
      'one named origin, quoted by every outlet: single-sourced, not circular',
      [claim('A Times', [person('Amina Osei')]), claim('B Herald', [person('Amina Osei')])],
      false,
      /one named, on-record origin: Amina Osei/,
    ],
    [
      'wire copy in two outlets counts as one origin',
      [claim('A Times', [], null, 'Associated Press'), claim('B Herald', [media('AP')])],
      false,
      /one named, on-record origin: Associated Press/,
    ],
    [
      'two outlets repeating a third that gives no source: rests on its word alone',
      [claim('A Times', [], '2024-03-01'), claim('B Herald', [media('A Times')], '2024-03-02'), claim('C Post', [person('A Times')], '2024-03-03')],
      true,
      /B Herald cites A Times; C Post cites A Times.*the unsourced word of A Times/,
    ],
    [
      'an outlet citing itself is its own voice, not a named origin',
      [claim('A Times', [media('The A Times')]), claim('B Herald', [media('A Times')])],
      true,
      /the unsourced word of A Times/,
    ],
    ['one outlet only', [claim('A Times', [anon('sources')]), claim('The A Times', [anon('sources')])], false, /one outlet only/],
    ['every outlet in its own voice', [claim('A Times', []), claim('B Herald', [])], false, /own voice; none gives a source/],
    [
      'an independent named origin beside anonymous ones: not circular',
      [claim('A Times', [anon('sources')]), claim('B Herald', [person('Amina Osei')]), claim('C Post', [person('Daniel Kowalski')])],
      false,
      /2 distinct named origins/,
    ],
  ])('%s', (_name, claims, circular, reason) => {
    const r = analyzeOrigins(claims);
    expect(r.circular).toBe(circular);
    expect(r.reason).toMatch(reason);
    expect(r.chains.length).toBeGreaterThan(0);
  });

  it('lists chains in the order the claim spread', () => {
    const r = analyzeOrigins([claim('C Post', [media('B Herald')], '2024-03-14'), claim('A Times', [anon('sources')], '2024-03-12'), claim('B Herald', [media('A Times')], '2024-03-13')]);
    expect(r.chains).toEqual(['A Times → “sources” (anonymous)', 'B Herald → A Times (report)', 'C Post → B Herald (report)']);
    expect(r.origins).toEqual([{ name: 'sources', kind: 'anonymous', named: false }]);
  });
});

describe('wire copy and outlet names', () => {
  it.each<[string | null, string, string | null]>([
    ['Associated Press', 'text', 'Associated Press'],
    ['By Reuters', 'text', 'Reuters'],
    [null, 'WASHINGTON (AP) — The Senate voted on Tuesday…', 'Associated Press'],
    [null, 'LONDON (Reuters) - Britain said on Monday…', 'Reuters'],
    ['Jane Doe', 'The apple harvest was good this year (AP photos are below).', null],
  ])('detectWire(%j, …)', (byline, text, expected) => {
    expect(detectWire(byline, text)).toBe(expected);
  });

  it.each([
    ['The Daily Meridian', 'daily meridian'],
    ['Daily Meridian’s', 'daily meridian'],
    ['CNN.com', 'cnn com'],
  ])('outletKey(%j) = %j', (name, key) => expect(outletKey(name)).toBe(key));
});

describe('origins shown once', () => {
  it('a bare unnamed origin inside a more specific one of the same kind is folded into it', () => {
    const link = (name: string, kind: 'anonymous' | 'person', named: boolean) => ({ name, kind, named });
    const outlet = (name: string) => ({ name, kind: 'outlet' as const, named: true });
    const r = analyzeOrigins([
      { docId: 'a', outlet: 'Meridian', published: '2024-03-12', wire: null, text: 'headline', chain: [outlet('Meridian'), link('sources', 'anonymous', false)] },
      { docId: 'a', outlet: 'Meridian', published: '2024-03-12', wire: null, text: 'body', chain: [outlet('Meridian'), link('intelligence sources', 'anonymous', false)] },
      { docId: 'b', outlet: 'Courier', published: '2024-03-13', wire: null, text: 'body', chain: [outlet('Courier'), link('officials', 'anonymous', false)] },
    ]);
    expect(r.origins.map((o) => o.name)).toEqual(['intelligence sources', 'officials']);
  });
});
