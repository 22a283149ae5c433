/**
 * The PostgreSQL corpus store (node-postgres): for a corpus that many people read and many ingest workers,
 * on one machine or several, write at once. The rows are the SQLite store's, in PostgreSQL's types.
 *
 * - Each batch of documents is one transaction, so a killed worker leaves every document whole or absent.
 * - Workers share the work through `ingest_queue`: a document's row is locked FOR UPDATE SKIP LOCKED by the
 *   worker that analyses it, in the transaction that stores it; a dead worker's connection, its transaction
 *   and its locks end together, and the document is back on offer.
 * - Rows go in as arrays (one INSERT … SELECT FROM unnest per table and batch), not one statement per row.
 * - Migrations run under an advisory lock, so workers starting together apply each once.
 */
import pg from 'pg';
import type { ClaimTable } from '../corpus/cluster.js';
import type { ChainLink } from '../corpus/origins.js';
import { TermSketch } from '../corpus/term-sketch.js';
import type { Analysis } from '../model/types.js';
import { packClaimFeatures } from './migrations/003_claim_features.js';
import { POSTGRES_MIGRATIONS } from './migrations/postgres.js';
import { toTsquery } from './search-query.js';
import { storedAnalysis, chainLinks, chainOf, CitationCounter, selectClaims, unpackClaimTable, type PackedRow } from './rows.js';
import type {
  AnalyzeText,
  CitationCount,
  ClusterMember,
  ClusterUpdate,
  CorpusStats,
  DocumentListing,
  DocumentRecord,
  DocumentSearch,
  FurnitureEntry,
  Lease,
  StaleDocument,
  Store,
  StoredCluster,
} from './store.js';

/** Advisory lock keys (one namespace per purpose). */
const MIGRATION_LOCK = 0x636c_6d01;
const CLUSTERING_LOCK = 0x636c_6d02;

/** int8 and numeric as JavaScript numbers: ids and counts stay far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 || oid === 1700 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** A URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:…@');
}

/** PostgreSQL text cannot hold NUL; U+FFFD keeps every offset (one UTF-16 unit for one). */
const pgText = (s: string): string => (s.includes('\0') ? s.replaceAll('\0', '\uFFFD') : s);
const pgTextOrNull = (s: string | null): string | null => (s === null ? null : pgText(s));
/** Band values are uint32; PostgreSQL's integer is signed. */
const signed = (band: number): number => band | 0;

type Queryable = pg.Pool | pg.PoolClient;

export class PostgresStore implements Store {
  readonly location: string;
  private constructor(private readonly pool: pg.Pool, location: string) {
    this.location = location;
  }

