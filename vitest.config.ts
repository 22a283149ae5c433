import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A throwaway PostgreSQL server for the store tests that run on both backends (test/support/backends.ts).
    globalSetup: ['test/support/postgres-global.ts'],
  },
});
