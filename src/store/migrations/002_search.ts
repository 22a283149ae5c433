/**
 * Full-text search over documents (SQLite FTS5), for the web app's corpus pages. An external-content
 * index: the words live once, in `documents`; triggers keep the index in step, in the same transaction as
 * the document, so a killed ingest leaves both or neither.
 */
export const sql = `
CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, text,
  content = 'documents', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
CREATE INDEX documents_published ON documents(published);
CREATE INDEX sources_kind ON sources(kind, doc_id);
`;
