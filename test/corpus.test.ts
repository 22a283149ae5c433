/**
 * `claimtrace corpus` as a user runs it, through the built CLI in child processes: idempotent and
 * crash-safe ingest (a real SIGKILL), bad inputs reported and skipped, circular reporting flagged on a
 * hand-made corpus and not on one whose outlets quote distinct named officials.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { buildOnce } from './support/build.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/store/migrations/index.js';
import { analyze } from '../src/pipeline.js';
import { hasSharedData, SHARED_DATA } from './support/shared.js';
import { ACTIVE_BACKENDS, BACKENDS, type Backend } from './support/backends.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
// CLAIMTRACE_CLI points at another build (a private one while the shared tree is mid-change).
const CLI = process.env.CLAIMTRACE_CLI ?? join(ROOT, 'dist', 'cli', 'main.js');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const DEV_TEXT = join(SHARED_DATA, 'polnear', 'dev', 'text');
const SLOW = 600_000;

let dir = '';

beforeAll(() => {
  if (!process.env.CLAIMTRACE_CLI) buildOnce(ROOT);
  dir = mkdtempSync(join(tmpdir(), 'claimtrace-corpus-'));
}, SLOW);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(...args: string[]): Result {
  return runWithEnv({}, ...args);
}

function runWithEnv(extra: Record<string, string>, ...args: string[]): Result {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.CLAIMTRACE_DB;
  Object.assign(env, extra);
  delete env.CLAIMTRACE_DEBUG;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 28, timeout: SLOW });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Per document (by content hash): how many claims, sources, attributions and hedges it has. */
async function inventory(backend: Backend, db: string): Promise<Map<string, string>> {
  const rows = await backend.query<{ hash: string; claims: number; sources: number; attributions: number; hedges: number }>(
    db,
    `SELECT d.hash,
       (SELECT count(*) FROM claims c WHERE c.doc_id = d.id) AS claims,
       (SELECT count(*) FROM sources s WHERE s.doc_id = d.id) AS sources,
       (SELECT count(*) FROM attributions a WHERE a.doc_id = d.id) AS attributions,
       (SELECT count(*) FROM hedges h WHERE h.doc_id = d.id) AS hedges
     FROM documents d`,
  );
  return new Map(rows.map((r) => [r.hash, `${r.claims}/${r.sources}/${r.attributions}/${r.hedges}`]));
}

/**
 * The same counts from each document's analysis: the stored one (HTML), or the stored text analysed again in
 * this process (plain text, which is stored without its analysis). Rows and analysis must agree.
 */
async function inventoryFromAnalyses(backend: Backend, db: string): Promise<Map<string, string>> {
  const rows = await backend.query<{ hash: string; analysis: Buffer; text: string; path: string }>(db, 'SELECT hash, analysis, text, path FROM documents');
  return new Map(
    rows.map((r) => {
      const a =
        r.analysis.length > 0
          ? (JSON.parse(inflateRawSync(r.analysis).toString('utf8')) as { claims: unknown[]; sources: unknown[]; attributions: unknown[]; hedges: unknown[] })
          : analyze(r.text, { format: 'text', name: r.path });
      return [r.hash, `${a.claims.length}/${a.sources.length}/${a.attributions.length}/${a.hedges.length}`];
    }),
  );
}

async function orphans(backend: Backend, db: string): Promise<number> {
  const [row] = await backend.query<{ n: number }>(
    db,
    `SELECT (SELECT count(*) FROM claims WHERE doc_id NOT IN (SELECT id FROM documents))
          + (SELECT count(*) FROM sources WHERE doc_id NOT IN (SELECT id FROM documents))
          + (SELECT count(*) FROM attributions WHERE doc_id NOT IN (SELECT id FROM documents))
          + (SELECT count(*) FROM hedges WHERE doc_id NOT IN (SELECT id FROM documents)) AS n`,
  );
  return row!.n;
}

