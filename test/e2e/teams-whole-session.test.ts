import { describe, expect, it } from 'vitest';
import { FakeTeams, type SentActivity } from '../helpers/fake-teams.js';
import { ANA, BEN, CHANNEL, TENANT } from '../helpers/teams-activities.js';
import { textOf, useTeamsCircle } from '../helpers/teams-circle.js';

// A community session in Teams from setup to summary, commands in a thread, and naming a co-facilitator.

describe('a whole session in Microsoft Teams', () => {
  const { bot, say, send, rows, sessionCard, inThread, toPersonal } = useTeamsCircle();

  it('runs a whole session: setup, thread replies from two teachers, next, reflections, closing and the summary', async () => {
    await send(say().installPersonal(ANA));
    await send(say().installPersonal(BEN));
    await send(say().channelPost(ANA, 'setup Grade 3 Literacy'));
    expect(
      bot()
        .fake.messages()
        .map((s) => [s.conversation, textOf(s)]),
    ).toEqual([
      [CHANNEL, expect.stringContaining('Grade 3 Literacy is now a Mentor Circle community, facilitated by Ana Ruiz')],
    ]);

    await send(say().channelPost(ANA, 'start Small-group reading'));
    const card = sessionCard();
    const root = card.id;
    expect(card.activity.attachments?.[0]?.content).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(FakeTeams.buttons(card).map((b) => b.title)).toEqual(["Share what's working", 'Next', 'Close']);
    expect(inThread(root).map(textOf)).toEqual([expect.stringMatching(/^Opening check-in: what's working\?/)]);

    await send(say().threadReply(ANA, root, 'Partner reading is working well'));
    await send(say().threadReply(BEN, root, 'Exit tickets are getting more thoughtful'));
    expect(await rows('select text from checkins order by text')).toEqual([
      { text: 'Exit tickets are getting more thoughtful' },
      { text: 'Partner reading is working well' },
    ]);
    // The thanks are private: each teacher's personal chat, never the thread.
    expect(toPersonal('ben').map(textOf)).toEqual([expect.stringContaining('Thanks, Ben Okafor')]);
    expect(inThread(root)).toHaveLength(1);

    await send(say().threadReply(ANA, root, 'next', { mention: true }));
    expect(inThread(root).map(textOf).at(-1)).toMatch(/^Reflection: /);
    const updates = bot().fake.sent.filter((s) => s.verb === 'PUT');
    expect(updates.map((u) => [u.conversation, u.activityId])).toEqual([[CHANNEL, root]]);
    expect(textOf(updates[0])).toContain('Now: reflection');

    await send(say().threadReply(ANA, root, 'I will try mixed-level pairs'));
    await send(say().threadReply(BEN, root, 'Next week I will try letting students choose the text'));
    expect(await rows('select count(*)::int as n from reflections')).toEqual([{ n: 2 }]);

    await send(say().channelPost(ANA, 'next'));
    expect(await rows('select phase from sessions')).toEqual([{ phase: 'closing' }]);
    expect(inThread(root).map(textOf).at(-1)).toMatch(/^Closing check-in/);
    await send(say().threadReply(ANA, root, 'Routines that run themselves'));
    await send(say().threadReply(BEN, root, 'Students leading the warm-up'));

    await send(say().channelPost(ANA, 'close'));
    const summary = inThread(root).find((s) => textOf(s).startsWith('Session summary'));
    expect(textOf(summary)).toContain('2 participants · 2 opening check-ins · 2 reflections · 2 closing check-ins');
    expect(textOf(summary)).toContain('Ben Okafor: Students leading the warm-up');
    // The session card is redrawn as closed, without buttons.
    const last = bot()
      .fake.sent.filter((s) => s.verb === 'PUT')
      .at(-1);
    expect(last?.activityId).toBe(root);
    expect(FakeTeams.buttons(last as SentActivity)).toEqual([]);
    expect(
      await rows(
        `select w.platform, w.external_id, m.display_name, m.time_zone from members m join workspaces w on w.id = m.workspace_id order by 3`,
      ),
    ).toEqual([
      { platform: 'teams', external_id: TENANT, display_name: 'Ana Ruiz', time_zone: 'America/Chicago' },
      { platform: 'teams', external_id: TENANT, display_name: 'Ben Okafor', time_zone: 'America/Chicago' },
    ]);
  });

  it('takes words addressed to it in a thread it does not run as a command, and ignores the rest there', async () => {
    await send(say().installPersonal(ANA));
    await send(say().channelPost(ANA, 'setup Grade 3'));
    const welcome = bot().fake.messages()[0]?.id ?? '';
    await send(say().threadReply(BEN, welcome, 'congrats everyone'));
    expect(await rows('select count(*)::int as n from sessions')).toEqual([{ n: 0 }]);
    await send(say().threadReply(ANA, welcome, 'start Fractions', { mention: true }));
    expect(await rows('select topic, phase from sessions')).toEqual([{ topic: 'Fractions', phase: 'opening' }]);
  });

  it('names a co-facilitator by @mention', async () => {
    await send(say().installPersonal(ANA));
    await send(say().channelPost(ANA, 'setup Grade 3'));
    const post = say().channelPost(ANA, `facilitator add <at>${BEN.name}</at>`);
    await send({
      ...post,
      entities: [
        ...post.entities,
        { type: 'mention', mentioned: { id: BEN.id, name: BEN.name }, text: `<at>${BEN.name}</at>` },
      ],
    });
    expect(
      await rows(
        `select m.external_id from community_members cm join members m on m.id = cm.member_id where cm.is_facilitator order by 1`,
      ),
    ).toEqual([{ external_id: ANA.id }, { external_id: BEN.id }]);
  });
});
