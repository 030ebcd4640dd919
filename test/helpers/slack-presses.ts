import { sql } from 'kysely';
import pino from 'pino';
import { afterEach, beforeEach, expect } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { openTestDatabase, type TestDatabaseKind } from './databases.js';
import { eventually, startSlackBot } from './slack-bot.js';
import { buttonPress, commandBody, postToSlackEndpoint } from './slack-requests.js';

// A Slack bot on a fresh database with Ana and Ben in C1 and Cho alone in C2, and the ways the
// presses and forms tests send commands and read what came back. Call inside a describe block.

type View = { private_metadata: string };

export function slackPresses(kind: TestDatabaseKind) {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  let logLines: { level: number; msg: string; code?: string }[];
  beforeEach(async () => {
    logLines = [];
    database = await openTestDatabase(kind);
    const log = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(JSON.parse(line) as never) });
    bot = await startSlackBot(database, { log });
    for (const [id, name] of [
      ['UANA', 'Ana'],
      ['UBEN', 'Ben'],
      ['UCHO', 'Cho'],
    ] as const)
      bot.fake.users.set(id, { id, name });
    // Slack's word on who is in each channel: Cho's circle is hers alone.
    bot.fake.channelMembers.set('C1', ['UANA', 'UBEN']);
    bot.fake.channelMembers.set('C2', ['UCHO']);
  });
  afterEach(async () => {
    await bot?.close();
    await database?.close();
  });

  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database.db)
      .then((r) => r.rows);
  /** What a person's commands were answered with, through their response URLs. */
  const answersTo = (user: string) =>
    bot.fake.responses.filter((r) => r.path.startsWith(`/respond/${user}-`)).map((r) => String(r.body.text));
  const ephemeralsTo = (user: string) =>
    bot.fake
      .callsTo('chat.postEphemeral')
      .filter((c) => c.user === user)
      .map((c) => String(c.text));
  const press = (user: string, value: unknown, extra: { channel?: string; team?: string } = {}) =>
    postToSlackEndpoint(bot.baseUrl, buttonPress({ user, value, ...extra }));
  const settled = (n: number) =>
    eventually(async () =>
      expect(await rows('select count(*)::int as n from event_receipts where handled_at is not null')).toEqual([{ n }]),
    );
  let commands = 0;

  async function circle(user: string, text: string, channel = 'C1', triggerId?: string): Promise<void> {
    commands += 1;
    const body = commandBody({
      text,
      user,
      channel,
      responseUrl: bot.fake.responseUrl(`${user}-${commands}`),
      ...(triggerId ? { triggerId } : {}),
    });
    expect((await postToSlackEndpoint(bot.baseUrl, body)).status).toBe(200);
  }

  /** The modal opened for this trigger. */
  const modal = (trigger: string) =>
    eventually(() => {
      const view = bot.fake.callsTo('views.open').find((c) => c.trigger_id === trigger)?.view as View | undefined;
      expect(view).toBeDefined();
      return view as View;
    });

  return {
    bot: () => bot,
    logLines: () => logLines,
    rows,
    answersTo,
    ephemeralsTo,
    press,
    settled,
    circle,
    modal,
  };
}