function stats(db: string): { documents: number; claims: number; sources: number; clusters: number } {
  const r = run('corpus', 'stats', '--db', db, '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe.skipIf(!hasSharedData).each(ACTIVE_BACKENDS)('ingesting PolNeAR dev (84 articles) into the $name store', (backend) => {
  let reference = new Map<string, string>();
  let ref = '';
  const refDb = (): string => ref;
  beforeAll(async () => {
    ref = await backend.newDb('dev');
  });

  it('stores each article once, and a second run stores nothing new', async () => {
    const first = run('corpus', 'ingest', DEV_TEXT, '--db', refDb());
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/ingested 84 documents .*84 new, 0 already stored, 0 failed/);
    reference = await inventory(backend, refDb());
    expect(reference.size).toBe(84);
    expect(reference).toEqual(await inventoryFromAnalyses(backend, refDb()));
    const before = stats(refDb());
    expect(before.documents).toBe(84);
    expect(before.claims).toBeGreaterThan(84 * 10);

    const second = run('corpus', 'ingest', DEV_TEXT, '--db', refDb());
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/0 new, 84 already stored, 0 failed/);
    expect(stats(refDb())).toEqual(before);
    expect(await inventory(backend, refDb())).toEqual(reference);
    // The schema was migrated once and recorded.
    expect(await backend.query<{ version: number }>(refDb(), 'SELECT version FROM schema_migrations ORDER BY version')).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
  }, SLOW);

  it('a SIGKILL mid-ingest, then a rerun, loses and duplicates nothing', async () => {
    const db = await backend.newDb('killed');
    const child = spawn(process.execPath, [CLI, 'corpus', 'ingest', DEV_TEXT, '--db', db], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Kill once some documents are committed and before all are.
    let storedAtKill = -1;
    for (let waited = 0; waited < SLOW; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
      if (child.exitCode !== null) break;
      if (backend.name === 'sqlite' && !existsSync(db)) continue;
      let n = 0;
      try {
        n = (await backend.query<{ n: number }>(db, 'SELECT count(*) AS n FROM documents'))[0]!.n;
      } catch {
        continue; // schema not created yet
      }
      if (n > 0) {
        child.kill('SIGKILL');
        storedAtKill = n;
        break;
      }
    }
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    expect(storedAtKill).toBeGreaterThan(0);
    expect(storedAtKill).toBeLessThan(84);
    // Whatever was committed is whole: every stored document has all the rows of its analysis, the same as
    // in the uninterrupted run (an analysis does not depend on what the process read before), and no row
    // lacks its document.
    const partial = await inventory(backend, db);
    expect(partial).toEqual(await inventoryFromAnalyses(backend, db));
    for (const [hash, rows] of partial) expect(rows, hash).toBe(reference.get(hash));
    expect(await orphans(backend, db)).toBe(0);

    const rerun = run('corpus', 'ingest', DEV_TEXT, '--db', db);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toMatch(new RegExp(`${84 - partial.size} new, ${partial.size} already stored, 0 failed`));
    const final = await inventory(backend, db);
    expect([...final.keys()].sort()).toEqual([...reference.keys()].sort());
    expect(final).toEqual(await inventoryFromAnalyses(backend, db));
    for (const rows of final.values()) expect(Number(rows.split('/')[0])).toBeGreaterThan(0); // every article has claims
    expect(await orphans(backend, db)).toBe(0);
    const counts = (await backend.query<{ n: number; distinct: number }>(db, 'SELECT count(*) AS n, count(DISTINCT path) AS "distinct" FROM documents'))[0]!;
    expect(counts).toEqual({ n: 84, distinct: 84 });
  }, SLOW);

  /** Each cluster as its documents and their claims, sorted: equal for equal clusterings, whatever the row ids. */
  const clusterShape = (db: string): string[] => {
    const r = run('corpus', 'origins', '--db', db, '--json');
    expect(r.code, r.stderr).toBe(0);
    const { clusters } = JSON.parse(r.stdout) as ClusterJson;
    return clusters.map((c) => c.documents.map((d) => `${d.id}: ${d.claim}`).sort().join('\n')).sort();
  };

  const ingestProcess = (db: string) => {
    const child = spawn(process.execPath, [CLI, 'corpus', 'ingest', DEV_TEXT, '--db', db, '--workers', '1'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
    return { child, exited };
  };

  it.runIf(backend.name === 'postgres')('two ingest processes share the work: the same documents, claims and clusters as one, none done twice', async () => {
    const db = await backend.newDb('two');
    const [a, b] = [ingestProcess(db), ingestProcess(db)];
    const [ra, rb] = await Promise.all([a.exited, b.exited]);
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    // Each stored its share, and together every document once.
    const added = [ra, rb].map((r) => Number(/(\d+) new/.exec(r.stderr)![1]));
    expect(added[0]! + added[1]!, `${ra.stderr}${rb.stderr}`).toBe(84);
    expect(added.every((n) => n > 0), `${ra.stderr}${rb.stderr}`).toBe(true);
    expect(await inventory(backend, db)).toEqual(reference);
    expect(await orphans(backend, db)).toBe(0);
    expect(stats(db)).toEqual(stats(refDb()));
    expect(clusterShape(db)).toEqual(clusterShape(refDb()));
  }, SLOW);

  it.runIf(backend.name === 'postgres')('kill -9 of one of two ingest processes: the other stores every document, once', async () => {
    const db = await backend.newDb('two-killed');
    const [a, b] = [ingestProcess(db), ingestProcess(db)];
    let killedAt = -1;
    for (let waited = 0; waited < SLOW && a.child.exitCode === null; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        killedAt = (await backend.query<{ n: number }>(db, 'SELECT count(*) AS n FROM documents'))[0]!.n;
      } catch {
        continue; // schema not created yet
      }
      if (killedAt > 0) {
        a.child.kill('SIGKILL');
        break;
      }
    }
    await a.exited;
    expect(a.child.signalCode).toBe('SIGKILL');
    const rb = await b.exited;
    expect(rb.code, rb.stderr).toBe(0);
    expect(killedAt).toBeGreaterThan(0);
    expect(await inventory(backend, db)).toEqual(reference);
    expect(await orphans(backend, db)).toBe(0);
    const counts = (await backend.query<{ n: number; distinct: number }>(db, 'SELECT count(*) AS n, count(DISTINCT hash) AS "distinct" FROM documents'))[0]!;
    expect(counts).toEqual({ n: 84, distinct: 84 });
    expect(clusterShape(db)).toEqual(clusterShape(refDb()));
  }, SLOW);
});

