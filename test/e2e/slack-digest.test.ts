import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { createStore } from '../../src/db/store.js';
import { planDue } from '../../src/scheduler/plan.js';
import { openTestDatabase } from '../helpers/databases.js';
import { SHARED_TEXTS, seedSchool, type SeededSchool } from '../helpers/digest-seed.js';
import { deliverWith } from '../helpers/delivery.js';
import { eventually, startSlackBot } from '../helpers/slack-bot.js';
import { commandBody, postToSlackEndpoint } from '../helpers/slack-requests.js';

// The digest through the real Slack entry point against a fake Web API: the preview as a slash
// command, and the weekly send planned by the tick and delivered as a direct message.

describe('the weekly digest in Slack', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  let school: SeededSchool;
  let now = new Date('2026-12-02T12:00:00Z');

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    school = await seedSchool(database.db);
    bot = await startSlackBot(database, { now: () => now });
    bot.fake.users.set('UADMIN', { id: 'UADMIN', name: 'Principal Lee', tz: 'UTC' });
    bot.fake.users.set('UT3', { id: 'UT3', name: 'Teacher Name3', tz: 'UTC' });
  }, 60_000);
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });

  /** Everything the bot sent to Slack, as one text to search. */
  const everythingSent = () => JSON.stringify([bot.fake.calls, bot.fake.responses]);

  it('previews the digest of the last full week as it is sent, tells a teacher it is for admins, and shows nothing about people for the week under way', async () => {
    await postToSlackEndpoint(
      bot.baseUrl,
      commandBody({ text: 'digest', user: 'UT3', channel: 'D-T3', responseUrl: bot.fake.responseUrl('teacher') }),
    );
    await postToSlackEndpoint(
      bot.baseUrl,
      commandBody({ text: 'digest', user: 'UADMIN', channel: 'D-ADMIN', responseUrl: bot.fake.responseUrl('admin') }),
    );
    await eventually(() => expect(bot.fake.responses).toHaveLength(2));
    const teacher = bot.fake.responses.find((r) => r.path.endsWith('/teacher'));
    const admin = bot.fake.responses.find((r) => r.path.endsWith('/admin'));
    expect(teacher?.body.text).toBe(
      'Only Mentor Circle admins see the digest. It shows how circles are doing, never how any one teacher is.',
    );
    expect(admin?.body.response_type).toBe('ephemeral');
    expect(admin?.body.text).toBe(
      'Your Mentor Circle digest for the week of 23 Nov to 29 Nov 2026, as it is sent, only for you',
    );
    const blocks = JSON.stringify(admin?.body.blocks);
    expect(blocks).toContain('Grade 4 circle: sessions held: 1 · taking part: fewer than 3');
    // Of this week so far (Tuesday's and Wednesday morning's sessions) only the sessions held show:
    // no figure about people, and no words, until the week is over and counted once.
    expect(blocks).toContain('This week so far: 2 sessions held across the school.');
    expect(blocks).not.toContain('taking part: 5');
    expect(blocks).not.toContain(SHARED_TEXTS[0]);
  });

  it('sends each admin the last full week as a direct message once, at Monday 07:30 their time', async () => {
    const store = createStore(database.db);
    const outbox = outboxRepo(database.db);
    const deliver = () => deliverWith({ store, outbox, now, chatFor: (team) => bot.chatFor(team) });
    const dms = () => bot.fake.callsTo('chat.postMessage').filter((c) => c.channel === 'UADMIN');

    now = new Date('2026-12-07T07:00:00Z');
    expect(await planDue({ store, now })).toBe(0);
    expect(await deliver()).toMatchObject({ claimed: 0 });
    now = new Date('2026-12-07T07:31:00Z');
    expect(await planDue({ store, now })).toBe(1);
    expect(await deliver()).toMatchObject({ sent: 1 });
    now = new Date('2026-12-07T07:45:00Z');
    expect(await planDue({ store, now })).toBe(0);
    expect(await deliver()).toMatchObject({ claimed: 0 });

    expect(dms()).toHaveLength(1);
    const [dm] = dms();
    expect(dm?.text).toBe('Your Mentor Circle digest for the week of 30 Nov to 6 Dec 2026');
    const blocks = JSON.stringify(dm?.blocks);
    expect(blocks).toContain('Across the school: sessions held: 2 · scheduled sessions missed: 1');
    expect(blocks).toContain('Science circle has sessions scheduled but no facilitator');
    for (const words of SHARED_TEXTS) expect(blocks).toContain(words);

    // Nothing a teacher kept to themselves went to Slack in any call, the preview's included.
    const sent = everythingSent();
    for (const words of school.privateTexts) expect(sent, words).not.toContain(words);
  });

  it('asks Slack again before a digest goes to someone who is an admin only because Slack made them one', async () => {
    const store = createStore(database.db);
    const outbox = outboxRepo(database.db);
    const deliver = () => deliverWith({ store, outbox, now, chatFor: (team) => bot.chatFor(team) });
    const dms = () => bot.fake.callsTo('chat.postMessage').filter((c) => c.channel === 'UADMIN');
    await sql`update members set is_platform_admin = true, admin_granted = false where external_id = 'UADMIN'`.execute(
      database.db,
    );
    const isAdmin = async () =>
      (await sql<{ is_admin: boolean }>`select is_admin from members where external_id = 'UADMIN'`.execute(database.db))
        .rows[0]?.is_admin;

    // Still an owner in Slack: the digest goes.
    bot.fake.users.set('UADMIN', { id: 'UADMIN', name: 'Principal Lee', tz: 'UTC', is_owner: true });
    const before = dms().length;
    now = new Date('2026-12-14T07:31:00Z');
    await planDue({ store, now });
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(dms()).toHaveLength(before + 1);

    // Demoted in Slack, and silent since: no school figures go to them, and the flag is cleared.
    bot.fake.users.set('UADMIN', { id: 'UADMIN', name: 'Principal Lee', tz: 'UTC' });
    now = new Date('2026-12-21T07:31:00Z');
    await planDue({ store, now });
    await deliver();
    expect(dms()).toHaveLength(before + 1);
    expect(await isAdmin()).toBe(false);
  });
});
