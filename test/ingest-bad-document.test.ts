/**
 * Ingest survives a bad document: one whose analysis runs past its budget is reported with its path and the
 * reason and skipped, in the worker pool and in-process alike, and the rest of the folder is stored.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/store/ingest.js';
import { openStore } from '../src/store/open.js';
import { shapeNamed } from '../src/bench/shapes.js';

const dir = mkdtempSync(join(tmpdir(), 'claimtrace-bad-doc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const seed = readFileSync(new URL('../examples/uttam-hindu-pakistan-hamas.txt', import.meta.url), 'utf8');
writeFileSync(join(dir, 'a-seed.txt'), seed);
// 2 MB of quoted speech takes many times the budget below, however fast the machine.
writeFileSync(join(dir, 'b-hostile.txt'), shapeNamed('quote-pairs').make(2_000_000));
writeFileSync(join(dir, 'c-short.txt'), 'Officials said the bridge would reopen on Monday.\n\n“It is safe,” the mayor said.\n');

describe('ingest with a document over its budget', () => {
  it.each([
    ['in worker threads', 1],
    ['in-process', 0],
  ])('%s: reports it with its path and reason, and stores the others', async (_name, workers) => {
    const store = await openStore(join(dir, `corpus-${workers}.db`));
    try {
      const summary = await ingest(store, [dir], { workers, budgetSeconds: 4 });
      expect(summary.failures.map((f) => f.path)).toEqual([join(dir, 'b-hostile.txt')]);
      expect(summary.failures[0]!.reason).toMatch(/over its time budget of 4 s for 2\.0 MB of input/);
      expect(summary.added).toBe(2);
      expect((await store.stats()).documents).toBe(2);
    } finally {
      await store.close();
    }
  });
});
