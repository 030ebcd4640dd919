import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { openTestDatabase } from '../helpers/databases.js';
import { eventually, startSlackBot } from '../helpers/slack-bot.js';
import { buttonPress, commandBody, formSubmission, postToSlackEndpoint } from '../helpers/slack-requests.js';

// Buttons and forms are data the sender controls. Forged ones, through the real Slack receiver:
// a teacher pressing a facilitator's button, another workspace naming this one's session, someone
// naming another person's goal. Each is refused, changes nothing, and is logged without content.

describe('forged buttons and forms in Slack', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  const logLines: { level: number; msg: string; code?: string }[] = [];
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    const log = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(JSON.parse(line) as never) });
    bot = await startSlackBot(database, { log });
    bot.fake.users.set('UANA', { id: 'UANA', name: 'Ana' });
    bot.fake.users.set('UBEN', { id: 'UBEN', name: 'Ben' });
  });
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });

  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database.db)
      .then((r) => r.rows);
  const ephemerals = () => bot.fake.callsTo('chat.postEphemeral').map((c) => `${String(c.user)}: ${String(c.text)}`);
  const press = (user: string, value: string, team = 'T1') =>
    postToSlackEndpoint(bot.baseUrl, buttonPress({ user, value, team }));

  it('refuses each forgery without changing anything, and logs it', async () => {
    for (const [text, posts] of [
      ['setup Grade 3', 1],
      ['start', 3],
    ] as const) {
      await postToSlackEndpoint(
        bot.baseUrl,
        commandBody({ text, user: 'UANA', channel: 'C1', responseUrl: bot.fake.responseUrl(text) }),
      );
      await eventually(() => expect(bot.fake.callsTo('chat.postMessage').length).toBeGreaterThanOrEqual(posts));
    }
    const session = await eventually(() => {
      const call = bot.fake
        .callsTo('chat.postMessage')
        .find((c) => (c.blocks as { type: string }[] | undefined)?.some((b) => b.type === 'actions'));
      expect(call).toBeDefined();
      return call;
    });
    const elements =
      (session?.blocks as { type: string; elements?: { text: { text: string }; value: string }[] }[]).find(
        (b) => b.type === 'actions',
      )?.elements ?? [];
    const next = elements.find((e) => e.text.text === 'Next')?.value ?? '';
    expect(JSON.parse(next)).toMatchObject({ kind: 'session.next', phase: 'opening' });

    // A teacher pressing the facilitators' button.
    await press('UBEN', next);
    // Another workspace naming this workspace's session, with a button and with a form.
    await press('UEVE', next, 'T2');
    const sessionId = (JSON.parse(next) as { sessionId: number }).sessionId;
    await postToSlackEndpoint(
      bot.baseUrl,
      formSubmission({
        user: 'UEVE',
        team: 'T2',
        privateMetadata: JSON.stringify({ kind: 'checkin', context: { sessionId, phase: 'opening' }, channel: 'C1' }),
        values: {
          text: { type: 'plain_text_input', value: 'Forged words from elsewhere' },
          share: { type: 'checkboxes', selected_options: [] },
        },
      }),
    );
    // Someone naming another person's goal on a nudge button.
    const [ben] = await rows(`select m.id, m.workspace_id from members m where external_id = 'UBEN'`);
    const [goal] = await rows(
      `insert into goals (workspace_id, member_id, specific, measure, target, unit, due_on, created_at) values (${Number(ben?.workspace_id)}, ${Number(ben?.id)}, 'Ben reads aloud', '10 read-alouds', 10, 'read-alouds', '2099-01-01', now()) returning id`,
    );
    await press(
      'UANA',
      JSON.stringify({ kind: 'nudge.snooze', goalIds: [Number(goal?.id)], nonce: 'made-up-nonce-1' }),
    );

    // Each answered privately; they are handled after their acknowledgements, in any order.
    await eventually(() =>
      expect(ephemerals().sort()).toEqual([
        'UANA: Those goals are not active any more, so there is nothing to answer.',
        expect.stringMatching(/^UBEN: Only facilitators of Grade 3/),
        'UEVE: That button or form does not belong here, so nothing was changed.',
        'UEVE: That button or form does not belong here, so nothing was changed.',
      ]),
    );
    expect(await rows('select phase from sessions')).toEqual([{ phase: 'opening' }]);
    expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 0 }]);
    expect(await rows('select snoozed_until from goals')).toEqual([{ snoozed_until: null }]);

    const warned = logLines.filter((line) => line.level === 40 && line.msg.includes('was refused'));
    expect(warned.map((line) => line.code).sort()).toEqual([
      'BadPayload',
      'BadPayload',
      'NoSuchGoal',
      'NotFacilitator',
    ]);
    expect(JSON.stringify(logLines)).not.toContain('Forged words from elsewhere');
  });
});
