import { beforeEach, describe, expect, it } from 'vitest';
import { FakeTeams, type SentActivity } from '../helpers/fake-teams.js';
import { ANA, BEN, CHANNEL } from '../helpers/teams-activities.js';
import { textOf, useTeamsCircle } from '../helpers/teams-circle.js';

// SMART goals in Teams: the goal card, coaching questions, progress, reworks and endings, and a celebration.

describe('goals in Microsoft Teams', () => {
  const { bot, say, send, rows, toPersonal } = useTeamsCircle();

  beforeEach(async () => {
    await send(say().installPersonal(BEN));
  });
  const lastToBen = () => textOf(toPersonal('ben').at(-1));
  const goalCard = () => {
    const card = toPersonal('ben').at(-1)?.activity.attachments?.[0]?.content;
    if (!card) throw new Error('no card');
    return card;
  };
  const fill = (values: Record<string, string>) => ({ ...(goalCard().actions?.[0]?.data ?? {}), ...values });

  it('adds to progress with +3, refuses a total below zero, and keeps a zone the teacher chose over the one Teams reports', async () => {
    await send(say().channelPost(BEN, 'goal'));
    await send(
      say().submit(
        BEN,
        fill({
          specific: 'Exit tickets every Friday',
          measure: 'Number of lessons with exit tickets',
          firstStep: '',
          relevance: '',
          dueOn: '2099-01-01',
          cadence: 'weekly',
          celebrate: 'false',
        }),
        'personal',
      ),
    );
    // Only the far-off date is questioned: the measure counts without a digit.
    expect(textOf(toPersonal('ben').at(-1))).toMatch(/^Before I save it/);
    const save = FakeTeams.buttons(toPersonal('ben').at(-1) as SentActivity).find((b) => b.title === 'Save as it is');
    await send(say().submit(BEN, save?.data ?? {}, 'personal'));
    await send(say().personal(BEN, 'progress 1 4'));
    await send(say().personal(BEN, 'progress 1 +3'));
    expect(lastToBen()).toBe(
      'Added 3: now 7. Exit tickets every Friday: 7, up from 4. By 2099-01-01, checking in every week.',
    );
    await send(say().personal(BEN, 'progress 1 -9'));
    expect(lastToBen()).toMatch(/^That would take goal 1 below zero: it is at 7 now\./);
    // Every activity carries Teams' own zone for Ben, America/Chicago.
    await send(say().personal(BEN, 'my timezone london'));
    await send(say().personal(BEN, 'nudges thu 8am'));
    expect(lastToBen()).toBe(
      'I will check in on your goals on Thursdays at 08:00, Europe/London time, on school days only.',
    );
  });

  it('sets a goal through the card, saves it after the coaching questions, and logs, achieves, reworks and drops with words and cards', async () => {
    await send(say().channelPost(BEN, 'goal'));
    expect(
      goalCard()
        .body.filter((b) => String(b.type).startsWith('Input.'))
        .map((b) => [b.id, b.type]),
    ).toEqual([
      ['specific', 'Input.Text'],
      ['measure', 'Input.Text'],
      ['firstStep', 'Input.Text'],
      ['relevance', 'Input.Text'],
      ['dueOn', 'Input.Date'],
      ['cadence', 'Input.ChoiceSet'],
      ['celebrate', 'Input.Toggle'],
    ]);
    await send(
      say().submit(
        BEN,
        fill({
          specific: 'Exit tickets every Friday',
          measure: '10 exit tickets',
          firstStep: '',
          relevance: '',
          dueOn: '2099-01-01',
          cadence: 'monthly',
          celebrate: 'true',
        }),
        'personal',
      ),
    );
    expect(lastToBen()).toMatch(/^Before I save it/);
    const save = FakeTeams.buttons(toPersonal('ben').at(-1) as SentActivity).find((b) => b.title === 'Save as it is');
    await send(say().submit(BEN, save?.data ?? {}, 'personal'));
    expect(
      await rows(
        `select g.specific, g.cadence, g.due_on, g.target, g.celebrate, c.channel_id from goals g left join communities c on c.id = g.community_id`,
      ),
    ).toEqual([
      {
        specific: 'Exit tickets every Friday',
        cadence: 'monthly',
        due_on: '2099-01-01',
        target: 10,
        celebrate: true,
        channel_id: null,
      },
    ]);

    await send(say().personal(BEN, 'progress 1 4 two classes so far'));
    expect(lastToBen()).toContain(
      'Now 4 of 10 exit tickets (your total). Exit tickets every Friday: 4 of 10 exit tickets (40%)',
    );
    await send(say().personal(BEN, 'goal rework 1'));
    expect(goalCard().body.find((b) => b.id === 'specific')).toMatchObject({ value: 'Exit tickets every Friday' });
    const dueSoon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await send(
      say().submit(
        BEN,
        fill({
          specific: 'Exit tickets every Tuesday and Friday',
          measure: '20 exit tickets',
          dueOn: dueSoon,
          cadence: 'weekly',
          celebrate: 'false',
        }),
        'personal',
      ),
    );
    expect(lastToBen()).toMatch(/^Reworked: goal 2, "Exit tickets every Tuesday and Friday"/);
    // Goals keep their numbers: the rework is goal 2, and goal 1 stays the goal it replaced.
    await send(say().personal(BEN, 'goal achieved 1'));
    expect(lastToBen()).toMatch(/^Goal 1, "Exit tickets every Friday", is reworked into a new goal already/);
    await send(say().personal(BEN, 'goal achieved 2'));
    expect(lastToBen()).toMatch(/^Achieved: goal 2, "Exit tickets every Tuesday and Friday"/);
    await send(say().personal(BEN, 'goal'));
    await send(
      say().submit(
        BEN,
        fill({
          specific: 'Read aloud daily',
          measure: '15 read-alouds',
          dueOn: dueSoon,
          cadence: 'weekly',
          celebrate: 'false',
        }),
        'personal',
      ),
    );
    expect(lastToBen()).toMatch(/^Saved as goal 3/);
    await send(say().personal(BEN, 'goal drop 3'));
    expect(lastToBen()).toMatch(/^Set aside: goal 3, "Read aloud daily"/);
    expect(
      await rows(`select specific, status, reworks_goal_id is not null as reworks from goals order by id`),
    ).toEqual([
      { specific: 'Exit tickets every Friday', status: 'reworked', reworks: false },
      { specific: 'Exit tickets every Tuesday and Friday', status: 'achieved', reworks: true },
      { specific: 'Read aloud daily', status: 'dropped', reworks: false },
    ]);
  });

  it('says what is missing from a goal card with empty or broken fields, and saves nothing', async () => {
    await send(say().personal(BEN, 'goal'));
    await send(say().submit(BEN, fill({ specific: '', measure: '3 things', dueOn: 'someday' }), 'personal'));
    expect(lastToBen()).toMatch(/^Some answers were missing or too long/);
    await send(
      say().submit(
        BEN,
        { mcForm: { kind: 'progress', context: {}, nonce: 'progress-card-1' }, goal: '1', value: 'lots' },
        'personal',
      ),
    );
    expect(lastToBen()).toBe('Progress needs a number: your total so far, like 14, or what to add, like +3.');
    expect(await rows('select count(*)::int as n from goals')).toEqual([{ n: 0 }]);
  });

  it('celebrates in the community channel when a goal set there is achieved and the teacher asked for it', async () => {
    await send(say().channelPost(ANA, 'setup Grade 3'));
    await send(say().channelPost(BEN, 'goal'));
    const dueSoon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await send(
      say().submit(
        BEN,
        fill({
          specific: 'Read aloud daily',
          measure: '15 read-alouds',
          dueOn: dueSoon,
          cadence: 'weekly',
          celebrate: 'true',
        }),
        'personal',
      ),
    );
    expect(await rows(`select c.channel_id from goals g join communities c on c.id = g.community_id`)).toEqual([
      { channel_id: CHANNEL },
    ]);
    await send(say().personal(BEN, 'goal achieved 1'));
    expect(
      bot()
        .fake.messages()
        .filter((s) => s.conversation === CHANNEL)
        .map(textOf)
        .at(-1),
    ).toBe('Ben Okafor reached a goal: "Read aloud daily". Congratulations!');
  });
});
