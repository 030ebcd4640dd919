import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { emptyTables, openTestDatabase } from '../helpers/databases.js';
import { buttonPress, commandBody, eventBody, formSubmission, interactionBody, postToSlackEndpoint } from '../helpers/slack-requests.js';
import { eventually, startSlackBot } from '../helpers/slack-bot.js';

// Slack through the real Bolt receiver over HTTP: signed requests in, a fake Web API recording what
// the bot sends out, the embedded database underneath.

describe('Mentor Circle in Slack', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  let events = 0;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await emptyTables(database);
    await bot?.close();
    bot = await startSlackBot(database);
    bot.fake.users.set('UANA', { id: 'UANA', name: 'Ana', tz: 'America/Chicago' });
    bot.fake.users.set('UBEN', { id: 'UBEN', name: 'Ben', tz: 'America/Chicago' });
  });

  const rows = (query: string) => sql.raw<Record<string, unknown>>(query).execute(database.db).then((r) => r.rows);
  const posts = () => bot.fake.callsTo('chat.postMessage');

  async function circle(user: string, text: string, channel = 'C1', triggerId?: string) {
    const response = await postToSlackEndpoint(
      bot.baseUrl,
      commandBody({ text, user, channel, channelName: 'grade-3', responseUrl: bot.fake.responseUrl(`${user}-${text}`), ...(triggerId ? { triggerId } : {}) }),
    );
    expect(response.status).toBe(200);
  }

  async function threadReply(user: string, text: string, threadTs: string, ts = `${Date.now()}.${++events}`, eventId = `Ev${++events}`) {
    const response = await postToSlackEndpoint(
      bot.baseUrl,
      eventBody({ type: 'message', channel: 'C1', channel_type: 'channel', user, text, ts, thread_ts: threadTs }, { eventId }),
    );
    expect(response.status).toBe(200);
    return ts;
  }

  async function press(user: string, value: unknown, triggerId = `trigger-${Math.random().toString(36).slice(2)}`) {
    const response = await postToSlackEndpoint(bot.baseUrl, buttonPress({ user, value, triggerId }));
    expect(response.status).toBe(200);
  }

  /** The session message: the newest post with an actions block. */
  function sessionMessage() {
    const call = bot.fake.calls.findLast(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.response.ok === true &&
        Array.isArray(c.args.blocks) &&
        (c.args.blocks as { type: string }[]).some((b) => b.type === 'actions'),
    );
    if (!call) throw new Error('no session message yet');
    return { call, ts: String(call.response.ts) };
  }

  function buttons(call: { args: Record<string, unknown> }): { text: string; value: string }[] {
    const blocks = call.args.blocks as { type: string; elements?: { text: { text: string }; value: string }[] }[];
    return (blocks.find((b) => b.type === 'actions')?.elements ?? []).map((e) => ({ text: e.text.text, value: e.value }));
  }

  it('takes a teacher\'s own zone by city and a time with pm, and keeps the zone over the one Slack reports', async () => {
    const answers = () => bot.fake.responses.map((r) => String(r.body.text));
    await circle('UBEN', 'my timezone London');
    await eventually(() => expect(answers()).toContain('Your time zone is now Europe/London: your nudges come on your school days at your time there.'));
    // Slack still says America/Chicago for Ben on every request.
    await circle('UBEN', 'nudges tue 3:30pm');
    await eventually(() => expect(answers()).toContain('I will check in on your goals on Tuesdays at 15:30, Europe/London time, on school days only.'));
    await circle('UBEN', 'my timezone Narnia');
    await eventually(() => expect(answers()).toContainEqual(expect.stringMatching(/^'Narnia' isn't a time zone I know\. Name the nearest big city/)));
    expect(await rows("select time_zone, time_zone_chosen from members where external_id = 'UBEN'")).toEqual([{ time_zone: 'Europe/London', time_zone_chosen: true }]);
  });

  it('runs a whole session: setup, check-ins in the thread, a modal, buttons and the summary', async () => {
    await circle('UANA', 'setup Grade 3 Literacy');
    await eventually(() => expect(posts().map((p) => p.text)).toEqual([expect.stringContaining('Grade 3 Literacy is now a Mentor Circle community, facilitated by Ana')]));

    await circle('UANA', 'start Small-group reading');
    const root = await eventually(() => {
      const found = sessionMessage();
      expect(posts().filter((p) => p.thread_ts === found.ts)).toHaveLength(1);
      return found;
    });
    expect(buttons(root.call).map((b) => b.text)).toEqual(["Share what's working", 'Next', 'Close']);
    expect(posts().find((p) => p.thread_ts === root.ts)?.text).toMatch(/^Opening check-in: what&#39;s working\?|^Opening check-in: what's working\?/);

    await threadReply('UANA', 'Partner reading is working well', root.ts);
    await threadReply('UBEN', 'Exit tickets are getting more thoughtful', root.ts);
    await eventually(async () => expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 2 }]));

    await circle('UANA', 'next');
    await eventually(() => expect(posts().some((p) => p.thread_ts === root.ts && String(p.text).startsWith('Reflection: '))).toBe(true));
    expect(bot.fake.callsTo('chat.update').at(-1)?.text).toContain('Now: reflection');

    await threadReply('UANA', 'I will try mixed-level pairs', root.ts);
    await threadReply('UBEN', 'Letting students choose the text', root.ts);
    await eventually(async () => expect(await rows('select count(*)::int as n from reflections')).toEqual([{ n: 2 }]));

    // The Next button on the redrawn session message carries the reflection phase.
    const redrawn = bot.fake.callsTo('chat.update').at(-1) ?? {};
    const next = buttons({ args: redrawn }).find((b) => b.text === 'Next');
    await press('UANA', next?.value);
    await eventually(async () => expect(await rows('select phase from sessions')).toEqual([{ phase: 'closing' }]));

    const closingMessage = await eventually(() => {
      const update = bot.fake.callsTo('chat.update').at(-1) ?? {};
      expect(update.text).toContain('Now: closing');
      return update;
    });
    const share = buttons({ args: closingMessage }).find((b) => b.text === "Share what's working");
    await press('UBEN', share?.value, 'trigger-ben');
    const opened = await eventually(() => {
      const call = bot.fake.callsTo('views.open').at(-1);
      expect(call?.trigger_id).toBe('trigger-ben');
      return call?.view as { private_metadata: string; blocks: { block_id?: string; type: string }[] };
    });
    expect(opened.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(['text', 'share']);
    const submitted = await postToSlackEndpoint(
      bot.baseUrl,
      formSubmission({
        user: 'UBEN',
        privateMetadata: opened.private_metadata,
        values: {
          text: { type: 'plain_text_input', value: 'Students leading the warm-up' },
          share: { type: 'checkboxes', selected_options: [{ value: 'yes' }] },
        },
      }),
    );
    expect(submitted.status).toBe(200);
    await threadReply('UANA', 'Routines that run themselves', root.ts);
    await eventually(async () =>
      expect(await rows(`select m.external_id, c.shared_with_leaders from checkins c join members m on m.id = c.member_id where c.phase = 'closing' order by 1`)).toEqual([
        { external_id: 'UANA', shared_with_leaders: false },
        { external_id: 'UBEN', shared_with_leaders: true },
      ]),
    );

    await circle('UANA', 'close');
    const summary = await eventually(() => {
      const found = posts().find((p) => String(p.text).startsWith('Session summary'));
      expect(found).toBeDefined();
      return found;
    });
    expect(summary?.thread_ts).toBe(root.ts);
    expect(summary?.text).toContain('2 participants · 2 opening check-ins · 2 reflections · 2 closing check-ins');
    expect(JSON.stringify(summary?.blocks)).toContain('Ben: Students leading the warm-up');
    expect(bot.fake.calls.every((c) => c.token === 'xoxb-test-token')).toBe(true);
  });

  it('answers commands privately through the response URL', async () => {
    await circle('UANA', 'fly');
    await circle('UBEN', 'start', 'C2');
    await eventually(() => expect(bot.fake.responses).toHaveLength(2));
    expect(bot.fake.responses.map((r) => [r.body.response_type, r.body.text])).toEqual([
      ['ephemeral', "I don't know 'fly'. Try `help`."],
      ['ephemeral', "This channel isn't a community yet. Run `setup` here to make it one."],
    ]);
    expect(posts()).toEqual([]);
  });

  it('stores a command, with what is needed to answer it, before acknowledging it', async () => {
    await circle('UANA', 'help', 'C1', 'trigger-help-1');
    await eventually(async () =>
      expect(await rows(`select event_id, payload->'interaction'->>'text' as text, payload->'replay'->>'responseUrl' as url, handled_at is not null as handled from event_receipts`)).toEqual([
        { event_id: 'command:trigger-help-1', text: 'help', url: bot.fake.responseUrl('UANA-help'), handled: true },
      ]),
    );
  });

  it('answers "try again" in the acknowledgement when the command cannot be stored', async () => {
    const failing = await startSlackBot(database, {
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
      expect(JSON.parse(response.text)).toEqual({ response_type: 'ephemeral', text: 'Sorry, I could not take that just now. Please try again in a moment.' });
      expect(failing.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    } finally {
      await failing.close();
    }
  });

  it('takes Slack workspace admins as admins, with their name and zone', async () => {
    bot.fake.users.set('UBOSS', { id: 'UBOSS', name: 'Principal Diaz', tz: 'Europe/Madrid', is_owner: true });
    await circle('UBOSS', 'help');
    await eventually(async () =>
      expect(await rows(`select display_name, time_zone, is_admin from members`)).toEqual([
        { display_name: 'Principal Diaz', time_zone: 'Europe/Madrid', is_admin: true },
      ]),
    );
    expect(await rows(`select time_zone from workspaces`)).toEqual([{ time_zone: 'Europe/Madrid' }]);
  });

  it('joins a public channel it is not in yet, then posts', async () => {
    bot.fake.fail('chat.postMessage', { error: 'not_in_channel' });
    await circle('UANA', 'setup');
    await eventually(() => expect(posts()).toHaveLength(1));
    expect(bot.fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
    expect(bot.fake.callsTo('conversations.join')).toEqual([expect.objectContaining({ channel: 'C1' })]);
  });

  it('asks to be invited to a private channel it cannot join', async () => {
    bot.fake.fail('chat.postMessage', { error: 'channel_not_found' });
    await circle('UANA', 'setup', 'G1');
    await eventually(() => expect(bot.fake.responses.map((r) => r.body.text)).toContain('I am not in this channel yet. Add me with `/invite @Mentor Circle`, then try again.'));
  });

  it('waits out a 429 and still posts once', async () => {
    bot.fake.fail('chat.postMessage', { rateLimited: 1 });
    await circle('UANA', 'setup');
    await eventually(() => expect(posts()).toHaveLength(1), 15_000);
    const attempts = bot.fake.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.response.ok);
    expect(attempts).toEqual([false, true]);
    const started = await rows('select count(*)::int as n from communities');
    expect(started).toEqual([{ n: 1 }]);
  });

  describe('with a session open', () => {
    let root: string;
    beforeEach(async () => {
      await circle('UANA', 'setup');
      await circle('UANA', 'start');
      root = await eventually(() => sessionMessage().ts);
    });

    it('handles a retried event once, also when the retry arrives during the original', async () => {
      const event = eventBody({ type: 'message', channel: 'C1', user: 'UBEN', text: 'Once only', ts: '1.1', thread_ts: root }, { eventId: 'EvDup' });
      const [first, second] = await Promise.all([
        postToSlackEndpoint(bot.baseUrl, event),
        postToSlackEndpoint(bot.baseUrl, event, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } }),
      ]);
      expect([first.status, second.status]).toEqual([200, 200]);
      await postToSlackEndpoint(bot.baseUrl, event, { headers: { 'x-slack-retry-num': '2' } });
      await eventually(async () => expect(await rows('select text from checkins')).toEqual([{ text: 'Once only' }]));
      await new Promise((done) => setTimeout(done, 200));
      expect(bot.fake.callsTo('chat.postEphemeral').filter((c) => String(c.text).includes('Thanks, Ben'))).toHaveLength(1);
      expect(await rows(`select count(*)::int as n from event_receipts where event_id = 'EvDup'`)).toEqual([{ n: 1 }]);
    });

    it('follows an edited and a deleted reply', async () => {
      await threadReply('UBEN', 'Draft', root, '5.5');
      await eventually(async () => expect(await rows('select text from checkins')).toEqual([{ text: 'Draft' }]));
      await postToSlackEndpoint(
        bot.baseUrl,
        eventBody(
          { type: 'message', subtype: 'message_changed', channel: 'C1', message: { user: 'UBEN', text: 'Final', ts: '5.5', thread_ts: root }, previous_message: { user: 'UBEN', text: 'Draft', ts: '5.5', thread_ts: root } },
          { eventId: 'EvEdit' },
        ),
      );
      await eventually(async () => expect(await rows('select text from checkins')).toEqual([{ text: 'Final' }]));
      await postToSlackEndpoint(
        bot.baseUrl,
        eventBody({ type: 'message', subtype: 'message_deleted', channel: 'C1', deleted_ts: '5.5', previous_message: { user: 'UBEN', text: 'Final', ts: '5.5', thread_ts: root } }, { eventId: 'EvDel' }),
      );
      await eventually(async () => expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 0 }]));
    });

    it('treats a facilitator mentioning the bot with a command in the thread as the command', async () => {
      await threadReply('UANA', '<@UBOT> next', root);
      await eventually(async () => expect(await rows('select phase from sessions')).toEqual([{ phase: 'reflection' }]));
      expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 0 }]);
    });

    it('ignores bot messages and top-level chatter', async () => {
      await postToSlackEndpoint(bot.baseUrl, eventBody({ type: 'message', channel: 'C1', user: 'UBEN', text: 'hello all', ts: '9.9' }, { eventId: 'EvTop' }));
      await postToSlackEndpoint(
        bot.baseUrl,
        eventBody({ type: 'message', channel: 'C1', user: 'UX', bot_id: 'B2', text: 'beep', ts: '9.8', thread_ts: root }, { eventId: 'EvBot' }),
      );
      await new Promise((done) => setTimeout(done, 300));
      expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 0 }]);
    });

    it('refuses a stale button press and a forged one without changing anything', async () => {
      const next = buttons(sessionMessage().call).find((b) => b.text === 'Next');
      await press('UANA', next?.value);
      await eventually(async () => expect(await rows('select phase from sessions')).toEqual([{ phase: 'reflection' }]));
      // The same press again is a retry: answered with nothing. An old button with a fresh nonce is stale.
      await press('UANA', next?.value);
      await press('UANA', JSON.stringify({ ...JSON.parse(next?.value ?? '{}'), nonce: 'another-press-1' }));
      await press('UANA', '{"kind":"session.close","sessionId":99999,"phase":"reflection","nonce":"made-up-nonce"}');
      await press('UANA', 'not json at all');
      await eventually(async () => expect(await rows('select count(*)::int as n from event_receipts where handled_at is not null and event_id like \'action:%\'')).toEqual([{ n: 5 }]));
      await eventually(() =>
        expect(bot.fake.callsTo('chat.postEphemeral').map((c) => c.text).sort()).toEqual([
          'That button or form does not belong here, so nothing was changed.',
          'That button or form does not belong here, so nothing was changed.',
          'This session has moved on already, so nothing was changed.',
        ]),
      );
      expect(await rows('select phase from sessions')).toEqual([{ phase: 'reflection' }]);
    });
  });

  it('publishes the Home tab, whose button opens the check-in form for that community', async () => {
    await circle('UANA', 'setup Grade 3 Literacy');
    await circle('UANA', 'start');
    const root = await eventually(() => sessionMessage().ts);
    await threadReply('UBEN', 'Hello all', root);
    await eventually(async () => expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 1 }]));
    const opened = eventBody({ type: 'app_home_opened', user: 'UBEN', channel: 'DBEN', tab: 'home' }, { eventId: 'EvHome' });
    expect((await postToSlackEndpoint(bot.baseUrl, opened)).status).toBe(200);
    const view = await eventually(() => {
      const call = bot.fake.callsTo('views.publish').at(-1);
      expect(call?.user_id).toBe('UBEN');
      return call?.view as { type: string; blocks: { type: string; elements?: { text: { text: string }; value: string }[] }[] };
    });
    expect(view.type).toBe('home');
    expect(JSON.stringify(view.blocks)).toContain('Grade 3 Literacy: a session is open: opening check-in');
    expect(JSON.stringify(view.blocks)).toContain('Grade 3 Literacy, opening: Hello all');
    const share = view.blocks.find((b) => b.type === 'actions')?.elements?.[0];
    expect(share?.text.text).toBe("Share what's working in Grade 3 Literacy");

    // A Home tab button press carries no channel.
    const pressed = await postToSlackEndpoint(
      bot.baseUrl,
      interactionBody({
        type: 'block_actions',
        team: { id: 'T1' },
        user: { id: 'UBEN', username: 'ben' },
        trigger_id: 'trigger-home',
        view: { type: 'home' },
        actions: [{ action_id: 'mc_0', type: 'button', value: share?.value }],
      }),
    );
    expect(pressed.status).toBe(200);
    const modal = await eventually(() => {
      const call = bot.fake.callsTo('views.open').at(-1);
      expect(call?.trigger_id).toBe('trigger-home');
      return call?.view as { private_metadata: string };
    });
    expect(JSON.parse(modal.private_metadata)).toMatchObject({ channel: 'C1', kind: 'checkin' });
  });

  it('sets a goal through a modal with a date picker and a select, then logs progress', async () => {
    await circle('UBEN', 'goal', 'C1', 'trigger-goal');
    const view = await eventually(() => {
      const call = bot.fake.callsTo('views.open').at(-1);
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
      bot.baseUrl,
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
      const call = bot.fake.callsTo('chat.postEphemeral').find((c) => String(c.text).startsWith('Before I save it'));
      expect(call).toBeDefined();
      return call;
    });
    const blocks = coaching?.blocks as { type: string; elements?: { text: { text: string }; value: string }[] }[];
    const save = blocks.find((b) => b.type === 'actions')?.elements?.find((e) => e.text.text === 'Save as it is');
    await press('UBEN', save?.value);
    await eventually(async () =>
      expect(await rows('select specific, cadence, due_on, target from goals')).toEqual([{ specific: 'Exit tickets every Friday', cadence: 'monthly', due_on: '2099-01-01', target: 10 }]),
    );
    await circle('UBEN', 'progress 1 4');
    await eventually(() => expect(bot.fake.responses.map((r) => String(r.body.text))).toContain('Now 4 of 10 exit tickets (your total). Exit tickets every Friday: 4 of 10 exit tickets (40%). By 2099-01-01, checking in every month.'));
  });

  it('uploads a member their own data to their direct messages on `export`', async () => {
    await circle('UANA', 'setup Grade 3');
    await circle('UANA', 'checkin Partner reading works');
    await circle('UANA', 'start');
    await circle('UBEN', 'checkin Exit tickets are working');
    await circle('UANA', 'checkin Choral reading');
    await circle('UBEN', 'export');
    const complete = await eventually(() => {
      const call = bot.fake.callsTo('files.completeUploadExternal').at(-1);
      expect(call).toBeDefined();
      return call as { channel_id: string; initial_comment: string; files: { id: string; title: string }[] };
    });
    expect(bot.fake.callsTo('conversations.open').at(-1)?.users).toBe('UBEN');
    expect(complete.channel_id).toBe('D-UBEN');
    expect(complete.initial_comment).toContain('1 check-in, 0 reflections and 0 goals');
    expect(complete.files.map((f) => f.title)).toEqual([expect.stringMatching(/^mentor-circle-ben-\d{4}-\d{2}-\d{2}\.json$/), expect.stringMatching(/-goals\.csv$/)]);
    const json = bot.fake.uploads.get(complete.files[0]?.id ?? '') ?? '';
    expect(JSON.parse(json).checkins).toEqual([expect.objectContaining({ phase: 'opening', text: 'Exit tickets are working' })]);
    expect(json).not.toContain('Choral reading');
    await eventually(() => expect(bot.fake.responses.map((r) => String(r.body.text))).toContain('I have sent your data to you in a direct message.'));
  });

  describe('at the edge', () => {
    it('refuses a bad signature and a stale timestamp with 401, storing nothing', async () => {
      const post = commandBody({ text: 'setup', user: 'UANA', channel: 'C1', responseUrl: bot.fake.responseUrl('x') });
      expect((await postToSlackEndpoint(bot.baseUrl, post, { secret: 'wrong-secret' })).status).toBe(401);
      const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
      expect((await postToSlackEndpoint(bot.baseUrl, post, { timestamp: tenMinutesAgo })).status).toBe(401);
      const unsigned = await fetch(`${bot.baseUrl}/slack/events`, { method: 'POST', headers: { 'content-type': post.contentType }, body: post.body });
      expect(unsigned.status).toBe(401);
      await new Promise((done) => setTimeout(done, 200));
      expect(await rows('select count(*)::int as n from workspaces')).toEqual([{ n: 0 }]);
      expect(bot.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    });

    it('answers malformed payloads without crashing, and keeps serving', async () => {
      const garbage = [
        { body: '{not json', contentType: 'application/json' },
        { body: JSON.stringify({ type: 'event_callback', event: { type: 'message' } }), contentType: 'application/json' },
        eventBody({ type: 'message', channel: 'C1', user: 'UBEN', text: 42, ts: 1, thread_ts: null }, { eventId: 'EvOdd' }),
        interactionBody({ type: 'block_actions', actions: [] }),
        interactionBody({ type: 'view_submission', view: { callback_id: 'mc_form', private_metadata: '{' } }),
        { body: 'payload=%7B', contentType: 'application/x-www-form-urlencoded' },
        { body: 'command=%2Fcircle&text=help', contentType: 'application/x-www-form-urlencoded' },
      ];
      for (const post of garbage) {
        const response = await postToSlackEndpoint(bot.baseUrl, post);
        expect(response.status, post.body).toBeLessThan(500);
      }
      await circle('UANA', 'help');
      await eventually(() => expect(bot.fake.responses.at(-1)?.body.text).toMatch(/Mentor Circle runs your community sessions/));
    });

    it('still answers /healthz beside the Slack routes', async () => {
      expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);
    });
  });
});