interface ClusterJson {
  clusters: Array<{
    id: number;
    claim: string;
    documents: Array<{ id: string; outlet: string; published: string | null; claim: string }>;
    origins: Array<{ name: string; kind: string; named: boolean }>;
    circular: boolean;
    reason: string;
    chains: string[];
  }>;
}

function clustersOf(fixture: string, db: string): ClusterJson {
  const r = run('corpus', 'ingest', join(FIXTURES, fixture), '--db', db);
  expect(r.code, r.stderr).toBe(0);
  const o = run('corpus', 'origins', '--db', db, '--json');
  expect(o.code, o.stderr).toBe(0);
  return JSON.parse(o.stdout) as ClusterJson;
}

describe.each(ACTIVE_BACKENDS)('circular reporting in the $name store', (backend) => {
  const dbs = new Map<string, string>();
  beforeAll(async () => {
    for (const fixture of ['corpus-circular', 'corpus-independent']) dbs.set(fixture, await backend.newDb(fixture));
  });

  it('three outlets repeating one claim, citing each other and "intelligence sources", are flagged with a reason', () => {
    const { clusters } = clustersOf('corpus-circular', dbs.get('corpus-circular')!);
    const main = clusters.find((c) => /training Hamas fighters at secret camps/.test(c.claim));
    expect(main, JSON.stringify(clusters, null, 2)).toBeDefined();
    expect(main!.documents.map((d) => d.outlet)).toEqual(['The Daily Meridian', 'Capital Courier', 'Frontier Post']);
    expect(main!.documents.map((d) => d.id)).toEqual(['meridian-0312', 'courier-0313', 'frontier-0314']);
    expect(main!.circular).toBe(true);
    expect(main!.reason).toMatch(/cite each other/);
    expect(main!.reason).toMatch(/Frontier Post cites Capital Courier/);
    expect(main!.reason).toMatch(/intelligence sources/);
    expect(main!.origins).toEqual([{ name: 'intelligence sources', kind: 'anonymous', named: false }]);
    expect(main!.chains.some((c) => c.startsWith('The Daily Meridian → “intelligence sources”'))).toBe(true);
  }, SLOW);

  it('outlets quoting distinct named officials on the record are not flagged', () => {
    const { clusters } = clustersOf('corpus-independent', dbs.get('corpus-independent')!);
    const bridge = clusters.find((c) => /Harlow river bridge will close/.test(c.claim));
    expect(bridge, JSON.stringify(clusters, null, 2)).toBeDefined();
    expect(new Set(bridge!.documents.map((d) => d.outlet)).size).toBe(3);
    expect(bridge!.circular).toBe(false);
    expect(bridge!.origins.filter((o) => o.named && o.kind === 'person')).toHaveLength(3);
    expect(clusters.every((c) => !c.circular)).toBe(true);
  }, SLOW);

  it('claims prints the first appearance and a spread timeline', () => {
    const r = run('corpus', 'claims', '--db', dbs.get('corpus-circular')!);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/first: The Daily Meridian, 2024-03-12/);
    expect(r.stdout).toMatch(/2024-03-12 +█+ +1 +The Daily Meridian/);
    expect(r.stdout).toMatch(/2024-03-14 +█+ +1 +Frontier Post/);
    // Each claim with its check-worthiness beside what it rests on.
    expect(r.stdout).toMatch(/check-worthiness \d\.\d\d · rests on /);
  }, SLOW);

  it('claims --sort checkworthy lists the most check-worthy claims across outlets first; a bad order is refused', () => {
    const db = dbs.get('corpus-circular')!;
    const r = run('corpus', 'claims', '--db', db, '--json', '--sort', 'checkworthy');
    expect(r.code, r.stderr).toBe(0);
    const { clusters } = JSON.parse(r.stdout) as { clusters: Array<{ checkworthiness: number | null; documents: Array<{ checkworthiness: number | null }> }> };
    expect(clusters.length).toBeGreaterThan(1);
    const scores = clusters.map((c) => c.checkworthiness!);
    expect(scores.every((s) => typeof s === 'number' && s >= 0 && s <= 1)).toBe(true);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // A cluster's score is its most check-worthy claim's: at least each listed document's.
    for (const c of clusters) for (const d of c.documents) expect(d.checkworthiness!).toBeLessThanOrEqual(c.checkworthiness!);
    const bad = run('corpus', 'claims', '--db', db, '--sort', 'newest');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual(['claimtrace: --sort must be one of reach, checkworthy, got "newest"']);
  }, SLOW);
});

