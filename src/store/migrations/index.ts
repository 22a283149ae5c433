/**
 * Schema migrations, versioned in the repository and applied in order. Each is SQL kept as TypeScript data
 * so it ships inside dist/ with no file copying. Never edit a released migration: add the next one.
 */
import { sql as initial } from './001_initial.js';
import { sql as search } from './002_search.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'search', sql: search },
];
