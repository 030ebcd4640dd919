import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';
import { THREE_GOALS } from '../helpers/goal-fixture.js';
import { FakeTeams, type SentActivity } from '../helpers/fake-teams.js';
import { ANA, BEN, TEAM } from '../helpers/teams-activities.js';
import { useTeamsBot } from '../helpers/teams-bot.js';

// A teacher's goals through the real Bot Framework endpoint, as Teams sends activities: goals set with
// the card keep their numbers for life, an ending is taken back with its Undo button or with `undo`,
// `goals all` lists the ended ones under their own numbers, and `goal drop 1` sent twice sets aside
// one goal. Commands are @mentions in the circle's channel; the answers come in Ben's personal chat.

describe.each(testDatabaseKinds)('goals in Microsoft Teams (%s)', (kind) => {
  const database = useTestDatabase(kind);
  const teams = useTeamsBot(database);
  const bot = () => teams.bot();
  beforeEach(() => {
    bot().fake.rosters.set(TEAM, [ANA.id, BEN.id]);
  });

  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database().db)
      .then((r) => r.rows);
  const toBen = () =>
    bot()
      .fake.messages()
      .filter((s) => s.conversation === `a:personal-${BEN.id.slice(3)}`);
  /** The latest message in Ben's personal chat that starts with `start`. */
  const toldBen = (start: string): SentActivity => {
    const found = toBen().findLast((s) => FakeTeams.textOf(s).startsWith(start));
    expect(
      found,
      `Ben was told "${start}..."; he was told ${JSON.stringify(toBen().map(FakeTeams.textOf))}`,
    ).toBeDefined();
    return found as SentActivity;
  };
  const button = (sent: SentActivity, title: string) => {
    const found = FakeTeams.buttons(sent).find((b) => b.title === title);
    expect(
      found,
      `a ${title} button; the card has ${JSON.stringify(FakeTeams.buttons(sent).map((b) => b.title))}`,
    ).toBeDefined();
    return found?.data ?? {};
  };

  const send = (activity: unknown) => teams.send(activity);
  const say = () => teams.say();
  const inChannel = (text: string) => send(say().channelPost(BEN, text));
  /** Saves the goal card last sent to Ben with these answers. */
  async function saveGoalCard(specific: string, measure: string, dueOn: string) {
    const card = toBen().findLast((s) => FakeTeams.buttons(s).some((b) => b.title === 'Save'));
    expect(card).toBeDefined();
    const save = button(card as SentActivity, 'Save');
    await send(
      say().submit(BEN, { ...save, specific, measure, dueOn, cadence: 'weekly', celebrate: 'false' }, 'personal'),
    );
  }
  const goals = () => rows('select number, specific, status from goals order by number');

  it('keeps goal numbers through endings, takes an ending back by button or by word, and ends a goal once', async () => {
    for (const user of [ANA, BEN]) await send(say().installPersonal(user));
    await send(say().channelPost(ANA, 'setup Grade 3'));
    const dueOn = new Date(Date.now() + 42 * 86_400_000).toISOString().slice(0, 10);
    for (const [i, { specific, measure }] of THREE_GOALS.entries()) {
      await inChannel('goal');
      await saveGoalCard(specific, measure, dueOn);
      toldBen(`Saved as goal ${i + 1}: "${specific}"`);
    }

    // `goal achieved 1`, then `goal rework 3`: the rework is goal 3's, and the new goal takes number 4.
    await inChannel('goal achieved 1');
    const undo = button(toldBen('Achieved: goal 1, "Read aloud to small groups twice a week".'), 'Undo');
    await inChannel('goal rework 3');
    expect(JSON.stringify(toBen().at(-1)?.activity)).toContain('Try one new questioning move each week');
    await saveGoalCard('Try one new questioning move in every lesson', '20 lessons with a new move', dueOn);
    toldBen('Reworked: goal 4, "Try one new questioning move in every lesson"');
    expect(toBen().map(FakeTeams.textOf)).not.toContainEqual(expect.stringContaining('You have no goal 3'));

    // The Undo button under the achievement brings goal 1 back under its own number.
    await send(say().submit(BEN, undo, 'personal'));
    toldBen('Back on: goal 1, "Read aloud to small groups twice a week", with its progress and its nudges.');

    // `goal drop 1` twice: goal 1 is set aside once; the second says so and sets aside nothing else.
    await inChannel('goal drop 1');
    button(toldBen('Set aside: goal 1, "Read aloud to small groups twice a week".'), 'Undo');
    await inChannel('goal drop 1');
    toldBen('Goal 1, "Read aloud to small groups twice a week", is set aside already, so nothing changed.');
    expect(await goals()).toEqual([
      { number: 1, specific: 'Read aloud to small groups twice a week', status: 'dropped' },
      { number: 2, specific: 'Use exit tickets in every math lesson', status: 'active' },
      { number: 3, specific: 'Try one new questioning move each week', status: 'reworked' },
      { number: 4, specific: 'Try one new questioning move in every lesson', status: 'active' },
    ]);

    // `undo` in words brings it back once.
    await inChannel('undo');
    expect(FakeTeams.textOf(toBen().at(-1) as SentActivity)).toBe(
      'Back on: goal 1, "Read aloud to small groups twice a week", with its progress and its nudges.',
    );
    expect(await goals()).toContainEqual({
      number: 1,
      specific: 'Read aloud to small groups twice a week',
      status: 'active',
    });

    // `goals all` lists the ended ones under the numbers they had.
    await inChannel('goal achieved 2');
    toldBen('Achieved: goal 2, "Use exit tickets in every math lesson".');
    await inChannel('goals all');
    const all = FakeTeams.textOf(toldBen('Your goals'));
    expect(all).toContain('1. Read aloud to small groups twice a week: no progress logged yet.');
    expect(all).toContain('4. Try one new questioning move in every lesson: no progress logged yet.');
    expect(all).toMatch(
      /Ended\n+2\. Use exit tickets in every math lesson: achieved\n+3\. Try one new questioning move each week: reworked into a new goal/,
    );
  });
});
