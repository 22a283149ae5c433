/**
 * The SQLite corpus store (better-sqlite3): one file, WAL mode, migrations applied on open.
 * Crash safety comes from SQLite itself: a batch of documents is one transaction, so a killed process leaves
 * every document either fully stored with all its rows or absent.
 */
import Database from 'better-sqlite3';
import { BANDS, type ClaimTable } from '../corpus/cluster.js';
import type { ChainLink } from '../corpus/origins.js';
import { TermSketch } from '../corpus/term-sketch.js';
import type { Analysis } from '../model/types.js';
import { MIGRATIONS } from './migrations/index.js';
import { packClaimFeatures } from './migrations/003_claim_features.js';
import { storedAnalysis, chainLinks, chainOf, CitationCounter, packedClaims, packedWords, selectClaims, unpackClaimTable, type PackedRow } from './rows.js';
import type { CitationCount, ClusterMember, ClusterUpdate, CorpusStats, DocumentListing, DocumentRecord, AnalyzeText, DocumentSearch, FurnitureEntry, Lease, StaleDocument, Store, StoredCluster } from './store.js';

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
  private readonly insertBand: Database.Statement;
  private readonly insertUnclustered: Database.Statement;
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
    // Two bands of one claim may hash alike: the pair is kept once.
    this.insertBand = this.db.prepare('INSERT OR IGNORE INTO claim_bands VALUES (?, ?)');
    this.insertUnclustered = this.db.prepare('INSERT INTO unclustered VALUES (?)');
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

  async migrations(): Promise<number[]> {
    return this.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[];
  }

  async hasDocument(hash: string): Promise<boolean> {
    return this.hasHash.get(hash) !== undefined;
  }

  /** One writer: every hash not stored is this process's, and a write is a transaction of its own. */
  async lease(hashes: readonly string[]): Promise<Lease> {
    return {
      mine: hashes.filter((h) => this.hasHash.get(h) === undefined),
      busy: [],
      write: (docs) => this.writeDocuments(docs),
      commit: async () => {},
      release: async () => {},
    };
  }

  async settle(hashes: readonly string[]): Promise<string[]> {
    return hashes.filter((h) => this.hasHash.get(h) === undefined);
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
    const children = ['sources', 'claims', 'claim_features', 'attributions', 'hedges', 'entities', 'relations', 'techniques', 'unclustered'].map((t) =>
      this.db.prepare(`DELETE FROM ${t} WHERE doc_id = ?`),
    );
    const packedOf = this.db.prepare('SELECT packed FROM claim_features WHERE doc_id = ?').pluck();
    const deleteBand = this.db.prepare('DELETE FROM claim_bands WHERE band = ? AND claim_id = ?');
    const deleteDoc = this.db.prepare('DELETE FROM documents WHERE id = ?');
    const replace = this.db.transaction((batch: readonly DocumentRecord[]) => {
      // The clusters name claims about to go; they are made again, in full, from the new rows.
      this.db.exec("DELETE FROM cluster_claims; DELETE FROM clusters; DELETE FROM furniture; DELETE FROM state WHERE key = 'clustered';");
      let replaced = 0;
      for (const d of batch) {
        const id = idOf.get(d.hash) as number | undefined;
        if (id === undefined) continue;
        const packed = packedOf.get(id) as Buffer | undefined;
        if (packed) {
          const words = packedWords(id, packed);
          for (const c of packedClaims(words)) for (let b = 0; b < BANDS; b++) deleteBand.run(words[c.to + b]!, c.id);
        }
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
      for (const band of c.bands) if (band !== 0) this.insertBand.run(band, claim.lastInsertRowid);
    }
    if (features.length > 0) this.insertClaimFeatures.run(id, packClaimFeatures(features));
    this.insertUnclustered.run(id);
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
    return this.db.prepare('SELECT model AS version, count(*) AS documents FROM documents GROUP BY model ORDER BY documents DESC, model').all() as Array<{ version: string; documents: number }>;
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
    const clustered = this.db.prepare("SELECT 1 FROM state WHERE key = 'clustered'").get() !== undefined;
    return clustered && this.db.prepare('SELECT 1 FROM unclustered LIMIT 1').get() === undefined;
  }

  /** The packed claim features of these documents, with their outlets. */
  private packedRowsOf(documents: readonly number[]): PackedRow[] {
    const rows = this.db
      .prepare('SELECT f.doc_id, d.outlet, f.packed FROM json_each(?) j JOIN claim_features f ON f.doc_id = j.value JOIN documents d ON d.id = f.doc_id ORDER BY f.doc_id')
      .raw()
      .all(JSON.stringify(documents)) as Array<[number, string, Buffer]>;
    return rows.map(([doc, outlet, packed]) => ({ doc, outlet, packed }));
  }

  async claimTable(): Promise<ClaimTable> {
    // One packed row per document (migration 3): 2 + BANDS words per claim besides its shingles, so the two
    // totals size every array exactly (the claims' count comes from the smallest index, not the rows).
    const n = this.db.prepare('SELECT count(*) FROM claims').pluck().get() as number;
    const bytes = this.db.prepare('SELECT coalesce(sum(length(packed)), 0) FROM claim_features').pluck().get() as number;
    const rows = this.db.prepare('SELECT f.doc_id, d.outlet, f.packed FROM claim_features f JOIN documents d ON d.id = f.doc_id ORDER BY f.doc_id').raw().iterate() as IterableIterator<[number, string, Buffer]>;
    return unpackClaimTable((function* () {
      for (const [doc, outlet, packed] of rows) yield { doc, outlet, packed };
    })(), n, bytes);
  }

  async waiting(): Promise<{ clustered: boolean; documents: number[] }> {
    return {
      clustered: this.db.prepare("SELECT 1 FROM state WHERE key = 'clustered'").get() !== undefined,
      documents: this.db.prepare('SELECT doc_id FROM unclustered ORDER BY doc_id').pluck().all() as number[],
    };
  }

  async claimsOfDocuments(documents: readonly number[]): Promise<ClaimTable> {
    return selectClaims(this.packedRowsOf(documents));
  }

  async claimsSharingBands(bands: Uint32Array, perBand: number): Promise<Array<[number, number]>> {
    // One statement for all the values (a statement per value costs more than its look-up).
    const rows = this.db
      .prepare(
        `SELECT b.value, c.claim_id FROM json_each(?) b
         JOIN claim_bands c ON c.band = b.value AND c.claim_id IN (SELECT claim_id FROM claim_bands WHERE band = b.value ORDER BY claim_id LIMIT ?)`,
      )
      .raw()
      // In order, so that successive look-ups read neighbouring pages of the index.
      .all(JSON.stringify([...new Set(bands)].filter((b) => b !== 0).sort((a, b) => a - b)), perBand) as Array<[number, number]>;
    return rows;
  }

  async claimsById(ids: readonly number[]): Promise<ClaimTable> {
    const docs = this.db.prepare('SELECT DISTINCT c.doc_id FROM json_each(?) j JOIN claims c ON c.id = j.value ORDER BY 1').pluck().all(JSON.stringify(ids)) as number[];
    return selectClaims(this.packedRowsOf(docs), new Set(ids));
  }

  async membership(ids: readonly number[]): Promise<{ clusterOf: Map<number, number>; seedOf: Map<number, number>; furnitureOf: Map<number, number> }> {
    const list = JSON.stringify(ids);
    const members = this.db
      .prepare('SELECT cc.claim_id, cc.cluster_id, k.claim FROM json_each(?) j JOIN cluster_claims cc ON cc.claim_id = j.value JOIN clusters k ON k.id = cc.cluster_id')
      .raw()
      .all(list) as Array<[number, number, number]>;
    const groups = this.db.prepare('SELECT f.claim_id, f.grp FROM json_each(?) j JOIN furniture f ON f.claim_id = j.value').raw().all(list) as Array<[number, number]>;
    return {
      clusterOf: new Map(members.map(([claim, cluster]) => [claim, cluster])),
      seedOf: new Map(members.map(([, cluster, seed]) => [cluster, seed])),
      furnitureOf: new Map(groups),
    };
  }

  async termSketch(): Promise<TermSketch | null> {
    const bytes = this.db.prepare('SELECT counts FROM term_sketch WHERE id = 1').pluck().get() as Buffer | undefined;
    return bytes ? TermSketch.fromBytes(bytes) : null;
  }

  private saveSketch(sketch: TermSketch): void {
    const bytes = sketch.toBytes();
    this.db.prepare('INSERT INTO term_sketch VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET counts = excluded.counts').run(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  private markClustered(documents: readonly number[]): void {
    const done = this.db.prepare('DELETE FROM unclustered WHERE doc_id = ?');
    for (const d of documents) done.run(d);
    this.db.prepare("INSERT INTO state VALUES ('clustered', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(new Date().toISOString());
  }

  async extendClusters(update: ClusterUpdate): Promise<void> {
    this.db.transaction(() => {
      const insertMember = this.db.prepare('INSERT OR IGNORE INTO cluster_claims VALUES (?, ?)');
      for (const [cluster, claim] of update.joins) insertMember.run(cluster, claim);
      let next = (this.db.prepare('SELECT coalesce(max(id), 0) FROM clusters').pluck().get() as number) + 1;
      const insertCluster = this.db.prepare('INSERT INTO clusters (id, claim) VALUES (?, ?)');
      for (const members of update.created) {
        insertCluster.run(next, members[0]);
        for (const m of members) insertMember.run(next, m);
        next++;
      }
      const insertFurniture = this.db.prepare('INSERT OR IGNORE INTO furniture VALUES (?, ?)');
      for (const [group, claim] of update.furniture) insertFurniture.run(claim, group);
      this.saveSketch(update.sketch);
      this.markClustered(update.documents);
    }).immediate();
  }

  async lockClustering(): Promise<() => Promise<void>> {
    return async () => {};
  }

  async replaceClusters(clusters: readonly number[][], furniture: readonly number[][] = [], covered?: { documents: readonly number[]; sketch: TermSketch }): Promise<void> {
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
        if (covered) {
          this.saveSketch(covered.sketch);
          this.markClustered(covered.documents);
        }
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
      if (!m) sourceCache.set(doc, (m = chainLinks(sourcesOf.all(doc) as Array<{ sid: string; name: string; kind: string; named: number; outlet: string | null }>)));
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
      const member: ClusterMember = { claimId: r.claimId, docId: r.docId, outlet: r.outlet, published: r.published, wire: r.wire, text: r.text, chain: chainOf(r.chain, linksOf(r.doc)), checkworthiness: r.checkworthiness };
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
    const { rowid: _rowid, text: _text, analysis: _analysis, path: _path, outletFrom: _from, ...listing } = row;
    return { ...listing, analysis: await storedAnalysis(row, analyzeText) };
  }

  async outlets(): Promise<string[]> {
    return this.db.prepare('SELECT DISTINCT outlet FROM documents ORDER BY outlet').pluck().all() as string[];
  }

  /** Each claim's chain, link by link: the outlet (or source) citing the next source. */
  async citations(): Promise<CitationCount[]> {
    const counter = new CitationCounter();
    const sources = this.db.prepare('SELECT sid, name, kind FROM sources WHERE doc_id = ?');
    let doc = -1;
    let names = new Map<string, { name: string; kind: string }>();
    for (const r of this.db.prepare('SELECT c.doc_id AS doc, c.chain, d.outlet FROM claims c JOIN documents d ON d.id = c.doc_id ORDER BY c.doc_id').iterate() as IterableIterator<{ doc: number; chain: string; outlet: string }>) {
      if (r.doc !== doc) {
        doc = r.doc;
        names = new Map((sources.all(doc) as Array<{ sid: string; name: string; kind: string }>).map((s) => [s.sid, s]));
      }
      counter.add(r.outlet, r.chain, names);
    }
    return counter.result();
  }

  /** Size of the database file and its WAL, in bytes (after a checkpoint). */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
