import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';
import { THREE_GOALS } from '../helpers/goal-fixture.js';
import { eventually, useSlackBot } from '../helpers/slack-bot.js';
import {
  buttonPress,
  commandBody,
  formSubmission,
  goalFormValues,
  postToSlackEndpoint,
} from '../helpers/slack-requests.js';

// A teacher's goals through the real Slack endpoint, each request signed as Slack signs it: goals set
// with the modal keep their numbers for life, an ending is taken back with its Undo button or with
// `undo`, `goals all` lists the ended ones under their own numbers, and `goal drop 1` sent twice sets
// aside one goal.

type View = { private_metadata: string };
type Blocks = { type: string; text?: { text: string }; elements?: { text: { text: string }; value: string }[] }[];

const inSixWeeks = () => new Date(Date.now() + 42 * 86_400_000).toISOString().slice(0, 10);

describe.each(testDatabaseKinds)('goals in Slack (%s)', (kind) => {
  const database = useTestDatabase(kind);
  const slack = useSlackBot(database);
  const bot = () => slack.bot();
  beforeEach(() => {
    for (const [id, name] of [
      ['UANA', 'Ana'],
      ['UBEN', 'Ben'],
    ] as const)
      bot().fake.users.set(id, { id, name });
    bot().fake.channelMembers.set('C1', ['UANA', 'UBEN']);
  });

  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database().db)
      .then((r) => r.rows);
  let commands = 0;

  /** Everything Ben was told privately, in order: command answers and ephemeral messages, with their blocks. */
  const toBen = () => [
    ...bot()
      .fake.responses.filter((r) => r.path.startsWith('/respond/UBEN-'))
      .map((r) => r.body),
    ...bot()
      .fake.callsTo('chat.postEphemeral')
      .filter((c) => c.user === 'UBEN'),
  ];
  /** What a message says: its text and its sections' text. */
  const said = (message: Record<string, unknown>) =>
    [
      String(message.text),
      ...((message.blocks as Blocks | undefined) ?? [])
        .filter((b) => b.type === 'section' && b.text)
        .map((b) => b.text?.text),
    ].join('\n');
  /** The private message that starts with `start`, once it has come. */
  const toldBen = (start: string) =>
    eventually(() => {
      const message = toBen().find((m) => String(m.text).startsWith(start));
      expect(
        message,
        `Ben was told "${start}..."; he was told ${JSON.stringify(toBen().map((m) => m.text))}`,
      ).toBeDefined();
      return message as Record<string, unknown>;
    });
  const undoButton = (message: Record<string, unknown>) => {
    const buttons = ((message.blocks as Blocks | undefined) ?? []).find((b) => b.type === 'actions')?.elements ?? [];
    expect(buttons.map((b) => b.text.text)).toEqual(['Undo']);
    return buttons[0]?.value;
  };

  async function circle(user: string, text: string, triggerId?: string): Promise<void> {
    commands += 1;
    const body = commandBody({
      text,
      user,
      channel: 'C1',
      responseUrl: bot().fake.responseUrl(`${user}-${commands}`),
      ...(triggerId ? { triggerId } : {}),
    });
    expect((await postToSlackEndpoint(bot().baseUrl, body)).status).toBe(200);
  }
  const modal = (trigger: string) =>
    eventually(() => {
      const view = bot()
        .fake.callsTo('views.open')
        .find((c) => c.trigger_id === trigger)?.view as View | undefined;
      expect(view).toBeDefined();
      return view as View;
    });
  async function submitGoal(trigger: string, values: Record<string, unknown>): Promise<void> {
    const view = await modal(trigger);
    expect(
      (
        await postToSlackEndpoint(
          bot().baseUrl,
          formSubmission({ user: 'UBEN', privateMetadata: view.private_metadata, values }),
        )
      ).status,
    ).toBe(200);
  }
  const goals = () => rows('select number, specific, status from goals order by number');

  it('keeps goal numbers through endings, takes an ending back by button or by word, and ends a goal once', async () => {
    await circle('UANA', 'setup Grade 3');
    const dueOn = inSixWeeks();
    for (const [i, { specific, measure }] of THREE_GOALS.entries()) {
      await circle('UBEN', 'goal', `trigger-goal-${i}`);
      await submitGoal(`trigger-goal-${i}`, goalFormValues({ specific, measure, dueOn }));
      await toldBen(`Saved as goal ${i + 1}: "${specific}"`);
    }

    // `goal achieved 1`, then `goal rework 3`: the rework is goal 3's, and the new goal takes number 4.
    await circle('UBEN', 'goal achieved 1');
    const achieved = await toldBen('Achieved: goal 1, "Read aloud to small groups twice a week".');
    await circle('UBEN', 'goal rework 3', 'trigger-rework');
    expect(JSON.stringify(await modal('trigger-rework'))).toContain('Try one new questioning move each week');
    await submitGoal(
      'trigger-rework',
      goalFormValues({
        specific: 'Try one new questioning move in every lesson',
        measure: '20 lessons with a new move',
        dueOn,
      }),
    );
    await toldBen('Reworked: goal 4, "Try one new questioning move in every lesson"');
    expect(toBen().map((m) => String(m.text))).not.toContainEqual(expect.stringContaining('You have no goal 3'));

    // The Undo button under the achievement brings goal 1 back under its own number.
    expect(
      (await postToSlackEndpoint(bot().baseUrl, buttonPress({ user: 'UBEN', value: undoButton(achieved) }))).status,
    ).toBe(200);
    await toldBen('Back on: goal 1, "Read aloud to small groups twice a week", with its progress and its nudges.');

    // `goal drop 1` twice: goal 1 is set aside once; the second says so and sets aside nothing else.
    await circle('UBEN', 'goal drop 1');
    undoButton(await toldBen('Set aside: goal 1, "Read aloud to small groups twice a week".'));
    await circle('UBEN', 'goal drop 1');
    await toldBen('Goal 1, "Read aloud to small groups twice a week", is set aside already, so nothing changed.');
    expect(await goals()).toEqual([
      { number: 1, specific: 'Read aloud to small groups twice a week', status: 'dropped' },
      { number: 2, specific: 'Use exit tickets in every math lesson', status: 'active' },
      { number: 3, specific: 'Try one new questioning move each week', status: 'reworked' },
      { number: 4, specific: 'Try one new questioning move in every lesson', status: 'active' },
    ]);

    // `undo` in words brings it back once.
    await circle('UBEN', 'undo');
    await eventually(() =>
      expect(
        toBen().filter((m) => String(m.text).startsWith('Back on: goal 1, "Read aloud to small groups twice a week"')),
      ).toHaveLength(2),
    );

    // `goals all` lists the ended ones under the numbers they had.
    await circle('UBEN', 'goal achieved 2');
    await toldBen('Achieved: goal 2, "Use exit tickets in every math lesson".');
    await circle('UBEN', 'goals all');
    const all = said(await toldBen('Your goals'));
    expect(all).toContain('1. Read aloud to small groups twice a week: no progress logged yet.');
    expect(all).toContain('4. Try one new questioning move in every lesson: no progress logged yet.');
    expect(all).toMatch(
      /Ended\n2\. Use exit tickets in every math lesson: achieved\n3\. Try one new questioning move each week: reworked into a new goal/,
    );
  });
});
