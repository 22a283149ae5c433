/**
 * The SQLite corpus store (better-sqlite3): one file, WAL mode, migrations applied on open.
 * Crash safety comes from SQLite itself: a batch of documents is one transaction, so a killed process leaves
 * every document either fully stored with all its rows or absent.
 */
import Database from 'better-sqlite3';
import { inflateRawSync } from 'node:zlib';
import { BANDS, type ClaimTable } from '../corpus/cluster.js';
import { outletKey, type ChainLink } from '../corpus/origins.js';
import type { Analysis, SourceKind } from '../model/types.js';
import { MIGRATIONS } from './migrations/index.js';
import { packClaimFeatures } from './migrations/003_claim_features.js';
import type { CitationCount, ClusterMember, CorpusStats, DocumentListing, DocumentRecord, AnalyzeText, DocumentSearch, FurnitureEntry, StaleDocument, Store, StoredCluster } from './store.js';

/** The `shingles` and `bands` columns of `claims`, kept empty since their features moved (migration 3). */
const NO_BYTES = Buffer.alloc(0);

export class SqliteStore implements Store {
  readonly location: string;
  private readonly db: Database.Database;
  private readonly insertDoc: Database.Statement;
  private readonly insertSource: Database.Statement;
  private readonly insertClaim: Database.Statement;
  private readonly insertAttribution: Database.Statement;
  private readonly insertHedge: Database.Statement;
  private readonly insertEntity: Database.Statement;
  private readonly insertRelation: Database.Statement;
  private readonly insertTechnique: Database.Statement;
  private readonly insertClaimFeatures: Database.Statement;
  private readonly hasHash: Database.Statement;

