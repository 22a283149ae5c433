/** Writes docs/rules.md from the rule registry and the lexicons' source notes. Run: npm run docs */
import { writeFileSync } from 'node:fs';
import { renderRulesDoc } from '../src/rules-doc.js';

writeFileSync('docs/rules.md', renderRulesDoc());
console.log('wrote docs/rules.md');
