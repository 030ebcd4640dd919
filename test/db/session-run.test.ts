import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports/store.js';
import { testDatabaseKinds, useTestStore } from '../helpers/databases.js';
import { createDriver } from '../helpers/driver.js';
import type { Sent } from '../helpers/recording-chat.js';
import { storedIn } from '../helpers/stored-rows.js';

// A community session through the core: setting a circle up, a whole session's phases, and what
// becomes of each answer.

// One database of each kind for the file, emptied before each test.
describe.each(testDatabaseKinds)('on %s', (kind) => {
  const newStore = useTestStore(kind);
  const stored = storedIn(newStore.database);

  const texts = (sent: Sent[], kind: Sent['kind']) =>
    sent.filter((s) => s.kind === kind).map((s) => ('message' in s ? s.message.text : ''));
  const privateTo = (sent: Sent[], user: string) =>
    sent.filter((s) => s.kind === 'ephemeral' && s.user === user).map((s) => ('message' in s ? s.message.text : ''));

  describe('a community session', () => {
    let store: Store;
    let bot: ReturnType<typeof createDriver>;
    const ana = () => bot.as('ana');
    const ben = () => bot.as('ben');

    beforeEach(async () => {
      store = newStore();
      bot = createDriver(store);
      await ana().say('setup Grade 3 Literacy');
      bot.chat.take();
    });

    it('keeps the only facilitator of a circle with members from forgetting themselves until they name another', async () => {
      await ben().say('help');
      bot.chat.take();
      await ana().press({ kind: 'forget.confirm' });
      expect(privateTo(bot.chat.take(), 'ana')).toEqual([
        'Nothing was deleted. You are the only facilitator of Grade 3 Literacy, and a circle needs one to run its sessions. Name another first with `facilitator add @person` in its channel, then try again.',
      ]);
      expect((await stored.members()).map((m) => m.externalId)).toContain('ana');
      await ana().say('facilitator add <@ben|ben>');
      await ana().say('admin add <@ben|ben>');
      await ana().press({ kind: 'forget.confirm' });
      expect(privateTo(bot.chat.take(), 'ana').at(-1)).toContain(
        'Done: everything Mentor Circle kept of yours is deleted',
      );
      expect((await stored.members()).map((m) => m.externalId)).toEqual(['ben']);
    });

    it("answers `prompts weekly` with the day and time it set, in the circle's zone", async () => {
      await ana().say('prompts weekly wed 12:00');
      await ana().say('prompts weekly fri 3:30pm');
      expect(privateTo(bot.chat.take(), 'ana')).toEqual([
        'A reflection prompt will go to the channel on Wednesdays at 12:00, America/Chicago time, on school days only. Replies in its thread count as reflections.',
        'A reflection prompt will go to the channel on Fridays at 15:30, America/Chicago time, on school days only. Replies in its thread count as reflections.',
      ]);
    });

    it('makes the channel a community with its runner as facilitator', async () => {
      const [community] = await stored.communities();
      expect(community).toMatchObject({ name: 'Grade 3 Literacy', channelId: 'C-circle', timeZone: 'America/Chicago' });
      const anaId = (await stored.members()).find((m) => m.externalId === 'ana')?.id;
      expect(await stored.memberships()).toEqual([
        { communityId: community?.id, memberId: anaId, isFacilitator: true },
      ]);
    });

    it('names the community after the channel when no name is given', async () => {
      await bot.as('ana', 'C-maths').say('setup');
      expect((await stored.communities()).map((c) => c.name)).toEqual(['Grade 3 Literacy', 'C-maths']);
    });

    it('refuses a second setup and a setup in a direct message', async () => {
      await ben().say('setup Another');
      await bot.as('ben', 'D-ben').say('setup');
      expect(privateTo(bot.chat.take(), 'ben')).toEqual([
        'This channel is already the community Grade 3 Literacy.',
        'Run `setup` in the channel you want to turn into a community.',
      ]);
      expect(await stored.communities()).toHaveLength(1);
    });

    it('runs a whole session: check-ins, a reflection prompt, closing check-ins and a summary', async () => {
      await ana().say('start Small-group reading');
      let sent = bot.chat.take();
      const root = sent.find((s) => s.kind === 'post');
      expect(root?.message.text).toContain('Grade 3 Literacy session: Small-group reading');
      expect(root?.message.buttons?.map((b) => b.label)).toEqual(["Share what's working", 'Next', 'Close']);
      expect(texts(sent, 'reply')[0]).toMatch(/^Opening check-in: what's working\?/);

      await ana().reply('Partner reading is working well');
      await ben().reply('Exit tickets are getting more thoughtful');
      await ana().say('next');
      sent = bot.chat.take();
      const prompt = texts(sent, 'reply').find((t) => t.startsWith('Reflection:'));
      expect(prompt).toBeDefined();
      expect(await stored.posts()).toHaveLength(1);
      expect(texts(sent, 'update')[0]).toContain('Now: reflection');

      await ana().reply('I will try mixed-level pairs');
      await ben().say('checkin Letting students choose the text');
      await ana().say('next');
      sent = bot.chat.take();
      expect(texts(sent, 'reply').some((t) => t.startsWith("Closing check-in: what's working now?"))).toBe(true);

      await ana().reply('Routines that run themselves');
      await ben().reply('Students leading the warm-up');
      await ana().say('close');
      sent = bot.chat.take();
      const summary = bot.chat.replies(sent).find((m) => m.text.startsWith('Session summary'));
      expect(summary?.text).toBe(
        'Session summary: Small-group reading (Grade 3 Literacy)\n2 participants · 2 opening check-ins · 2 reflections · 2 closing check-ins',
      );
      const body = summary?.sections?.join('\n') ?? '';
      expect(body).toContain('• ana: Partner reading is working well');
      expect(body).toContain('• ben: Students leading the warm-up');
      expect(texts(sent, 'update')[0]).toContain('Closed, with 2 participants');
      expect((await stored.sessions())[0]).toMatchObject({ phase: 'closed', closedAt: bot.now });
    });

    it('counts a facilitator who only reflected as a participant', async () => {
      await ana().say('start');
      await ben().reply('Read-alouds');
      await ana().say('next');
      await ana().reply('More wait time');
      await ana().say('close');
      await ana().say('close');
      const summary = bot.chat.replies().find((m) => m.text.startsWith('Session summary'));
      expect(summary?.text).toContain('2 participants · 1 opening check-in · 1 reflection · 0 closing check-ins');
    });

    it('keeps every check-in a person gives in a phase, and says a command adds to the earlier one', async () => {
      await ana().say('start');
      await ben().reply('First thought');
      await ben().say('checkin Better thought');
      expect((await stored.checkins()).map((c) => [c.memberName, c.phase, c.text])).toEqual([
        ['ben', 'opening', 'First thought'],
        ['ben', 'opening', 'Better thought'],
      ]);
      expect(privateTo(bot.chat.take(), 'ben').at(-1)).toBe(
        'Thanks, ben: your opening check-in is saved too: it adds to what you said earlier, which is kept, and the summary shows them together.',
      );
    });

    it('shows several replies together in the summary, one participant, an edit changing only its own', async () => {
      await ana().say('start');
      await ben().reply('Number talks', 'm1');
      await ben().reply('Exit tikets', 'm2');
      await ben().edit('m2', 'Exit tickets');
      await ana().say('next');
      await ana().say('close');
      await ana().say('close');
      const summary = bot.chat.replies().find((m) => m.text.startsWith('Session summary'));
      expect(summary?.text).toContain('1 participant · 1 opening check-in · 0 reflections');
      expect(summary?.sections?.[0]).toBe(
        "What's working, at the start:\n• ben:\n   – Number talks\n   – Exit tickets",
      );
    });

    it('counts answers after a second prompt under that prompt', async () => {
      await ana().say('start');
      await ana().say('next');
      await ben().reply('On the first prompt');
      await ben().say('checkin And one more thing');
      expect(privateTo(bot.chat.take(), 'ben').at(-1)).toBe(
        'Thanks, ben: your reflection is saved too: it adds to what you said earlier, which is kept, and the summary shows them together.',
      );
      await ana().say('prompt');
      await ben().reply('On the second prompt');
      await bot.as('cy').reply('Me too, on the second');
      await ana().say('close');
      await ana().say('close');
      const summary = bot.chat.replies().find((m) => m.text.startsWith('Session summary'));
      const reflections = (summary?.sections ?? []).filter((section) => section.startsWith('Reflection:'));
      expect(reflections).toHaveLength(2);
      expect(reflections[0]).toMatch(
        /\(2 answers in the thread\)\n• ben:\n {3}– On the first prompt\n {3}– And one more thing$/,
      );
      expect(reflections[1]).toMatch(
        /\(2 answers in the thread\)\n• ben: On the second prompt\n• cy: Me too, on the second$/,
      );
    });

    it('posts a check-in given by command into the session thread for peers to see', async () => {
      await ana().say('start');
      const thread = bot.sessionThread();
      bot.chat.take();
      await ben().say('checkin Choral reading');
      const reply = bot.chat.take().find((s) => s.kind === 'reply');
      expect(reply).toMatchObject({ thread: { id: thread }, message: { text: 'ben: Choral reading' } });
    });

    it('treats a facilitator reply that is exactly a command as the command', async () => {
      await ana().say('start');
      await ana().reply('next');
      expect((await stored.sessions())[0]?.phase).toBe('reflection');
      expect(await stored.checkins()).toEqual([]);
    });

    it('treats a facilitator reply that merely starts like a command as an answer', async () => {
      await ana().say('start');
      await ana().reply('Next week I will try reading buddies');
      expect((await stored.sessions())[0]?.phase).toBe('opening');
      expect((await stored.checkins()).map((c) => c.text)).toEqual(['Next week I will try reading buddies']);
    });

    it('records a member reply that looks like a command as an answer', async () => {
      await ana().say('start');
      await ben().reply('next');
      expect((await stored.sessions())[0]?.phase).toBe('opening');
      expect((await stored.checkins()).map((c) => c.text)).toEqual(['next']);
    });

    it('refuses session commands outside a community, from members, and without a session', async () => {
      await bot.as('ana', 'C-other').say('start');
      await ben().say('start');
      await ana().say('next');
      await ana().say('close');
      await ben().say('checkin hello');
      const sent = bot.chat.take();
      expect(privateTo(sent, 'ana')).toEqual([
        "This channel isn't a community yet. Run `setup` here to make it one.",
        'Grade 3 Literacy has no open session. A facilitator can open one with `start [topic]`.',
        'Grade 3 Literacy has no open session. A facilitator can open one with `start [topic]`.',
      ]);
      expect(privateTo(sent, 'ben')).toEqual([
        'Only facilitators of Grade 3 Literacy can start sessions. If you would like to help run sessions, ask one of them to add you.',
        // Words with no session to take them are handed back, not lost.
        'No session is open in Grade 3 Literacy, so nothing was saved; here is what you wrote so you can keep it:',
      ]);
      expect(await stored.sessions()).toEqual([]);
    });

    it('refuses a second open session in the same community', async () => {
      await ana().say('start One');
      await ana().say('start Two');
      expect(privateTo(bot.chat.take(), 'ana').at(-1)).toMatch(/already has an open session/);
      expect(await stored.sessions()).toHaveLength(1);
    });

    it('lets `close` skip to the closing check-in, then close with a summary', async () => {
      await ana().say('start');
      await ana().say('close');
      expect((await stored.sessions())[0]?.phase).toBe('closing');
      await ana().say('close');
      expect((await stored.sessions())[0]?.phase).toBe('closed');
      expect(await stored.posts()).toEqual([]);
    });

    it('answers a reply in a closed session thread without recording it', async () => {
      await ana().say('start');
      await ana().say('close');
      await ana().say('close');
      bot.chat.take();
      await ben().reply('Late thought');
      expect(privateTo(bot.chat.take(), 'ben')).toEqual([
        'This session has closed, so that answer was not recorded. See you at the next one!',
      ]);
      expect(await stored.checkins()).toEqual([]);
    });

    it('edits and removes answers with their messages, even after the session moved on', async () => {
      await ana().say('start');
      await ben().reply('Frist thought', 'm1');
      await ana().say('next');
      await ben().reply('Reflection draft', 'm2');
      await ben().edit('m1', 'First thought');
      await ben().edit('m2', 'Reflection, final');
      expect((await stored.checkins()).map((c) => [c.phase, c.text])).toEqual([['opening', 'First thought']]);
      expect((await stored.reflections()).map((r) => r.text)).toEqual(['Reflection, final']);

      await ana().edit('m1', 'Someone else cannot edit it');
      await ben().edit('m1', '   ');
      expect((await stored.checkins()).map((c) => c.text)).toEqual(['First thought']);

      await ben().remove('m1');
      await ben().remove('m2');
      expect(await stored.checkins()).toEqual([]);
      expect(await stored.reflections()).toEqual([]);
      expect(bot.chat.sent.filter((s) => s.kind === 'ephemeral' && /wrong/.test(s.message.text))).toEqual([]);
    });

    it('ignores messages in threads that are not sessions', async () => {
      await ana().say('start');
      bot.chat.take();
      await ben().replyIn('some-other-thread', 'Unrelated chatter');
      expect(bot.chat.take()).toEqual([]);
      expect(await stored.checkins()).toEqual([]);
    });
  });
});
