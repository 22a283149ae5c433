/**
 * The golden outputs in test/golden/ must match what the code prints now. When a change is meant to alter
 * them, `npm run golden` rewrites them and the diff is reviewed with the change.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goldenInputs, goldenPath, goldenText } from './support/golden.js';

describe('golden outputs', () => {
  it.each(goldenInputs().map((g) => [g.name, g.file] as const))('%s', (name, file) => {
    const path = goldenPath(name);
    expect(existsSync(path), `${path} is missing: run npm run golden`).toBe(true);
    const actual = goldenText(file);
    const expected = readFileSync(path, 'utf8');
    // On a mismatch: if the change is intended, `npm run golden` and review the diff.
    expect(actual, `${name} differs from ${path}; if intended, run npm run golden and review the diff`).toBe(expected);
  });
});
