import { sql } from 'kysely';
import { handle } from '../src/core/handle.js';
import type { Logger } from '../src/core/ports/logger.js';
import { openDatabase, type DatabaseTarget } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createStore } from '../src/db/store.js';
import { RecordingChat } from '../test/helpers/recording-chat.js';
import { ms, row, summarize } from './stats.js';

// How long the core takes to store a check-in answer, end to end through the database, beside the
// bare round trip of `select 1` on the same database in the same run.

const quiet: Logger = { info() {}, warn() {}, error() {}, debug() {} };
const ANSWERS = 1000;

/** On PostgreSQL the benchmark works in a schema of its own, dropped afterwards. */
async function isolated(target: DatabaseTarget): Promise<{ target: DatabaseTarget; drop: () => Promise<void> }> {
  if (target.kind !== 'postgres') return { target, drop: async () => {} };
  const schema = `bench_${process.pid}_${Date.now()}`;
  const admin = await openDatabase(target);
  await sql.raw(`create schema ${schema}`).execute(admin.db);
  return {
    target: { ...target, schema },
    drop: async () => {
      await sql.raw(`drop schema ${schema} cascade`).execute(admin.db);
      await admin.close();
    },
  };
}

export async function benchCommands(label: string, where: DatabaseTarget): Promise<void> {
  const { target, drop } = await isolated(where);
  const database = await openDatabase(target);
  try {
    await migrateToLatest(database.db, database.schema);
    const store = createStore(database.db);
    const chat = new RecordingChat();
    const now = new Date('2026-03-03T15:00:00Z');
    const as = (user: string) => ({
      platform: 'console' as const,
      workspace: { externalId: `bench-${process.pid}-${Date.now()}` },
      user: { externalId: user, name: user },
      channel: { id: 'C-bench', isDirect: false },
    });
    const facilitator = as('facilitator');
    await handle({ store, chat, now, log: quiet }, facilitator, { kind: 'command', text: 'setup Bench' });
    await handle({ store, chat, now, log: quiet }, facilitator, { kind: 'command', text: 'start' });
    const thread = chat.lastSessionMessage?.id ?? '';

    const baseline: number[] = [];
    for (let i = 0; i < ANSWERS; i++) {
      const started = performance.now();
      await sql`select 1`.execute(database.db);
      baseline.push(performance.now() - started);
    }
    const answers: number[] = [];
    for (let i = 0; i < ANSWERS; i++) {
      const started = performance.now();
      await handle(
        { store, chat, now, log: quiet },
        {
          ...facilitator,
          user: { externalId: `t${i % 200}`, name: `t${i % 200}` },
          eventId: `bench-${process.pid}-${i}`,
        },
        {
          kind: 'message',
          threadId: thread,
          messageId: `m${i}`,
          text: `What is working ${i}`,
        },
      );
      answers.push(performance.now() - started);
      chat.take();
    }
    const base = summarize(baseline);
    const ours = summarize(answers);
    process.stdout.write(`\nThread answers stored through the core, ${ANSWERS} sequential (${label})\n`);
    row('baseline: select 1', { p50: ms(base.p50), p99: ms(base.p99) });
    row('check-in reply: handle()', {
      p50: ms(ours.p50),
      p99: ms(ours.p99),
      'p99 vs baseline': `${(ours.p99 / base.p99).toFixed(1)}x`,
    });
  } finally {
    await database.close();
    await drop();
  }
}
