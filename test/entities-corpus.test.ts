/**
 * Actors and allegations on real news (a sample of PolNeAR and PTC): nothing crashes, every mention and
 * relation is well formed, and the typing is sane on names whose type is not in doubt.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';
import { ruleEntry } from '../src/rules.js';
import { SHARED_DATA, hasSharedData } from './support/shared.js';

function sample(dir: string, every: number): string[] {
  const full = path.join(SHARED_DATA, dir);
  return readdirSync(full).filter((f) => f.endsWith('.txt')).sort().filter((_, i) => i % every === 0).map((f) => path.join(full, f));
}

describe.skipIf(!hasSharedData)('entities and relations on PolNeAR and PTC articles', () => {
  it('are well formed on a sample of 40 articles', () => {
    const files = [...sample('polnear/dev/text', 4), ...sample('ptc/train-articles', 16)].slice(0, 40);
    expect(files.length).toBe(40);
    const typeOf = new Map<string, Set<string>>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const a = analyze(text, { format: 'text', tagger: false });
      const ids = new Set(a.entities.map((e) => e.id));
      const claims = new Set(a.claims.map((c) => c.id));
      for (const e of a.entities) {
        expect(e.mentions.length, `${file}: ${e.name}`).toBeGreaterThan(0);
        expect(e.aliases.length).toBeGreaterThan(0);
        expect(ruleEntry(e.rule), e.rule).toBeDefined();
        if (e.partOf !== undefined) expect(ids.has(e.partOf) && e.partOf !== e.id).toBe(true);
        for (const m of e.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
        const types = typeOf.get(e.name) ?? new Set<string>();
        typeOf.set(e.name, types.add(e.type));
      }
      for (const r of a.relations) {
        expect(ids.has(r.subject) && ids.has(r.object) && claims.has(r.claim)).toBe(true);
        expect(r.trigger.text).toBe(text.slice(r.trigger.start, r.trigger.end));
        expect(r.start <= r.trigger.start && r.trigger.end <= r.end).toBe(true);
        expect(ruleEntry(r.rule), r.rule).toBeDefined();
      }
    }
    // Names whose type is not in doubt, wherever they occur in the sample.
    const expected: Array<[string, string]> = [
      ['Hillary Clinton', 'person'],
      ['Donald Trump', 'person'],
      ['United States', 'state'],
      ['Russia', 'state'],
      ['White House', 'organization'],
    ];
    for (const [name, type] of expected) {
      const types = typeOf.get(name);
      if (types) expect([...types], name).toEqual([type]);
    }
    expect(expected.filter(([name]) => typeOf.has(name)).length).toBeGreaterThanOrEqual(3);
  });
});
