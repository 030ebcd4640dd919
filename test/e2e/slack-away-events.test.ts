import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../helpers/databases.js';
import { now, useAwayBot } from '../helpers/slack-away-bot.js';
import { eventBody, postToSlackEndpoint, userChangeEvent } from '../helpers/slack-requests.js';

// What Slack's signed user_change and user_status_changed events keep of a person: status, name and
// zone, applied once and in order, through the real HTTP endpoint.

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

describe.each(testDatabaseKinds)('away status from Slack events (%s)', (kind) => {
  const { db, bot, rows, addTeacher, changed } = useAwayBot(kind);

  it('keeps status, name and zone from a signed user_change, applies a retried or older event never, and keeps a zone the member chose', async () => {
    await addTeacher('UANA');
    const chose = await addTeacher('UCHO');
    await sql`update members set time_zone = 'Europe/Paris', time_zone_chosen = true where id = ${chose.memberId}`.execute(
      db().db,
    );
    const until = seconds(now) + 7 * 86_400;
    bot().fake.users.set('UANA', {
      id: 'UANA',
      name: 'Ana Lima',
      tz: 'America/Chicago',
      status_emoji: ':palm_tree:',
      status_expiration: until,
    });
    bot().fake.users.set('UCHO', { id: 'UCHO', name: 'Cho', tz: 'Asia/Tokyo', status_emoji: ':thermometer:' });
    expect((await changed('UANA', 'EvAnaAway')).status).toBe(200);
    expect((await changed('UCHO', 'EvChoIll', 'user_status_changed')).status).toBe(200);
    const members = () =>
      rows(
        `select external_id, display_name, time_zone, away_until = 'infinity' as until_cleared,
           case when away_until = 'infinity' then null else extract(epoch from away_until)::int end as until, profile_refreshed_at
         from members order by external_id`,
      );
    expect(await members()).toEqual([
      {
        external_id: 'UANA',
        display_name: 'Ana Lima',
        time_zone: 'America/Chicago',
        until_cleared: false,
        until,
        profile_refreshed_at: now,
      },
      {
        external_id: 'UCHO',
        display_name: 'Cho',
        time_zone: 'Europe/Paris',
        until_cleared: true,
        until: null,
        profile_refreshed_at: now,
      },
    ]);
    // Her nudges moved to her new zone with her.
    expect(await rows(`select time_zone from members where external_id = 'UANA'`)).toEqual([
      { time_zone: 'America/Chicago' },
    ]);

    // Back early: her status is cleared. Then Slack sends the first event again (a retry): it changes nothing.
    bot().fake.users.set('UANA', {
      id: 'UANA',
      name: 'Ana Lima',
      tz: 'America/Chicago',
      status_emoji: '',
      updated: 1_700_000_100,
    });
    expect((await changed('UANA', 'EvAnaBack')).status).toBe(200);
    const retry = userChangeEvent(
      {
        ...bot().fake.userObject('UANA'),
        profile: { display_name: 'Ana Lima', status_emoji: ':palm_tree:', status_expiration: until },
      },
      { eventId: 'EvAnaAway' },
    );
    expect(
      (
        await postToSlackEndpoint(bot().baseUrl, retry, {
          headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
        })
      ).status,
    ).toBe(200);
    expect(await rows(`select away_until from members where external_id = 'UANA'`)).toEqual([{ away_until: null }]);
    // A change older than the one kept (Slack's `updated` says so), delivered late for the first time: kept as a receipt only.
    const late = userChangeEvent(
      {
        ...bot().fake.userObject('UANA'),
        updated: 1_700_000_050,
        profile: { status_emoji: ':palm_tree:', status_expiration: 0 },
      },
      { eventId: 'EvAnaLate' },
    );
    expect((await postToSlackEndpoint(bot().baseUrl, late)).status).toBe(200);
    expect(
      await rows(
        `select away_until, extract(epoch from profile_changed_at)::int as changed from members where external_id = 'UANA'`,
      ),
    ).toEqual([{ away_until: null, changed: 1_700_000_100 }]);
    // Each kept with its receipt, settled: nothing to replay.
    expect(
      await rows(`select event_id, handled_at is not null as handled from event_receipts order by event_id`),
    ).toEqual(['EvAnaAway', 'EvAnaBack', 'EvAnaLate', 'EvChoIll'].map((id) => ({ event_id: id, handled: true })));
  });

  it('ignores changes of people the bot has not met, and answers a payload it cannot read without storing it', async () => {
    await addTeacher('UANA');
    bot().fake.users.set('USTRANGER', { id: 'USTRANGER', name: 'Someone', status_emoji: ':palm_tree:' });
    expect((await changed('USTRANGER', 'EvStranger')).status).toBe(200);
    // Another workspace's person with a known id is someone else.
    const elsewhere = eventBody(
      { type: 'user_change', user: bot().fake.userObject('UANA', 'T9') },
      { eventId: 'EvElsewhere', team: 'T9' },
    );
    expect((await postToSlackEndpoint(bot().baseUrl, elsewhere)).status).toBe(200);
    for (const [i, user] of [
      { id: 42 },
      { name: 'no id' },
      { id: 'UANA', profile: { status_emoji: ':palm_tree:', status_expiration: 'soon' } },
      { id: 'UANA', profile: { status_emoji: ':palm_tree:', status_expiration: 1e15 } },
      null,
    ].entries()) {
      expect(
        (await postToSlackEndpoint(bot().baseUrl, eventBody({ type: 'user_change', user }, { eventId: `EvBad${i}` })))
          .status,
      ).toBe(200);
    }
    expect(await rows(`select external_id, away_until, profile_refreshed_at from members`)).toEqual([
      { external_id: 'UANA', away_until: null, profile_refreshed_at: null },
    ]);
    expect(await rows(`select count(*)::int as n from event_receipts`)).toEqual([{ n: 0 }]);
    expect(await rows(`select count(*)::int as n from workspaces`)).toEqual([{ n: 1 }]);
    // Still serving: a good event after the bad ones is kept, without the NUL its name carried.
    bot().fake.users.set('UANA', { id: 'UANA', name: 'Ana\u0000 Lima', status_emoji: ':palm_tree:' });
    expect((await changed('UANA', 'EvGood')).status).toBe(200);
    expect(await rows(`select display_name, away_until = 'infinity' as away from members`)).toEqual([
      { display_name: 'Ana Lima', away: true },
    ]);
  });
});
