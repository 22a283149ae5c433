/** Opens the corpus store named by `--db`: a SQLite file, or (later) a PostgreSQL URL. */
import { SqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export const DEFAULT_DB = 'claimtrace.db';

/** A store that cannot be opened as asked (unsupported URL, unreadable file): the CLI exits 2. */
export class StoreError extends Error {}

export function openStore(db: string = DEFAULT_DB, options: { readonly?: boolean } = {}): SqliteStore {
  if (/^postgres(ql)?:\/\//i.test(db)) {
    throw new StoreError(`--db ${db.replace(/\/\/[^@/]*@/, '//…@')}: PostgreSQL is not supported yet; use a SQLite file (--db FILE)`);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(db)) throw new StoreError(`--db ${db}: unsupported database URL; use a SQLite file (--db FILE)`);
  try {
    return new SqliteStore(db, options);
  } catch (e) {
    throw new StoreError(`--db ${db}: cannot open the database (${(e as Error).message})`);
  }
}

export type { Store };
