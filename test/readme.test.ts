/**
 * The README's example is what `claimtrace analyze` prints for the seed: its lines (the elided claims
 * marked "…" apart) appear in the real output, in order. A change that alters them shows up here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/pipeline.js';
import { renderTerminal } from '../src/report/terminal.js';
import { ROOT } from './support/shared.js';

const COMMAND = '$ npx claimtrace analyze examples/uttam-hindu-pakistan-hamas.txt';

describe('the README example', () => {
  it('is what analyze prints for the seed', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const at = readme.indexOf(COMMAND);
    expect(at, 'the README shows the seed command').toBeGreaterThanOrEqual(0);
    const shown = readme
      .slice(at + COMMAND.length, readme.indexOf('```', at))
      .split('\n')
      .map((l) => l.trimEnd())
      .filter((l) => l !== '' && l.trim() !== '…');
    const seed = path.join(ROOT, 'examples', 'uttam-hindu-pakistan-hamas.txt');
    const printed = renderTerminal(analyze(readFileSync(seed, 'utf8'), { name: seed }), { color: false, width: 100 })
      .split('\n')
      .map((l) => l.trimEnd());
    let k = 0;
    for (const line of shown) {
      while (k < printed.length && printed[k] !== line) k++;
      expect(k < printed.length, `README line not printed (or out of order): ${JSON.stringify(line)}`).toBe(true);
      k++;
    }
    expect(shown.length).toBeGreaterThan(20);
  });
});
