import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { createStore } from '../../src/db/store.js';
import { planDue } from '../../src/scheduler/plan.js';
import { openTestDatabase } from '../helpers/databases.js';
import { deliverWith } from '../helpers/delivery.js';
import { eventually, startSlackBot } from '../helpers/slack-bot.js';
import { buttonPress, commandBody, postToSlackEndpoint } from '../helpers/slack-requests.js';
import { SMALL_CIRCLE_NAMES, seedSmallCircles } from '../helpers/small-circles-seed.js';

// Privacy that survives subtraction, tried at the wire as an admin would: the digest for the week
// of 30 November goes out; then the admin pads the lone teacher's circle with two people so it
// leaves the smaller circles, a teacher asks to be forgotten, and the admin asks for the digest
// again and for the school's figures. Every figure an admin can see for that week stays what was
// sent, so nothing can be subtracted to show what the lone teacher, or the forgotten one, did.

/** A row of figures, by label, from a digest line "Name: sessions held: 1 · taking part: 5 · …". */
function digestRow(text: string, name: string): string[] | null {
  const line = text.split('\n').find((l) => l.startsWith(`${name}: `) || l.startsWith(`${name} (`));
  if (!line) return null;
  const cells = Object.fromEntries(
    line
      .slice(line.indexOf('): ') >= 0 && line.startsWith(`${name} (`) ? line.indexOf('): ') + 3 : name.length + 2)
      .split(' · ')
      .map((cell) => [cell.slice(0, cell.lastIndexOf(': ')), cell.slice(cell.lastIndexOf(': ') + 2)]),
  );
  return [
    'sessions held',
    'taking part',
    'opening check-ins',
    'closing check-ins',
    'reflections',
    'new goals',
    'goals under way',
    'achieved',
    'reworked',
    'set aside',
  ].map((label) => String(cells[label]));
}

/**
 * The same row from the CSV: sessions held, then the nine figures (missed sessions are left out, as
 * the digest leaves out 0, and so are the mentoring columns, which the digest tells on a line of their own).
 */
function csvRow(csv: string, week: string, circle: string): string[] | null {
  const line = csv
    .split('\r\n')
    .find(
      (l) =>
        l.startsWith(`${week},${circle},`) || (circle === 'smaller circles' && l.startsWith(`${week},smaller circles`)),
    );
  if (!line) return null;
  const cells = line.split(',');
  return [cells[2] ?? '', ...cells.slice(4, 13)];
}

