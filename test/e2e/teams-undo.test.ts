import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { BUILT_IN_PROMPTS } from '../../src/core/prompts/library.js';
import { openTestDatabase } from '../helpers/databases.js';
import { FakeTeams, type SentActivity } from '../helpers/fake-teams.js';
import { activities, ANA, BEN, type TeamsUser } from '../helpers/teams-activities.js';
import { startTeamsBot } from '../helpers/teams-bot.js';

// Undo in Microsoft Teams, as Bot Framework activities at /api/messages: private answers are cards in
// the person's personal chat, so the Undo button is pressed there, away from the circle's channel;
// what it brings back is read from the database, not from the card.

describe('Undo in Microsoft Teams', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startTeamsBot>>;
  let say: ReturnType<typeof activities>;
  let now = new Date('2026-03-03T15:00:00Z');
  beforeEach(async () => {
    now = new Date('2026-03-03T15:00:00Z');
    database = await openTestDatabase('pglite');
    bot = await startTeamsBot(database, { now: () => now });
    say = activities(bot.fake.serviceUrl);
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
  const send = async (activity: unknown) => {
    const response = await bot.send(activity);
    expect(response.status, response.text).toBe(200);
  };
  const personal = (user: TeamsUser) =>
    bot.fake.messages().filter((s) => s.conversation === `a:personal-${user.id.slice(3)}`);
  const lastTo = (user: TeamsUser) => {
    const sent = personal(user).at(-1);
    return sent ? FakeTeams.textOf(sent) : '';
  };
  const press = (user: TeamsUser, title: string) => {
    const card = personal(user).findLast((s) => FakeTeams.buttons(s).length > 0) as SentActivity;
    const button = FakeTeams.buttons(card).find((b) => b.title === title);
    expect(button, `a ${title} button`).toBeDefined();
    return send(say.submit(user, button?.data ?? {}, 'personal'));
  };

  it('brings back a retired prompt with the Undo button in the personal chat', async () => {
    await send(say.installPersonal(ANA));
    await send(say.channelPost(ANA, 'setup Grade 3'));
    await send(say.channelPost(ANA, 'prompt retire 4'));
    expect(lastTo(ANA)).toMatch(
      new RegExp(`^Retired: prompt 4, "${BUILT_IN_PROMPTS[3]?.text.replace(/[?]/g, '\\?')}"\\. `),
    );
    expect(await rows('select prompt_key from prompt_retirements')).toEqual([{ prompt_key: BUILT_IN_PROMPTS[3]?.key }]);
    await press(ANA, 'Undo');
    expect(lastTo(ANA)).toBe(`Back in: prompt 4, "${BUILT_IN_PROMPTS[3]?.text}". It can be posted in Grade 3 again.`);
    expect(await rows('select prompt_key from prompt_retirements')).toEqual([]);
    // Numbers stay put: retiring 1 and adding one leave 4 as 4.
    await send(say.channelPost(ANA, 'prompt retire 1'));
    await send(say.channelPost(ANA, 'prompt add What would you like to try with your newest students?'));
    expect(lastTo(ANA)).toMatch(new RegExp(`^Added as prompt ${BUILT_IN_PROMPTS.length + 1}:`));
    await send(say.channelPost(ANA, 'prompts'));
    expect(lastTo(ANA)).toContain(`4. ${BUILT_IN_PROMPTS[3]?.text}`);
    expect(lastTo(ANA)).toContain('Retired: 1 (`prompt restore <n>` brings one back).');
  });

  it('brings back an ended goal with the Undo button and with `undo` in words', async () => {
    await send(say.installPersonal(BEN));
    await send(say.personal(BEN, 'goal'));
    const card = personal(BEN).at(-1)?.activity.attachments?.[0]?.content;
    const values = {
      specific: 'Exit tickets every Friday',
      measure: '10 exit tickets',
      firstStep: '',
      relevance: '',
      dueOn: '2026-05-29',
      cadence: 'weekly',
      celebrate: 'false',
    };
    await send(say.submit(BEN, { ...(card?.actions?.[0]?.data ?? {}), ...values }, 'personal'));
    expect(lastTo(BEN)).toMatch(/^Saved as goal 1/);

    await send(say.personal(BEN, 'goal drop 1'));
    expect(lastTo(BEN)).toMatch(/^Set aside: goal 1, "Exit tickets every Friday"/);
    await press(BEN, 'Undo');
    expect(lastTo(BEN)).toBe('Back on: goal 1, "Exit tickets every Friday", with its progress and its nudges.');
    expect(await rows('select status from goals')).toEqual([{ status: 'active' }]);

    now = new Date('2026-03-03T16:00:00Z');
    await send(say.personal(BEN, 'goal achieved 1'));
    expect(lastTo(BEN)).toMatch(/^Achieved: goal 1/);
    await send(say.personal(BEN, 'undo'));
    expect(lastTo(BEN)).toBe('Back on: goal 1, "Exit tickets every Friday", with its progress and its nudges.');
    expect(await rows('select status from goals')).toEqual([{ status: 'active' }]);
    // Nothing else to take back.
    await send(say.personal(BEN, 'undo'));
    expect(lastTo(BEN)).toBe('There is nothing you ended, set aside or retired in the last day to bring back.');
  });
});
