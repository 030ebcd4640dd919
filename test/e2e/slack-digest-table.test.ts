import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { createStore } from '../../src/db/store.js';
import { planDue } from '../../src/scheduler/plan.js';
import { openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';
import { addQuietCircles, SHARED_TEXTS, seedSchool, type SeededSchool } from '../helpers/digest-seed.js';
import { deliverWith } from '../helpers/delivery.js';
import { eventually, startSlackBot } from '../helpers/slack-bot.js';
import { commandBody, postToSlackEndpoint } from '../helpers/slack-requests.js';

// A larger school's digest in Slack, through the real entry point against a fake Web API: one
// screen of message, and the table of every circle uploaded as a CSV in the same send to the
// admin's direct messages. A send that fails part way is made again whole, and shows once.

describe.each(testDatabaseKinds)('a larger school’s digest in Slack on %s', (kind) => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  let school: SeededSchool;
  let quiet: string[];
  let now = new Date('2026-12-07T07:00:00Z');

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    school = await seedSchool(database.db);
    quiet = await addQuietCircles(database.db, school, 8);
    bot = await startSlackBot(database, { now: () => now });
    bot.fake.users.set('UADMIN', { id: 'UADMIN', name: 'Principal Lee', tz: 'UTC' });
  }, 60_000);
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });

  type Upload = { channel_id: string; initial_comment: string; files: { id: string; title: string }[] };
  const uploads = () => bot.fake.callsTo('files.completeUploadExternal') as unknown as Upload[];
  const dms = () =>
    bot.fake.callsTo('chat.postMessage').filter((c) => c.channel === 'UADMIN' || c.channel === 'D-UADMIN');

  it('sends the digest once, on one screen, with the table as a CSV in the admin’s direct messages, even when the first try fails part way', async () => {
    const store = createStore(database.db);
    const outbox = outboxRepo(database.db);
    const deliver = () => deliverWith({ store, outbox, now, chatFor: (team) => bot.chatFor(team) });

    now = new Date('2026-12-07T07:00:00Z');
    expect(await planDue({ store, now })).toBe(0);
    now = new Date('2026-12-07T07:31:00Z');
    expect(await planDue({ store, now })).toBe(1);
    // The file is in, but Slack fails to share it: nothing shows, and the send is made again later.
    bot.fake.fail('files.completeUploadExternal', { error: 'internal_error' });
    expect(await deliver()).toMatchObject({ sent: 0, retried: 1 });
    expect(uploads()).toHaveLength(0);
    now = new Date('2026-12-07T09:00:00Z');
    expect(await deliver()).toMatchObject({ sent: 1 });
    now = new Date('2026-12-07T12:00:00Z');
    await planDue({ store, now });
    expect(await deliver()).toMatchObject({ claimed: 0 });

    expect(uploads()).toHaveLength(1);
    expect(dms()).toHaveLength(0);
    const [upload] = uploads();
    expect(bot.fake.callsTo('conversations.open').at(-1)?.users).toBe('UADMIN');
    expect(upload?.channel_id).toBe('D-UADMIN');
    const message = upload?.initial_comment ?? '';
    expect(message.startsWith('Your Mentor Circle digest for the week of 30 Nov to 6 Dec 2026\n\n')).toBe(true);
    expect(message.length).toBeLessThan(3000);
    expect(message).toContain('Across the school: sessions held: 2 · scheduled sessions missed: 1');
    expect(message).toContain('Where a little support could help this week');
    expect(message).toContain('• …and 4 more circles where the same may help.');
    expect(message).toContain(
      "Every circle's figures, one row each (10 circles), are in the table that comes with this digest (a CSV file).",
    );
    for (const words of SHARED_TEXTS) expect(message).toContain(words);
    expect(message).not.toMatch(/Grade 4 circle: sessions held/);

    expect(upload?.files.map((f) => f.title)).toEqual(['mentor-circle-digest-2026-11-30.csv']);
    const csv = bot.fake.uploads.get(upload?.files[0]?.id ?? '') ?? '';
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^week starting,circle,sessions held,scheduled sessions missed,taking part,/);
    expect(rows).toContain('2026-11-30,Grade 4 circle,1,0,5,5,4,5,3,3,fewer than 3,fewer than 3,fewer than 3,,,,,,');
    for (const name of quiet) expect(rows.some((r) => r.startsWith(`2026-11-30,${name},0,0,fewer than 3`))).toBe(true);
    expect(rows.at(-1)).toMatch(/^2026-11-30,whole school,2,1,/);
    // Smaller circles stay together, in the table too; no teacher's words and no names of teachers.
    expect(csv).not.toContain('Maths pair');
    expect(csv).not.toContain('Art duo');
    expect(csv).not.toContain('Teacher Name');
    for (const words of school.privateTexts) expect(JSON.stringify([bot.fake.calls, csv]), words).not.toContain(words);
  });

  it('previews the digest the same way: the message and the table, to the admin only', async () => {
    now = new Date('2026-12-09T12:00:00Z');
    const before = uploads().length;
    await postToSlackEndpoint(
      bot.baseUrl,
      commandBody({ text: 'digest', user: 'UADMIN', channel: 'C-G4', responseUrl: bot.fake.responseUrl('preview') }),
    );
    const upload = await eventually(() => {
      expect(uploads()).toHaveLength(before + 1);
      return uploads().at(-1);
    });
    expect(upload?.channel_id).toBe('D-UADMIN');
    expect(upload?.initial_comment).toMatch(
      /^Your Mentor Circle digest for the week of 30 Nov to 6 Dec 2026, as it is sent, only for you\n\n/,
    );
    expect(upload?.initial_comment).toContain('This week so far: 0 sessions held across the school.');
    expect(bot.fake.uploads.get(upload?.files[0]?.id ?? '')).toContain('2026-11-30,Grade 4 circle,1,0,5,');
    await eventually(() =>
      expect(bot.fake.responses.find((r) => r.path.endsWith('/preview'))?.body.text).toBe(
        'I have sent the digest preview, with its table of every circle, to you in a direct message.',
      ),
    );
  });
});
