/**
 * Each document's claim features (shingles and LSH bands) in one packed row, for clustering: it reads every
 * claim's features, and reading one row per document, with nothing else in it, is an order of magnitude
 * fewer rows than reading them from `claims` (whose rows also hold each claim's text and JSON). The
 * `shingles` and `bands` columns of `claims` stay for old rows and are written empty from now on.
 *
 * `packed`: per claim of the document, in id order, uint32s: claim id, shingle count n,
 * n shingles, then BANDS band hashes (see src/corpus/cluster.ts; zeros for a claim without features).
 */
import type Database from 'better-sqlite3';
import { BANDS } from '../../corpus/cluster.js';

export const sql = `
CREATE TABLE claim_features (
  doc_id      INTEGER PRIMARY KEY REFERENCES documents(id),
  packed      BLOB NOT NULL
);
`;

/** Packs a document's claims (id, shingles, bands) in the layout above. */
export function packClaimFeatures(claims: ReadonlyArray<{ id: number; shingles: Uint32Array; bands: Uint32Array }>): Buffer {
  let words = 0;
  for (const c of claims) words += 2 + c.shingles.length + BANDS;
  const out = new Uint32Array(words);
  let at = 0;
  for (const c of claims) {
    if (!Number.isInteger(c.id) || c.id < 0 || c.id > 0xffffffff) throw new RangeError(`claim id ${c.id} does not fit the packed claim features`);
    out[at++] = c.id;
    out[at++] = c.shingles.length;
    out.set(c.shingles, at);
    at += c.shingles.length;
    if (c.bands.length === BANDS) out.set(c.bands, at);
    at += BANDS;
  }
  // In the machine's byte order, as the claims' own feature columns were written.
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/** Moves the features of claims stored before this migration into `claim_features`. */
export function run(db: Database.Database): void {
  const insert = db.prepare('INSERT INTO claim_features (doc_id, packed) VALUES (?, ?)');
  const claimsOf = db.prepare('SELECT id, shingles, bands FROM claims WHERE doc_id = ? ORDER BY id').raw();
  const words = (b: Buffer): Uint32Array => new Uint32Array(Uint8Array.from(b).buffer);
  // Document by document (a statement cannot write while another is being read), through claims_doc.
  for (const doc of db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as number[]) {
    const rows = claimsOf.all(doc) as Array<[number, Buffer, Buffer]>;
    if (rows.length > 0) insert.run(doc, packClaimFeatures(rows.map(([id, shingles, bands]) => ({ id, shingles: words(shingles), bands: words(bands) }))));
  }
  db.exec("UPDATE claims SET shingles = x'', bands = x''");
}
