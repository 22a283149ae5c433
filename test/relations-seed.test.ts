/**
 * The allegation graph of the seed, as issue 5 requires it: edges from Pakistan and from the ISI to Hamas
 * (shelter / train / assist / supply / ally) resting on the chain through Blitz's report, the training edge
 * hedged, and "Trump hosted Sharif and Munir" in the outlet's own voice. Everything here is computed by
 * the pipeline on the real article; the expectations name actors and sources, never ids or offsets.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';
import type { Analysis, Claim, Entity, Relation } from '../src/index.js';
import { OUTLET_SOURCE_ID } from '../src/annotate/sources.js';
import { ruleEntry } from '../src/rules.js';
import { ROOT } from './support/shared.js';

const seed = readFileSync(path.join(ROOT, 'examples', 'uttam-hindu-pakistan-hamas.txt'), 'utf8');
const a = analyze(seed, { name: 'uttam-hindu-pakistan-hamas.txt' });

function entityNamed(analysis: Analysis, name: string): Entity {
  const found = analysis.entities.filter((e) => e.name === name);
  expect(found, `one entity named ${name}`).toHaveLength(1);
  return found[0]!;
}

const claimOf = (r: Relation): Claim => a.claims.find((c) => c.id === r.claim)!;
const sourceNames = (c: Claim): string[] => c.chain.map((id) => {
  const s = a.sources.find((x) => x.id === id)!;
  return s.outlet ?? s.name;
});
const edges = (subject: Entity, object: Entity): Relation[] => a.relations.filter((r) => r.subject === subject.id && r.object === object.id);

const PAKISTAN = entityNamed(a, 'Pakistan');
const ISI = entityNamed(a, 'Inter-Services Intelligence');
const HAMAS = entityNamed(a, 'Hamas');
const SUPPORT = ['shelter', 'train', 'assist', 'supply', 'ally'];

describe('seed: actors', () => {
  it('merges Pakistan, Islamabad acting as the state, Pakistani and its political-military leadership', () => {
    expect(PAKISTAN.type).toBe('state');
    expect(PAKISTAN.aliases).toEqual(expect.arrayContaining(['Pakistan', 'Islamabad', 'Pakistani', 'Pakistan’s political-military leadership']));
    // The dateline's "Islamabad" is where the story was filed, not an actor.
    const dateline = a.regions.find((r) => r.kind === 'dateline')!;
    expect(PAKISTAN.mentions.some((m) => m.start >= dateline.start && m.end <= dateline.end)).toBe(false);
  });

  it('reads Inter-Services Intelligence (ISI) as one organisation, part of Pakistan, and the Pakistan Army too', () => {
    expect(ISI.type).toBe('organization');
    expect(ISI.aliases).toEqual(expect.arrayContaining(['Inter-Services Intelligence', 'ISI']));
    expect(ISI.partOf).toBe(PAKISTAN.id);
    const army = entityNamed(a, 'Pakistan Army');
    expect(army.type).toBe('organization');
    expect(army.partOf).toBe(PAKISTAN.id);
    expect(HAMAS.type).toBe('armed_group');
  });

  it('strips titles from people and keeps them as roles', () => {
    const table: Array<[string, string]> = [
      ['Asim Munir', 'Army Chief'],
      ['Shehbaz Sharif', 'Prime Minister'],
      ['Donald Trump', 'President'],
    ];
    for (const [name, role] of table) {
      const p = entityNamed(a, name);
      expect(p.type).toBe('person');
      expect(p.role).toBe(role);
    }
    expect(entityNamed(a, 'Shehbaz Sharif').partOf).toBe(PAKISTAN.id);
  });

  it('every mention is the text it spans', () => {
    for (const e of a.entities) for (const m of e.mentions) expect(seed.slice(m.start, m.end)).toBe(m.text);
  });
});

describe('seed: allegations', () => {
  for (const [label, subject] of [['Pakistan', PAKISTAN], ['the ISI', ISI]] as const) {
    it(`has edges from ${label} to Hamas among shelter / train / assist / supply / ally, resting on Blitz's report`, () => {
      const found = edges(subject, HAMAS).filter((r) => SUPPORT.includes(r.predicate));
      expect(found.length).toBeGreaterThan(0);
      const throughBlitz = found.filter((r) => sourceNames(claimOf(r)).includes('Blitz'));
      expect(throughBlitz.length).toBeGreaterThan(0);
      for (const r of throughBlitz) {
        expect(sourceNames(claimOf(r))[0]).toBe('The Uttam Hindu');
        expect(r.negated).toBe(false);
      }
    });
  }

  it('Pakistan shelters and assists Hamas, by the words "providing shelter and assistance to"', () => {
    const preds = edges(PAKISTAN, HAMAS).filter((r) => claimOf(r).text.includes('providing shelter and assistance')).map((r) => r.predicate);
    expect(preds.sort()).toEqual(['assist', 'shelter']);
  });

  it('the ISI training Hamas is hedged ("reportedly") and rests on Blitz', () => {
    const training = edges(ISI, HAMAS).filter((r) => r.predicate === 'train');
    const hedged = training.filter((r) => r.hedged);
    expect(hedged.length).toBeGreaterThan(0);
    for (const r of hedged) {
      expect(claimOf(r).hedges.map((h) => h.text)).toContain('reportedly');
      expect(sourceNames(claimOf(r))).toEqual(['The Uttam Hindu', 'Blitz']);
    }
  });

  it('"They are being trained … by the ISI": the trainees are Hamas, the trainer the ISI, on anonymous sources via Blitz', () => {
    const r = a.relations.find((x) => x.predicate === 'train' && x.subject === ISI.id && claimOf(x).text.startsWith('They are being trained'));
    expect(r).toBeDefined();
    expect(r!.object).toBe(HAMAS.id);
    expect(r!.rule).toBe('relation/passive-verb');
    const chain = claimOf(r!).chain.map((id) => a.sources.find((s) => s.id === id)!.kind);
    expect(chain).toEqual(['outlet', 'media', 'anonymous']);
  });

  it('"Trump hosted Sharif and Munir" rests on the outlet\'s own voice', () => {
    const trump = entityNamed(a, 'Donald Trump');
    for (const guest of ['Shehbaz Sharif', 'Asim Munir']) {
      const hosted = edges(trump, entityNamed(a, guest)).filter((r) => r.predicate === 'host');
      expect(hosted, `Trump hosts ${guest}`).toHaveLength(1);
      expect(claimOf(hosted[0]!).chain).toEqual([OUTLET_SOURCE_ID]);
      expect(hosted[0]!.trigger.text).toBe('hosting');
      expect(hosted[0]!.hedged).toBe(false);
    }
  });

  it('whether the U.S. should go on designating Pakistan is a question, not an assertion', () => {
    const designate = a.relations.filter((r) => r.predicate === 'designate' && r.object === PAKISTAN.id);
    expect(designate.map((r) => r.modality)).toEqual(['question']);
    expect(designate[0]!.subject).toBe(entityNamed(a, 'United States').id);
  });

  it('every relation is well formed: known entities and claim, trigger text, registered rule, hedged iff its claim is', () => {
    const ids = new Set(a.entities.map((e) => e.id));
    expect(a.relations.length).toBeGreaterThan(10);
    for (const r of a.relations) {
      expect(ids.has(r.subject) && ids.has(r.object)).toBe(true);
      expect(r.subject).not.toBe(r.object);
      expect(r.trigger.text).toBe(seed.slice(r.trigger.start, r.trigger.end));
      expect(r.hedged).toBe(claimOf(r).hedges.length > 0);
      expect(ruleEntry(r.rule)).toBeDefined();
    }
    for (const e of a.entities) expect(ruleEntry(e.rule)).toBeDefined();
  });
});
