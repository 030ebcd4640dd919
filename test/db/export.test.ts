import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/db/store.js';
import { createDriver } from '../helpers/driver.js';
import { testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';

// `export` gathers everything kept of the asker, and nothing of anyone else.

describe.each(testDatabaseKinds)('export on %s', (kind) => {
  const db = useTestDatabase(kind);

  it("hands the member their check-ins, reflections, goals and progress privately, and none of another's", async () => {
    const bot = createDriver(createStore(db().db), { now: new Date('2026-03-03T15:00:00Z') });
    const ana = bot.as('ana');
    const ben = bot.as('ben');
    await ana.say('setup Grade 3');
    await ana.say('start Read-alouds');
    await ben.reply('Ben opening: partner reading works', 'm-b1');
    await ana.reply('Ana opening: exit tickets', 'm-a1');
    await ana.say('next');
    await ben.reply('Ben reflection: more wait time', 'm-b2');
    await ana.say('next');
    await ben.say('checkin Ben closing: I will try choral reading');
    await ben.submit({
      kind: 'goal',
      context: {},
      values: { specific: 'Ben reads aloud daily', measure: '20 read-alouds', dueOn: '2026-05-29', cadence: 'weekly' },
    });
    await ben.say('progress 1 4 Ben note: first week');
    await ben.say('progress 1 9');
    await ana.submit({
      kind: 'goal',
      context: {},
      values: { specific: 'Ana conferences', measure: '10 conferences', dueOn: '2026-05-29', cadence: 'weekly' },
    });
    bot.chat.take();

    await ben.say('export');
    const sent = bot.chat.take();
    const delivery = sent.find((s) => s.kind === 'files');
    if (delivery?.kind !== 'files') throw new Error('no files were sent');
    expect(delivery.to).toEqual({ workspace: 'T1', user: 'ben' });
    expect(delivery.message.text).toContain('2 check-ins, 1 reflection and 1 goal');
    expect(sent).toContainEqual(
      expect.objectContaining({
        kind: 'ephemeral',
        user: 'ben',
        message: expect.objectContaining({ text: expect.stringContaining('direct message') }),
      }),
    );

    const [json, csv] = delivery.files;
    const exported = JSON.parse(json?.content ?? '') as {
      you: { name: string };
      communities: { name: string; isFacilitator: boolean }[];
      checkins: { phase: string; text: string; sessionTopic: string }[];
      reflections: { text: string; prompt: string }[];
      goals: { specific: string; updates: { value: number; note: string | null }[] }[];
    };
    expect(exported.you.name).toBe('ben');
    expect(exported.communities).toEqual([expect.objectContaining({ name: 'Grade 3', isFacilitator: false })]);
    expect(exported.checkins.map((c) => [c.phase, c.text, c.sessionTopic])).toEqual([
      ['opening', 'Ben opening: partner reading works', 'Read-alouds'],
      ['closing', 'Ben closing: I will try choral reading', 'Read-alouds'],
    ]);
    expect(exported.reflections).toEqual([
      expect.objectContaining({ text: 'Ben reflection: more wait time', prompt: expect.stringMatching(/\?$/) }),
    ]);
    expect(exported.goals.map((g) => [g.specific, g.updates.map((u) => [u.value, u.note])])).toEqual([
      [
        'Ben reads aloud daily',
        [
          [4, 'Ben note: first week'],
          [9, null],
        ],
      ],
    ]);
    expect(csv?.content).toContain('Ben reads aloud daily,20 read-alouds,20,read-alouds');
    for (const file of delivery.files) expect(file.content).not.toMatch(/Ana opening|exit tickets|Ana conferences/);

    const audit = await sql<{ action: string; subject: string | null }>`select action, subject from audit`.execute(
      db().db,
    );
    expect(audit.rows).toEqual([{ action: 'member exported own data', subject: null }]);
  });

  it('exports a member who has nothing yet without failing', async () => {
    const bot = createDriver(createStore(db().db));
    await bot.as('cam', 'D-cam').say('export');
    const [sent] = bot.chat.take().filter((s) => s.kind === 'files');
    if (sent?.kind !== 'files') throw new Error('no files were sent');
    expect(sent.message.text).toContain('0 check-ins, 0 reflections and 0 goals');
    expect(sent.files[1]?.content.trimEnd().split('\r\n')).toHaveLength(1);
  });
});
