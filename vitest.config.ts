import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each database test file creates its own embedded PostgreSQL (PGlite), which takes seconds.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/setup/pglite-snapshot.ts'],
  },
});
