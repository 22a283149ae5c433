/**
 * Builds the web app's browser bundle into dist/assets/: the page script, the analysis worker (the
 * claimtrace core, its models and lexicons, Graphviz WASM), the stylesheet, and the example article.
 * Run by `npm run build`; `claimtrace serve` serves exactly these files.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/assets`;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { app: `${root}src/web/app.ts`, worker: `${root}src/web/worker.ts` },
  outdir: out,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  legalComments: 'external',
  logLevel: 'warning',
});
copyFileSync(`${root}src/web/app.css`, `${out}/app.css`);
copyFileSync(`${root}src/web/icon.svg`, `${out}/icon.svg`);
copyFileSync(`${root}examples/uttam-hindu-pakistan-hamas.txt`, `${out}/example.txt`);
