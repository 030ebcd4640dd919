import { beforeEach, describe, expect, it } from 'vitest';
import { eventBody, postToSlackEndpoint } from '../helpers/slack-requests.js';
import { eventually } from '../helpers/slack-bot.js';
import { buttons, useSlackCircle } from '../helpers/slack-circle.js';

// What reaches an open session in Slack: retried events, edits and deletions, mentions, chatter and old buttons.

describe('an open session in Slack', () => {
  const { bot, rows, circle, threadReply, press, sessionMessage, allHandled } = useSlackCircle();

  let root: string;
  const thanks = (name: string) =>
    bot()
      .fake.callsTo('chat.postEphemeral')
      .filter((c) => String(c.text).startsWith(`Thanks, ${name}:`));
  beforeEach(async () => {
    await circle('UANA', 'setup');
    await circle('UANA', 'start');
    root = await eventually(() => sessionMessage().ts);
  });

  it('handles a retried event once, also when the retry arrives during the original', async () => {
    const event = eventBody(
      { type: 'message', channel: 'C1', user: 'UBEN', text: 'Once only', ts: '1.1', thread_ts: root },
      { eventId: 'EvDup' },
    );
    const [first, second] = await Promise.all([
      postToSlackEndpoint(bot().baseUrl, event),
      postToSlackEndpoint(bot().baseUrl, event, {
        headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
      }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await postToSlackEndpoint(bot().baseUrl, event, { headers: { 'x-slack-retry-num': '2' } });
    // Each delivery is stored, or found stored already, before it is answered: one receipt for all three.
    expect(await rows(`select count(*)::int as n from event_receipts where event_id = 'EvDup'`)).toEqual([{ n: 1 }]);
    // Ana answers after all three were acknowledged. A second handling of Ben's answer would have
    // begun before hers, doing the same work on the same database, so its thanks would come first.
    await threadReply('UANA', 'After the retries', root);
    await eventually(() => expect(thanks('Ana')).toHaveLength(1));
    await allHandled();
    expect(await rows('select text from checkins order by id')).toEqual([
      { text: 'Once only' },
      { text: 'After the retries' },
    ]);
    expect(thanks('Ben')).toHaveLength(1);
  });

  it('follows an edited and a deleted reply', async () => {
    await threadReply('UBEN', 'Draft', root, '5.5');
    await eventually(async () => expect(await rows('select text from checkins')).toEqual([{ text: 'Draft' }]));
    await postToSlackEndpoint(
      bot().baseUrl,
      eventBody(
        {
          type: 'message',
          subtype: 'message_changed',
          channel: 'C1',
          message: { user: 'UBEN', text: 'Final', ts: '5.5', thread_ts: root },
          previous_message: { user: 'UBEN', text: 'Draft', ts: '5.5', thread_ts: root },
        },
        { eventId: 'EvEdit' },
      ),
    );
    await eventually(async () => expect(await rows('select text from checkins')).toEqual([{ text: 'Final' }]));
    await postToSlackEndpoint(
      bot().baseUrl,
      eventBody(
        {
          type: 'message',
          subtype: 'message_deleted',
          channel: 'C1',
          deleted_ts: '5.5',
          previous_message: { user: 'UBEN', text: 'Final', ts: '5.5', thread_ts: root },
        },
        { eventId: 'EvDel' },
      ),
    );
    await eventually(async () => expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 0 }]));
  });

  it('treats a facilitator mentioning the bot with a command in the thread as the command', async () => {
    await threadReply('UANA', '<@UBOT> next', root);
    await eventually(async () => expect(await rows('select phase from sessions')).toEqual([{ phase: 'reflection' }]));
    expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 0 }]);
  });

  it('ignores bot messages and top-level chatter', async () => {
    await postToSlackEndpoint(
      bot().baseUrl,
      eventBody({ type: 'message', channel: 'C1', user: 'UBEN', text: 'hello all', ts: '9.9' }, { eventId: 'EvTop' }),
    );
    await postToSlackEndpoint(
      bot().baseUrl,
      eventBody(
        { type: 'message', channel: 'C1', user: 'UX', bot_id: 'B2', text: 'beep', ts: '9.8', thread_ts: root },
        { eventId: 'EvBot' },
      ),
    );
    // An event is stored before it is answered, and only a stored one is handled: neither was.
    expect(await rows(`select event_id from event_receipts where event_id in ('EvTop', 'EvBot')`)).toEqual([]);
    // Ben's answer goes after both and is handled; had either been taken, it would be among the check-ins.
    await threadReply('UBEN', 'A real answer', root);
    await eventually(() => expect(thanks('Ben')).toHaveLength(1));
    await allHandled();
    expect(await rows('select text from checkins')).toEqual([{ text: 'A real answer' }]);
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
    await eventually(async () =>
      expect(
        await rows(
          "select count(*)::int as n from event_receipts where handled_at is not null and event_id like 'action:%'",
        ),
      ).toEqual([{ n: 5 }]),
    );
    await eventually(() =>
      expect(
        bot()
          .fake.callsTo('chat.postEphemeral')
          .map((c) => c.text)
          .sort(),
      ).toEqual([
        'That button or form does not belong here, so nothing was changed.',
        'That button or form does not belong here, so nothing was changed.',
        'This session has moved on already, so nothing was changed.',
      ]),
    );
    expect(await rows('select phase from sessions')).toEqual([{ phase: 'reflection' }]);
  });
});
