import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports/store.js';
import { testDatabaseKinds, useTestStore } from '../helpers/databases.js';
import { createDriver } from '../helpers/driver.js';
import type { Sent } from '../helpers/recording-chat.js';
import { storedIn } from '../helpers/stored-rows.js';

// A community session's buttons and forms, retried events and answers refused.

// One database of each kind for the file, emptied before each test.
describe.each(testDatabaseKinds)('on %s', (kind) => {
  const newStore = useTestStore(kind);
  const stored = storedIn(newStore.database);

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

    it('refuses a malformed button payload', async () => {
      await ben().press({ kind: 'nothing' });
      expect(privateTo(bot.chat.take(), 'ben')).toEqual([
        'That button or form does not belong here, so nothing was changed.',
      ]);
    });

    describe('buttons', () => {
      beforeEach(async () => {
        await ana().say('start');
        bot.chat.take();
      });
      const sessionId = async () => (await stored.sessions())[0]?.id ?? 0;

      it('moves the session on once when Next is pressed twice', async () => {
        const next = { kind: 'session.next', sessionId: await sessionId(), phase: 'opening' };
        await ana().press(next);
        await ana().press(next);
        expect((await stored.sessions())[0]?.phase).toBe('reflection');
        expect(await stored.posts()).toHaveLength(1);
        expect(privateTo(bot.chat.take(), 'ana')).toEqual([
          'This session has moved on already, so nothing was changed.',
        ]);
      });

      it('refuses Next and Close from members who are not facilitators', async () => {
        await ben().press({ kind: 'session.close', sessionId: await sessionId(), phase: 'opening' });
        expect((await stored.sessions())[0]?.phase).toBe('opening');
        expect(privateTo(bot.chat.take(), 'ben')[0]).toMatch(/^Only facilitators of Grade 3 Literacy/);
      });

      it('refuses a button naming a session of another community or a malformed one', async () => {
        await bot.as('ana', 'C-maths').say('setup Maths');
        await bot.as('ana', 'C-maths').press({ kind: 'session.next', sessionId: await sessionId(), phase: 'opening' });
        await ana().press({ kind: 'session.next', sessionId: 'drop table', phase: 'opening' });
        await ana().press({ kind: 'session.next', sessionId: 999, phase: 'opening' });
        const refusals = privateTo(bot.chat.take(), 'ana');
        expect(refusals).toEqual(Array(3).fill('That button or form does not belong here, so nothing was changed.'));
        expect((await stored.sessions())[0]?.phase).toBe('opening');
      });

      it('opens the check-in form with an unticked share-with-leaders box', async () => {
        await ben().press({ kind: 'checkin.form', sessionId: await sessionId(), phase: 'opening' });
        const form = bot.chat.take().find((s) => s.kind === 'form');
        expect(form?.kind === 'form' && form.form.fields.map((f) => [f.kind, f.name])).toEqual([
          ['text', 'text'],
          ['checkbox', 'share'],
        ]);
      });

      it('stores a form check-in with the sharing the author chose', async () => {
        const context = { sessionId: await sessionId(), phase: 'opening' };
        await ben().submit({ kind: 'checkin', context, values: { text: 'Station rotation', share: true } });
        await bot.as('cho').submit({ kind: 'checkin', context, values: { text: 'Quiet reading corner' } });
        expect((await stored.checkins()).map((c) => [c.memberName, c.text, c.sharedWithLeaders])).toEqual([
          ['ben', 'Station rotation', true],
          ['cho', 'Quiet reading corner', false],
        ]);
      });

      it('keeps a form answer written while the facilitator moved on, under the phase the session is in', async () => {
        await ana().say('next');
        await ben().submit({
          kind: 'checkin',
          context: { sessionId: await sessionId(), phase: 'opening' },
          values: { text: 'Late but kept' },
        });
        // The form's claimed phase is not taken on its word: the session is in its reflection now.
        expect(await stored.checkins()).toEqual([]);
        expect((await stored.reflections()).map((r) => r.text)).toEqual(['Late but kept']);
      });

      it('offers no share box on the reflection form', async () => {
        await ana().say('next');
        bot.chat.take();
        await ben().say('checkin');
        const form = bot.chat.take().find((s) => s.kind === 'form');
        expect(form?.kind === 'form' && form.form.fields.map((f) => f.name)).toEqual(['text']);
      });
    });

    it('handles a retried platform event once', async () => {
      await ana().say('start', { eventId: 'Ev1' });
      await ana().say('start', { eventId: 'Ev1' });
      expect(privateTo(bot.chat.take(), 'ana')).toEqual([]);
      expect(await stored.sessions()).toHaveLength(1);
    });

    it('refuses empty and overlong answers without storing them', async () => {
      await ana().say('start');
      bot.chat.take();
      await ben().reply('   ');
      await ben().reply('x'.repeat(10_000));
      const refusals = privateTo(bot.chat.take(), 'ben');
      expect(refusals[0]).toMatch(/empty/);
      expect(refusals[1]).toMatch(/10,000 characters; please keep each answer under 4,000/);
      expect(refusals[1]).toMatch(/send it in parts, one reply after another, and every part is kept/);
      expect(refusals[1]).not.toMatch(/split it in two/);
      expect(await stored.checkins()).toEqual([]);
    });
  });
});
