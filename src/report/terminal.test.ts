import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../pipeline.js';
import { renderTerminal } from './terminal.js';

const seed = readFileSync(new URL('../../examples/uttam-hindu-pakistan-hamas.txt', import.meta.url), 'utf8');

describe('terminal view', () => {
  const analysis = analyze(seed, { format: 'text' });
  const out = renderTerminal(analysis, { color: false, width: 200 });
  const blocks = out.split(/\n(?=\s*\d+\. )/);

  it("lists each claim's allegations under it, hedged ones marked", () => {
    expect(analysis.relations.length).toBeGreaterThan(0);
    const name = new Map(analysis.entities.map((e) => [e.id, e.name]));
    for (const r of analysis.relations) {
      const claim = analysis.claims.find((c) => c.id === r.claim)!;
      const block = blocks.find((b) => /^\s*\d+\. /.test(b) && b.includes(claim.text.replace(/\s+/g, ' ').slice(0, 60)));
      expect(block, claim.text).toBeDefined();
      const line = `alleges: ${name.get(r.subject)} —${r.negated ? 'not ' : ''}${r.predicate}→ ${name.get(r.object)}`;
      expect(block).toContain(line);
    }
    expect(out).toMatch(/reportedly[\s\S]*alleges: Inter-Services Intelligence —train→ Hamas \(hedged\)/);
  });

  it('uses no colour codes when colour is off', () => {
    expect(out).not.toMatch(/\u001b\[/);
  });
});
