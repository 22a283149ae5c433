/** Writes docs/rules.md (rule registry, parse rules, lexicons' source notes) and docs/pipeline.md (the stages). Run: npm run docs */
import { writeFileSync } from 'node:fs';
import { renderPipelineDoc, renderRulesDoc } from '../src/rules-doc.js';

writeFileSync('docs/rules.md', renderRulesDoc());
writeFileSync('docs/pipeline.md', renderPipelineDoc());
console.log('wrote docs/rules.md and docs/pipeline.md');
