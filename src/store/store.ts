/**
 * The corpus store: what `claimtrace corpus` needs from a database, implemented by SQLite (one file, one
 * writer) and PostgreSQL (many readers and ingest workers). One test suite runs against both.
 */
import type { ClaimTable } from '../corpus/cluster.js';
import type { OutletFrom } from '../corpus/outlets.js';
import type { ClusterClaim } from '../corpus/origins.js';
import type { Claim } from '../model/types.js';
import type { TermSketch } from '../corpus/term-sketch.js';

/** A claim as stored: the analysis's claim (its id as `cid`), its relation signatures and matching features. */
export interface StoredClaim extends Omit<Claim, 'id' | 'techniques'> {
  cid: string;
  relations: string[];
  /** Sorted uint32 feature hashes and LSH bands (see src/corpus/cluster.ts). */
  shingles: Uint32Array;
  bands: Uint32Array;
}

/** One analysed document with every row it owns: written all together or not at all. */
export interface DocumentRecord {
  hash: string;
  sourceId: string;
  path: string;
  url: string | null;
  outlet: string;
  /** What named the outlet (src/corpus/outlets.ts). */
  outletFrom: OutletFrom;
  published: string | null;
  title: string | null;
  byline: string | null;
  wire: string | null;
  format: string;
  text: string;
  /**
   * The full Analysis as JSON (without document.text), deflated, for HTML documents; empty for plain text,
   * whose analysis is the stored text analysed again (the same text, options and model give the same result).
   */
  analysis: Uint8Array;
  model: string;
  sources: Array<{ sid: string; name: string; kind: string; named: boolean; unresolved: boolean; outlet: string | null; head: string | null; descriptors: string[] }>;
  claims: StoredClaim[];
  attributions: Array<{ aid: string; source: string | null; cue: [number, number]; content: [number, number]; type: string; rule: string; parent: string | null; reported: boolean }>;
  hedges: Array<{ start: number; end: number; text: string; category: string; rule: string }>;
  entities: Array<{ eid: string; name: string; type: string }>;
  relations: Array<{ rid: string; subject: string; predicate: string; object: string; claim: string; negated: boolean; hedged: boolean; modality: string }>;
  techniques: Array<{ tid: string; technique: string; start: number; end: number; score: number }>;
}

export interface CorpusStats {
  documents: number;
  claims: number;
  sources: number;
  clusters: number;
  /** Claims that are their outlet's furniture (editor's notes, sign-offs), left out of the clusters. */
  furniture: number;
}

/** A sentence an outlet prints under many stories, with how many of its documents carry it. */
export interface FurnitureEntry {
  outlet: string;
  text: string;
  documents: number;
}

/** A claim of a cluster with what the origins analysis needs, and its row id. */
export interface ClusterMember extends ClusterClaim {
  claimId: number;
  /** The claim's check-worthiness; null for claims stored before it was computed. */
  checkworthiness: number | null;
}

export interface StoredCluster {
  id: number;
  members: ClusterMember[];
}

/** A page of the documents matching a search (the web app's corpus pages). */
export interface DocumentSearch {
  /** Full-text query, FTS5 syntax on both stores (src/store/search-query.ts translates it for PostgreSQL). */
  q?: string;
  outlet?: string;
  /** ISO dates, inclusive. */
  from?: string;
  to?: string;
  /** Only documents with a source of this kind. */
  sourceKind?: string;
  limit: number;
  offset: number;
}

/**
 * Analyses a stored plain-text document again (its analysis is derived when read, not stored): the server
 * passes one that runs in its worker threads; without it the store analyses in the caller's thread.
 */
export type AnalyzeText = (text: string, options: { name: string; outlet?: string }) => Promise<import('../model/types.js').Analysis>;

/** A stored document as `corpus reanalyze` reads it again. */
export interface StaleDocument {
  /** Row id: documents are read in its order, and a replaced one comes back under a new, higher one. */
  rowid: number;
  hash: string;
  sourceId: string;
  path: string;
  url: string | null;
  outlet: string;
  outletFrom: string;
  published: string | null;
  title: string | null;
  format: 'text' | 'html';
  text: string;
  analysisVersion: string;
}

export interface DocumentListing {
  id: string;
  outlet: string;
  published: string | null;
  title: string | null;
  url: string | null;
  claims: number;
  /** Plain-text excerpt around the hit, when searching. */
  snippet?: string;
}

/** How often an outlet's chains pass through a source: the corpus's citation graph. */
export interface CitationCount {
  from: string;
  to: string;
  kind: string;
  count: number;
}

/**
 * Documents this process may analyse and store: taken from the hashes it asked for, none of them stored
 * and none being analysed by another process. PostgreSQL holds a row lock per document in an open
 * transaction until `commit` (a dead process's locks go with its connection); SQLite has one writer.
 */