  /** Connects, applies the migrations not yet recorded, and returns the store. */
  static async open(url: string, options: { max?: number } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: options.max ?? 8, types, application_name: 'claimtrace' });
    // An idle connection that fails (the server restarted) is dropped from the pool, not thrown at the process.
    pool.on('error', () => {});
    const store = new PostgresStore(pool, redactUrl(url));
    try {
      await store.migrate();
    } catch (e) {
      await pool.end().catch(() => {});
      throw e;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)');
      const applied = new Set((await c.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      const newest = Math.max(0, ...applied);
      const latest = POSTGRES_MIGRATIONS[POSTGRES_MIGRATIONS.length - 1]!.version;
      if (newest > latest) throw new Error(`${this.location} has schema version ${newest}, newer than this claimtrace knows (${latest}); upgrade claimtrace`);
      for (const m of POSTGRES_MIGRATIONS) {
        if (applied.has(m.version)) continue;
        await c.query(m.sql);
        await c.query('INSERT INTO schema_migrations VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
      }
    });
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await work(client);
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  private async rows<T extends pg.QueryResultRow>(sql: string, params: unknown[] = [], on: Queryable = this.pool): Promise<T[]> {
    return (await on.query<T>(sql, params)).rows;
  }

  private async value<T>(sql: string, params: unknown[] = []): Promise<T> {
    const r = await this.pool.query({ text: sql, values: params, rowMode: 'array' });
    return r.rows[0]?.[0] as T;
  }

  async migrations(): Promise<number[]> {
    return (await this.rows<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).map((r) => r.version);
  }

  async hasDocument(hash: string): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM documents WHERE hash = $1', [hash])).rowCount! > 0;
  }

  private async stored(hashes: readonly string[], on: Queryable = this.pool): Promise<Set<string>> {
    return new Set((await this.rows<{ hash: string }>('SELECT hash FROM documents WHERE hash = ANY($1::text[])', [hashes], on)).map((r) => r.hash));
  }

  async lease(hashes: readonly string[]): Promise<Lease> {
    const before = await this.stored(hashes);
    const wanted = [...new Set(hashes.filter((h) => !before.has(h)))].sort();
    if (wanted.length === 0) return { mine: [], busy: [], write: async () => 0, commit: async () => {}, release: async () => {} };
    // Committed on its own, before the lock is taken: an uncommitted row would make other workers wait on it.
    await this.pool.query('INSERT INTO ingest_queue (hash) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [wanted]);
    const client = await this.pool.connect();
    let open = true;
    const end = async (sql: 'COMMIT' | 'ROLLBACK'): Promise<void> => {
      if (!open) return;
      open = false;
      try {
        await client.query(sql);
      } finally {
        client.release();
      }
    };
    try {
      await client.query('BEGIN');
      const locked = (await this.rows<{ hash: string }>('SELECT hash FROM ingest_queue WHERE hash = ANY($1::text[]) ORDER BY hash FOR UPDATE SKIP LOCKED', [wanted], client)).map((r) => r.hash);
      // Stored by another worker between the first look and the lock: nothing left to do for those.
      const now = await this.stored(locked, client);
      const lockedSet = new Set(locked);
      const mine = locked.filter((h) => !now.has(h));
      let savepoint = 0;
      return {
        mine,
        busy: wanted.filter((h) => !lockedSet.has(h)),
        write: async (docs) => {
          const name = `w${savepoint++}`;
          await client.query(`SAVEPOINT ${name}`);
          try {
            const added = await this.insertRecords(client, docs);
            await client.query(`RELEASE SAVEPOINT ${name}`);
            return added;
          } catch (e) {
            await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
            throw e;
          }
        },
        commit: async () => {
          try {
            await client.query('DELETE FROM ingest_queue WHERE hash = ANY($1::text[])', [locked]);
          } catch (e) {
            await end('ROLLBACK');
            throw e;
          }
          await end('COMMIT');
        },
        release: () => end('ROLLBACK'),
      };
    } catch (e) {
      await end('ROLLBACK').catch(() => {});
      throw e;
    }
  }

  async settle(hashes: readonly string[]): Promise<string[]> {
    if (hashes.length === 0) return [];
    // FOR UPDATE without SKIP LOCKED waits for each holder to commit, or to die.
    await this.transaction((c) => c.query('SELECT hash FROM ingest_queue WHERE hash = ANY($1::text[]) ORDER BY hash FOR UPDATE', [hashes]));
    const stored = await this.stored(hashes);
    return hashes.filter((h) => !stored.has(h));
  }

  async writeDocuments(docs: readonly DocumentRecord[]): Promise<number> {
    return this.transaction((c) => this.insertRecords(c, docs));
  }

  /** Reserves `n` ids of a table's identity column, in increasing order. */
  private async nextIds(c: pg.PoolClient, table: 'documents' | 'claims', n: number): Promise<number[]> {
    if (n === 0) return [];
    const r = await c.query({ text: `SELECT nextval(pg_get_serial_sequence('${table}', 'id')) FROM generate_series(1, $1)`, values: [n], rowMode: 'array' });
    return r.rows.map((row) => row[0] as number).sort((a, b) => a - b);
  }

  /** Inserts the documents not yet stored with all their rows, inside the caller's transaction. */
  private async insertRecords(c: pg.PoolClient, docs: readonly DocumentRecord[]): Promise<number> {
    if (docs.length === 0) return 0;
    const now = new Date().toISOString();
    const ids = await this.nextIds(c, 'documents', docs.length);
    const col = <T>(f: (d: DocumentRecord) => T): T[] => docs.map(f);
    const inserted = await c.query<{ id: number }>(
      `INSERT INTO documents (id, hash, source_id, path, url, outlet, outlet_from, published, title, byline, wire, format, text, analysis, model, ingested_at)
       SELECT u.*, $15 FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                                   $10::text[], $11::text[], $12::text[], $13::text[], $14::bytea[], $16::text[]) AS u
       ON CONFLICT (hash) DO NOTHING RETURNING id`,
      [
        ids, col((d) => d.hash), col((d) => pgText(d.sourceId)), col((d) => pgText(d.path)), col((d) => pgTextOrNull(d.url)), col((d) => pgText(d.outlet)),
        col((d) => d.outletFrom), col((d) => pgTextOrNull(d.published)), col((d) => pgTextOrNull(d.title)), col((d) => pgTextOrNull(d.byline)),
        col((d) => pgTextOrNull(d.wire)), col((d) => d.format), col((d) => pgText(d.text)), col((d) => Buffer.from(d.analysis)), now, col((d) => d.model),
      ],
    );
    const added = new Set(inserted.rows.map((r) => r.id));
    const kept = docs.map((d, i) => ({ d, id: ids[i]! })).filter((x) => added.has(x.id));
    if (kept.length === 0) return 0;

    const claimIds = await this.nextIds(c, 'claims', kept.reduce((n, x) => n + x.d.claims.length, 0));
    const rows = {
      sources: [[], [], [], [], [], [], [], [], []] as unknown[][],
      claims: [[], [], [], [], [], [], [], [], [], [], [], [], [], []] as unknown[][],
      features: [[], []] as unknown[][],
      bands: [[], []] as unknown[][],
      attributions: [[], [], [], [], [], [], [], [], [], [], []] as unknown[][],
      hedges: [[], [], [], [], [], []] as unknown[][],
      entities: [[], [], [], []] as unknown[][],
      relations: [[], [], [], [], [], [], [], [], []] as unknown[][],
      techniques: [[], [], [], [], [], []] as unknown[][],
    };
    const push = (table: unknown[][], ...values: unknown[]): void => values.forEach((v, i) => table[i]!.push(v));
    let next = 0;
    for (const { d, id } of kept) {
      for (const s of d.sources) push(rows.sources, id, s.sid, pgText(s.name), s.kind, s.named, s.unresolved, pgTextOrNull(s.outlet), pgTextOrNull(s.head), pgText(JSON.stringify(s.descriptors)));
      const features: Array<{ id: number; shingles: Uint32Array; bands: Uint32Array }> = [];
      for (const cl of d.claims) {
        const claimId = claimIds[next++]!;
        push(rows.claims, claimId, id, cl.cid, cl.start, cl.end, pgText(cl.text), cl.sentence, JSON.stringify(cl.chain), cl.attribution, cl.continued, cl.headline,
          pgText(JSON.stringify(cl.hedges)), pgText(JSON.stringify(cl.relations)), cl.checkworthiness);
        features.push({ id: claimId, shingles: cl.shingles, bands: cl.bands });
        // Two bands of one claim may hash alike: the pair is kept once.
        for (const band of new Set(cl.bands)) if (band !== 0) push(rows.bands, signed(band), claimId);
      }
      if (features.length > 0) push(rows.features, id, packClaimFeatures(features));
      for (const a of d.attributions) push(rows.attributions, id, a.aid, a.source, a.cue[0], a.cue[1], a.content[0], a.content[1], a.type, a.rule, a.parent, a.reported);
      for (const h of d.hedges) push(rows.hedges, id, h.start, h.end, pgText(h.text), h.category, h.rule);
      for (const e of d.entities) push(rows.entities, id, e.eid, pgText(e.name), e.type);
      for (const r of d.relations) push(rows.relations, id, r.rid, pgText(r.subject), pgText(r.predicate), pgText(r.object), r.claim, r.negated, r.hedged, r.modality);
      for (const t of d.techniques) push(rows.techniques, id, t.tid, t.technique, t.start, t.end, t.score);
    }
    const insert = async (table: string, columns: string, arrayTypes: string[], values: unknown[][]): Promise<void> => {
      if (values[0]!.length === 0) return;
      const params = arrayTypes.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
      await c.query(`INSERT INTO ${table} (${columns}) SELECT * FROM unnest(${params})`, values);
    };
    await insert('sources', 'doc_id, sid, name, kind, named, unresolved, outlet, head, descriptors', ['bigint', 'text', 'text', 'text', 'boolean', 'boolean', 'text', 'text', 'text'], rows.sources);
    await insert(
      'claims',
      'id, doc_id, cid, start, "end", text, sentence, chain, attribution, continued, headline, hedges, relations, checkworthiness',
      ['bigint', 'bigint', 'text', 'integer', 'integer', 'text', 'integer', 'text', 'text', 'boolean', 'boolean', 'text', 'text', 'double precision'],
      rows.claims,
    );
    await insert('claim_features', 'doc_id, packed', ['bigint', 'bytea'], rows.features);
    await insert('claim_bands', 'band, claim_id', ['integer', 'bigint'], rows.bands);
    await insert(
      'attributions',
      'doc_id, aid, source, cue_start, cue_end, content_start, content_end, type, rule, parent, reported',
      ['bigint', 'text', 'text', 'integer', 'integer', 'integer', 'integer', 'text', 'text', 'text', 'boolean'],
      rows.attributions,
    );
    await insert('hedges', 'doc_id, start, "end", text, category, rule', ['bigint', 'integer', 'integer', 'text', 'text', 'text'], rows.hedges);
    await insert('entities', 'doc_id, eid, name, type', ['bigint', 'text', 'text', 'text'], rows.entities);
    await insert('relations', 'doc_id, rid, subject, predicate, object, claim, negated, hedged, modality', ['bigint', 'text', 'text', 'text', 'text', 'text', 'boolean', 'boolean', 'text'], rows.relations);
    await insert('techniques', 'doc_id, tid, technique, start, "end", score', ['bigint', 'text', 'text', 'integer', 'integer', 'double precision'], rows.techniques);
    await c.query('INSERT INTO unclustered (doc_id) SELECT unnest($1::bigint[])', [kept.map((x) => x.id)]);
    return kept.length;
  }

  async replaceDocuments(docs: readonly DocumentRecord[]): Promise<number> {
    return this.transaction(async (c) => {
      const old = (await this.rows<{ id: number }>('SELECT id FROM documents WHERE hash = ANY($1::text[])', [docs.map((d) => d.hash)], c)).map((r) => r.id);
      // The clusters name claims about to go; they are made again, in full, from the new rows.
      await c.query("DELETE FROM cluster_claims; DELETE FROM clusters; DELETE FROM furniture; DELETE FROM state WHERE key = 'clustered'");
      if (old.length === 0) return 0;
      await c.query('DELETE FROM claim_bands b USING claims c WHERE c.doc_id = ANY($1::bigint[]) AND b.claim_id = c.id', [old]);
      for (const t of ['sources', 'claims', 'claim_features', 'attributions', 'hedges', 'entities', 'relations', 'techniques', 'unclustered']) {
        await c.query(`DELETE FROM ${t} WHERE doc_id = ANY($1::bigint[])`, [old]);
      }
      await c.query('DELETE FROM documents WHERE id = ANY($1::bigint[])', [old]);
      const byHash = new Set((await this.rows<{ hash: string }>('SELECT hash FROM documents WHERE hash = ANY($1::text[])', [docs.map((d) => d.hash)], c)).map((r) => r.hash));
      // Stored anew under new ids: readers that cache by the documents' mark see the change.
      return this.insertRecords(c, docs.filter((d) => !byHash.has(d.hash)));
    });
  }

  async staleDocuments(version: string, after: number, limit: number): Promise<StaleDocument[]> {
    return this.rows<StaleDocument>(
      `SELECT id AS rowid, hash, source_id AS "sourceId", path, url, outlet, outlet_from AS "outletFrom", published, title, format, text, model AS "analysisVersion"
       FROM documents WHERE model <> $1 AND id > $2 ORDER BY id LIMIT $3`,
      [version, after, limit],
    );
  }

  async analysisVersions(): Promise<Array<{ version: string; documents: number }>> {
    return this.rows('SELECT model AS version, count(*) AS documents FROM documents GROUP BY model ORDER BY documents DESC, model');
  }

  async stats(): Promise<CorpusStats> {
    const r = await this.rows<CorpusStats>(
      `SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM claims) AS claims, (SELECT count(*) FROM sources) AS sources,
              (SELECT count(*) FROM clusters) AS clusters, (SELECT count(*) FROM furniture) AS furniture`,
    );
    return r[0]!;
  }

  async documentsVersion(): Promise<string> {
    const r = (await this.rows<{ n: number; max: number }>('SELECT count(*) AS n, coalesce(max(id), 0) AS max FROM documents'))[0]!;
    return `${r.n}:${r.max}`;
  }

  async clustersFresh(): Promise<boolean> {
    return this.value<boolean>("SELECT EXISTS (SELECT 1 FROM state WHERE key = 'clustered') AND NOT EXISTS (SELECT 1 FROM unclustered)");
  }

  /** Packed feature rows of these documents (all, when null), in document order, read in pages of 1,000. */
  private async *packedRows(documents: readonly number[] | null): AsyncGenerator<PackedRow> {
    let after = 0;
    for (;;) {
      const page = await this.pool.query({
        text: `SELECT f.doc_id, d.outlet, f.packed FROM claim_features f JOIN documents d ON d.id = f.doc_id
               WHERE f.doc_id > $1 ${documents ? 'AND f.doc_id = ANY($3::bigint[])' : ''} ORDER BY f.doc_id LIMIT $2`,
        values: documents ? [after, 1000, documents] : [after, 1000],
        rowMode: 'array',
      });
      for (const [doc, outlet, packed] of page.rows as Array<[number, string, Buffer]>) yield { doc, outlet, packed };
      if (page.rows.length < 1000) return;
      after = page.rows[page.rows.length - 1]![0] as number;
    }
  }

  private async collect(documents: readonly number[]): Promise<PackedRow[]> {
    const out: PackedRow[] = [];
    for await (const r of this.packedRows(documents)) out.push(r);
    return out;
  }

  async claimTable(): Promise<ClaimTable> {
    const totals = (await this.rows<{ n: number; bytes: number }>('SELECT (SELECT count(*) FROM claims) AS n, (SELECT coalesce(sum(length(packed)), 0) FROM claim_features) AS bytes'))[0]!;
    const rows: PackedRow[] = [];
    for await (const r of this.packedRows(null)) rows.push(r);
    return unpackClaimTable(rows, totals.n, totals.bytes);
  }

  async waiting(): Promise<{ clustered: boolean; documents: number[] }> {
    const clustered = await this.value<boolean>("SELECT EXISTS (SELECT 1 FROM state WHERE key = 'clustered')");
    const documents = (await this.pool.query({ text: 'SELECT doc_id FROM unclustered ORDER BY doc_id', rowMode: 'array' })).rows.map((r) => r[0] as number);
    return { clustered, documents };
  }

  async claimsOfDocuments(documents: readonly number[]): Promise<ClaimTable> {
    return selectClaims(await this.collect(documents));
  }

  async claimsSharingBands(bands: Uint32Array, perBand: number): Promise<Array<[number, number]>> {
    // In index order, so that successive look-ups read neighbouring pages.
    const values = [...new Set(bands)].filter((b) => b !== 0).map(signed).sort((a, b) => a - b);
    const r = await this.pool.query({
      text: `SELECT b.v, n.claim_id FROM unnest($1::integer[]) AS b(v)
             CROSS JOIN LATERAL (SELECT claim_id FROM claim_bands WHERE band = b.v ORDER BY claim_id LIMIT $2) AS n`,
      values: [values, perBand],
      rowMode: 'array',
    });
    return r.rows.map((row) => [(row[0] as number) >>> 0, row[1] as number]);
  }

  async claimsById(ids: readonly number[]): Promise<ClaimTable> {
    const docs = (await this.pool.query({ text: 'SELECT DISTINCT doc_id FROM claims WHERE id = ANY($1::bigint[]) ORDER BY 1', values: [ids], rowMode: 'array' })).rows.map((r) => r[0] as number);
    return selectClaims(await this.collect(docs), new Set(ids));
  }

  async membership(ids: readonly number[]): Promise<{ clusterOf: Map<number, number>; seedOf: Map<number, number>; furnitureOf: Map<number, number> }> {
    const members = await this.rows<{ claim: number; cluster: number; seed: number }>(
      'SELECT cc.claim_id AS claim, cc.cluster_id AS cluster, k.claim AS seed FROM cluster_claims cc JOIN clusters k ON k.id = cc.cluster_id WHERE cc.claim_id = ANY($1::bigint[])',
      [ids],
    );
    const furniture = await this.rows<{ claim: number; grp: number }>('SELECT claim_id AS claim, grp FROM furniture WHERE claim_id = ANY($1::bigint[])', [ids]);
    return {
      clusterOf: new Map(members.map((m) => [m.claim, m.cluster])),
      seedOf: new Map(members.map((m) => [m.cluster, m.seed])),
      furnitureOf: new Map(furniture.map((f) => [f.claim, f.grp])),
    };
  }

  async termSketch(): Promise<TermSketch | null> {
    const bytes = await this.value<Buffer | undefined>('SELECT counts FROM term_sketch WHERE id = 1');
    return bytes ? TermSketch.fromBytes(bytes) : null;
  }

  private async markClustered(c: pg.PoolClient, documents: readonly number[], sketch: TermSketch): Promise<void> {
    const bytes = sketch.toBytes();
    await c.query('INSERT INTO term_sketch VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET counts = excluded.counts', [Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
    await c.query('DELETE FROM unclustered WHERE doc_id = ANY($1::bigint[])', [documents]);
    await c.query("INSERT INTO state VALUES ('clustered', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [new Date().toISOString()]);
  }

  async extendClusters(update: ClusterUpdate): Promise<void> {
    await this.transaction(async (c) => {
      const first = ((await this.rows<{ max: number }>('SELECT coalesce(max(id), 0) AS max FROM clusters', [], c))[0]!.max) + 1;
      const heads = update.created.map((m, i) => [first + i, m[0]!]);
      const members = [...update.joins, ...update.created.flatMap((m, i) => m.map((id) => [first + i, id] as [number, number]))];
      await c.query('INSERT INTO clusters (id, claim) SELECT * FROM unnest($1::bigint[], $2::bigint[])', [heads.map((h) => h[0]), heads.map((h) => h[1])]);
      await c.query('INSERT INTO cluster_claims SELECT * FROM unnest($1::bigint[], $2::bigint[]) ON CONFLICT DO NOTHING', [members.map((m) => m[0]), members.map((m) => m[1])]);
      await c.query('INSERT INTO furniture (claim_id, grp) SELECT * FROM unnest($1::bigint[], $2::integer[]) ON CONFLICT DO NOTHING', [
        update.furniture.map((f) => f[1]),
        update.furniture.map((f) => f[0]),
      ]);
      await this.markClustered(c, update.documents, update.sketch);
    });
  }

  async lockClustering(): Promise<() => Promise<void>> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [CLUSTERING_LOCK]);
    } catch (e) {
      client.release();
      throw e;
    }
    return async () => {
      try {
        await client.query('SELECT pg_advisory_unlock($1)', [CLUSTERING_LOCK]);
      } finally {
        client.release();
      }
    };
  }

  async replaceClusters(clusters: readonly number[][], furniture: readonly number[][] = [], covered?: { documents: readonly number[]; sketch: TermSketch }): Promise<void> {
    await this.transaction(async (c) => {
      await c.query('TRUNCATE cluster_claims, clusters, furniture');
      const column = <T>(values: T[][], i: number): T[] => values.map((v) => v[i]!);
      const furnitureRows = furniture.flatMap((group, g) => group.map((id) => [id, g + 1]));
      await c.query('INSERT INTO furniture (claim_id, grp) SELECT * FROM unnest($1::bigint[], $2::integer[])', [column(furnitureRows, 0), column(furnitureRows, 1)]);
      // In slices, so that no single array parameter grows past what one message carries comfortably.
      const SLICE = 100_000;
      for (let from = 0; from < clusters.length; from += SLICE) {
        const part = clusters.slice(from, from + SLICE);
        await c.query('INSERT INTO clusters (id, claim) SELECT * FROM unnest($1::bigint[], $2::bigint[])', [part.map((_, i) => from + i + 1), part.map((m) => m[0]!)]);
        const members = part.flatMap((m, i) => m.map((id) => [from + i + 1, id]));
        await c.query('INSERT INTO cluster_claims SELECT * FROM unnest($1::bigint[], $2::bigint[])', [column(members, 0), column(members, 1)]);
      }
      if (covered) await this.markClustered(c, covered.documents, covered.sketch);
    });
  }

  async furniture(): Promise<FurnitureEntry[]> {
    return this.rows<FurnitureEntry>(
      `SELECT min(d.outlet) AS outlet, min(c.text COLLATE "C") AS text, count(DISTINCT c.doc_id) AS documents
       FROM furniture f JOIN claims c ON c.id = f.claim_id JOIN documents d ON d.id = c.doc_id
       GROUP BY f.grp ORDER BY documents DESC, outlet, text`,
    );
  }

  async clusters(): Promise<StoredCluster[]> {
    const rows = await this.rows<{ cluster: number; claimId: number; doc: number; text: string; chain: string; checkworthiness: number | null; docId: string; outlet: string; published: string | null; wire: string | null }>(
      `SELECT cc.cluster_id AS cluster, c.id AS "claimId", c.doc_id AS doc, c.text, c.chain, c.checkworthiness, d.source_id AS "docId", d.outlet, d.published, d.wire
       FROM cluster_claims cc JOIN claims c ON c.id = cc.claim_id JOIN documents d ON d.id = c.doc_id
       ORDER BY cc.cluster_id, c.id`,
    );
    const docs = [...new Set(rows.map((r) => r.doc))];
    const sources = await this.rows<{ doc: number; sid: string; name: string; kind: string; named: boolean; outlet: string | null }>(
      'SELECT doc_id AS doc, sid, name, kind, named, outlet FROM sources WHERE doc_id = ANY($1::bigint[]) ORDER BY doc_id',
      [docs],
    );
    const byDoc = new Map<number, typeof sources>();
    for (const s of sources) {
      const list = byDoc.get(s.doc);
      if (list) list.push(s);
      else byDoc.set(s.doc, [s]);
    }
    const linksOf = new Map<number, Map<string, ChainLink>>(docs.map((doc) => [doc, chainLinks(byDoc.get(doc) ?? [])]));
    const out: StoredCluster[] = [];
    for (const r of rows) {
      let c = out[out.length - 1];
      if (!c || c.id !== r.cluster) out.push((c = { id: r.cluster, members: [] }));
      const member: ClusterMember = { claimId: r.claimId, docId: r.docId, outlet: r.outlet, published: r.published, wire: r.wire, text: r.text, chain: chainOf(r.chain, linksOf.get(r.doc)!), checkworthiness: r.checkworthiness };
      c.members.push(member);
    }
    return out;
  }

  async searchDocuments(query: DocumentSearch): Promise<{ total: number; documents: DocumentListing[] }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown): string => `$${params.push(v)}`;
    let snippet = 'NULL';
    let order = 'ORDER BY d.published DESC NULLS LAST, d.id';
    if (query.q) {
      // The search syntax is FTS5's on both stores (src/store/search-query.ts).
      const q = `to_tsquery('simple', ${param(toTsquery(query.q))})`;
      where.push(`d.tsv @@ ${q}`);
      snippet = `ts_headline('simple', left(d.text, 300000), ${q}, 'StartSel="",StopSel="",MaxWords=24,MinWords=12,MaxFragments=2,FragmentDelimiter=" … "')`;
      order = `ORDER BY ts_rank(d.tsv, ${q}) DESC, d.id`;
    }
    if (query.outlet) where.push(`d.outlet = ${param(query.outlet)}`);
    // Dates compare as ISO strings; `to` includes the whole day.
    if (query.from) where.push(`d.published >= ${param(query.from)}`);
    if (query.to) where.push(`d.published < ${param(`${query.to}\uffff`)}`);
    if (query.sourceKind) where.push(`EXISTS (SELECT 1 FROM sources s WHERE s.doc_id = d.id AND s.kind = ${param(query.sourceKind)})`);
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = (await this.rows<{ n: number }>(`SELECT count(*) AS n FROM documents d ${clause}`, params))[0]!.n;
    const limit = param(query.limit);
    const offset = param(query.offset);
    const rows = await this.rows<DocumentListing & { snippet: string | null }>(
      `SELECT d.source_id AS id, d.outlet, d.published, d.title, d.url, ${snippet} AS snippet,
              (SELECT count(*) FROM claims c WHERE c.doc_id = d.id) AS claims
       FROM documents d ${clause} ${order} LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return { total, documents: rows.map(({ snippet: s, ...d }) => (s ? { ...d, snippet: s } : d)) };
  }

  async document(id: string, analyzeText?: AnalyzeText): Promise<(DocumentListing & { analysis: Analysis; analysisVersion: string }) | undefined> {
    const row = (
      await this.rows<DocumentListing & { text: string; analysis: Buffer; path: string; outletFrom: string; analysisVersion: string }>(
        `SELECT d.source_id AS id, d.outlet, d.published, d.title, d.url, d.text, d.analysis, d.path, d.outlet_from AS "outletFrom", d.model AS "analysisVersion",
                (SELECT count(*) FROM claims c WHERE c.doc_id = d.id) AS claims
         FROM documents d WHERE d.source_id = $1 ORDER BY d.id LIMIT 1`,
        [id],
      )
    )[0];
    if (!row) return undefined;
    const { text: _text, analysis: _analysis, path: _path, outletFrom: _from, ...listing } = row;
    return { ...listing, analysis: await storedAnalysis(row, analyzeText) };
  }

  async outlets(): Promise<string[]> {
    return (await this.rows<{ outlet: string }>('SELECT DISTINCT outlet FROM documents ORDER BY outlet')).map((r) => r.outlet);
  }

  async citations(): Promise<CitationCount[]> {
    const counter = new CitationCounter();
    // Document by document in pages, each page's sources in one query.
    let after = 0;
    for (;;) {
      const docs = await this.rows<{ id: number; outlet: string }>('SELECT id, outlet FROM documents WHERE id > $1 ORDER BY id LIMIT 500', [after]);
      if (docs.length === 0) break;
      const ids = docs.map((d) => d.id);
      const claims = await this.rows<{ doc: number; chain: string }>('SELECT doc_id AS doc, chain FROM claims WHERE doc_id = ANY($1::bigint[]) ORDER BY doc_id, id', [ids]);
      const sources = await this.rows<{ doc: number; sid: string; name: string; kind: string }>('SELECT doc_id AS doc, sid, name, kind FROM sources WHERE doc_id = ANY($1::bigint[])', [ids]);
      const names = new Map<number, Map<string, { name: string; kind: string }>>();
      for (const s of sources) {
        let m = names.get(s.doc);
        if (!m) names.set(s.doc, (m = new Map()));
        m.set(s.sid, s);
      }
      const outletOf = new Map(docs.map((d) => [d.id, d.outlet]));
      for (const c of claims) counter.add(outletOf.get(c.doc)!, c.chain, names.get(c.doc) ?? new Map());
      after = ids[ids.length - 1]!;
    }
    return counter.result();
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
