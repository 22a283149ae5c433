import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyze } from '../../pipeline.js';
import type { Analysis, Entity, EntityType } from '../../model/types.js';
import { initialsMatch } from './entities.js';
import { validateExtension, type LexiconExtension } from '../../lexicons/index.js';

const run = (text: string, lexicon?: LexiconExtension): Analysis => analyze(text, { format: 'text', tagger: false, lexicon });

function entity(a: Analysis, name: string): Entity {
  const found = a.entities.filter((e) => e.name === name);
  expect(found, `one entity named ${name} in ${JSON.stringify(a.entities.map((e) => e.name))}`).toHaveLength(1);
  return found[0]!;
}

interface Expect {
  name: string;
  type: EntityType;
  aliases?: string[];
  role?: string;
  partOf?: string;
}

/** [text, entities expected (name, type, aliases it must have, role, the name of what it is part of)]. */
const CASES: Array<[string, Expect[]]> = [
  // Titles stripped, the surname merged with the full name.
  ['Army Chief Asim Munir met the envoy on Monday. Munir later flew home.', [{ name: 'Asim Munir', type: 'person', aliases: ['Asim Munir', 'Munir'], role: 'Army Chief' }]],
  ['Pakistani Prime Minister Shehbaz Sharif spoke first. Sharif said little.', [
    { name: 'Shehbaz Sharif', type: 'person', aliases: ['Shehbaz Sharif', 'Sharif'], role: 'Prime Minister', partOf: 'Pakistan' },
    { name: 'Pakistan', type: 'state', aliases: ['Pakistani'] },
  ]],
  ['U.S. President Donald Trump arrived late. Trump did not speak.', [
    { name: 'Donald Trump', type: 'person', aliases: ['Trump'], role: 'President', partOf: 'United States' },
    { name: 'United States', type: 'state', aliases: ['U.S.'] },
  ]],
  // A capital that acts is its state; a capital as a place is a place.
  ['Islamabad denies the report. Pakistan has said so before.', [{ name: 'Pakistan', type: 'state', aliases: ['Islamabad', 'Pakistan'] }]],
  ['The delegation stayed in Islamabad for a week.', [{ name: 'Islamabad', type: 'place' }]],
  // The state as a body: its leadership, its officials.
  ["Pakistan's political-military leadership met. Pakistani officials said nothing.", [
    { name: 'Pakistan', type: 'state', aliases: ["Pakistan's political-military leadership", 'Pakistani officials'] },
  ]],
  // Acronyms defined in brackets, from the gazetteer and not.
  ['The Inter-Services Intelligence (ISI) runs the camps. The ISI denies it. Pakistan is silent.', [
    { name: 'Inter-Services Intelligence', type: 'organization', aliases: ['Inter-Services Intelligence', 'ISI'], partOf: 'Pakistan' },
  ]],
  ['The National Farmers Union (NFU) held a rally in May. The NFU wants lower taxes.', [
    { name: 'National Farmers Union', type: 'organization', aliases: ['National Farmers Union', 'NFU'] },
  ]],
  // An organ of a state is part of it; armed groups from the gazetteer.
  ['A unit of the Indian Army crossed the line. Hezbollah fired rockets. India protested.', [
    { name: 'Indian Army', type: 'organization', partOf: 'India' },
    { name: 'Hezbollah', type: 'armed_group' },
  ]],
  ["Pakistan's Foreign Office rejected the claim.", [{ name: 'Foreign Office', type: 'organization', partOf: 'Pakistan' }]],
  ['Hamas leader Ismail Haniyeh met Iranian officials in Tehran.', [
    { name: 'Ismail Haniyeh', type: 'person', role: 'leader', partOf: 'Hamas' },
    { name: 'Iran', type: 'state', aliases: ['Iranian officials'] },
    { name: 'Tehran', type: 'place', partOf: 'Iran' },
  ]],
  ['Secretary of State John Kerry negotiated with Russia.', [{ name: 'John Kerry', type: 'person', role: 'Secretary of State' }]],
  ['Officials of Hizballah spoke, and Hezbollah later denied it.', [{ name: 'Hezbollah', type: 'armed_group', aliases: ['Hizballah', 'Hezbollah'] }]],
  // Names typed by cues: a first name, an organisation word, an armed-group word.
  ['Maria Lopez joined the Green Future Party last year.', [
    { name: 'Maria Lopez', type: 'person' },
    { name: 'Green Future Party', type: 'organization' },
  ]],
  ['The Martyrs Brigades of Zorvan claimed the attack.', [{ name: 'Martyrs Brigades of Zorvan', type: 'armed_group' }]],
];

