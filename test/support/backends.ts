/**
 * The two corpus stores, for tests that run once against each (as hono runs one suite over all its routers):
 * SQLite in a temporary file, and PostgreSQL in a new database on the throwaway server of
 * test/support/postgres-global.ts. Where that server is missing, the PostgreSQL half is skipped with a note.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, inject } from 'vitest';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Why this backend's tests are skipped, if they are. */
  skipped: string | undefined;
  /** A new, empty corpus: a file path or a postgres:// URL, for --db or openStore. */
  newDb(label: string): Promise<string>;
  /** Rows of a query on that corpus (plain SQL both engines read alike). */
  query<T>(db: string, sql: string): Promise<T[]>;
  /** Runs statements that change that corpus. */
  exec(db: string, sql: string): Promise<void>;
}

let dir: string | undefined;
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const sqlite: Backend = {
  name: 'sqlite',
  skipped: undefined,
  async newDb(label) {
    dir ??= mkdtempSync(join(tmpdir(), 'claimtrace-backend-'));
    return join(dir, `${label}.db`);
  },
  async query<T>(db: string, sql: string) {
    const conn = new Database(db, { readonly: true });
    try {
      return conn.prepare(sql).all() as T[];
    } finally {
      conn.close();
    }
  },
  async exec(db: string, sql: string) {
    const conn = new Database(db);
    try {
      conn.exec(sql);
    } finally {
      conn.close();
    }
  },
};

const server = inject('postgres');
let databases = 0;

const postgres: Backend = {
  name: 'postgres',
  skipped: 'skipped' in server ? server.skipped : undefined,
  async newDb(label) {
    if (!('url' in server)) throw new Error('no PostgreSQL server');
    // A name of its own per test file and corpus: files run in parallel on one server.
    const name = `ct_${label.replace(/\W/g, '_')}_${process.pid}_${++databases}`.toLowerCase().slice(0, 60);
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    return server.url.replace(/\/postgres$/, `/${name}`);
  },
  async query<T>(db: string, sql: string) {
    // Counts (int8) come back as numbers, as SQLite gives them.
    const types = { getTypeParser: ((oid: number, format?: 'text') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser };
    const client = new pg.Client({ connectionString: db, types });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  },
  async exec(db: string, sql: string) {
    await this.query(db, sql);
  },
};

export const BACKENDS: readonly Backend[] = [sqlite, postgres];
/** The backends whose tests run here (PostgreSQL only where its server could start). */
export const ACTIVE_BACKENDS: readonly Backend[] = BACKENDS.filter((b) => !b.skipped);

if (postgres.skipped) console.warn(`[claimtrace tests] ${postgres.skipped}.`);