export interface Lease {
  /** The hashes to analyse. */
  mine: string[];
  /** Hashes another process is analysing now: stored soon, or back on offer if it dies (see `settle`). */
  busy: string[];
  /** Writes documents of the lease inside its transaction; throws with nothing written when one fails. */
  write(docs: readonly DocumentRecord[]): Promise<number>;
  /** Commits what was written and gives the rest back. */
  commit(): Promise<void>;
  /** Gives everything back, nothing written. */
  release(): Promise<void>;
}

/** An update of the clusters with a batch of new claims (src/corpus/incremental.ts). */
export interface ClusterUpdate {
  /** The documents whose claims it covers: no longer waiting. */
  documents: readonly number[];
  joins: ReadonlyArray<[number, number]>;
  created: readonly number[][];
  furniture: ReadonlyArray<[number, number]>;
  sketch: TermSketch;
}


export interface Store {
  /** Where the data lives, for messages (a URL's password is never in it). */
  readonly location: string;
  hasDocument(hash: string): Promise<boolean>;
  lease(hashes: readonly string[]): Promise<Lease>;
  /** Waits until no other process holds these hashes; returns those still not stored (their worker died). */
  settle(hashes: readonly string[]): Promise<string[]>;
  /** Versions recorded in schema_migrations, in order. */
  migrations(): Promise<number[]>;
  /** Writes the documents in one transaction, skipping hashes already stored; returns how many were new. */
  writeDocuments(docs: readonly DocumentRecord[]): Promise<number>;
  stats(): Promise<CorpusStats>;
  /** Whether the stored clusters cover every stored document. */
  clustersFresh(): Promise<boolean>;
  /** Changes whenever documents are added or removed (readers cache what they derive until it does). */
  documentsVersion(): Promise<string>;
  /** Every claim's matching features, packed for clustering. */
  claimTable(): Promise<ClaimTable>;
  /**
   * Replaces the stored clusters (lists of claim ids) and the furniture (groups of claim ids) in one
   * transaction, with the corpus's term counts; the documents listed are no longer waiting.
   */
  replaceClusters(clusters: readonly number[][], furniture?: readonly number[][], covered?: { documents: readonly number[]; sketch: TermSketch }): Promise<void>;
  /** Whether a clustering is recorded, and the documents stored since (row ids). */
  waiting(): Promise<{ clustered: boolean; documents: number[] }>;
  /** The claims of these documents, with their features and outlets. */
  claimsOfDocuments(documents: readonly number[]): Promise<ClaimTable>;
  /** Stored claims with these LSH band values: [band, claim id] pairs, at most `perBand` per value (lowest ids). */
  claimsSharingBands(bands: Uint32Array, perBand: number): Promise<Array<[number, number]>>;
  /** The features of these stored claims, with outlets. */
  claimsById(ids: readonly number[]): Promise<ClaimTable>;
  /** Of these claims: each one's cluster, those clusters' seeds, and each one's furniture group. */
  membership(ids: readonly number[]): Promise<{ clusterOf: Map<number, number>; seedOf: Map<number, number>; furnitureOf: Map<number, number> }>;
  /** The term counts stored with the clusters. */
  termSketch(): Promise<TermSketch | null>;
  /** Adds a batch's claims to the clusters in one transaction. */
  extendClusters(update: ClusterUpdate): Promise<void>;
  /** Held while clustering, so two processes do not cluster one corpus at once; returns the release. */
  lockClustering(): Promise<() => Promise<void>>;
  /** The outlets' furniture, most widespread first. */
  furniture(): Promise<FurnitureEntry[]>;
  clusters(): Promise<StoredCluster[]>;
  searchDocuments(query: DocumentSearch): Promise<{ total: number; documents: DocumentListing[] }>;
  /**
   * One document by its id (the JSON Lines id or path) with its full stored analysis and the analysis
   * version that made its stored rows (claims, sources…).
   */
  document(id: string, analyzeText?: AnalyzeText): Promise<(DocumentListing & { analysis: import('../model/types.js').Analysis; analysisVersion: string }) | undefined>;
  /** Documents analysed by another version than `version`, after row `after`, as many as `limit`, in row order, with what re-analysing them needs. */
  staleDocuments(version: string, after: number, limit: number): Promise<StaleDocument[]>;
  /** How many documents each analysis version made. */
  analysisVersions(): Promise<Array<{ version: string; documents: number }>>;
  /**
   * Replaces the stored documents of the same hashes with these (all their rows) in one transaction, and
   * drops the clusters, which must be made again; returns how many were replaced.
   */
  replaceDocuments(docs: readonly DocumentRecord[]): Promise<number>;
  outlets(): Promise<string[]>;
  citations(): Promise<CitationCount[]>;
  close(): Promise<void>;
}
