/**
 * Clustering that grows with the corpus (src/corpus/incremental.ts): every claim's LSH band values in an
 * indexed table, so the stored claims near a new one are found without reading the corpus; the documents
 * stored since the last clustering; and the corpus's term counts (a TermSketch) kept with the clusters.
 * Existing claims' bands are copied from `claim_features`, and the next clustering is a full one.
 */
import type Database from 'better-sqlite3';
import { BANDS } from '../../corpus/cluster.js';
import { packedClaims, packedWords } from '../rows.js';

export const sql = `
CREATE TABLE claim_bands (
  band        INTEGER NOT NULL,              -- uint32 band value
  claim_id    INTEGER NOT NULL,
  PRIMARY KEY (band, claim_id)
) WITHOUT ROWID;
CREATE TABLE unclustered (
  doc_id      INTEGER PRIMARY KEY
);
CREATE TABLE term_sketch (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  counts      BLOB NOT NULL
);
CREATE INDEX cluster_claims_claim ON cluster_claims(claim_id);
DELETE FROM state WHERE key = 'clustered';
`;

export function run(db: Database.Database): void {
  const insert = db.prepare('INSERT OR IGNORE INTO claim_bands VALUES (?, ?)');
  for (const [doc, packed] of db.prepare('SELECT doc_id, packed FROM claim_features ORDER BY doc_id').raw().all() as Array<[number, Buffer]>) {
    const words = packedWords(doc, packed);
    for (const c of packedClaims(words)) {
      for (let b = 0; b < BANDS; b++) if (words[c.to + b] !== 0) insert.run(words[c.to + b], c.id);
    }
  }
}
