import { beforeEach, describe, expect, it } from 'vitest';
import { listNames, statusMessage } from '../../src/core/status-message.js';
import type { Sent } from '../helpers/recording-chat.js';
import { createDriver } from '../helpers/driver.js';
import type { Store } from '../../src/core/ports/store.js';
import { testDatabaseKinds, useTestStore } from '../helpers/databases.js';
import { rowCount } from '../helpers/stored-rows.js';

// One database of each kind for the file, emptied before each test.
describe.each(testDatabaseKinds)('on %s', (kind) => {
  const newStore = useTestStore(kind);
  const whole = (m: { text: string; sections?: string[] }) => [m.text, ...(m.sections ?? [])].join('\n');
  const privateTo = (sent: Sent[], user: string) =>
    sent.filter((s) => s.kind === 'ephemeral' && s.user === user).map((s) => ('message' in s ? whole(s.message) : ''));
  const posts = (sent: Sent[]) =>
    sent.filter((s) => s.kind === 'post').map((s) => ('message' in s ? whole(s.message) : ''));
  const dms = (sent: Sent[], user: string) =>
    sent.filter((s) => s.kind === 'dm' && s.to.user === user).map((s) => ('message' in s ? whole(s.message) : ''));

  describe('the status message', () => {
    it('lists people by name with a count, and says nobody yet', () => {
      expect(listNames([])).toBe('nobody yet');
      expect(listNames(['Ana'])).toBe('Ana (1)');
      expect(listNames(['Ana', 'Ben', 'Cy'])).toBe('Ana, Ben and Cy (3)');
    });

    it("shows the phase, who answered in it and in the session, the next session in the circle's zone, the mid-week prompt and the facilitators", () => {
      const message = statusMessage({
        communityName: 'Grade 3 Literacy',
        session: { phase: 'reflection', topic: 'Small groups', inPhase: ['Ben'], inSession: ['Ana', 'Ben'] },
        schedule: {
          rhythm: 'every Tuesday at 15:30 (Europe/London) for 60 minutes',
          next: new Date('2026-12-08T15:30:00Z'),
          reminder: true,
        },
        timeZone: 'Europe/London',
        midweek: 'every Wednesday at 12:00, Europe/London time',
        facilitators: ['Ana', 'Dee'],
      });
      expect(whole(message)).toBe(
        [
          'Grade 3 Literacy: where things stand',
          'Session open: Small groups, now in the reflection.',
          'Answered in this phase: Ben (1)',
          'Answered in this session: Ana and Ben (2)',
          'Next session: Tuesday 8 December at 15:30 (Europe/London). Meets every Tuesday at 15:30 (Europe/London) for 60 minutes; reminder the day before on.',
          'Mid-week prompt: every Wednesday at 12:00, Europe/London time.',
          'Facilitators: Ana, Dee.',
        ].join('\n'),
      );
    });

    it('says when no session is open and there is no schedule', () => {
      const text = whole(
        statusMessage({
          communityName: 'Maths',
          session: null,
          schedule: null,
          timeZone: 'UTC',
          midweek: null,
          facilitators: ['Ana'],
        }),
      );
      expect(text).toContain('No session open. A facilitator opens one with `start [topic]`.');
      expect(text).toContain('Next session: no schedule.');
      expect(text).toContain('Mid-week prompt: off.');
    });
  });

  describe('status and settings, through the core', () => {
    let store: Store;
    let bot: ReturnType<typeof createDriver>;
    const ana = () => bot.as('ana');
    const ben = () => bot.as('ben');

    beforeEach(async () => {
      store = newStore();
      // Tuesday 1 December 2026, 15:00 UTC.
      bot = createDriver(store, { now: new Date('2026-12-01T15:00:00Z') });
      await ana().say('setup Grade 3 Literacy');
      await ben().say('help');
      bot.chat.take();
    });

    it('shows who has answered, by their names as they are now, and leaves out anyone forgotten', async () => {
      await ana().say('start');
      await ben().say('checkin Partner reading');
      await ana().say('checkin Exit tickets');
      await ben().say('checkin And one more');
      await ana().say('next');
      await ben().reply('A reflection');
      bot.chat.take();
      await ben().say('status');
      expect(privateTo(bot.chat.take(), 'ben')[0]).toContain(
        'now in the reflection.\nAnswered in this phase: ben (1)\nAnswered in this session: ben and ana (2)',
      );
      await ben().press({ kind: 'forget.confirm' });
      bot.chat.take();
      await ana().say('status');
      expect(privateTo(bot.chat.take(), 'ana')[0]).toContain(
        'Answered in this phase: nobody yet\nAnswered in this session: ana (1)',
      );
    });

    it('announces facilitator changes in the channel, tells the new facilitator, and refuses wrong ones', async () => {
      await ana().say('facilitator add <@ben|ben>');
      let sent = bot.chat.take();
      expect(privateTo(sent, 'ana')).toEqual(['ben now facilitates Grade 3 Literacy.']);
      expect(posts(sent)).toEqual(['ben now facilitates Grade 3 Literacy (named by ana).']);
      expect(dms(sent, 'ben')[0]).toMatch(
        /^You now facilitate Grade 3 Literacy, named by ana\.\nIn its channel you can:/,
      );
      await ana().say('facilitator add <@ben|ben>');
      sent = bot.chat.take();
      expect(privateTo(sent, 'ana')).toEqual(['ben already facilitates Grade 3 Literacy, so nothing changed.']);
      expect(posts(sent)).toEqual([]);
      await bot.as('cy').say('help');
      bot.chat.take();
      await ana().say('facilitator remove <@cy|cy>');
      await ana().say('facilitator remove <@nobody|nobody>');
      sent = bot.chat.take();
      expect(privateTo(sent, 'ana')).toEqual([
        'cy does not facilitate Grade 3 Literacy, so nothing changed. `status` shows who does.',
        'That person does not facilitate Grade 3 Literacy, so nothing changed. `status` shows who does.',
      ]);
      expect(posts(sent)).toEqual([]);
      await ben().say('facilitator remove <@ana|ana>');
      expect(posts(bot.chat.take())).toEqual(['ana no longer facilitates Grade 3 Literacy (changed by ben).']);
    });

    it('hands back the words of a check-in when no session is open', async () => {
      await ben().say('checkin Partner reading is working');
      expect(privateTo(bot.chat.take(), 'ben')).toEqual([
        'No session is open in Grade 3 Literacy, so nothing was saved; here is what you wrote so you can keep it:\nPartner reading is working\nA facilitator opens a session with `start`; `status` shows when the next one is.',
      ]);
      expect(await rowCount(newStore.database(), 'checkins')).toBe(0);
    });

    it('shows each bare setting and how to change it', async () => {
      await ana().say('schedule weekly tue 3:30pm');
      await ana().say('prompts weekly wed 12:00');
      bot.chat.take();
      for (const words of ['nudges', 'schedule', 'timezone', 'retention', 'privacy', 'remind', 'prompts weekly'])
        await ben().say(words);
      expect(privateTo(bot.chat.take(), 'ben')).toEqual([
        expect.stringMatching(
          /^I check in on your goals on Tuesdays at 15:30, America\/Chicago time, on school days only\.\nChange it with `nudges/,
        ),
        expect.stringMatching(
          /^Grade 3 Literacy meets every Tuesday at 15:30 \(America\/Chicago\) for 60 minutes\.\nChange it with `schedule/,
        ),
        expect.stringMatching(/^Grade 3 Literacy runs on America\/Chicago time\.\nChange it with `timezone/),
        expect.stringMatching(
          /^Texts are kept for 24 months; after that only their counts remain\.\nChange it with `retention/,
        ),
        expect.stringMatching(/^Digest figures need at least 3 people/),
        expect.stringMatching(
          /^A reminder goes to the channel at 15:00 the day before each scheduled session\.\nChange it with `remind/,
        ),
        expect.stringMatching(
          /^A mid-week reflection prompt goes to Grade 3 Literacy's channel every Wednesday at 12:00, America\/Chicago time\.\nChange it with `prompts/,
        ),
      ]);
    });

    it('announces schedule, mid-week prompt and reminder changes in the channel, naming who made them', async () => {
      await ana().say('schedule weekly tue 3:30pm');
      await ana().say('prompts weekly wed 12:00');
      await ana().say('remind off');
      await ana().say('prompts off');
      await ana().say('schedule off');
      expect(posts(bot.chat.take())).toEqual([
        'ana set a schedule: Grade 3 Literacy meets every Tuesday at 15:30 (America/Chicago) for 60 minutes. First: Tuesday 1 December.\n`status` shows the next session at any time.',
        'ana set a mid-week reflection prompt for Grade 3 Literacy: every Wednesday at 12:00, America/Chicago time. Replies in its thread count as reflections.',
        'ana turned the reminder off: no reminder comes before scheduled sessions.',
        'ana turned the mid-week reflection prompt off for Grade 3 Literacy.',
        'ana turned the schedule off: Grade 3 Literacy meets when a facilitator starts a session.',
      ]);
    });
  });
});
