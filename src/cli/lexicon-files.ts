/** `--lexicon FILE` (repeatable): users' lexicon extensions read, checked and merged, for analyze and ingest. */
import { readFileSync } from 'node:fs';
import { validateExtension, type LexiconExtension } from '../lexicons/index.js';
import { UsageError } from './errors.js';

export function loadLexicons(paths: readonly string[]): LexiconExtension | undefined {
  if (paths.length === 0) return undefined;
  const merged: Record<string, unknown[]> = {};
  for (const p of paths) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(p, 'utf8'));
    } catch (e) {
      throw new UsageError(`cannot read lexicon ${p}: ${(e as Error).message}`);
    }
    let ext: LexiconExtension;
    try {
      ext = validateExtension(parsed, p);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    for (const [k, v] of Object.entries(ext)) if (Array.isArray(v)) (merged[k] ??= []).push(...v);
  }
  return merged as LexiconExtension;
}
