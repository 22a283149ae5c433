/** Opens the corpus store named by `--db` (or CLAIMTRACE_DB): a SQLite file, or a PostgreSQL URL. */
import { SqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export const DEFAULT_DB = 'claimtrace.db';

/** A store that cannot be opened as asked (unsupported URL, unreadable file, unreachable server): the CLI exits 2. */
export class StoreError extends Error {}

export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//i.test(db);

/** The database the user named: `--db`, else CLAIMTRACE_DB, else the default file. */
export function databaseOf(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return option ?? (env.CLAIMTRACE_DB?.trim() || DEFAULT_DB);
}

/** Why a connection failed, in a few words (node-postgres errors carry a code, sometimes no message). */
function reason(e: unknown): string {
  const err = e as { code?: string; message?: string; errors?: Array<{ code?: string }> };
  const code = err.code ?? err.errors?.[0]?.code;
  const message = (err.message ?? '').trim();
  return message && code && !message.includes(code) ? `${code}: ${message}` : message || code || String(e);
}

export async function openStore(db: string = DEFAULT_DB, options: { readonly?: boolean } = {}): Promise<Store> {
  if (isPostgresUrl(db)) {
    const { PostgresStore, redactUrl } = await import('./postgres.js');
    try {
      return await PostgresStore.open(db);
    } catch (e) {
      throw new StoreError(`--db ${redactUrl(db)}: cannot open the PostgreSQL corpus (${reason(e).replace(/\s+/g, ' ')})`);
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(db)) throw new StoreError(`--db ${db}: unsupported database URL; use a SQLite file or a postgres:// URL`);
  try {
    return new SqliteStore(db, options);
  } catch (e) {
    throw new StoreError(`--db ${db}: cannot open the database (${(e as Error).message})`);
  }
}

export type { Store };