describe('outlets', () => {
  it('are named from a news file name through the outlet lexicon, a --lexicon file first', async () => {
    const base = join(dir, 'outlets');
    mkdirSync(join(base, 'text'), { recursive: true });
    writeFileSync(join(base, 'text', 'wash-post_2016-09-21_bridge.txt'), 'Bridge to close\n\nThe Harlow river bridge will close for repairs in May, Transport Minister Amina Osei said on Tuesday.\n');
    writeFileSync(join(base, 'text', 'capcourier_2016-09-22_bridge.txt'), 'Bridge shuts in May\n\nThe Harlow river bridge will shut for repairs from May, the transport ministry said.\n');
    writeFileSync(join(base, 'lexicon.json'), JSON.stringify({ outlets: [{ name: 'Capital Courier', aliases: ['capcourier', 'capcourier.com'] }] }));
    const db = join(dir, 'outlets.db');
    const r = run('corpus', 'ingest', join(base, 'text'), '--db', db, '--lexicon', join(base, 'lexicon.json'));
    expect(r.code, r.stderr).toBe(0);
    const rows = await BACKENDS[0]!.query<{ outlet: string; outlet_from: string; published: string }>(db, 'SELECT outlet, outlet_from, published FROM documents ORDER BY outlet');
    expect(rows).toEqual([
      { outlet: 'Capital Courier', outlet_from: 'file', published: '2016-09-22' },
      { outlet: 'The Washington Post', outlet_from: 'file', published: '2016-09-21' },
    ]);
  }, SLOW);

  it('a bad outlet entry in --lexicon: one line, exit 2', () => {
    const file = join(dir, 'bad-outlets.json');
    writeFileSync(file, JSON.stringify({ outlets: [{ name: 'X' }] }));
    const r = run('corpus', 'ingest', FIXTURES, '--db', join(dir, 'never.db'), '--lexicon', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^claimtrace: .*bad entry in "outlets".*"aliases" must be an array of strings\)\n$/);
  }, SLOW);
});

