/** The first schema: documents and everything their analysis found, plus the claims' matching features. */
export const sql = `
CREATE TABLE documents (
  id          INTEGER PRIMARY KEY,
  hash        TEXT NOT NULL UNIQUE,          -- sha256 of the input (content and the metadata given with it)
  source_id   TEXT NOT NULL,                 -- the JSON Lines "id", or the path (path:line for JSON Lines without one)
  path        TEXT NOT NULL,
  url         TEXT,
  outlet      TEXT NOT NULL,
  outlet_from TEXT NOT NULL,                 -- input | analysis | folder | unknown
  published   TEXT,
  title       TEXT,
  byline      TEXT,
  wire        TEXT,                          -- wire agency whose copy this is (AP, Reuters…), or NULL
  format      TEXT NOT NULL,
  text        TEXT NOT NULL,
  analysis    BLOB NOT NULL,                 -- the full Analysis as JSON without document.text, deflated
  model       TEXT NOT NULL,                 -- MODEL_VERSION that produced it
  ingested_at TEXT NOT NULL
);
CREATE INDEX documents_outlet ON documents(outlet);

CREATE TABLE sources (
  doc_id      INTEGER NOT NULL REFERENCES documents(id),
  sid         TEXT NOT NULL,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  named       INTEGER NOT NULL,
  unresolved  INTEGER NOT NULL,
  outlet      TEXT,
  head        TEXT,
  descriptors TEXT NOT NULL,                 -- JSON array
  PRIMARY KEY (doc_id, sid)
) WITHOUT ROWID;

CREATE TABLE claims (
  id          INTEGER PRIMARY KEY,
  doc_id      INTEGER NOT NULL REFERENCES documents(id),
  cid         TEXT NOT NULL,
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL,
  text        TEXT NOT NULL,
  sentence    INTEGER NOT NULL,
  chain       TEXT NOT NULL,                 -- JSON array of source ids, outlet first
  attribution TEXT,
  continued   INTEGER NOT NULL,
  headline    INTEGER NOT NULL,
  hedges      TEXT NOT NULL,                 -- JSON array of {start,end,text}
  relations   TEXT NOT NULL,                 -- JSON array of "subject|predicate|object" signatures
  shingles    BLOB NOT NULL,                 -- sorted uint32 feature hashes (little-endian)
  bands       BLOB NOT NULL                  -- uint32 LSH band hashes
);
CREATE INDEX claims_doc ON claims(doc_id);

CREATE TABLE attributions (
  doc_id      INTEGER NOT NULL REFERENCES documents(id),
  aid         TEXT NOT NULL,
  source      TEXT,
  cue_start   INTEGER NOT NULL,
  cue_end     INTEGER NOT NULL,
  content_start INTEGER NOT NULL,
  content_end INTEGER NOT NULL,
  type        TEXT NOT NULL,
  rule        TEXT NOT NULL,
  parent      TEXT,
  reported    INTEGER NOT NULL,
  PRIMARY KEY (doc_id, aid)
) WITHOUT ROWID;

CREATE TABLE hedges (
  doc_id      INTEGER NOT NULL REFERENCES documents(id),
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL,
  text        TEXT NOT NULL,
  category    TEXT NOT NULL,
  rule        TEXT NOT NULL
);
CREATE INDEX hedges_doc ON hedges(doc_id);

CREATE TABLE entities (
  doc_id      INTEGER NOT NULL REFERENCES documents(id),
  eid         TEXT NOT NULL,
  name        TEXT NOT NULL,
  type        TEXT NOT NULL,
  PRIMARY KEY (doc_id, eid)
) WITHOUT ROWID;

CREATE TABLE relations (
  doc_id      INTEGER NOT NULL REFERENCES documents(id),
  rid         TEXT NOT NULL,
  subject     TEXT NOT NULL,
  predicate   TEXT NOT NULL,
  object      TEXT NOT NULL,
  claim       TEXT NOT NULL,
  negated     INTEGER NOT NULL,
  hedged      INTEGER NOT NULL,
  modality    TEXT NOT NULL,
  PRIMARY KEY (doc_id, rid)
) WITHOUT ROWID;

CREATE TABLE techniques (
  doc_id      INTEGER NOT NULL REFERENCES documents(id),
  tid         TEXT NOT NULL,
  technique   TEXT NOT NULL,
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL,
  score       REAL NOT NULL,
  PRIMARY KEY (doc_id, tid)
) WITHOUT ROWID;

-- The last clustering, and the documents it covered (stale when documents were added since).
CREATE TABLE clusters (
  id          INTEGER PRIMARY KEY,
  claim       INTEGER NOT NULL REFERENCES claims(id)   -- the cluster's earliest claim
);
CREATE TABLE cluster_claims (
  cluster_id  INTEGER NOT NULL REFERENCES clusters(id),
  claim_id    INTEGER NOT NULL REFERENCES claims(id),
  PRIMARY KEY (cluster_id, claim_id)
) WITHOUT ROWID;
CREATE TABLE state (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL
) WITHOUT ROWID;
`;
