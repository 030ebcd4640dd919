import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../helpers/databases.js';
import { eventually } from '../helpers/slack-bot.js';
import { formSubmission, goalFormValues, postToSlackEndpoint } from '../helpers/slack-requests.js';
import { slackPresses } from '../helpers/slack-presses.js';

// Presses and forms sent at once or more than once, through the real Slack receiver: each acts once
// however often it is sent. The races run on each database (PostgreSQL when TEST_DATABASE_URL is set),
// where the cap and the last facilitator are decided under row locks.

const soon = () => new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);

const goalValues = (specific: string, dueOn: string) => goalFormValues({ specific, dueOn });

describe.each(testDatabaseKinds)('presses and forms in Slack, sent at once (%s)', (kind) => {
  const { bot, logLines, rows, answersTo, ephemeralsTo, press, settled, circle, modal } = slackPresses(kind);

  it("saves one goal when the same Save is sent three times, and refuses a form reworking another person's goal", async () => {
    await circle('UBEN', 'goal', 'C1', 'trigger-goal');
    const view = await modal('trigger-goal');
    // A date more than a year away brings the coaching questions, with "Save as it is".
    await postToSlackEndpoint(
      bot().baseUrl,
      formSubmission({
        user: 'UBEN',
        privateMetadata: view.private_metadata,
        values: goalValues('Exit tickets every Friday', '2099-01-01'),
      }),
    );
    const save = await eventually(() => {
      const call = bot()
        .fake.callsTo('chat.postEphemeral')
        .find((c) => String(c.text).startsWith('Before I save it'));
      const blocks = call?.blocks as
        { type: string; elements?: { text: { text: string }; value: string }[] }[] | undefined;
      const button = blocks?.find((b) => b.type === 'actions')?.elements?.find((e) => e.text.text === 'Save as it is');
      expect(button).toBeDefined();
      return button?.value;
    });
    // Three signed requests, each with a trigger id of its own, carrying the one button.
    await Promise.all([press('UBEN', save), press('UBEN', save), press('UBEN', save)]);
    await settled(5);
    expect(await rows('select specific from goals')).toEqual([{ specific: 'Exit tickets every Friday' }]);

    // Ana's goal form, sent back naming Ben's goal as the one it reworks.
    await circle('UANA', 'goal', 'C1', 'trigger-ana-goal');
    const anas = JSON.parse((await modal('trigger-ana-goal')).private_metadata) as { context: Record<string, unknown> };
    const [bens] = await rows('select id from goals');
    await postToSlackEndpoint(
      bot().baseUrl,
      formSubmission({
        user: 'UANA',
        privateMetadata: JSON.stringify({ ...anas, context: { ...anas.context, reworks: Number(bens?.id) } }),
        values: goalValues("Take over Ben's goal", soon()),
      }),
    );
    await eventually(() =>
      expect(ephemeralsTo('UANA')).toEqual(['That goal is not active any more, so there was nothing to rework.']),
    );
    expect(await rows('select specific, status from goals order by id')).toEqual([
      { specific: 'Exit tickets every Friday', status: 'active' },
    ]);
    expect(
      logLines()
        .filter((line) => line.level === 40 && line.msg.includes('was refused'))
        .map((line) => line.code),
    ).toEqual(['NoSuchGoal']);
  });

  it('keeps to three active goals when twelve forms are saved at once', async () => {
    const triggers = Array.from({ length: 12 }, (_, i) => `trigger-goal-${i}`);
    for (const trigger of triggers) await circle('UBEN', 'goal', 'C1', trigger);
    const views = await Promise.all(triggers.map(modal));
    const answers = await Promise.all(
      views.map((view, i) =>
        postToSlackEndpoint(
          bot().baseUrl,
          formSubmission({
            user: 'UBEN',
            privateMetadata: view.private_metadata,
            values: goalValues(`Goal ${i}`, soon()),
          }),
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    await settled(24);
    expect(await rows(`select count(*)::int as n from goals where status = 'active'`)).toEqual([{ n: 3 }]);
    expect(
      [...ephemeralsTo('UBEN'), ...answersTo('UBEN')].filter((t) => t.startsWith('You have 3 goals going already')),
    ).toHaveLength(9);
  });

  it('keeps one facilitator when the last two remove each other at once', async () => {
    // Several circles, so that the removals truly overlap at least once.
    const channels = Array.from({ length: 10 }, (_, i) => `CR${i}`);
    for (const channel of channels) {
      bot().fake.channelMembers.set(channel, ['UANA', 'UBEN']);
      await circle('UANA', 'setup Circle', channel);
    }
    await eventually(async () =>
      expect(await rows('select count(*)::int as n from communities')).toEqual([{ n: channels.length }]),
    );
    for (const channel of channels) await circle('UANA', 'facilitator add <@UBEN|ben>', channel);
    await eventually(async () =>
      expect(await rows('select count(*)::int as n from community_members where is_facilitator')).toEqual([
        { n: 2 * channels.length },
      ]),
    );
    await Promise.all(
      channels.flatMap((channel) => [
        circle('UANA', 'facilitator remove <@UBEN|ben>', channel),
        circle('UBEN', 'facilitator remove <@UANA|ana>', channel),
      ]),
    );
    await settled(channels.length * 4);
    expect(
      await rows(
        'select community_id, count(*)::int as n from community_members where is_facilitator group by community_id order by 1',
      ),
    ).toEqual(channels.map((_, i) => ({ community_id: i + 1, n: 1 })));
  });
});
