import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';
import { ruleEntry } from '../src/rules.js';
import { renderPipelineDoc, renderRulesDoc } from '../src/rules-doc.js';
import { ROOT } from './support/shared.js';

const samples = [
  readFileSync(path.join(ROOT, 'examples', 'uttam-hindu-pakistan-hamas.txt'), 'utf8'),
  '“It is over,” he said. Johnson: “We have nothing to hide from anyone here.” The ministry’s claim that it knew nothing was false, police said.',
];

describe('rule registry', () => {
  it('covers every rule id the pipeline emits', () => {
    const ids = new Set<string>();
    for (const text of samples) {
      const a = analyze(text);
      for (const f of [...a.quotes, ...a.cues, ...a.hedges, ...a.sourceMentions, ...a.attributions]) ids.add(f.rule);
    }
    expect(ids.size).toBeGreaterThan(8);
    expect([...ids].filter((id) => ruleEntry(id) === undefined)).toEqual([]);
  });

  it('docs/rules.md is up to date (regenerate with npm run docs)', () => {
    expect(readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8')).toBe(renderRulesDoc());
  });

  it('docs/pipeline.md is up to date (regenerate with npm run docs)', () => {
    expect(readFileSync(path.join(ROOT, 'docs', 'pipeline.md'), 'utf8')).toBe(renderPipelineDoc());
  });
});