describe('bad inputs', () => {
  it('reports each bad input with its path and reason, stores the rest, exits non-zero', async () => {
    const base = join(dir, 'mixed');
    mkdirSync(join(base, 'herald'), { recursive: true });
    writeFileSync(join(base, 'herald', 'good.txt'), 'Bridge to close\n\nThe Harlow river bridge will close for repairs in May, Transport Minister Amina Osei said on Tuesday.\n');
    writeFileSync(join(base, 'herald', 'photo.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    writeFileSync(join(base, 'herald', 'notes.md'), 'ignored: not an article format');
    writeFileSync(
      join(base, 'feed.jsonl'),
      [
        JSON.stringify({ id: 'ok-1', outlet: 'Valley Gazette', published: '2024-04-02', text: 'The mayor said on Monday that the council would approve the budget.' }),
        '{"id": "broken", "text": "unterminated',
        JSON.stringify({ id: 'no-text', outlet: 'Valley Gazette' }),
        JSON.stringify([1, 2, 3]),
        JSON.stringify({
          id: 'de-1',
          outlet: 'Rheinische Post',
          text: 'Die Bundesregierung hat am Dienstag angekündigt, dass die Brücke über den Rhein im Mai wieder für den Verkehr geöffnet wird. Nach Angaben des Ministeriums wurden die Arbeiten schneller als erwartet abgeschlossen. Kritiker bemängeln jedoch, dass die Kosten deutlich höher ausgefallen seien als ursprünglich geplant.',
        }),
        '',
      ].join('\n'),
    );
    const db = join(dir, 'mixed.db');
    const missing = join(base, 'no-such-folder');
    const r = run('corpus', 'ingest', missing, base, '--db', db);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).toContain(`skipped ${missing}: no such file or folder`);
    expect(r.stderr).toMatch(/skipped \S*photo\.txt: looks binary/);
    expect(r.stderr).toMatch(/skipped \S*feed\.jsonl:2: not valid JSON/);
    expect(r.stderr).toMatch(/skipped \S*feed\.jsonl:3: no "text" or "html" string field/);
    expect(r.stderr).toMatch(/skipped \S*feed\.jsonl:4: expected a JSON object per line, got an array/);
    expect(r.stderr).toMatch(/skipped \S*feed\.jsonl:5: does not look like English/);
    expect(r.stderr).toMatch(/2 new, 0 already stored, 6 failed, 1 file ignored/);
    expect(r.stderr).toMatch(/6 inputs could not be ingested/);
    const docs = await BACKENDS[0]!.query<{ source_id: string; outlet: string; outlet_from: string }>(db, 'SELECT source_id, outlet, outlet_from FROM documents ORDER BY source_id');
    // The outlet: from the JSON Lines record, else the file's folder.
    expect(docs.map((d) => [d.source_id.replace(base, ''), d.outlet, d.outlet_from])).toEqual([
      ['/herald/good.txt', 'herald', 'folder'],
      ['ok-1', 'Valley Gazette', 'input'],
    ]);
  }, SLOW);

  it.each<[string, string[], RegExp]>([
    // Port 9 (discard) on loopback: no server there.
    ['an unreachable PostgreSQL server', ['corpus', 'stats', '--db', 'postgres://user:secret@127.0.0.1:9/claims'], /^claimtrace: --db postgres:\/\/user:…@127\.0\.0\.1:9\/claims: cannot open the PostgreSQL corpus \(.*ECONNREFUSED/],
    ['CLAIMTRACE_DB naming an unreachable server', ['corpus', 'claims'], /^claimtrace: --db postgres:\/\/user:…@127\.0\.0\.1:9\/env: cannot open/],
    ['no paths', ['corpus', 'ingest', '--db', 'x.db'], /corpus ingest needs at least one file or folder/],
    ['an unknown subcommand', ['corpus', 'frobnicate'], /unknown corpus command "frobnicate"/],
    ['a missing database', ['corpus', 'claims', '--db', 'nothing-here.db'], /no corpus database at nothing-here\.db/],
    ['a bad --workers', ['corpus', 'ingest', 'x', '--workers', 'many'], /--workers must be a whole number/],
  ])('%s: one line on stderr, exit 2', (name, args, message) => {
    const r = name.startsWith('CLAIMTRACE_DB') ? runWithEnv({ CLAIMTRACE_DB: 'postgres://user:secret@127.0.0.1:9/env' }, ...args) : run(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toContain('secret');
  });
});
