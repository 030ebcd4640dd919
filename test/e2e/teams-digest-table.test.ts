import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { createStore } from '../../src/db/store.js';
import { planDue } from '../../src/scheduler/plan.js';
import { openTestDatabase } from '../helpers/databases.js';
import { addQuietCircles, seedSchool, type SeededSchool } from '../helpers/digest-seed.js';
import { deliverWith } from '../helpers/delivery.js';
import { FakeTeams } from '../helpers/fake-teams.js';
import { activities, ANA, TENANT } from '../helpers/teams-activities.js';
import { startTeamsBot } from '../helpers/teams-bot.js';

// A larger school's digest in Teams: no private upload exists, so the table waits on the bot's own
// server behind a link signed with ENCRYPTION_KEY, carried by the digest itself in the admin's
// personal chat, and good for 24 hours.

describe('a larger school’s digest in Microsoft Teams', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startTeamsBot>>;
  let school: SeededSchool;
  let now = new Date('2026-12-07T06:00:00Z');

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    school = await seedSchool(database.db, { platform: 'teams', workspace: TENANT, adminExternalId: ANA.id });
    await addQuietCircles(database.db, school, 8);
  }, 60_000);
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });

  const start = async (exportKey?: Buffer) => {
    await bot?.close();
    bot = await startTeamsBot(database, { now: () => now, ...(exportKey ? { exportKey } : {}) });
    const say = activities(bot.fake.serviceUrl);
    expect((await bot.send(say.installPersonal(ANA))).status).toBe(200);
    return say;
  };
  const personal = () =>
    bot.fake
      .messages()
      .filter((s) => s.conversation === `a:personal-${ANA.id.slice(3)}`)
      .map((s) => FakeTeams.textOf(s));
  const linksIn = (text: string) =>
    [...text.matchAll(/\]\((http:\/\/127\.0\.0\.1:\d+\/exports\/[^)]+)\)/g)].map((m) => m[1] ?? '');

  it('sends the weekly digest with a signed link to its table, which serves the CSV for a day and no longer', async () => {
    await start(Buffer.alloc(32, 7));
    const store = createStore(database.db);
    const outbox = outboxRepo(database.db);
    expect(await planDue({ store, now })).toBe(0);
    now = new Date('2026-12-07T14:00:00Z');
    expect(await planDue({ store, now })).toBe(1);
    expect(await deliverWith({ store, outbox, now, chatFor: (tenant) => bot.chatFor(tenant) })).toMatchObject({
      sent: 1,
    });

    const digests = personal().filter((text) =>
      text.includes('Your Mentor Circle digest for the week of 30 Nov to 6 Dec 2026'),
    );
    expect(digests).toHaveLength(1);
    const digest = digests[0] ?? '';
    expect(digest).toContain('Where a little support could help this week');
    expect(digest).toContain('These links work for 24 hours.');
    expect(digest).not.toMatch(/Grade 4 circle: sessions held/);
    const [url] = linksIn(digest);
    expect(url).toMatch(/\/exports\/\d+\.\d+\.[\w-]{43}\/1$/);

    const csv = await fetch(url ?? '');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="mentor-circle-digest-2026-11-30.csv"');
    const rows = (await csv.text()).trimEnd().split('\r\n');
    expect(rows).toContain('2026-11-30,Grade 4 circle,1,0,5,5,4,5,3,3,fewer than 3,fewer than 3,fewer than 3,,,,,,');
    expect(rows.filter((r) => r.startsWith('2026-11-30,Year '))).toHaveLength(8);
    expect(rows.join('\n')).not.toMatch(/Maths pair|Art duo|Teacher Name/);

    // An altered signature is refused; past its day the link is gone.
    expect((await fetch((url ?? '').replace(/.\/1$/, 'A/1'))).status).toBe(404);
    now = new Date(now.getTime() + 25 * 60 * 60 * 1000);
    expect((await fetch(url ?? '')).status).toBe(410);
  });

  it('previews the digest the same way, in the personal chat', async () => {
    const say = await start(Buffer.alloc(32, 7));
    now = new Date('2026-12-09T12:00:00Z');
    expect((await bot.send(say.personal(ANA, 'digest'))).status).toBe(200);
    const preview = personal().find((text) => text.includes('as it is sent, only for you')) ?? '';
    const [url] = linksIn(preview);
    const csv = await fetch(url ?? '');
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('2026-11-30,Grade 4 circle,1,0,5,');
  });

  it('sends every circle in the message where no link can be made, rather than no table at all', async () => {
    const say = await start();
    expect((await bot.send(say.personal(ANA, 'digest'))).status).toBe(200);
    const preview = personal().find((text) => text.includes('as it is sent, only for you')) ?? '';
    expect(preview).toContain('Grade 4 circle: sessions held: 1 · taking part: 5');
    expect(preview).not.toContain('/exports/');
  });
});
