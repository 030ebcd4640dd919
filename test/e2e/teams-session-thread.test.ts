import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FakeTeams } from '../helpers/fake-teams.js';
import { ANA, BEN } from '../helpers/teams-activities.js';
import { textOf, useTeamsCircle } from '../helpers/teams-circle.js';

// What reaches an open session in Teams: card buttons and forms, personal chats that cannot be had,
// edits and deletions, @mentions and chatter.

describe('an open session in Microsoft Teams', () => {
  const { database, bot, say, send, rows, sessionCard, inThread, toPersonal } = useTeamsCircle();

  let root: string;
  beforeEach(async () => {
    await send(say().installPersonal(BEN));
    await send(say().channelPost(ANA, 'setup Grade 3'));
    await send(say().channelPost(ANA, 'start'));
    root = sessionCard().id;
  });

  it('opens the check-in card in the personal chat from the session card, and records its answers for the channel', async () => {
    const share = FakeTeams.buttons(sessionCard()).find((b) => b.title === "Share what's working");
    await send(say().submit(BEN, share?.data ?? {}, { root }));
    const form = toPersonal('ben').at(-1);
    const card = form?.activity.attachments?.[0]?.content;
    expect(card?.body.filter((b) => String(b.type).startsWith('Input.')).map((b) => [b.type, b.id])).toEqual([
      ['Input.Text', 'text'],
      ['Input.Toggle', 'share'],
    ]);
    const submit = card?.actions?.[0]?.data ?? {};
    await send(say().submit(BEN, { ...submit, text: 'Students leading the warm-up', share: 'true' }, 'personal'));
    expect(await rows(`select c.text, c.shared_with_leaders, c.source from checkins c`)).toEqual([
      { text: 'Students leading the warm-up', shared_with_leaders: true, source: 'form' },
    ]);
    expect(textOf(toPersonal('ben').at(-1))).toContain('Thanks, Ben Okafor');
  });

  it('opens a personal chat with someone who never wrote to the bot, and answers there', async () => {
    await send(say().threadReply(ANA, root, 'Our morning meeting works'));
    expect(bot().fake.opened()).toEqual([ANA.id]);
    expect(
      bot()
        .fake.messages()
        .filter((s) => s.conversation === `a:opened-${ANA.id}`)
        .map(textOf),
    ).toEqual([expect.stringContaining('Thanks, Ana Ruiz')]);
    expect(inThread(root)).toHaveLength(1);
  });

  it('answers someone who blocked the bot in the thread, without saying what is private', async () => {
    bot().fake.blocked.add(ANA.id);
    await send(say().threadReply(ANA, root, 'Our morning meeting works'));
    const note = inThread(root).at(-1);
    expect(note?.activityId).toBeDefined();
    expect(textOf(note)).toMatch(/^Ana Ruiz, I have an answer that only you should see/);
    expect(textOf(note)).not.toContain('morning meeting');
    expect(await rows('select text from checkins')).toEqual([{ text: 'Our morning meeting works' }]);
  });

  it("never shows a form listing someone's goals in the channel when their personal chat cannot be had", async () => {
    // Ana has spoken in the channel, blocked the bot in her personal chat, and has a goal.
    bot().fake.blocked.add(ANA.id);
    const goal = await sql<{ id: number }>`
      insert into goals (workspace_id, member_id, specific, measure, target, unit, due_on, created_at)
      select workspace_id, id, 'Call every parent this month', '30 calls', 30, 'calls', '2099-01-01', now() from members where external_id = ${ANA.id}
      returning id`.execute(database().db);
    await send(
      say().submit(
        ANA,
        { mcAction: { kind: 'nudge.progress', goalIds: goal.rows.map((g) => g.id), nonce: 'progress-press-1' } },
        { root },
      ),
    );
    // Not in any text, card or choice the bot sent anywhere.
    const everything = JSON.stringify(bot().fake.sent.map((s) => s.activity));
    expect(everything).not.toContain('Call every parent');
    expect(textOf(inThread(root).at(-1))).toMatch(/^Ana Ruiz, I have an answer that only you should see/);
    expect(inThread(root).filter((s) => s.activity.attachments?.length)).toEqual([]);
  });

  it('refuses a stale card button and forged card data without changing anything', async () => {
    await send(say().installPersonal(ANA));
    const next = FakeTeams.buttons(sessionCard()).find((b) => b.title === 'Next');
    await send(say().submit(ANA, next?.data ?? {}, { root }));
    expect(await rows('select phase from sessions')).toEqual([{ phase: 'reflection' }]);
    // The same press again is a retry, answered with nothing; the old button with a fresh nonce is stale.
    await send(say().submit(ANA, next?.data ?? {}, { root }));
    await send(
      say().submit(ANA, { mcAction: { ...(next?.data.mcAction as object), nonce: 'another-press-1' } }, { root }),
    );
    await send(
      say().submit(
        ANA,
        { mcAction: { kind: 'session.close', sessionId: 99999, phase: 'reflection', nonce: 'made-up-nonce' } },
        { root },
      ),
    );
    await send(say().submit(ANA, { somebody: 'else' }, { root }));
    await send(
      say().submit(
        ANA,
        { mcForm: { kind: 'checkin', context: { sessionId: 'x' }, nonce: 'made-up-nonce' }, text: 'hi' },
        { root },
      ),
    );
    expect(toPersonal('ana').map(textOf)).toEqual([
      'This session has moved on already, so nothing was changed.',
      'That button or form does not belong here, so nothing was changed.',
      'That button or form does not belong here, so nothing was changed.',
      'That button or form does not belong here, so nothing was changed.',
    ]);
    expect(await rows('select phase from sessions')).toEqual([{ phase: 'reflection' }]);
    expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 0 }]);
  });

  it('follows an edited and a deleted thread reply', async () => {
    await send(say().threadReply(BEN, root, 'Draft', { id: '1700000099001' }));
    expect(await rows('select text from checkins')).toEqual([{ text: 'Draft' }]);
    const edit = {
      ...say().threadReply(BEN, root, 'Final', { id: '1700000099001' }),
      type: 'messageUpdate',
      channelData: { ...say().threadReply(BEN, root, '').channelData, eventType: 'editMessage' },
    };
    await send(edit);
    expect(await rows('select text from checkins')).toEqual([{ text: 'Final' }]);
    await send({
      ...edit,
      type: 'messageDelete',
      text: undefined,
      channelData: { ...edit.channelData, eventType: 'softDeleteMessage' },
    });
    expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 0 }]);
  });

  it("takes a facilitator's @mention with a command in the thread as the command, and a teacher's as an answer", async () => {
    await send(say().threadReply(BEN, root, 'next', { mention: true }));
    expect(await rows('select phase from sessions')).toEqual([{ phase: 'opening' }]);
    expect(await rows('select text from checkins')).toEqual([{ text: 'next' }]);
    await send(say().threadReply(ANA, root, 'next', { mention: true }));
    expect(await rows('select phase from sessions')).toEqual([{ phase: 'reflection' }]);
  });

  it('ignores top-level channel chatter that does not address the bot', async () => {
    await send(say().channelPost(BEN, 'hello all', { mention: false }));
    expect(await rows('select count(*)::int as n from checkins')).toEqual([{ n: 0 }]);
    expect(bot().fake.messages()).toHaveLength(3);
  });
});