describe('the digest in Slack, when an admin tries to subtract', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  let now = new Date('2026-12-07T07:00:00Z');
  let seeded: Awaited<ReturnType<typeof seedSmallCircles>>;
  let n = 0;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    seeded = await seedSmallCircles(database.db);
    bot = await startSlackBot(database, { now: () => now });
    bot.fake.users.set('UADMIN', { id: 'UADMIN', name: 'Principal Lee', tz: 'UTC' });
  }, 60_000);
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });

  /** A slash command, once handled; with the private answer it got through its response URL, if any. */
  async function circle(user: string, channel: string, text: string) {
    const id = `${user}-${++n}`;
    expect(
      (
        await postToSlackEndpoint(
          bot.baseUrl,
          commandBody({ text, user, channel, triggerId: id, responseUrl: bot.fake.responseUrl(id) }),
        )
      ).status,
    ).toBe(200);
    await eventually(async () => {
      const { rows } = await sql<{
        handled: boolean;
      }>`select handled_at is not null as handled from event_receipts where event_id = ${`command:${id}`}`.execute(
        database.db,
      );
      expect(rows).toEqual([{ handled: true }]);
    });
    return bot.fake.responses.find((r) => r.path.endsWith(`/${id}`));
  }
  const wholeText = (message: { text?: unknown; blocks?: unknown } | undefined) =>
    [
      typeof message?.text === 'string' ? message.text : '',
      ...((message?.blocks as { text?: { text?: string } }[] | undefined) ?? []).map((b) => b.text?.text ?? ''),
    ].join('\n');
  const preview = async () => wholeText((await circle('UADMIN', 'D-ADMIN', 'digest'))?.body);

  it('keeps every figure of a week as sent, through padding, re-runs, forget-me and export, and names no small circle', async () => {
    // The weekly send, Monday 07:30: the week of 30 November is counted and stored.
    const store = createStore(database.db);
    const deliver = () =>
      deliverWith({ store, outbox: outboxRepo(database.db), now, chatFor: (team) => bot.chatFor(team) });
    await planDue({ store, now });
    now = new Date('2026-12-07T07:31:00Z');
    expect(await planDue({ store, now })).toBe(1);
    expect(await deliver()).toMatchObject({ sent: 1 });
    const [dm] = bot.fake.callsTo('chat.postMessage').filter((c) => c.channel === 'UADMIN');
    const sent = wholeText(dm);
    expect(sent).toContain('Your Mentor Circle digest for the week of 30 Nov to 6 Dec 2026');
    const rows = ['Across the school', 'Year 5 circle', 'Smaller circles'] as const;
    const sentRows = Object.fromEntries(rows.map((name) => [name, digestRow(sent, name)]));
    expect(sentRows['Year 5 circle']).toEqual([
      '1',
      '5',
      '5',
      'fewer than 3',
      'fewer than 3',
      '3',
      '3',
      'fewer than 3',
      'fewer than 3',
      'fewer than 3',
    ]);
    // 6 new goals from 5 people in the smaller circles, 2 of them the lone teacher's: without Solo
    // studio the pool would show 4, so the 6 is kept back rather than shown.
    expect(sentRows['Smaller circles']?.[5]).toBe('kept back');

    // Tuesday: `digest` previews the digest that was sent, figure for figure.
    now = new Date('2026-12-08T10:00:00Z');
    const first = await preview();
    expect(first).toContain(
      'Your Mentor Circle digest for the week of 30 Nov to 6 Dec 2026, as it is sent, only for you',
    );
    for (const name of rows) expect(digestRow(first, name), name).toEqual(sentRows[name]);

    // The admin pads Solo studio to 3 members, so it is no longer one of the smaller circles.
    // Two people the admin asked into the channel, so that Slack says they are in it.
    for (const padding of ['UX1', 'UX2'])
      bot.fake.users.set(padding, { id: padding, name: `Padding ${padding}`, tz: 'UTC' });
    for (const padding of ['UX1', 'UX2']) {
      const answer = await circle('UADMIN', 'C-SOLO', `facilitator add <@${padding}>`);
      expect(answer?.body.text).toBe(`${padding} now facilitates Solo studio.`);
    }
    const { rows: members } = await sql<{
      n: number;
    }>`select count(*)::int as n from community_members where community_id = ${seeded.solo}`.execute(database.db);
    expect(members[0]?.n).toBeGreaterThanOrEqual(3);
    const padded = await preview();
    for (const name of rows) expect(digestRow(padded, name), `${name} after padding`).toEqual(sentRows[name]);
    // The smaller circles' new goals did not fall by the lone teacher's 2, nor set aside by their 1.
    expect(padded).not.toMatch(/Solo studio: /);

    // A teacher in Pair Alpha asks to be forgotten; the week already counted does not change. (Its
    // only facilitator, they name their partner first: a circle with members keeps a facilitator.)
    bot.fake.users.set('UP2', { id: 'UP2', name: 'UP2', tz: 'UTC' });
    expect((await circle('UP1', 'C-PA', 'facilitator add <@UP2>'))?.body.text).toBe('UP2 now facilitates Pair Alpha.');
    const ask = await circle('UP1', 'D-UP1', 'forget-me');
    const confirm = (ask?.body.blocks as { type: string; elements?: { text: { text: string }; value: string }[] }[])
      .find((b) => b.type === 'actions')
      ?.elements?.find((e) => e.text.text === 'Forget me');
    await postToSlackEndpoint(bot.baseUrl, buttonPress({ user: 'UP1', value: confirm?.value, channel: 'D-UP1' }));
    await eventually(async () => {
      const { rows: left } = await sql`select 1 from members where external_id = 'UP1'`.execute(database.db);
      expect(left).toEqual([]);
    });
    const afterForget = await preview();
    for (const name of rows) expect(digestRow(afterForget, name), `${name} after forget-me`).toEqual(sentRows[name]);

    // `export workspace` shows the week exactly as the digest did.
    await circle('UADMIN', 'D-ADMIN', 'export workspace');
    const csv = await eventually(() => {
      const file = [...bot.fake.uploads.values()].find((content) => content.startsWith('week starting,'));
      expect(file).toBeDefined();
      return file ?? '';
    });
    expect(csvRow(csv, '2026-11-30', 'whole school')).toEqual(sentRows['Across the school']);
    expect(csvRow(csv, '2026-11-30', 'Year 5 circle')).toEqual(sentRows['Year 5 circle']);
    expect(csvRow(csv, '2026-11-30', 'smaller circles')).toEqual(sentRows['Smaller circles']);

    // No circle under the threshold is named anywhere an admin looks: not in a suggestion ("has not
    // met"), a row, or the export.
    for (const text of [sent, first, padded, afterForget, csv]) {
      for (const name of SMALL_CIRCLE_NAMES) expect(text, name).not.toContain(name);
    }
  });
});
