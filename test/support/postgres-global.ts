/**
 * Vitest global set-up: one throwaway PostgreSQL server for the whole run, whose URL the store tests get
 * with inject('postgres'). Without PostgreSQL's programs the PostgreSQL half of those tests is skipped with a
 * note; under CI it must run, so a missing server there is an error.
 */
import type { TestProject } from 'vitest/node';
import { findPostgresBin, startPostgres } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test server's admin URL, or why there is none. */
    postgres: { url: string } | { skipped: string };
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const bin = findPostgresBin();
  if (!bin) {
    const skipped = 'PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin): the PostgreSQL store tests are skipped (they run in CI)';
    if (process.env.CI === 'true') throw new Error(`${skipped.split(':')[0]}, and CI must run the PostgreSQL store tests (.ci/run installs it)`);
    console.warn(`[claimtrace tests] ${skipped}.`);
    project.provide('postgres', { skipped });
    return () => {};
  }
  const server = await startPostgres(bin);
  project.provide('postgres', { url: server.url });
  return () => server.stop();
}
