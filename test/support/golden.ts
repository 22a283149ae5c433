/**
 * Golden outputs: what claimtrace prints for a few articles, kept in test/golden/ and compared by
 * test/golden.test.ts. `npm run golden` rewrites them; the diff is then reviewed like code, so a change in a
 * rule or a model shows up as the claims, chains and findings it changes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../src/pipeline.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { ROOT } from './shared.js';

export const GOLDEN_DIR = path.join(ROOT, 'test', 'golden');

/** The inputs: the seed article, and the fixtures in test/fixtures/golden. */
export function goldenInputs(): Array<{ name: string; file: string }> {
  const fixtures = path.join(ROOT, 'test', 'fixtures', 'golden');
  return [
    { name: 'uttam-hindu-pakistan-hamas', file: path.join(ROOT, 'examples', 'uttam-hindu-pakistan-hamas.txt') },
    ...readdirSync(fixtures)
      .filter((f) => /\.(txt|html)$/.test(f))
      .sort()
      .map((f) => ({ name: f.replace(/\.(txt|html)$/, ''), file: path.join(fixtures, f) })),
  ];
}

const clip = (s: string): string => JSON.stringify(s.length > 90 ? `${s.slice(0, 89)}…` : s);

/** The golden text of one input: the terminal view, then every attribution with its rule. */
export function goldenText(file: string): string {
  const input = readFileSync(file, 'utf8');
  const a = analyze(input, { name: file });
  const t = a.document.text;
  const lines = [renderTerminal(a, { color: false, width: 100 }).trimEnd(), '', 'Attributions (rule · source · cue · content)'];
  for (const r of a.attributions) {
    const source = r.sourceSpan ? clip(t.slice(r.sourceSpan.start, r.sourceSpan.end)) : '—';
    lines.push(`  ${r.id} ${r.rule} · ${source} · ${clip(t.slice(r.cue.start, r.cue.end))} · ${clip(t.slice(r.content.start, r.content.end))}`);
  }
  return lines.join('\n') + '\n';
}

export function goldenPath(name: string): string {
  return path.join(GOLDEN_DIR, `${name}.txt`);
}