describe('entities: typing and alias merging', () => {
  for (const [text, expected] of CASES) {
    it(text, () => {
      const a = run(text);
      for (const x of expected) {
        const e = entity(a, x.name);
        expect(e.type).toBe(x.type);
        for (const alias of x.aliases ?? []) expect(e.aliases).toContain(alias);
        if (x.role) expect(e.role).toBe(x.role);
        if (x.partOf) expect(e.partOf).toBe(entity(a, x.partOf).id);
      }
    });
  }

  it('does not take title-case headline words for names, nor labels in scare quotes', () => {
    const a = run('Pakistan’s Secret Alliance with Hamas: A Growing Nightmare\n\nPakistan shelters Hamas, the report says, calling it a “Major Strategic Partner.”');
    expect(a.entities.map((e) => e.name).sort()).toEqual(['Hamas', 'Pakistan']);
  });

  it('takes entities from a --lexicon extension, part of a gazetteer country', () => {
    const ext = validateExtension({ entities: [{ name: 'Zorvan Liberation Council', type: 'armed_group', aliases: ['ZLC'], partOf: 'India' }] }, 'test');
    const a = run('The ZLC attacked a convoy. India blamed the Zorvan Liberation Council.', ext);
    const e = entity(a, 'Zorvan Liberation Council');
    expect(e.type).toBe('armed_group');
    expect(e.aliases).toEqual(['ZLC', 'Zorvan Liberation Council']);
    expect(e.partOf).toBe(entity(a, 'India').id);
  });

  it('skips the stage with entities: false', () => {
    const a = analyze('Pakistan shelters Hamas, the report says.', { format: 'text', tagger: false, entities: false });
    expect([a.entities, a.relations]).toEqual([[], []]);
    expect(a.claims.length).toBeGreaterThan(0);
  });

  it('rejects a malformed entity extension with a message naming the entry', () => {
    expect(() => validateExtension({ entities: [{ name: 'X', type: 'alien' }] }, 'ext.json')).toThrow(/ext\.json: bad entry in "entities".*"type" must be one of/);
    expect(() => validateExtension({ relationTriggers: [{ word: 'bankroll', predicate: 'pay' }] }, 'ext.json')).toThrow(/"predicate" must be one of/);
  });

  it('matches acronyms to initials, with or without small words and leading words', () => {
    const table: Array<[string, string, boolean]> = [
      ['ISI', 'Inter-Services Intelligence', true],
      ['ISI', "Pakistan's Inter-Services Intelligence", true],
      ['PoK', 'Pakistan-occupied Kashmir', true],
      ['UNSC', 'United Nations Security Council', true],
      ['RAW', 'Research and Analysis Wing', true],
      ['NFU', 'National Farmers Union', true],
      ['ABC', 'National Farmers Union', false],
      ['X', 'Xavier', false],
    ];
    for (const [acr, name, ok] of table) expect(initialsMatch(acr, name), `${acr} ← ${name}`).toBe(ok);
  });
});

const FRAGMENTS = [
  'Pakistan', 'Islamabad', 'Pakistani', 'ISI', 'Inter-Services Intelligence (ISI)', 'Hamas', 'Army Chief Asim Munir', 'Munir',
  'U.S. President Donald Trump', 'the White House', 'PoK', 'Pakistan-occupied Kashmir', '(', ')', '“', '”', ',', '.', ' ', '\n\n',
  'said', 'denies', 'trained', 'by', 'and', 'its', 'They are being trained', 'providing shelter to', "'s", '’s', 'İ', 'ß', '😀', 'e\u0301',
];

describe('entities: invariants', () => {
  it('every mention is inside the text and is the text it spans', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 40 }), (parts) => {
        const text = parts.join(' ');
        const a = run(text);
        for (const e of a.entities) {
          expect(e.mentions.length).toBeGreaterThan(0);
          for (const m of e.mentions) {
            expect(m.start).toBeGreaterThanOrEqual(0);
            expect(m.end).toBeLessThanOrEqual(text.length);
            expect(m.start).toBeLessThan(m.end);
            expect(m.text).toBe(text.slice(m.start, m.end));
          }
          if (e.partOf !== undefined) expect(a.entities.some((x) => x.id === e.partOf)).toBe(true);
        }
        const ids = new Set(a.entities.map((e) => e.id));
        for (const r of a.relations) {
          expect(ids.has(r.subject) && ids.has(r.object)).toBe(true);
          expect(r.trigger.text).toBe(text.slice(r.trigger.start, r.trigger.end));
          expect(r.start).toBeLessThanOrEqual(r.trigger.start);
          expect(r.end).toBeGreaterThanOrEqual(r.trigger.end);
        }
      }),
      { numRuns: 60 },
    );
  });
});
