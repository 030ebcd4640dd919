import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { SEND_MESSAGE } from '../../src/scheduler/handlers.js';
import { MIDWEEK_PROMPT } from '../../src/core/use-cases/prompts/midweek.js';
import { SESSION_STEP } from '../../src/core/use-cases/schedules/run-step.js';
import { emptyTables, openTestDatabase } from '../helpers/databases.js';
import { deliverNow } from '../helpers/deliver-now.js';
import { FakeTeams } from '../helpers/fake-teams.js';
import { activities, ANA, BEN, CHANNEL, TEAM, TENANT } from '../helpers/teams-activities.js';
import { startTeamsBot } from '../helpers/teams-bot.js';

// Teams' addresses kept from installs and messages, and the timed sends that use them: through the
// outbox, proactively with continueConversationAsync, failures mapped for the outbox to retry or not.

const now = new Date('2026-03-03T15:00:00Z');

describe('Teams addresses and timed sends', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startTeamsBot>>;
  let say: ReturnType<typeof activities>;
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database.db)
      .then((r) => r.rows);

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    bot = await startTeamsBot(database, { now: () => now });
    say = activities(bot.fake.serviceUrl);
  });
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });
  beforeEach(async () => {
    await emptyTables(database);
    bot.fake.sent.length = 0;
    bot.fake.refused.length = 0;
  });

  async function send(activity: unknown) {
    const response = await bot.send(activity);
    expect(response.status, response.text).toBe(200);
  }

  const deliver = () => deliverNow(database, { now, chatFor: (_platform, tenant) => bot.chatFor(tenant) });
  const enqueue = (key: string, to: Record<string, string>) =>
    outboxRepo(database.db).enqueue([
      {
        workspaceId: null,
        kind: SEND_MESSAGE,
        key,
        dueAt: now,
        payload: { platform: 'teams', workspace: TENANT, to, message: { text: 'A gentle reminder' } },
      },
    ]);

  it('keeps the addresses of the team channel, new channels and personal chats, and makes the installer the first admin', async () => {
    await send(say.addedToTeam(ANA));
    await send(say.channelCreated(ANA, '19:grade4@thread.tacv2'));
    await send(say.installPersonal(BEN));
    await send(say.membersJoined(ANA, [{ id: '29:cleo', name: 'Cleo Park' }, { id: BEN.id }]));
    expect(
      await rows(
        `select kind, key, reference->'conversation'->>'id' as conversation, reference->>'serviceUrl' as service, reference ? 'user' as has_user from conversation_refs order by kind, key`,
      ),
    ).toEqual([
      {
        kind: 'channel',
        key: '19:grade4@thread.tacv2',
        conversation: '19:grade4@thread.tacv2',
        service: bot.fake.serviceUrl,
        has_user: false,
      },
      { kind: 'channel', key: TEAM, conversation: TEAM, service: bot.fake.serviceUrl, has_user: false },
      { kind: 'personal', key: BEN.id, conversation: 'a:personal-ben', service: bot.fake.serviceUrl, has_user: true },
    ]);
    expect(
      await rows(`select external_id, display_name, is_admin, time_zone from members order by external_id`),
    ).toEqual([
      { external_id: ANA.id, display_name: 'Ana Ruiz', is_admin: true, time_zone: 'America/Chicago' },
      { external_id: BEN.id, display_name: 'Ben Okafor', is_admin: false, time_zone: 'America/Chicago' },
      { external_id: '29:cleo', display_name: 'Cleo Park', is_admin: false, time_zone: null },
    ]);
    expect(await rows(`select platform, external_id, time_zone from workspaces`)).toEqual([
      { platform: 'teams', external_id: TENANT, time_zone: 'America/Chicago' },
    ]);
  });

  it('posts a planned message to a channel through its stored address, once', async () => {
    await send(say.addedToTeam(ANA));
    await enqueue('reminder:1', { kind: 'channel', channel: TEAM });
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(await deliver()).toMatchObject({ claimed: 0 });
    expect(bot.fake.messages().map((s) => [s.conversation, FakeTeams.textOf(s)])).toEqual([
      [TEAM, 'A gentle reminder'],
    ]);
  });

  it('waits out a 429 for its Retry-After without counting it a failed attempt, retries a 503 later, and gives up on a 403', async () => {
    await send(say.addedToTeam(ANA));
    bot.fake.fail({ status: 429, retryAfter: 3 });
    await enqueue('reminder:2', { kind: 'channel', channel: TEAM });
    expect(await deliver()).toMatchObject({ retried: 1 });
    expect(
      await rows(
        `select attempts, extract(epoch from due_at - '${now.toISOString()}'::timestamptz)::int as wait from outbox`,
      ),
    ).toEqual([{ attempts: 0, wait: 3 }]);

    await emptyTables(database);
    await send(say.addedToTeam(ANA));
    bot.fake.fail({ status: 503 });
    await enqueue('reminder:3', { kind: 'channel', channel: TEAM });
    expect(await deliver()).toMatchObject({ retried: 1 });
    expect(await rows(`select failed_at is null as waiting, last_error from outbox`)).toEqual([
      { waiting: true, last_error: 'DeliveryError: the Bot Connector answered 503' },
    ]);

    await emptyTables(database);
    await send(say.addedToTeam(ANA));
    bot.fake.fail({ status: 403 });
    await enqueue('reminder:4', { kind: 'channel', channel: TEAM });
    expect(await deliver()).toMatchObject({ failed: 1 });
    expect(await rows(`select last_error from outbox`)).toEqual([
      { last_error: 'DeliveryError: the Bot Connector refused it (403)' },
    ]);
    expect(bot.fake.refused.map((r) => r.status)).toEqual([429, 503, 403]);
  });

  it('gives up on a person or channel it has no address for, saying why', async () => {
    // Not even a conversation in the tenant to open a personal chat through.
    await enqueue('reminder:5', { kind: 'dm', user: '29:nobody' });
    await enqueue('reminder:6', { kind: 'channel', channel: '19:unknown@thread.tacv2' });
    expect(await deliver()).toMatchObject({ failed: 2 });
    expect(await rows(`select last_error from outbox order by key`)).toEqual([
      {
        last_error:
          'DeliveryError: no personal chat with this person, and no conversation in their tenant to open one through',
      },
      { last_error: 'DeliveryError: no conversation reference for this channel: the bot has not been shown it yet' },
    ]);
    expect(bot.fake.sent).toEqual([]);
  });

  it('nudges in the personal chat through its stored address, and each nudge button works from there', async () => {
    await send(say.installPersonal(BEN));
    await send(say.personal(BEN, 'goal'));
    const form = bot.fake.messages().at(-1)?.activity.attachments?.[0]?.content.actions?.[0]?.data ?? {};
    await send(
      say.submit(
        BEN,
        {
          ...form,
          specific: 'Read aloud to small groups',
          measure: '10 read-alouds',
          dueOn: '2026-05-29',
          cadence: 'weekly',
          celebrate: 'false',
        },
        'personal',
      ),
    );
    const [goal] = await rows(`select g.id, g.member_id from goals g`);
    bot.fake.sent.length = 0;

    await outboxRepo(database.db).enqueue([
      {
        workspaceId: null,
        memberId: Number(goal?.member_id),
        kind: 'nudge',
        key: 'nudge:ben',
        dueAt: now,
        payload: { memberId: Number(goal?.member_id), goalIds: [Number(goal?.id)] },
      },
    ]);
    expect(await deliver()).toMatchObject({ sent: 1 });
    const nudge = bot.fake.messages().at(-1);
    expect(nudge?.conversation).toBe('a:personal-ben');
    expect(FakeTeams.textOf(nudge ?? ({} as never))).toContain('Hello Ben Okafor, a quick check-in on your goals.');
    const buttons = Object.fromEntries(FakeTeams.buttons(nudge ?? ({} as never)).map((b) => [b.title, b.data]));
    expect(Object.keys(buttons)).toEqual(['Log progress', 'On track', "I'm stuck", 'Snooze a week']);
    expect(await rows(`select unanswered_nudges from goals`)).toEqual([{ unanswered_nudges: 1 }]);

    const last = () => FakeTeams.textOf(bot.fake.messages().at(-1) ?? ({} as never));
    await send(say.submit(BEN, buttons["I'm stuck"] ?? {}, 'personal'));
    expect(last()).toContain('What is one thing you could do this week to move this forward?');
    // The question has somewhere to be answered: a card that keeps the next step with the goal.
    const write = FakeTeams.buttons(bot.fake.messages().at(-1) ?? ({} as never)).find(
      (b) => b.title === 'Write my next step',
    );
    await send(say.submit(BEN, write?.data ?? {}, 'personal'));
    const stepCard = bot.fake.messages().at(-1)?.activity.attachments?.[0]?.content;
    expect(stepCard?.body.find((b) => b.id === 'value')).toMatchObject({ value: '+0' });
    await send(
      say.submit(
        BEN,
        { ...(stepCard?.actions?.[0]?.data ?? {}), goal: '1', value: '+0', note: 'Ask Ana how she groups readers' },
        'personal',
      ),
    );
    expect(last()).toContain('Kept with goal 1: Ask Ana how she groups readers');
    await send(say.submit(BEN, buttons['On track'] ?? {}, 'personal'));
    expect(last()).toMatch(/^Good to hear/);
    await send(say.submit(BEN, buttons['Log progress'] ?? {}, 'personal'));
    const progress = bot.fake.messages().at(-1)?.activity.attachments?.[0]?.content;
    expect(progress?.body.find((b) => b.id === 'goal')).toMatchObject({ type: 'Input.ChoiceSet', value: '1' });
    await send(
      say.submit(
        BEN,
        { ...(progress?.actions?.[0]?.data ?? {}), goal: '1', value: '3', note: 'three groups' },
        'personal',
      ),
    );
    expect(last()).toContain(
      'Now 3 of 10 read-alouds (your total). Read aloud to small groups: 3 of 10 read-alouds (30%)',
    );
    await send(say.submit(BEN, buttons['Snooze a week'] ?? {}, 'personal'));
    expect(last()).toBe('Snoozed for a week. I will check in after that.');
    expect(await rows(`select unanswered_nudges, snoozed_until is not null as snoozed from goals`)).toEqual([
      { unanswered_nudges: 0, snoozed: true },
    ]);
  });

  it('forgets the address of the personal chat with everything else on forget-me', async () => {
    await send(say.installPersonal(BEN));
    await send(say.personal(BEN, 'forget-me'));
    const confirm = FakeTeams.buttons(bot.fake.messages().at(-1) ?? ({} as never))[0];
    await send(say.submit(BEN, confirm?.data ?? {}, 'personal'));
    expect(await rows(`select count(*)::int as n from members`)).toEqual([{ n: 0 }]);
    expect(await rows(`select count(*)::int as n from conversation_refs where kind = 'personal'`)).toEqual([{ n: 0 }]);
  });

  it('opens a scheduled session in the community channel and posts a mid-week prompt there, whose replies count', async () => {
    await send(say.installPersonal(BEN));
    await send(say.channelPost(ANA, 'setup Grade 3'));
    const [community] = await rows(`select id from communities`);
    const communityId = Number(community?.id);
    bot.fake.sent.length = 0;

    await outboxRepo(database.db).enqueue([
      { workspaceId: null, kind: MIDWEEK_PROMPT, key: 'midweek:1', dueAt: now, payload: { communityId } },
    ]);
    expect(await deliver()).toMatchObject({ sent: 1 });
    const prompt = bot.fake.messages().at(-1);
    expect(prompt?.conversation).toBe(CHANNEL);
    expect(FakeTeams.textOf(prompt ?? ({} as never))).toMatch(/^Reflection: /);
    await send(say.threadReply(BEN, prompt?.id ?? '', 'Asking students to explain their thinking'));
    expect(await rows(`select text, source from reflections`)).toEqual([
      { text: 'Asking students to explain their thinking', source: 'thread' },
    ]);

    await outboxRepo(database.db).enqueue([
      {
        workspaceId: null,
        kind: SESSION_STEP,
        key: 'step:1',
        dueAt: now,
        payload: { communityId, start: now.toISOString(), kind: 'open' },
      },
    ]);
    expect(await deliver()).toMatchObject({ sent: 1 });
    const card = bot.fake.messages().findLast((m) => m.conversation === CHANNEL && FakeTeams.buttons(m).length > 0);
    expect(
      bot.fake
        .messages()
        .filter((m) => m.conversation === `${CHANNEL};messageid=${card?.id}`)
        .map(FakeTeams.textOf),
    ).toEqual([expect.stringMatching(/^Opening check-in/)]);
    await send(say.threadReply(BEN, card?.id ?? '', 'Morning meetings'));
    expect(await rows(`select text from checkins`)).toEqual([{ text: 'Morning meetings' }]);
  });
});
