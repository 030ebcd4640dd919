import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../helpers/databases.js';
import { eventually } from '../helpers/slack-bot.js';
import { eventBody, formSubmission, postToSlackEndpoint } from '../helpers/slack-requests.js';
import { slackPresses } from '../helpers/slack-presses.js';

// Presses and forms through the real Slack receiver, signed as Slack signs them: each acts on what
// the server holds, for someone Slack says may act there, in the channel and session it names.

describe.each(testDatabaseKinds)('presses and forms in Slack, by channel (%s)', (kind) => {
  const { bot, logLines, rows, answersTo, ephemeralsTo, press, circle, modal } = slackPresses(kind);

  const sessionButtons = (channel: string) =>
    eventually(() => {
      const call = bot()
        .fake.callsTo('chat.postMessage')
        .find(
          (c) =>
            c.channel === channel && (c.blocks as { type: string }[] | undefined)?.some((b) => b.type === 'actions'),
        );
      const elements = (
        call?.blocks as { type: string; elements?: { text: { text: string }; value: string }[] }[] | undefined
      )?.find((b) => b.type === 'actions')?.elements;
      expect(elements).toBeDefined();
      return new Map((elements ?? []).map((e) => [e.text.text, e.value]));
    });

  async function twoCircles(): Promise<{ c1: number; c2: number }> {
    await circle('UANA', 'setup Grade 3', 'C1');
    await circle('UCHO', 'setup Grade 5', 'C2');
    await eventually(async () => expect(await rows('select count(*)::int as n from communities')).toEqual([{ n: 2 }]));
    await circle('UANA', 'start', 'C1');
    await circle('UCHO', 'start', 'C2');
    const sessions = await eventually(async () => {
      const found = await rows(
        'select s.id, c.channel_id from sessions s join communities c on c.id = s.community_id order by c.channel_id',
      );
      expect(found).toHaveLength(2);
      return found;
    });
    return { c1: Number(sessions[0]?.id), c2: Number(sessions[1]?.id) };
  }

  it("refuses a modal naming another channel's session, or another workspace's, and a teacher pressing a facilitator's button", async () => {
    const { c2 } = await twoCircles();
    await circle('UBEN', 'checkin', 'C1', 'trigger-ben-checkin');
    const metadata = JSON.parse((await modal('trigger-ben-checkin')).private_metadata) as Record<string, unknown>;
    const text = { type: 'plain_text_input', value: 'Words meant for Grade 5' };
    const share = { type: 'checkboxes', selected_options: [{ value: 'yes' }] };
    // Ben is not in C2, whose session his forged modal names, with C2 as its channel.
    await postToSlackEndpoint(
      bot().baseUrl,
      formSubmission({
        user: 'UBEN',
        privateMetadata: JSON.stringify({ ...metadata, context: { sessionId: c2 }, channel: 'C2' }),
        values: { text, share },
      }),
    );
    // Another workspace names it too.
    await postToSlackEndpoint(
      bot().baseUrl,
      formSubmission({
        user: 'UCHO',
        team: 'T2',
        privateMetadata: JSON.stringify({
          ...metadata,
          context: { sessionId: c2 },
          channel: 'C2',
          nonce: 'elsewhere-1',
        }),
        values: { text, share },
      }),
    );
    // A teacher presses the facilitators' Next.
    await press('UBEN', (await sessionButtons('C1')).get('Next'));
    await eventually(() => expect(ephemeralsTo('UBEN')).toHaveLength(2));
    expect(ephemeralsTo('UBEN').sort()).toEqual([
      expect.stringMatching(/^Only facilitators of Grade 3/),
      'That button or form does not belong here, so nothing was changed.',
    ]);
    await eventually(() =>
      expect(ephemeralsTo('UCHO')).toEqual(['That button or form does not belong here, so nothing was changed.']),
    );
    expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 0 }]);
    expect(await rows('select phase from sessions order by id')).toEqual([{ phase: 'opening' }, { phase: 'opening' }]);
    // Nothing reached C2's thread: its only posts are the bot's own session messages.
    expect(
      bot()
        .fake.callsTo('chat.postMessage')
        .filter((c) => c.channel === 'C2' && String(c.text).includes('Words meant')),
    ).toEqual([]);
    const warned = logLines().filter((line) => line.level === 40 && line.msg.includes('was refused'));
    expect(warned.map((line) => line.code).sort()).toEqual(['BadPayload', 'BadPayload', 'NotFacilitator']);
    expect(JSON.stringify(logLines())).not.toContain('Words meant for Grade 5');
  });

  it('counts a closing form sent during the opening as the opening check-in the session is in', async () => {
    await twoCircles();
    await circle('UBEN', 'checkin', 'C1', 'trigger-ben-closing');
    const metadata = JSON.parse((await modal('trigger-ben-closing')).private_metadata) as {
      context: Record<string, unknown>;
    };
    await postToSlackEndpoint(
      bot().baseUrl,
      formSubmission({
        user: 'UBEN',
        privateMetadata: JSON.stringify({ ...metadata, context: { ...metadata.context, phase: 'closing' } }),
        values: {
          text: { type: 'plain_text_input', value: 'Small groups worked' },
          share: { type: 'checkboxes', selected_options: [] },
        },
      }),
    );
    await eventually(async () =>
      expect(await rows('select phase, text from checkins')).toEqual([
        { phase: 'opening', text: 'Small groups worked' },
      ]),
    );
  });

  it('follows Slack on who is in a channel: a member who left cannot act there from elsewhere, and one who joined can', async () => {
    const { c2 } = await twoCircles();
    await circle('UCHO', 'checkin', 'C2', 'trigger-cho');
    const metadata = (await modal('trigger-cho')).private_metadata;
    // Cho leaves C2 before submitting: Slack's event says so, and the form is refused.
    const circleOf = (user: string) =>
      rows(
        `select co.channel_id from community_members cm join members m on m.id = cm.member_id join communities co on co.id = cm.community_id where m.external_id = '${user}' order by 1`,
      );
    expect(await circleOf('UCHO')).toEqual([{ channel_id: 'C2' }]);
    const left = eventBody(
      { type: 'member_left_channel', user: 'UCHO', channel: 'C2', channel_type: 'C', team: 'T1' },
      { eventId: 'EvLeft' },
    );
    expect((await postToSlackEndpoint(bot().baseUrl, left)).status).toBe(200);
    // No longer counted among C2's members (the digest's circle sizes read these rows).
    await eventually(async () => expect(await circleOf('UCHO')).toEqual([]));
    const values = {
      text: { type: 'plain_text_input', value: 'Still here' },
      share: { type: 'checkboxes', selected_options: [] },
    };
    await postToSlackEndpoint(bot().baseUrl, formSubmission({ user: 'UCHO', privateMetadata: metadata, values }));
    await eventually(() =>
      expect(ephemeralsTo('UCHO')).toEqual(['That button or form does not belong here, so nothing was changed.']),
    );
    // Ben joins C2: the same kind of form from him is taken, for C2's session.
    const joined = eventBody(
      { type: 'member_joined_channel', user: 'UBEN', channel: 'C2', channel_type: 'C', team: 'T1' },
      { eventId: 'EvJoined' },
    );
    expect((await postToSlackEndpoint(bot().baseUrl, joined)).status).toBe(200);
    await postToSlackEndpoint(
      bot().baseUrl,
      formSubmission({
        user: 'UBEN',
        privateMetadata: JSON.stringify({ ...JSON.parse(metadata), nonce: 'ben-form-1' }),
        values,
      }),
    );
    await eventually(async () =>
      expect(await rows('select session_id, text from checkins')).toEqual([{ session_id: c2, text: 'Still here' }]),
    );
  });

  it('asks Slack page by page whether someone is in a channel, and lets a facilitator add only such a person', async () => {
    // 450 people in C1: Ben is on the third page.
    bot().fake.channelMembers.set('C1', [...Array.from({ length: 448 }, (_, i) => `UFILL${i}`), 'UANA', 'UBEN']);
    await circle('UANA', 'setup Grade 3', 'C1');
    await eventually(async () => expect(await rows('select count(*)::int as n from communities')).toEqual([{ n: 1 }]));
    // Ben has not used the bot yet: until he does, he goes by the handle his mention was written with.
    await circle('UANA', 'facilitator add <@UCHO|cho>', 'C1');
    await circle('UANA', 'facilitator add <@UBEN|ben>', 'C1');
    await eventually(() => expect(answersTo('UANA')).toHaveLength(2));
    expect(answersTo('UANA').sort()).toEqual([
      'That person is not in this channel, so they cannot facilitate Grade 3. Add them to the channel first.',
      'ben now facilitates Grade 3.',
    ]);
    const pages = bot()
      .fake.callsTo('conversations.members')
      .filter((c) => c.channel === 'C1');
    expect(pages.some((c) => c.cursor)).toBe(true);
    expect(
      await rows(
        `select m.external_id from community_members cm join members m on m.id = cm.member_id where cm.is_facilitator order by 1`,
      ),
    ).toEqual([{ external_id: 'UANA' }, { external_id: 'UBEN' }]);
  });
});
