import { describe, expect, it } from 'vitest';
import { formSubmission, interactionBody, eventBody, postToSlackEndpoint } from '../helpers/slack-requests.js';
import { eventually } from '../helpers/slack-bot.js';
import { buttons, useSlackCircle } from '../helpers/slack-circle.js';

// A community session in Slack from setup to summary, and the Home tab that shows it.

describe('a whole session in Slack', () => {
  const { bot, rows, posts, circle, threadReply, press, sessionMessage } = useSlackCircle();

  it('runs a whole session: setup, check-ins in the thread, a modal, buttons and the summary', async () => {
    await circle('UANA', 'setup Grade 3 Literacy');
    await eventually(() =>
      expect(posts().map((p) => p.text)).toEqual([
        expect.stringContaining('Grade 3 Literacy is now a Mentor Circle community, facilitated by Ana'),
      ]),
    );

    await circle('UANA', 'start Small-group reading');
    const root = await eventually(() => {
      const found = sessionMessage();
      expect(posts().filter((p) => p.thread_ts === found.ts)).toHaveLength(1);
      return found;
    });
    expect(buttons(root.call).map((b) => b.text)).toEqual(["Share what's working", 'Next', 'Close']);
    expect(posts().find((p) => p.thread_ts === root.ts)?.text).toMatch(
      /^Opening check-in: what&#39;s working\?|^Opening check-in: what's working\?/,
    );

    await threadReply('UANA', 'Partner reading is working well', root.ts);
    await threadReply('UBEN', 'Exit tickets are getting more thoughtful', root.ts);
    await eventually(async () => expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 2 }]));

    await circle('UANA', 'next');
    await eventually(() =>
      expect(posts().some((p) => p.thread_ts === root.ts && String(p.text).startsWith('Reflection: '))).toBe(true),
    );
    expect(bot().fake.callsTo('chat.update').at(-1)?.text).toContain('Now: reflection');

    await threadReply('UANA', 'I will try mixed-level pairs', root.ts);
    await threadReply('UBEN', 'Letting students choose the text', root.ts);
    await eventually(async () => expect(await rows('select count(*)::int as n from reflections')).toEqual([{ n: 2 }]));

    // The Next button on the redrawn session message carries the reflection phase.
    const redrawn = bot().fake.callsTo('chat.update').at(-1) ?? {};
    const next = buttons({ args: redrawn }).find((b) => b.text === 'Next');
    await press('UANA', next?.value);
    await eventually(async () => expect(await rows('select phase from sessions')).toEqual([{ phase: 'closing' }]));

    const closingMessage = await eventually(() => {
      const update = bot().fake.callsTo('chat.update').at(-1) ?? {};
      expect(update.text).toContain('Now: closing');
      return update;
    });
    const share = buttons({ args: closingMessage }).find((b) => b.text === "Share what's working");
    await press('UBEN', share?.value, 'trigger-ben');
    const opened = await eventually(() => {
      const call = bot().fake.callsTo('views.open').at(-1);
      expect(call?.trigger_id).toBe('trigger-ben');
      return call?.view as { private_metadata: string; blocks: { block_id?: string; type: string }[] };
    });
    expect(opened.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(['text', 'share']);
    const submitted = await postToSlackEndpoint(
      bot().baseUrl,
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
      expect(
        await rows(
          `select m.external_id, c.shared_with_leaders from checkins c join members m on m.id = c.member_id where c.phase = 'closing' order by 1`,
        ),
      ).toEqual([
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
    expect(bot().fake.calls.every((c) => c.token === 'xoxb-test-token')).toBe(true);
  });

  it('publishes the Home tab, whose button opens the check-in form for that community', async () => {
    await circle('UANA', 'setup Grade 3 Literacy');
    await circle('UANA', 'start');
    const root = await eventually(() => sessionMessage().ts);
    await threadReply('UBEN', 'Hello all', root);
    await eventually(async () => expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 1 }]));
    const opened = eventBody(
      { type: 'app_home_opened', user: 'UBEN', channel: 'DBEN', tab: 'home' },
      { eventId: 'EvHome' },
    );
    expect((await postToSlackEndpoint(bot().baseUrl, opened)).status).toBe(200);
    const view = await eventually(() => {
      const call = bot().fake.callsTo('views.publish').at(-1);
      expect(call?.user_id).toBe('UBEN');
      return call?.view as {
        type: string;
        blocks: { type: string; elements?: { text: { text: string }; value: string }[] }[];
      };
    });
    expect(view.type).toBe('home');
    expect(JSON.stringify(view.blocks)).toContain('Grade 3 Literacy: a session is open: opening check-in');
    expect(JSON.stringify(view.blocks)).toContain('Grade 3 Literacy, opening: Hello all');
    const share = view.blocks.find((b) => b.type === 'actions')?.elements?.[0];
    expect(share?.text.text).toBe("Share what's working in Grade 3 Literacy");

    // A Home tab button press carries no channel.
    const pressed = await postToSlackEndpoint(
      bot().baseUrl,
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
      const call = bot().fake.callsTo('views.open').at(-1);
      expect(call?.trigger_id).toBe('trigger-home');
      return call?.view as { private_metadata: string };
    });
    expect(JSON.parse(modal.private_metadata)).toMatchObject({ channel: 'C1', kind: 'checkin' });
  });
});
