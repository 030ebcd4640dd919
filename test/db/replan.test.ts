import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Incoming } from '../../src/core/context.js';
import { createStore } from '../../src/db/store.js';
import { planDue } from '../../src/scheduler/plan.js';
import { createDriver } from '../helpers/driver.js';
import { testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';

// Every input that moves a planned time plans it again in the change's own transaction: what the
// planner finds in the indexed columns afterwards is the new plan, never the old one.

const MONDAY = new Date('2026-03-02T12:00:00Z');
const goal = {
  specific: 'Read aloud twice a week',
  measure: '10 read-alouds',
  dueOn: '2026-05-29',
  cadence: 'weekly',
  celebrate: false,
};
const speaker = (externalId: string, timeZone?: string): Partial<Incoming> => ({
  user: { externalId, name: externalId, ...(timeZone ? { timeZone } : {}) },
});

describe.each(testDatabaseKinds)('plans that follow every change, on %s', (kind) => {
  const database = useTestDatabase(kind);
  const store = () => createStore(database().db);
  const community = async () =>
    (
      await sql<{
        step: Date | null;
        midweek: Date | null;
      }>`select next_step_at as step, next_midweek_prompt_at as midweek from communities`.execute(database().db)
    ).rows[0];
  const nextNudge = async (externalId: string) =>
    (
      await sql<{ at: Date | null }>`select next_nudge_at as at from members where external_id = ${externalId}`.execute(
        database().db,
      )
    ).rows[0]?.at;
  // What the planner wrote: the notices the changes announced in the channel are written too, and
  // are not planned work.
  const outboxKeys = async () =>
    (
      await sql<{ key: string }>`select key from outbox where kind <> 'channel.notice' order by key`.execute(
        database().db,
      )
    ).rows.map((r) => r.key);
  const notices = async () =>
    (
      await sql<{
        about: string;
      }>`select payload -> 'notice' ->> 'about' as about from outbox where kind = 'channel.notice' order by id`.execute(
        database().db,
      )
    ).rows.map((r) => r.about);
  const at = (iso: string) => new Date(iso);

  it("moves the next session step and mid-week prompt with the community from New York to London, so that week's session still runs", async () => {
    const monday = createDriver(store(), { now: MONDAY });
    const ny = speaker('ana', 'America/New_York');
    await monday.as('ana').say('setup Grade 3', ny);
    await monday.as('ana').say('schedule weekly wed 09:00 60m', ny);
    await monday.as('ana').say('remind off', ny);
    await monday.as('ana').say('prompts weekly wed 12:00', ny);
    // Wednesday 09:00 and 12:00 in New York (EST).
    expect(await community()).toEqual({ step: at('2026-03-04T14:00:00Z'), midweek: at('2026-03-04T17:00:00Z') });

    const tuesday = createDriver(store(), { now: at('2026-03-03T12:00:00Z') });
    await tuesday.as('ana').say('timezone Europe/London', ny);
    // Wednesday 09:00 and 12:00 in London (GMT): hours before the times planned in New York.
    expect(await community()).toEqual({ step: at('2026-03-04T09:00:00Z'), midweek: at('2026-03-04T12:00:00Z') });

    await planDue({ store: store(), now: at('2026-03-04T09:00:00Z') });
    await planDue({ store: store(), now: at('2026-03-04T12:00:00Z') });
    expect(await outboxKeys()).toEqual([
      expect.stringMatching(/^midweek\.prompt:\d+:2026-03-04$/),
      expect.stringMatching(/^session\.step:\d+:2026-03-04T09:00:00\.000Z:open$/),
    ]);
    expect(await notices()).toEqual(['schedule.set', 'remind', 'midweek.set']);
  });

  it('takes the reminder out of the plan with remind off, and puts it back with remind day-before', async () => {
    const people = createDriver(store(), { now: MONDAY });
    await people.as('ana').say('setup Grade 3');
    await people.as('ana').say('schedule weekly wed 15:00 60m');
    // The reminder: Tuesday 15:00 in Chicago (CST).
    expect((await community())?.step).toEqual(at('2026-03-03T21:00:00Z'));
    await people.as('ana').say('remind off');
    // The session's opening, Wednesday 15:00.
    expect((await community())?.step).toEqual(at('2026-03-04T21:00:00Z'));
    await people.as('ana').say('remind day-before');
    expect((await community())?.step).toEqual(at('2026-03-03T21:00:00Z'));
  });

  it('moves the next nudge with nudges and snooze, and every plan with a break an admin adds', async () => {
    const people = createDriver(store(), { now: MONDAY });
    await people.as('ana', 'D-ana').say('help'); // the console's first speaker is an admin
    await people.as('ben').say('setup Grade 3');
    await people.as('ben').say('schedule weekly wed 10:00 60m');
    await people.as('ben').say('remind off');
    await people.as('ben').say('prompts weekly wed 12:00');
    await people.as('ben').submit({ kind: 'goal', context: {}, values: goal });
    expect(await nextNudge('ben')).toEqual(at('2026-03-03T21:30:00Z')); // Tuesday 15:30, Chicago

    await people.as('ben').say('nudges thu 08:00');
    expect(await nextNudge('ben')).toEqual(at('2026-03-05T14:00:00Z'));
    await people.as('ben').say('nudges tue 15:30');
    // Snoozed for 10 days: this Tuesday's and the next one's slots hold nothing due, so the plan skips them.
    await people.as('ben').say('snooze 1 10');
    expect(await nextNudge('ben')).toEqual(at('2026-03-17T20:30:00Z')); // Tuesday 15:30, Chicago (CDT)

    await people.as('carl').submit({ kind: 'goal', context: {}, values: goal });
    expect(await nextNudge('carl')).toEqual(at('2026-03-03T21:30:00Z'));
    await people.as('ana', 'D-ana').say('calendar add 2026-03-03 2026-03-04 Conferences');
    // Tuesday and Wednesday closed: the nudge moves to Thursday, the mid-week prompt too, and
    // Wednesday's session to the next week.
    expect(await nextNudge('carl')).toEqual(at('2026-03-05T21:30:00Z'));
    expect(await community()).toEqual({ step: at('2026-03-11T15:00:00Z'), midweek: at('2026-03-05T18:00:00Z') });
  });

  it("moves the plans of people who keep the workspace's zone when an admin changes it", async () => {
    const people = createDriver(store(), { now: MONDAY });
    await people.as('ana', 'D-ana').say('help'); // the first admin: the workspace takes her zone, Chicago
    await people.as('ben', 'D-ben').submit({ kind: 'goal', context: {}, values: goal }, speaker('ben'));
    expect(await nextNudge('ben')).toEqual(at('2026-03-03T21:30:00Z')); // Tuesday 15:30, Chicago

    await people.as('ana', 'D-ana').say('timezone Europe/London');
    expect(await nextNudge('ben')).toEqual(at('2026-03-03T15:30:00Z')); // Tuesday 15:30, London
    const digest = await sql<{
      at: Date | null;
    }>`select next_digest_at as at from members where external_id = 'ana'`.execute(database().db);
    // Ana keeps her own zone: her digest was not moved by the workspace's.
    expect(digest.rows[0]?.at).toBeNull();
  });

  it("moves a teacher's nudge with `my timezone` in the same change, and keeps their choice over the zone their platform reports", async () => {
    const people = createDriver(store(), { now: MONDAY });
    const chicago = speaker('ben', 'America/Chicago');
    await people.as('ben', 'D-ben').submit({ kind: 'goal', context: {}, values: goal }, chicago);
    expect(await nextNudge('ben')).toEqual(at('2026-03-03T21:30:00Z')); // Tuesday 15:30, Chicago

    await people.as('ben', 'D-ben').say('my timezone London', chicago);
    expect(await nextNudge('ben')).toEqual(at('2026-03-03T15:30:00Z')); // Tuesday 15:30, London
    // The platform still says Chicago on the next line: the zone Ben chose stays, and so does the plan.
    await people.as('ben', 'D-ben').say('nudges tue 3:30pm', chicago);
    expect(await nextNudge('ben')).toEqual(at('2026-03-03T15:30:00Z'));
    const row = await sql<{
      zone: string;
      chosen: boolean;
    }>`select time_zone as zone, time_zone_chosen as chosen from members where external_id = 'ben'`.execute(
      database().db,
    );
    expect(row.rows).toEqual([{ zone: 'Europe/London', chosen: true }]);
  });

  it('keeps a time that came due a moment ago in the plan, so a change in that minute does not skip it', async () => {
    const people = createDriver(store(), { now: MONDAY });
    await people.as('ana').say('setup Grade 3');
    await people.as('ana').say('schedule weekly tue 15:30 60m');
    expect((await community())?.step).toEqual(at('2026-03-02T21:00:00Z')); // the reminder, Monday 15:00

    // Twenty seconds after the reminder came due, before the minute tick took it, the length changes.
    const late = createDriver(store(), { now: at('2026-03-02T21:00:20Z') });
    await late.as('ana').say('schedule weekly tue 15:30 90m');
    expect((await community())?.step).toEqual(at('2026-03-02T21:00:00Z'));
    await planDue({ store: store(), now: at('2026-03-02T21:01:00Z') });
    expect(await outboxKeys()).toEqual([expect.stringMatching(/:2026-03-03T21:30:00\.000Z:reminder$/)]);
  });
});
