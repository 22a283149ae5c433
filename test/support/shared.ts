/** Access to the annotated corpora in ../shared/data. A fresh clone has none: tests that need it skip, visibly. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED_DATA = path.resolve(ROOT, '..', 'shared', 'data');
export const hasSharedData = existsSync(SHARED_DATA);

if (!hasSharedData) {
  console.warn(`[claimtrace tests] ${SHARED_DATA} not found: corpus tests are skipped (they run in CI).`);
}
