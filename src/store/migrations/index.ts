/**
 * Schema migrations, versioned in the repository and applied in order. Each is SQL kept as TypeScript data
 * so it ships inside dist/ with no file copying, with a function run after it where data must move. Never
 * edit a released migration: add the next one.
 */
import { sql as initial } from './001_initial.js';
import { sql as search } from './002_search.js';
import { run as moveClaimFeatures, sql as claimFeatures } from './003_claim_features.js';
import { sql as furniture } from './004_furniture.js';
import { sql as checkworthiness } from './005_checkworthiness.js';
import { run as copyClaimBands, sql as claimBands } from './006_claim_bands.js';
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Data the SQL alone cannot move, run after it in the same transaction. */
  run?: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'search', sql: search },
  { version: 3, name: 'claim-features', sql: claimFeatures, run: moveClaimFeatures },
  { version: 4, name: 'furniture', sql: furniture },
  { version: 5, name: 'checkworthiness', sql: checkworthiness },
  { version: 6, name: 'claim-bands', sql: claimBands, run: copyClaimBands },
];
