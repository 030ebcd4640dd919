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
    // A worker runs its files one after another in one process, keeping the modules it imported
    // (Bolt, botbuilder, PGlite and the rest take seconds of CPU to load in every new process). Test
    // files keep no state at module level, restore their fake timers, and open databases of their own.
    isolate: false,
    sequence: { sequencer: SlowFilesFirst },
    globalSetup: ['test/setup/pglite-snapshot.ts'],
  },
});
