import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { sendDigest } from '../../src/core/use-cases/digest/send-digest.js';
import { testDatabaseKinds } from '../helpers/databases.js';
import { useDigestSchool, wholeText } from '../helpers/digest-school.js';
import { SHARED_TEXTS, WEEK } from '../helpers/digest-seed.js';
import { createDriver, silentLog } from '../helpers/driver.js';
import { RecordingChat } from '../helpers/recording-chat.js';

describe.each(testDatabaseKinds)('the weekly digest sent to admins on %s', (kind) => {
  const { database, store, school } = useDigestSchool(kind);

  it('sends the admin a digest that shows what may be shown, keeps the rest back, and stores figures only', async () => {
    const chat = new RecordingChat();
    const sentAt = new Date('2026-12-07T07:30:00Z');
    await sendDigest(
      { store: store(), now: sentAt, log: silentLog, chatFor: async () => chat },
      { memberId: school().adminId, weekStart: WEEK.start },
    );
    const [dm] = chat.sent;
    expect(dm?.kind === 'dm' && dm.to.user).toBe('lee');
    const message = dm?.kind === 'dm' ? dm.message : { text: '' };
    const text = wholeText(message);
    expect(message.text).toBe('Your Mentor Circle digest for the week of 30 Nov to 6 Dec 2026');
    expect(text).toContain(
      'Across the school: sessions held: 2 · scheduled sessions missed: 1 · taking part: kept back · opening check-ins: kept back · closing check-ins: kept back · reflections: 5 · new goals: kept back · goals under way: kept back · achieved: fewer than 3 · reworked: fewer than 3 · set aside: fewer than 3',
    );
    expect(text).toContain(
      'Grade 4 circle: sessions held: 1 · taking part: 5 · opening check-ins: 5 · closing check-ins: 4 · reflections: 5 · new goals: 3 · goals under way: 3 · achieved: fewer than 3 · reworked: fewer than 3 · set aside: fewer than 3',
    );
    // 4 goals from 2 people: fewer than 3.
    expect(text).toContain(
      'Science circle: sessions held: 0 · scheduled sessions missed: 1 · taking part: fewer than 3 · opening check-ins: fewer than 3 · closing check-ins: fewer than 3 · reflections: fewer than 3 · new goals: fewer than 3 · goals under way: 5',
    );
    expect(text).toContain('Smaller circles: together fewer than 3 people');
    expect(text).not.toMatch(/(Maths pair|Art duo): sessions/);
    expect(text).toContain(`• "${SHARED_TEXTS[1]}" (a smaller circle)`);
    expect(text).toContain(`• "${SHARED_TEXTS[0]}" (Grade 4 circle)`);
    // Set up on 1 November and never met: five weeks by the end of the week. It has a schedule, so none is suggested.
    expect(text).toContain(
      '• Science circle has not met for 5 weeks. A friendly word with its facilitator can help it find its rhythm again.',
    );
    // Art duo has not met either, but a circle under the threshold is never named.
    expect(text).not.toContain('Art duo');
    expect(text).toContain('• Science circle has sessions scheduled but no facilitator.');
    expect(text).not.toContain('Grade 4 circle has not met');
    expect(text).toContain('`30 Nov` ████████████ 2');

    const rows = (
      await sql<{
        figures: unknown;
        admin_member_id: number;
        week_start: string;
      }>`select figures, admin_member_id, week_start from digests_sent`.execute(database().db)
    ).rows;
    expect(rows.map((r) => [r.admin_member_id, r.week_start])).toEqual([[school().adminId, WEEK.start]]);
    const stored = JSON.stringify(rows[0]?.figures);
    for (const words of [...school().privateTexts, ...SHARED_TEXTS, 'Teacher Name', 'Grade 4'])
      expect(stored).not.toContain(words);
    // Stored as shown: a hidden figure keeps no count and no number of people behind it.
    expect(stored).toContain('"goalsNew":{"kind":"withheld"}');
    expect(stored).not.toContain('people');
  });

  it('never shows an admin a private check-in, thread reply, reflection or goal, in sent digests or previews', async () => {
    const chat = new RecordingChat();
    const deps = { store: store(), log: silentLog, chatFor: async () => chat };
    await sendDigest(
      { ...deps, now: new Date('2026-12-07T07:30:00Z') },
      { memberId: school().adminId, weekStart: WEEK.start },
    );
    await sendDigest(
      { ...deps, now: new Date('2026-11-30T07:30:00Z') },
      { memberId: school().adminId, weekStart: '2026-11-23' },
    );
    const bot = createDriver(store(), { now: new Date('2026-12-06T18:00:00Z') });
    await bot.as('lee', 'D-lee').say('digest');
    await bot.as('lee', 'C-G4').say('digest');
    const toAdmin = [...chat.sent, ...bot.chat.sent].flatMap((s) =>
      s.kind === 'dm' || s.kind === 'ephemeral' ? [wholeText(s.message)] : [],
    );
    expect(toAdmin).toHaveLength(4);
    expect(bot.chat.sent.every((s) => s.kind === 'ephemeral' && s.user === 'lee')).toBe(true);
    const everything = toAdmin.join('\n');
    expect(school().privateTexts.length).toBeGreaterThan(30);
    for (const words of school().privateTexts) expect(everything, words).not.toContain(words);
    // Nor any teacher's name: the digest is about circles, never about a person.
    expect(everything).not.toMatch(/Teacher Name\d/);
    // The search can fail: what a teacher did share is there.
    for (const words of SHARED_TEXTS) expect(everything).toContain(words);
  });

  it('draws the trend from the weeks stored when they were sent, so forgetting someone later does not redraw them', async () => {
    const chat = new RecordingChat();
    const deps = { store: store(), log: silentLog, chatFor: async () => chat };
    await sendDigest(
      { ...deps, now: new Date('2026-12-07T07:30:00Z') },
      { memberId: school().adminId, weekStart: WEEK.start },
    );
    // Everyone in Grade 4 asks to be forgotten; the next week's digest still shows the week before.
    for (const n of [1, 2, 3, 4, 5, 6]) {
      await store().members.forget({
        memberId: school().teachers[`t${n}`] ?? 0,
        workspaceId: school().workspaceId,
        externalId: `UT${n}`,
        platform: 'console',
        at: new Date('2026-12-08T09:00:00Z'),
      });
    }
    await sendDigest(
      { ...deps, now: new Date('2026-12-14T07:30:00Z') },
      { memberId: school().adminId, weekStart: '2026-12-07' },
    );
    const last = chat.sent.at(-1);
    const text = last?.kind === 'dm' ? wholeText(last.message) : '';
    expect(text).toContain('Sessions held\n`30 Nov` ████████████ 2\n`07 Dec` 0');
    expect(text).toContain('People taking part\n`30 Nov` kept back\n`07 Dec` fewer than 3');
    expect(text).not.toContain('no digest that week');

    // A retry of a week already sent shows what was stored, not a recount.
    await sendDigest(
      { ...deps, now: new Date('2026-12-14T08:00:00Z') },
      { memberId: school().adminId, weekStart: WEEK.start },
    );
    const retry = chat.sent.at(-1);
    expect(retry?.kind === 'dm' && wholeText(retry.message)).toContain(
      'Across the school: sessions held: 2 · scheduled sessions missed: 1',
    );
    expect((await sql`select week_start from digests_sent order by week_start`.execute(database().db)).rows).toEqual([
      { week_start: WEEK.start },
      { week_start: '2026-12-07' },
    ]);
  });
});
