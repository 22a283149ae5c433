/** The analysis core must run unchanged in a browser: no `node:` (or bare Node built-in) imports outside the edges. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/shared.js';

const EDGES = ['cli', 'store', 'server', 'bench', 'workers'];
const NODE_BUILTINS = /from\s+['"](node:[^'"]+|fs|path|os|child_process|worker_threads|crypto|url|util|stream|http|https|zlib|buffer)['"]/;

function coreFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return EDGES.includes(name) ? [] : coreFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('analysis core is browser-safe', () => {
  it('imports no Node built-in module', () => {
    const files = coreFiles(path.join(ROOT, 'src'));
    expect(files.length).toBeGreaterThan(8);
    const offenders = files.filter((f) => NODE_BUILTINS.test(readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});
