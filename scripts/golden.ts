/**
 * Rewrites the golden outputs (test/golden/*.txt) from the current code and models:
 *
 *   npm run golden
 *
 * Review the diff before committing it: it is what the change does to real articles.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { GOLDEN_DIR, goldenInputs, goldenPath, goldenText } from '../test/support/golden.js';

mkdirSync(GOLDEN_DIR, { recursive: true });
for (const { name, file } of goldenInputs()) {
  writeFileSync(goldenPath(name), goldenText(file));
  console.log(`wrote ${goldenPath(name)}`);
}