  constructor(file: string, options: { readonly?: boolean } = {}) {
    this.location = file;
    this.db = new Database(file, { readonly: options.readonly ?? false });
    if (!options.readonly) {
      this.db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode: a committed transaction survives a killed process (not a power cut), and is fast.
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('foreign_keys = ON');
      // A 64 MB page cache instead of SQLite's 2 MB: the ingest writes every table's indexes and the search
      // index in each batch; about a tenth less CPU for the writing thread on 12,000 documents.
      this.db.pragma('cache_size = -65536');
    }
    this.db.pragma('busy_timeout = 10000');
    if (!options.readonly) this.migrate();
    this.insertDoc = this.db.prepare(
      `INSERT INTO documents (hash, source_id, path, url, outlet, outlet_from, published, title, byline, wire, format, text, analysis, model, ingested_at)
       VALUES (@hash, @sourceId, @path, @url, @outlet, @outletFrom, @published, @title, @byline, @wire, @format, @text, @analysis, @model, @ingestedAt)
       ON CONFLICT(hash) DO NOTHING`,
    );
    this.insertSource = this.db.prepare('INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertClaim = this.db.prepare(
      'INSERT INTO claims (doc_id, cid, start, end, text, sentence, chain, attribution, continued, headline, hedges, relations, shingles, bands, checkworthiness) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertAttribution = this.db.prepare('INSERT INTO attributions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertHedge = this.db.prepare('INSERT INTO hedges VALUES (?, ?, ?, ?, ?, ?)');
    this.insertEntity = this.db.prepare('INSERT INTO entities VALUES (?, ?, ?, ?)');
    this.insertRelation = this.db.prepare('INSERT INTO relations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertTechnique = this.db.prepare('INSERT INTO techniques VALUES (?, ?, ?, ?, ?, ?)');
    this.insertClaimFeatures = this.db.prepare('INSERT INTO claim_features (doc_id, packed) VALUES (?, ?)');
    this.hasHash = this.db.prepare('SELECT 1 FROM documents WHERE hash = ?').pluck();
  }

  /** Applies the migrations not yet recorded, each in its own transaction. */
  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const applied = new Set(this.db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
    const newest = Math.max(0, ...applied);
    const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
    if (newest > latest) {
      throw new Error(`${this.location} has schema version ${newest}, newer than this claimtrace knows (${latest}); upgrade claimtrace`);
    }
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        m.run?.(this.db);
        this.db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      }).immediate();
    }
  }

  /** Versions recorded in schema_migrations, in order. */
  migrations(): number[] {
    return this.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[];
  }

  async hasDocument(hash: string): Promise<boolean> {
    return this.hasHash.get(hash) !== undefined;
  }

  async writeDocuments(docs: readonly DocumentRecord[]): Promise<number> {
    const now = new Date().toISOString();
    const write = this.db.transaction((batch: readonly DocumentRecord[]) => {
      let added = 0;
      for (const d of batch) if (this.insertRecord(d, now)) added++;
      return added;
    });
    return write.immediate(docs);
  }

  async replaceDocuments(docs: readonly DocumentRecord[]): Promise<number> {
    const now = new Date().toISOString();
    const idOf = this.db.prepare('SELECT id FROM documents WHERE hash = ?').pluck();
    const children = ['sources', 'claims', 'claim_features', 'attributions', 'hedges', 'entities', 'relations', 'techniques'].map((t) =>
      this.db.prepare(`DELETE FROM ${t} WHERE doc_id = ?`),
    );
    const deleteDoc = this.db.prepare('DELETE FROM documents WHERE id = ?');
    const replace = this.db.transaction((batch: readonly DocumentRecord[]) => {
      // The clusters name claims about to go; they are made again from the new rows (refreshClusters).
      this.db.exec('DELETE FROM cluster_claims; DELETE FROM clusters; DELETE FROM furniture;');
      let replaced = 0;
      for (const d of batch) {
        const id = idOf.get(d.hash) as number | undefined;
        if (id === undefined) continue;
        for (const c of children) c.run(id);
        deleteDoc.run(id);
        // Stored anew under a new id: readers that cache by the documents' mark see the change.
        if (this.insertRecord(d, now)) replaced++;
      }
      return replaced;
    });
    return replace.immediate(docs);
  }

  /** Inserts one document and all its rows (inside the caller's transaction); false when its hash is stored. */
  private insertRecord(d: DocumentRecord, now: string): boolean {
    const info = this.insertDoc.run({ ...d, analysis: Buffer.from(d.analysis), ingestedAt: now });
    if (info.changes === 0) return false; // already stored: idempotent
    const id = info.lastInsertRowid;
    for (const s of d.sources) {
      this.insertSource.run(id, s.sid, s.name, s.kind, Number(s.named), Number(s.unresolved), s.outlet, s.head, JSON.stringify(s.descriptors));
    }
    // A claim's features go with its document's others into claim_features (see migration 3).
    const features: Array<{ id: number; shingles: Uint32Array; bands: Uint32Array }> = [];
    for (const c of d.claims) {
      const claim = this.insertClaim.run(
        id, c.cid, c.start, c.end, c.text, c.sentence, JSON.stringify(c.chain), c.attribution, Number(c.continued), Number(c.headline),
        JSON.stringify(c.hedges), JSON.stringify(c.relations), NO_BYTES, NO_BYTES, c.checkworthiness,
      );
      features.push({ id: Number(claim.lastInsertRowid), shingles: c.shingles, bands: c.bands });
    }
    if (features.length > 0) this.insertClaimFeatures.run(id, packClaimFeatures(features));
    for (const a of d.attributions) {
      this.insertAttribution.run(id, a.aid, a.source, a.cue[0], a.cue[1], a.content[0], a.content[1], a.type, a.rule, a.parent, Number(a.reported));
    }
    for (const h of d.hedges) this.insertHedge.run(id, h.start, h.end, h.text, h.category, h.rule);
    for (const e of d.entities) this.insertEntity.run(id, e.eid, e.name, e.type);
    for (const r of d.relations) {
      this.insertRelation.run(id, r.rid, r.subject, r.predicate, r.object, r.claim, Number(r.negated), Number(r.hedged), r.modality);
    }
    for (const t of d.techniques) this.insertTechnique.run(id, t.tid, t.technique, t.start, t.end, t.score);
    return true;
  }

  async staleDocuments(version: string, after: number, limit: number): Promise<StaleDocument[]> {
    return this.db
      .prepare(
        `SELECT id AS rowid, hash, source_id AS sourceId, path, url, outlet, outlet_from AS outletFrom, published, title, format, text, model AS analysisVersion
         FROM documents WHERE model <> ? AND id > ? ORDER BY id LIMIT ?`,
      )
      .all(version, after, limit) as StaleDocument[];
  }

  async analysisVersions(): Promise<Array<{ version: string; documents: number }>> {
    return this.db.prepare('SELECT model AS version, count(*) AS documents FROM documents GROUP BY model ORDER BY documents DESC').all() as Array<{ version: string; documents: number }>;
  }

  private count(table: string): number {
    return this.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  }

  async stats(): Promise<CorpusStats> {
    return { documents: this.count('documents'), claims: this.count('claims'), sources: this.count('sources'), clusters: this.count('clusters'), furniture: this.count('furniture') };
  }

  private documentsMark(): string {
    const row = this.db.prepare('SELECT count(*) AS n, coalesce(max(id), 0) AS max FROM documents').get() as { n: number; max: number };
    return `${row.n}:${row.max}`;
  }

  async documentsVersion(): Promise<string> {
    return this.documentsMark();
  }

  async clustersFresh(): Promise<boolean> {
    const mark = this.db.prepare("SELECT value FROM state WHERE key = 'clustered'").pluck().get() as string | undefined;
    return mark === this.documentsMark();
  }

  async claimTable(): Promise<ClaimTable> {
    // One packed row per document (migration 3): 2 + BANDS words per claim besides its shingles, so the two
    // totals size every array exactly (the claims' count comes from the smallest index, not the rows).
    const n = this.db.prepare('SELECT count(*) FROM claims').pluck().get() as number;
    const bytes = this.db.prepare('SELECT coalesce(sum(length(packed)), 0) FROM claim_features').pluck().get() as number;
    const t: ClaimTable = {
      ids: new Float64Array(n),
      docs: new Float64Array(n),
      offsets: new Uint32Array(n + 1),
      shingles: new Uint32Array(Math.max(0, bytes / 4 - n * (2 + BANDS))),
      bands: new Uint32Array(n * BANDS),
    };
    // Each document's outlet as a number, one per outlet however its name is written ("The Times", "Times").
    const outletOfDoc = new Map<number, number>();
    const outletIds = new Map<string, number>();
    for (const [doc, outlet] of this.db.prepare('SELECT id, outlet FROM documents').raw().iterate() as IterableIterator<[number, string]>) {
      const key = outletKey(outlet);
      let id = outletIds.get(key);
      if (id === undefined) outletIds.set(key, (id = outletIds.size));
      outletOfDoc.set(doc, id);
    }
    t.outlets = new Float64Array(n);
    let k = 0;
    let at = 0;
    read: for (const [doc, packed] of this.db.prepare('SELECT doc_id, packed FROM claim_features ORDER BY doc_id').raw().iterate() as IterableIterator<[number, Buffer]>) {
      if (packed.byteLength % 4 !== 0) throw new Error(`corrupt claim features for document ${doc}: ${packed.byteLength} bytes`);
      // Copied out of SQLite's buffer, so the words are aligned for a Uint32Array.
      const words = new Uint32Array(Uint8Array.from(packed).buffer);
      for (let p = 0; p < words.length; ) {
        const count = words[p + 1]!;
        // Rows a concurrent writer added after the totals were taken are left for the next clustering.
        if (k >= n || at + count > t.shingles.length) break read;
        if (p + 2 + count + BANDS > words.length) throw new Error(`corrupt claim features for document ${doc}: a claim runs past the row`);
        t.ids[k] = words[p]!;
        t.docs[k] = doc;
        t.outlets[k] = outletOfDoc.get(doc) ?? -1;
        t.offsets[k] = at;
        t.shingles.set(words.subarray(p + 2, p + 2 + count), at);
        at += count;
        t.bands.set(words.subarray(p + 2 + count, p + 2 + count + BANDS), k * BANDS);
        p += 2 + count + BANDS;
        k++;
      }
    }
    t.offsets[k] = at;
    if (k === n) return t;
    return {
      ids: t.ids.subarray(0, k),
      docs: t.docs.subarray(0, k),
      offsets: t.offsets.subarray(0, k + 1),
      shingles: t.shingles.subarray(0, at),
      bands: t.bands.subarray(0, k * BANDS),
      outlets: t.outlets.subarray(0, k),
    };
  }

  async replaceClusters(clusters: readonly number[][], furniture: readonly number[][] = []): Promise<void> {
    const mark = this.documentsMark();
    const insertFurniture = this.db.prepare('INSERT INTO furniture VALUES (?, ?)');
    const insertCluster = this.db.prepare('INSERT INTO clusters (id, claim) VALUES (?, ?)');
    const insertMember = this.db.prepare('INSERT INTO cluster_claims VALUES (?, ?)');
    // Every member is a claim just read from this database (claims are never deleted), so checking each
    // foreign key again is a random look-up into the largest table per member: about half the time of this
    // write on a big corpus. The pragma cannot change inside a transaction, hence around it.
    this.db.pragma('foreign_keys = OFF');
    try {
      this.db.transaction(() => {
        this.db.exec('DELETE FROM cluster_claims; DELETE FROM clusters; DELETE FROM furniture;');
        furniture.forEach((group, g) => {
          for (const id of group) insertFurniture.run(id, g + 1);
        });
        clusters.forEach((members, i) => {
          insertCluster.run(i + 1, members[0]);
          for (const m of members) insertMember.run(i + 1, m);
        });
        this.db.prepare("INSERT INTO state VALUES ('clustered', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(mark);
      }).immediate();
    } finally {
      this.db.pragma('foreign_keys = ON');
    }
  }

  async furniture(): Promise<FurnitureEntry[]> {
    const rows = this.db
      .prepare(
        `SELECT min(d.outlet) AS outlet, min(c.text) AS text, count(DISTINCT c.doc_id) AS documents
         FROM furniture f JOIN claims c ON c.id = f.claim_id JOIN documents d ON d.id = c.doc_id
         GROUP BY f.grp ORDER BY documents DESC, outlet, text`,
      )
      .all() as FurnitureEntry[];
    return rows;
  }

  async clusters(): Promise<StoredCluster[]> {
    const sourcesOf = this.db.prepare('SELECT sid, name, kind, named, outlet FROM sources WHERE doc_id = ?');
    const sourceCache = new Map<number, Map<string, ChainLink>>();
    const linksOf = (doc: number): Map<string, ChainLink> => {
      let m = sourceCache.get(doc);
      if (!m) {
        m = new Map();
        for (const s of sourcesOf.all(doc) as Array<{ sid: string; name: string; kind: SourceKind; named: number; outlet: string | null }>) {
          m.set(s.sid, { name: s.name, kind: s.kind, named: s.named === 1, outlet: s.outlet });
        }
        sourceCache.set(doc, m);
      }
      return m;
    };
    const rows = this.db
      .prepare(
        `SELECT cc.cluster_id AS cluster, c.id AS claimId, c.doc_id AS doc, c.text, c.chain, c.checkworthiness, d.source_id AS docId, d.outlet, d.published, d.wire
         FROM cluster_claims cc JOIN claims c ON c.id = cc.claim_id JOIN documents d ON d.id = c.doc_id
         ORDER BY cc.cluster_id, c.id`,
      )
      .all() as Array<{ cluster: number; claimId: number; doc: number; text: string; chain: string; checkworthiness: number | null; docId: string; outlet: string; published: string | null; wire: string | null }>;
    const out: StoredCluster[] = [];
    for (const r of rows) {
      let c = out[out.length - 1];
      if (!c || c.id !== r.cluster) out.push((c = { id: r.cluster, members: [] }));
      const links = linksOf(r.doc);
      const chain = (JSON.parse(r.chain) as string[]).map((sid) => links.get(sid) ?? { name: sid, kind: 'unknown' as const, named: false, outlet: null });
      const member: ClusterMember = { claimId: r.claimId, docId: r.docId, outlet: r.outlet, published: r.published, wire: r.wire, text: r.text, chain, checkworthiness: r.checkworthiness };
      c.members.push(member);
    }
    return out;
  }

  async searchDocuments(query: DocumentSearch): Promise<{ total: number; documents: DocumentListing[] }> {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    let from = 'documents d';
    let snippet = 'NULL';
    if (query.q) {
      from = 'documents_fts f JOIN documents d ON d.id = f.rowid';
      where.push('documents_fts MATCH @q');
      params.q = query.q;
      snippet = "snippet(documents_fts, 1, '', '', ' … ', 24)";
    }
    if (query.outlet) (where.push('d.outlet = @outlet'), (params.outlet = query.outlet));
    // Dates compare as ISO strings; `to` includes the whole day.
    if (query.from) (where.push('d.published >= @from'), (params.from = query.from));
    if (query.to) (where.push('d.published < @to'), (params.to = `${query.to}\uffff`));
    if (query.sourceKind) (where.push('EXISTS (SELECT 1 FROM sources s WHERE s.doc_id = d.id AND s.kind = @kind)'), (params.kind = query.sourceKind));
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.db.prepare(`SELECT count(*) FROM ${from} ${clause}`).pluck().get(params) as number;
    const order = query.q ? 'ORDER BY rank' : 'ORDER BY d.published IS NULL, d.published DESC, d.id';
    const rows = this.db
      .prepare(
        `SELECT d.source_id AS id, d.outlet, d.published, d.title, d.url, ${snippet} AS snippet,
                (SELECT count(*) FROM claims c WHERE c.doc_id = d.id) AS claims
         FROM ${from} ${clause} ${order} LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: query.limit, offset: query.offset }) as Array<DocumentListing & { snippet: string | null }>;
    return { total, documents: rows.map(({ snippet: s, ...d }) => (s ? { ...d, snippet: s } : d)) };
  }

  async document(id: string, analyzeText?: AnalyzeText): Promise<(DocumentListing & { analysis: Analysis; analysisVersion: string }) | undefined> {
    const row = this.db
      .prepare(
        `SELECT d.id AS rowid, d.source_id AS id, d.outlet, d.published, d.title, d.url, d.text, d.analysis,
                d.path, d.outlet_from AS outletFrom, d.model AS analysisVersion,
                (SELECT count(*) FROM claims c WHERE c.doc_id = d.id) AS claims
         FROM documents d WHERE d.source_id = ? ORDER BY d.id LIMIT 1`,
      )
      .get(id) as (DocumentListing & { rowid: number; text: string; analysis: Buffer; path: string; outletFrom: string; analysisVersion: string }) | undefined;
    if (!row) return undefined;
    const { rowid: _rowid, text, analysis, path, outletFrom, ...listing } = row;
    if (analysis.length === 0) {
      // Plain text, stored verbatim: analysed again as the ingest did (the pipeline loaded only when needed).
      const options = { name: path, ...(outletFrom === 'input' ? { outlet: listing.outlet } : {}) };
      if (analyzeText) return { ...listing, analysis: await analyzeText(text, options) };
      const { analyze } = await import('../pipeline.js');
      return { ...listing, analysis: analyze(text, { format: 'text', ...options }) };
    }
    // Stored without its text (kept once, in `documents.text`): put it back.
    const stored = JSON.parse(inflateRawSync(analysis).toString('utf8')) as Analysis;
    return { ...listing, analysis: { ...stored, document: { ...stored.document, text } } };
  }

  async outlets(): Promise<string[]> {
    return this.db.prepare('SELECT DISTINCT outlet FROM documents ORDER BY outlet').pluck().all() as string[];
  }

  /** Each claim's chain, link by link: the outlet (or source) citing the next source. */
  async citations(): Promise<CitationCount[]> {
    const counts = new Map<string, CitationCount>();
    const sources = this.db.prepare('SELECT sid, name, kind FROM sources WHERE doc_id = ?');
    let doc = -1;
    let names = new Map<string, { name: string; kind: string }>();
    for (const r of this.db.prepare('SELECT c.doc_id AS doc, c.chain, d.outlet FROM claims c JOIN documents d ON d.id = c.doc_id ORDER BY c.doc_id').iterate() as IterableIterator<{ doc: number; chain: string; outlet: string }>) {
      if (r.doc !== doc) {
        doc = r.doc;
        names = new Map((sources.all(doc) as Array<{ sid: string; name: string; kind: string }>).map((s) => [s.sid, s]));
      }
      const chain = JSON.parse(r.chain) as string[];
      for (let i = 1; i < chain.length; i++) {
        const from = i === 1 ? r.outlet : (names.get(chain[i - 1]!)?.name ?? chain[i - 1]!);
        const to = names.get(chain[i]!);
        if (!to) continue;
        const key = `${from}\u0000${to.name}`;
        const c = counts.get(key) ?? { from, to: to.name, kind: to.kind, count: 0 };
        c.count++;
        counts.set(key, c);
      }
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  }

  /** Size of the database file and its WAL, in bytes (after a checkpoint). */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
