import { describe, expect, it } from 'vitest';
import { commandBody, formSubmission, postToSlackEndpoint } from '../helpers/slack-requests.js';
import { eventually, startSlackBot } from '../helpers/slack-bot.js';
import { useSlackCircle } from '../helpers/slack-circle.js';

// `/circle` in Slack: private answers, storing before the acknowledgement, who is an admin, channels the
// bot is not in, rate limits, the goal form and `export`.

describe('/circle commands in Slack', () => {
  const { database, bot, rows, posts, circle, press } = useSlackCircle();

  it("takes a teacher's own zone by city and a time with pm, and keeps the zone over the one Slack reports", async () => {
    const answers = () => bot().fake.responses.map((r) => String(r.body.text));
    await circle('UBEN', 'my timezone London');
    await eventually(() =>
      expect(answers()).toContain(
        'Your time zone is now Europe/London: your nudges come on your school days at your time there.',
      ),
    );
    // Slack still says America/Chicago for Ben on every request.
    await circle('UBEN', 'nudges tue 3:30pm');
    await eventually(() =>
      expect(answers()).toContain(
        'I will check in on your goals on Tuesdays at 15:30, Europe/London time, on school days only.',
      ),
    );
    await circle('UBEN', 'my timezone Narnia');
    await eventually(() =>
      expect(answers()).toContainEqual(
        expect.stringMatching(/^'Narnia' isn't a time zone I know\. Name the nearest big city/),
      ),
    );
    expect(await rows("select time_zone, time_zone_chosen from members where external_id = 'UBEN'")).toEqual([
      { time_zone: 'Europe/London', time_zone_chosen: true },
    ]);
  });

  it('answers commands privately through the response URL', async () => {
    await circle('UANA', 'fly');
    await circle('UBEN', 'start', 'C2');
    await eventually(() => expect(bot().fake.responses).toHaveLength(2));
    expect(bot().fake.responses.map((r) => [r.body.response_type, r.body.text])).toEqual([
      ['ephemeral', "I don't know 'fly'. Try `help`."],
      ['ephemeral', "This channel isn't a community yet. Run `setup` here to make it one."],
    ]);
    expect(posts()).toEqual([]);
  });

  it('stores a command, with what is needed to answer it, before acknowledging it', async () => {
    await circle('UANA', 'help', 'C1', 'trigger-help-1');
    await eventually(async () =>
      expect(
        await rows(
          `select event_id, payload->'interaction'->>'text' as text, payload->'replay'->>'responseUrl' as url, handled_at is not null as handled from event_receipts`,
        ),
      ).toEqual([
        { event_id: 'command:trigger-help-1', text: 'help', url: bot().fake.responseUrl('UANA-help'), handled: true },
      ]),
    );
  });

  it('answers "try again" in the acknowledgement when the command cannot be stored', async () => {
    const failing = await startSlackBot(database(), {
      receive: async () => {
        throw new Error('database unavailable');
      },
    });
    try {
      const response = await postToSlackEndpoint(
        failing.baseUrl,
        commandBody({ text: 'start', user: 'UANA', channel: 'C1', responseUrl: failing.fake.responseUrl('x') }),
      );
      expect(response.status).toBe(200);
      expect(JSON.parse(response.text)).toEqual({
        response_type: 'ephemeral',
        text: 'Sorry, I could not take that just now. Please try again in a moment.',
      });
      expect(failing.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    } finally {
      await failing.close();
    }
  });

  it('takes Slack workspace admins as admins, with their name and zone', async () => {
    bot().fake.users.set('UBOSS', { id: 'UBOSS', name: 'Principal Diaz', tz: 'Europe/Madrid', is_owner: true });
    await circle('UBOSS', 'help');
    await eventually(async () =>
      expect(await rows(`select display_name, time_zone, is_admin from members`)).toEqual([
        { display_name: 'Principal Diaz', time_zone: 'Europe/Madrid', is_admin: true },
      ]),
    );
    expect(await rows(`select time_zone from workspaces`)).toEqual([{ time_zone: 'Europe/Madrid' }]);
  });

  it('joins a public channel it is not in yet, then posts', async () => {
    bot().fake.fail('chat.postMessage', { error: 'not_in_channel' });
    await circle('UANA', 'setup');
    await eventually(() => expect(posts()).toHaveLength(1));
    expect(bot().fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
    expect(bot().fake.callsTo('conversations.join')).toEqual([expect.objectContaining({ channel: 'C1' })]);
  });

  it('asks to be invited to a private channel it cannot join', async () => {
    bot().fake.fail('chat.postMessage', { error: 'channel_not_found' });
    await circle('UANA', 'setup', 'G1');
    await eventually(() =>
      expect(bot().fake.responses.map((r) => r.body.text)).toContain(
        'I am not in this channel yet. Add me with `/invite @Mentor Circle`, then try again.',
      ),
    );
  });

  it('waits out a 429 and still posts once', async () => {
    bot().fake.fail('chat.postMessage', { rateLimited: 1 });
    await circle('UANA', 'setup');
    await eventually(() => expect(posts()).toHaveLength(1), 15_000);
    const attempts = bot()
      .fake.calls.filter((c) => c.method === 'chat.postMessage')
      .map((c) => c.response.ok);
    expect(attempts).toEqual([false, true]);
    const started = await rows('select count(*)::int as n from communities');
    expect(started).toEqual([{ n: 1 }]);
  });

  it('sets a goal through a modal with a date picker and a select, then logs progress', async () => {
    await circle('UBEN', 'goal', 'C1', 'trigger-goal');
    const view = await eventually(() => {
      const call = bot().fake.callsTo('views.open').at(-1);
      expect(call?.trigger_id).toBe('trigger-goal');
      return call?.view as { private_metadata: string; blocks: { block_id?: string; element?: { type: string } }[] };
    });
    expect(view.blocks.filter((b) => b.block_id).map((b) => [b.block_id, b.element?.type])).toEqual([
      ['specific', 'plain_text_input'],
      ['measure', 'plain_text_input'],
      ['firstStep', 'plain_text_input'],
      ['relevance', 'plain_text_input'],
      ['dueOn', 'datepicker'],
      ['cadence', 'static_select'],
      ['celebrate', 'checkboxes'],
    ]);
    const submitted = await postToSlackEndpoint(
      bot().baseUrl,
      formSubmission({
        user: 'UBEN',
        privateMetadata: view.private_metadata,
        values: {
          specific: { type: 'plain_text_input', value: 'Exit tickets every Friday' },
          measure: { type: 'plain_text_input', value: '10 exit tickets' },
          firstStep: { type: 'plain_text_input', value: null },
          relevance: { type: 'plain_text_input', value: null },
          dueOn: { type: 'datepicker', selected_date: '2099-01-01' },
          cadence: { type: 'static_select', selected_option: { value: 'monthly' } },
          celebrate: { type: 'checkboxes', selected_options: [] },
        },
      }),
    );
    expect(submitted.status).toBe(200);
    // The date is more than a year away: a coaching question comes first, with "Save as it is".
    const coaching = await eventually(() => {
      const call = bot()
        .fake.callsTo('chat.postEphemeral')
        .find((c) => String(c.text).startsWith('Before I save it'));
      expect(call).toBeDefined();
      return call;
    });
    const blocks = coaching?.blocks as { type: string; elements?: { text: { text: string }; value: string }[] }[];
    const save = blocks.find((b) => b.type === 'actions')?.elements?.find((e) => e.text.text === 'Save as it is');
    await press('UBEN', save?.value);
    await eventually(async () =>
      expect(await rows('select specific, cadence, due_on, target from goals')).toEqual([
        { specific: 'Exit tickets every Friday', cadence: 'monthly', due_on: '2099-01-01', target: 10 },
      ]),
    );
    await circle('UBEN', 'progress 1 4');
    await eventually(() =>
      expect(bot().fake.responses.map((r) => String(r.body.text))).toContain(
        'Now 4 of 10 exit tickets (your total). Exit tickets every Friday: 4 of 10 exit tickets (40%). By 2099-01-01, checking in every month.',
      ),
    );
  });

  it('uploads a member their own data to their direct messages on `export`', async () => {
    await circle('UANA', 'setup Grade 3');
    await circle('UANA', 'checkin Partner reading works');
    await circle('UANA', 'start');
    await circle('UBEN', 'checkin Exit tickets are working');
    await circle('UANA', 'checkin Choral reading');
    await circle('UBEN', 'export');
    const complete = await eventually(() => {
      const call = bot().fake.callsTo('files.completeUploadExternal').at(-1);
      expect(call).toBeDefined();
      return call as { channel_id: string; initial_comment: string; files: { id: string; title: string }[] };
    });
    expect(bot().fake.callsTo('conversations.open').at(-1)?.users).toBe('UBEN');
    expect(complete.channel_id).toBe('D-UBEN');
    expect(complete.initial_comment).toContain('1 check-in, 0 reflections and 0 goals');
    expect(complete.files.map((f) => f.title)).toEqual([
      expect.stringMatching(/^mentor-circle-ben-\d{4}-\d{2}-\d{2}\.json$/),
      expect.stringMatching(/-goals\.csv$/),
    ]);
    const json = bot().fake.uploads.get(complete.files[0]?.id ?? '') ?? '';
    expect(JSON.parse(json).checkins).toEqual([
      expect.objectContaining({ phase: 'opening', text: 'Exit tickets are working' }),
    ]);
    expect(json).not.toContain('Choral reading');
    await eventually(() =>
      expect(bot().fake.responses.map((r) => String(r.body.text))).toContain(
        'I have sent your data to you in a direct message.',
      ),
    );
  });
});
