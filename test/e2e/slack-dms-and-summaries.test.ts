import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/databases.js';
import { eventually, useSlackBot } from '../helpers/slack-bot.js';
import {
  buttonPress,
  commandBody,
  directMessageEvent,
  eventBody,
  postToSlackEndpoint,
} from '../helpers/slack-requests.js';

// Slack as teachers use it, through the real Bolt receiver with signed requests: words typed to the
// bot in its DM are commands answered in that DM, and a long session's summary shows every check-in
// within Slack's limits (3,000 characters a section, 50 blocks a message).

type Block = { type: string; text?: { text: string }; elements?: { text?: unknown; value?: string }[] };

describe('Slack DMs to the bot, and summaries that drop nothing', () => {
  const database = useTestDatabase('pglite');
  const { bot: slack } = useSlackBot(database);

  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database().db)
      .then((r) => r.rows);
  const posts = () => slack().fake.callsTo('chat.postMessage');
  const receipts = (eventId: string) =>
    rows(`select count(*)::int as n from event_receipts where event_id = '${eventId}'`);

  async function send(post: ReturnType<typeof eventBody>) {
    const response = await postToSlackEndpoint(slack().baseUrl, post);
    expect(response.status).toBe(200);
  }

  async function circle(user: string, text: string) {
    const response = await postToSlackEndpoint(
      slack().baseUrl,
      commandBody({
        text,
        user,
        channel: 'C1',
        channelName: 'grade-3',
        responseUrl: slack().fake.responseUrl(`${user}-${text}`),
      }),
    );
    expect(response.status).toBe(200);
  }

  it('answers "help" typed to the bot in its DM, in that DM, stored before the acknowledgement', async () => {
    await send(directMessageEvent({ user: 'UANA', text: 'help', channel: 'DANA', eventId: 'EvDmHelp' }));
    // Stored before Slack got its 200, with where to answer should it be handled again later.
    expect(
      await rows(
        `select payload->'interaction'->>'text' as text, payload->'replay'->'directMessage'->>'channel' as dm from event_receipts where event_id = 'EvDmHelp'`,
      ),
    ).toEqual([{ text: 'help', dm: 'DANA' }]);
    const answer = await eventually(() => {
      const found = posts().find((p) => String(p.text).startsWith('Mentor Circle runs your community sessions'));
      expect(found).toBeDefined();
      return found;
    });
    expect(answer?.channel).toBe('DANA');
    expect(JSON.stringify(answer?.blocks)).toContain('for one command with an example, like `help goal`');
    // Never a channel, never an ephemeral, never a response URL: only the DM.
    expect(posts().every((p) => p.channel === 'DANA')).toBe(true);
    expect(slack().fake.callsTo('chat.postEphemeral')).toEqual([]);
    expect(slack().fake.responses).toEqual([]);
  });

  it('answers in the DM thread a command was typed in, and refuses channel work there', async () => {
    await send(
      directMessageEvent({
        user: 'UBEN',
        text: 'start Fractions',
        channel: 'DBEN',
        eventId: 'EvDmStart',
        threadTs: '1700000000.000100',
      }),
    );
    const answer = await eventually(() => {
      const [found] = posts();
      expect(found).toBeDefined();
      return found;
    });
    expect(answer).toMatchObject({ channel: 'DBEN', thread_ts: '1700000000.000100' });
    expect(await rows('select count(*)::int as n from sessions')).toEqual([{ n: 0 }]);
  });

  it('offers the goal form behind a button when "goal" is typed in the DM, and opens it from there', async () => {
    await send(directMessageEvent({ user: 'UANA', text: 'goal', channel: 'DANA', eventId: 'EvDmGoal' }));
    const offer = await eventually(() => {
      const [found] = posts();
      expect(found).toMatchObject({ channel: 'DANA', text: 'Press the button to open the goal form.' });
      return found;
    });
    const button = (offer?.blocks as Block[]).find((b) => b.type === 'actions')?.elements?.[0];
    const pressed = await postToSlackEndpoint(
      slack().baseUrl,
      buttonPress({ user: 'UANA', value: button?.value, channel: 'DANA', triggerId: 'trigger-goal' }),
    );
    expect(pressed.status).toBe(200);
    const opened = await eventually(() => {
      const call = slack().fake.callsTo('views.open').at(-1);
      expect(call?.trigger_id).toBe('trigger-goal');
      return call?.view as { title: { text: string } };
    });
    expect(opened.title.text).toBe('A new goal');
  });

  it('answers a DM that Slack sends again once', async () => {
    const event = directMessageEvent({ user: 'UANA', text: 'help', channel: 'DANA', eventId: 'EvDmTwice', ts: '6.1' });
    await send(event);
    const retried = await postToSlackEndpoint(slack().baseUrl, event, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retried.status).toBe(200);
    // Whether an event is new is settled before its acknowledgement: the retry was known as one then.
    await eventually(async () =>
      expect(
        await rows(`select handled_at is not null as handled from event_receipts where event_id = 'EvDmTwice'`),
      ).toEqual([{ handled: true }]),
    );
    await eventually(() => expect(posts()).toHaveLength(1));
    expect(await receipts('EvDmTwice')).toEqual([{ n: 1 }]);
  });

  it('answers a DM command handled again from what was stored, in the same DM thread', async () => {
    await send(
      directMessageEvent({
        user: 'UBEN',
        text: 'help',
        channel: 'DBEN',
        eventId: 'EvDmReplay',
        threadTs: '1700000000.000200',
      }),
    );
    await eventually(() => expect(posts()).toHaveLength(1));
    // What a replica that finds the event unhandled reads back, handled through the adapter again.
    const [stored] = await rows(`select payload from event_receipts where event_id = 'EvDmReplay'`);
    const { incoming, interaction, replay } = stored?.payload as {
      incoming: never;
      interaction: never;
      replay: Record<string, unknown>;
    };
    await slack().replay(incoming, interaction, replay);
    expect(posts().map((p) => [p.channel, p.thread_ts])).toEqual([
      ['DBEN', '1700000000.000200'],
      ['DBEN', '1700000000.000200'],
    ]);
    expect(slack().fake.callsTo('chat.postEphemeral')).toEqual([]);
  });

  it('takes neither its own answers nor edits in a DM as commands', async () => {
    // The bot's own messages in the DM come back as message.im events too.
    await send(
      eventBody(
        { type: 'message', channel: 'DANA', channel_type: 'im', user: 'UBOT', bot_id: 'BBOT', text: 'help', ts: '5.1' },
        { eventId: 'EvDmOwn' },
      ),
    );
    await send(
      eventBody(
        {
          type: 'message',
          subtype: 'message_changed',
          channel: 'DANA',
          channel_type: 'im',
          message: { user: 'UANA', text: 'help', ts: '5.2' },
          previous_message: { user: 'UANA', text: 'hlp', ts: '5.2' },
        },
        { eventId: 'EvDmEdit' },
      ),
    );
    await send(
      eventBody(
        {
          type: 'message',
          subtype: 'file_share',
          channel: 'DANA',
          channel_type: 'im',
          user: 'UANA',
          text: 'help',
          ts: '5.3',
        },
        { eventId: 'EvDmFile' },
      ),
    );
    // A command is stored before its acknowledgement: none of these was taken as one.
    for (const eventId of ['EvDmOwn', 'EvDmEdit', 'EvDmFile'])
      expect(await receipts(eventId), eventId).toEqual([{ n: 0 }]);

    await send(directMessageEvent({ user: 'UANA', text: 'help', channel: 'DANA', eventId: 'EvDmReal' }));
    await eventually(async () =>
      expect(
        await rows(`select handled_at is not null as handled from event_receipts where event_id = 'EvDmReal'`),
      ).toEqual([{ handled: true }]),
    );
    expect(posts()).toHaveLength(1);
  });

  it('shows every check-in of a 12-person session with long answers, within Slack limits', async () => {
    const people = Array.from({ length: 12 }, (_, i) => ({
      id: `UT${String(i + 1).padStart(2, '0')}`,
      name: `Teacher ${i + 1}`,
    }));
    for (const person of people)
      slack().fake.users.set(person.id, { id: person.id, name: person.name, tz: 'Europe/London' });
    // About 900 characters each, with emoji of several code units (a family, a flag, a skin tone).
    const words = (n: number) =>
      Array.from({ length: 24 }, (_, k) => `step ${n}.${k} went well 👩‍👩‍👧 🇬🇧 👍🏽`)
        .join(', ')
        .padEnd(900, ' and more.');
    for (const n of [1, 12]) expect(words(n).length).toBeGreaterThanOrEqual(900);

    await circle('UT01', 'setup Grade 3');
    await circle('UT01', 'start Reading');
    const root = await eventually(() => {
      const found = posts().find(
        (p) => Array.isArray(p.blocks) && (p.blocks as Block[]).some((b) => b.type === 'actions'),
      );
      expect(found).toBeDefined();
      return {
        ts: String(slack().fake.calls.find((c) => c.args === found)?.response.ts),
        blocks: found?.blocks as Block[],
      };
    });

    // The check-in form opens within Slack's input limits (plain_text_input takes max_length 1-3000).
    const share = root.blocks.find((b) => b.type === 'actions')?.elements?.[0];
    await postToSlackEndpoint(
      slack().baseUrl,
      buttonPress({ user: 'UT02', value: share?.value, triggerId: 'trigger-share' }),
    );
    const modal = await eventually(() => {
      const opened = slack().fake.callsTo('views.open').at(-1)?.view as
        { blocks: { element?: { type: string; max_length?: number } }[] } | undefined;
      expect(opened).toBeDefined();
      return opened;
    });
    const inputs = modal?.blocks.flatMap((b) => (b.element?.type === 'plain_text_input' ? [b.element] : [])) ?? [];
    expect(inputs).toHaveLength(1);
    for (const input of inputs) {
      expect(input.max_length).toBeGreaterThanOrEqual(1);
      expect(input.max_length).toBeLessThanOrEqual(3000);
    }

    for (const [index, person] of people.entries()) {
      await send(
        eventBody(
          {
            type: 'message',
            channel: 'C1',
            channel_type: 'channel',
            user: person.id,
            text: words(index + 1),
            ts: `1800000000.${index + 10}`,
            thread_ts: root.ts,
          },
          { eventId: `EvLong${index}` },
        ),
      );
    }
    await eventually(async () => expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 12 }]));

    await circle('UT01', 'close');
    await eventually(async () => expect(await rows('select phase from sessions')).toEqual([{ phase: 'closing' }]));
    await circle('UT01', 'close');
    await eventually(async () => expect(await rows('select phase from sessions')).toEqual([{ phase: 'closed' }]));

    const summary = await eventually(async () => {
      const parts = posts().filter((p) => String(p.text).startsWith('Session summary'));
      const texts = parts.flatMap((p) => (p.blocks as Block[]).map((b) => b.text?.text ?? ''));
      // The last part thanks everyone: every part has been posted once it is there.
      expect(texts.some((t) => t.includes('Thank you for making time for each other'))).toBe(true);
      return { parts, texts };
    });
    expect(summary.parts.every((p) => p.thread_ts === root.ts)).toBe(true);
    // Twelve answers of 900 characters do not fit one section; they are several, over more than one message.
    expect(summary.parts.length).toBeGreaterThan(1);
    const shown = summary.texts.join('\n');
    for (const [index, person] of people.entries())
      expect(shown, person.name).toContain(`• ${person.name}: ${words(index + 1)}`);

    // Every message the bot posted is one Slack takes.
    for (const post of posts()) {
      const blocks = post.blocks as Block[];
      expect(blocks.length).toBeLessThanOrEqual(50);
      for (const block of blocks) expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
      expect(String(post.text).length).toBeLessThanOrEqual(3000);
    }
  });
});
