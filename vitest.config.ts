import { defineConfig } from 'vitest/config';
import { SlowFilesFirst } from './test/setup/slow-files-first.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each database test file creates its own embedded PostgreSQL (PGlite), which takes seconds.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // vitest's default is one worker fewer than the cores: a single worker on a 2-core runner, which
    // ran every file one after another. Most files spend much of their time waiting on spawned bot
    // processes, sockets and the database, so two share two cores well. (--maxWorkers overrides it.)
    maxWorkers: 2,
    sequence: { sequencer: SlowFilesFirst },
    globalSetup: ['test/setup/pglite-snapshot.ts'],
  },
});
