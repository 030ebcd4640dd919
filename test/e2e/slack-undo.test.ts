import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { BUILT_IN_PROMPTS } from '../../src/core/prompts/library.js';
import { openTestDatabase } from '../helpers/databases.js';
import { eventually, startSlackBot } from '../helpers/slack-bot.js';
import { buttonPress, commandBody, formSubmission, postToSlackEndpoint } from '../helpers/slack-requests.js';

// Undo in Slack, through the real receiver with signed requests: a retired prompt comes back with
// its button, and a goal ending with its button or with `undo` in words. The presses carry what the
// bot drew (a nonce and which retirement or goal); what is undone is decided from the database.

type Blocks = { type: string; elements?: { text: { text: string }; value: string }[] }[];

describe('Undo in Slack', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  // The test's clock: every "now" the bot reads.
  let now = new Date('2026-03-03T15:00:00Z');
  beforeEach(async () => {
    now = new Date('2026-03-03T15:00:00Z');
    database = await openTestDatabase('pglite');
    bot = await startSlackBot(database, { now: () => now });
    bot.fake.users.set('UANA', { id: 'UANA', name: 'Ana', tz: 'America/Chicago' });
    bot.fake.users.set('UBEN', { id: 'UBEN', name: 'Ben', tz: 'America/Chicago' });
    bot.fake.channelMembers.set('C1', ['UANA', 'UBEN']);
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
  let commands = 0;
  async function circle(user: string, text: string, triggerId?: string) {
    commands += 1;
    const body = commandBody({
      text,
      user,
      channel: 'C1',
      channelName: 'grade-3',
      responseUrl: bot.fake.responseUrl(`${user}-${commands}`),
      ...(triggerId ? { triggerId } : {}),
    });
    expect((await postToSlackEndpoint(bot.baseUrl, body)).status).toBe(200);
  }
  /** Everything said to a person privately, oldest first: command answers through response URLs, press answers as ephemerals. */
  const privately = (user: string) => [
    ...bot.fake.responses
      .filter((r) => r.path.startsWith(`/respond/${user}-`))
      .map((r) => ({ text: String(r.body.text), blocks: r.body.blocks as Blocks | undefined })),
    ...bot.fake
      .callsTo('chat.postEphemeral')
      .filter((c) => c.user === user)
      .map((c) => ({ text: String(c.text), blocks: c.blocks as Blocks | undefined })),
  ];
  const saidTo = (user: string, start: string) =>
    eventually(() => {
      const found = privately(user).find((m) => m.text.startsWith(start));
      expect(found, `a private message starting "${start}"`).toBeDefined();
      return found as { text: string; blocks: Blocks | undefined };
    });
  const undoValue = (message: { blocks: Blocks | undefined }) =>
    message.blocks?.find((b) => b.type === 'actions')?.elements?.find((e) => e.text.text === 'Undo')?.value;
  const press = async (user: string, value: unknown) =>
    expect((await postToSlackEndpoint(bot.baseUrl, buttonPress({ user, value }))).status).toBe(200);

  it('brings back a retired prompt with its Undo button, for the facilitator who retired it', async () => {
    await circle('UANA', 'setup Grade 3');
    await circle('UANA', 'prompt add What would you like to try with your newest students?');
    await saidTo('UANA', `Added as prompt ${BUILT_IN_PROMPTS.length + 1}:`);
    await circle('UANA', 'prompt retire 4');
    const retired = await saidTo('UANA', `Retired: prompt 4, "${BUILT_IN_PROMPTS[3]?.text}".`);
    const value = undoValue(retired);
    expect(JSON.parse(value ?? '{}')).toEqual({
      kind: 'prompt.undo',
      retirementId: expect.any(Number),
      nonce: expect.any(String),
    });

    // Ben, a teacher, presses the same button (a forwarded payload): nothing comes back.
    await press('UBEN', value);
    await saidTo('UBEN', 'That button does not belong here, so nothing was changed.');
    expect(await rows('select prompt_key from prompt_retirements')).toEqual([{ prompt_key: BUILT_IN_PROMPTS[3]?.key }]);

    await press('UANA', value);
    await saidTo('UANA', `Back in: prompt 4, "${BUILT_IN_PROMPTS[3]?.text}". It can be posted in Grade 3 again.`);
    expect(await rows('select prompt_key from prompt_retirements')).toEqual([]);
    // The same press sent again acts once.
    await press('UANA', value);
    await circle('UANA', 'prompts');
    const list = await saidTo('UANA', 'Reflection prompts for Grade 3');
    expect(JSON.stringify(list.blocks)).toContain(`4. ${BUILT_IN_PROMPTS[3]?.text}`);
    expect(JSON.stringify(list.blocks)).not.toContain('Retired:');
    expect(privately('UANA').filter((m) => m.text.startsWith('Back in:'))).toHaveLength(1);
  });

  it('brings back an ended goal with its Undo button and with `undo` in words', async () => {
    await circle('UANA', 'setup Grade 3');
    await circle('UBEN', 'goal', 'trigger-goal');
    const view = await eventually(() => {
      const opened = bot.fake.callsTo('views.open').find((c) => c.trigger_id === 'trigger-goal')?.view as
        { private_metadata: string } | undefined;
      expect(opened).toBeDefined();
      return opened as { private_metadata: string };
    });
    const values = {
      specific: { type: 'plain_text_input', value: 'Exit tickets every Friday' },
      measure: { type: 'plain_text_input', value: '10 exit tickets' },
      firstStep: { type: 'plain_text_input', value: null },
      relevance: { type: 'plain_text_input', value: null },
      dueOn: { type: 'datepicker', selected_date: '2026-05-29' },
      cadence: { type: 'static_select', selected_option: { value: 'weekly' } },
      celebrate: { type: 'checkboxes', selected_options: [] },
    };
    await postToSlackEndpoint(
      bot.baseUrl,
      formSubmission({ user: 'UBEN', privateMetadata: view.private_metadata, values }),
    );
    await eventually(async () =>
      expect(await rows('select number, status from goals')).toEqual([{ number: 1, status: 'active' }]),
    );

    await circle('UBEN', 'goal drop 1');
    const dropped = await saidTo('UBEN', 'Set aside: goal 1, "Exit tickets every Friday".');
    await press('UBEN', undoValue(dropped));
    await saidTo('UBEN', 'Back on: goal 1, "Exit tickets every Friday", with its progress and its nudges.');
    expect(await rows('select status from goals')).toEqual([{ status: 'active' }]);

    // Later the same day: achieved, then `undo` in words.
    now = new Date('2026-03-03T16:00:00Z');
    await circle('UBEN', 'goal achieved 1');
    await saidTo('UBEN', 'Achieved: goal 1,');
    await circle('UBEN', 'undo');
    await eventually(() =>
      expect(privately('UBEN').filter((m) => m.text.startsWith('Back on: goal 1'))).toHaveLength(2),
    );
    expect(await rows('select status from goals')).toEqual([{ status: 'active' }]);
  });
});
