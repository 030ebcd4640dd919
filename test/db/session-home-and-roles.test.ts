import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports/store.js';
import { testDatabaseKinds, useTestStore } from '../helpers/databases.js';
import { capturingLog, createDriver } from '../helpers/driver.js';
import type { Sent } from '../helpers/recording-chat.js';
import { storedIn } from '../helpers/stored-rows.js';

// The home page, words the bot does not act on, roles, time zones, and a storage failure.

// One database of each kind for the file, emptied before each test.
describe.each(testDatabaseKinds)('on %s', (kind) => {
  const newStore = useTestStore(kind);
  const stored = storedIn(newStore.database);

  const privateTo = (sent: Sent[], user: string) =>
    sent.filter((s) => s.kind === 'ephemeral' && s.user === user).map((s) => ('message' in s ? s.message.text : ''));

  describe('the home page', () => {
    it('shows my communities, the open or next session, what I shared, and a button to share', async () => {
      const store = newStore();
      const bot = createDriver(store);
      await bot.as('ana').say('setup Grade 3 Literacy');
      await bot.as('ana', 'C-maths').say('setup Maths');
      await bot.as('ana', 'C-maths').say('schedule weekly thu 15:30');
      await bot.as('ana').say('start');
      await bot.as('ben').reply('Read-alouds are landing');
      bot.chat.take();

      const home = async (user: string) => {
        const driver = createDriver(store);
        await driver.as(user, 'home').home();
        return driver.chat.take().find((s) => s.kind === 'home');
      };
      const ben = await home('ben');
      expect(ben?.kind === 'home' && [ben.message.text, ...(ben.message.sections ?? [])]).toEqual([
        'Mentor Circle, for ben',
        'Your communities\n• Grade 3 Literacy: a session is open: opening check-in',
        'No goals going right now. `goal` sets one up: something small you can count.',
        'What you shared lately\n• Grade 3 Literacy, opening: Read-alouds are landing',
        'One-on-one help: once an admin names mentors, `ask <what you need>` introduces you privately to one whose topics fit.',
        'Classroom visits: `visit @colleague <day> <time> [focus]` asks to watch a lesson; `invite` or `model` asks them to watch yours.',
        expect.stringContaining('Sessions open and close with what is working'),
      ]);
      expect(ben?.kind === 'home' && ben.message.buttons?.map((b) => b.label)).toEqual([
        "Share what's working in Grade 3 Literacy",
        'Set a goal',
      ]);
      // "Set a goal" opens the SMART goal form.
      const driver = createDriver(store);
      await driver.as('ben', 'home').press(ben?.kind === 'home' ? ben.message.buttons?.[1]?.action : undefined);
      expect(driver.chat.take()).toEqual([
        expect.objectContaining({ kind: 'form', form: expect.objectContaining({ kind: 'goal' }) }),
      ]);

      const ana = await home('ana');
      expect(ana?.kind === 'home' && ana.message.sections?.[0]).toBe(
        // Tuesday 3 March: the next Thursday, in the community's own zone.
        'Your communities\n• Grade 3 Literacy (you facilitate): a session is open: opening check-in\n• Maths (you facilitate): next session Thu 5 Mar, 15:30',
      );
    });

    it('opens the form from the home page for members of that community only', async () => {
      const store = newStore();
      const bot = createDriver(store);
      await bot.as('ana').say('setup Grade 3 Literacy');
      await bot.as('ana').say('start');
      await bot.as('ben').reply('Hello');
      bot.chat.take();
      const action = { kind: 'checkin.form', sessionId: (await stored.sessions())[0]?.id, phase: 'opening' };
      await bot.as('ben', 'home').press(action);
      await bot.as('zoe', 'home').press(action);
      const sent = bot.chat.take();
      const form = sent.find((s) => s.kind === 'form');
      expect(form?.kind === 'form' && form.where.channel).toBe('C-circle');
      expect(privateTo(sent, 'zoe')).toEqual(['That button or form does not belong here, so nothing was changed.']);
    });
  });

  describe('words the bot does not act on', () => {
    it('answers unknown words, empty input and admin commands from a teacher, privately', async () => {
      const bot = createDriver(newStore());
      await bot.as('ana').say('fly');
      await bot.as('ana').say('');
      await bot.as('ben').say('export workspace');
      expect(privateTo(bot.chat.sent, 'ana')).toEqual([
        "I don't know 'fly'. Try `help`.",
        expect.stringMatching(/help/),
      ]);
      expect(privateTo(bot.chat.take(), 'ben')).toEqual([
        "Only Mentor Circle admins export the school's figures. It shows how circles are doing, never how any one teacher is.",
      ]);
    });

    it('lists only working commands in help', async () => {
      const bot = createDriver(newStore());
      await bot.as('ana').say('help');
      const help = bot.chat.take().find((s) => s.kind === 'ephemeral');
      const body = [
        help?.kind === 'ephemeral' ? help.message.text : '',
        ...(help?.kind === 'ephemeral' ? (help.message.sections ?? []) : []),
      ].join('\n');
      for (const word of ['setup', 'start', 'next', 'close', 'checkin']) expect(body).toContain(`\`${word}`);
      for (const word of [
        'goal',
        'goals',
        'progress',
        'nudges',
        'snooze',
        'calendar',
        'schedule',
        'export',
        'forget-me',
        'retention',
        'digest',
        'export workspace',
      ])
        expect(body).toContain(`\`${word}`);
    });
  });

  describe('roles', () => {
    it('lets facilitators name co-facilitators, and keeps at least one', async () => {
      const store = newStore();
      const bot = createDriver(store);
      await bot.as('ana').say('setup Grade 3');
      await bot.as('ben').say('facilitator add <@cho|cho>');
      await bot.as('ana').say('facilitator add <@ben|ben>');
      await bot.as('ben').say('start');
      await bot.as('ben').say('facilitator remove <@ana|ana>');
      await bot.as('ben').say('facilitator remove <@ben|ben>');
      const sent = bot.chat.take();
      expect(privateTo(sent, 'ben')).toEqual([
        expect.stringMatching(/^Only facilitators of Grade 3 can name facilitators/),
        'ana no longer facilitates Grade 3.',
        'You are the only facilitator of Grade 3, and a circle needs one to run its sessions. Name another first with `facilitator add @person`, then try again.',
      ]);
      expect(privateTo(sent, 'ana')).toEqual(['ben now facilitates Grade 3.']);
      expect(await stored.sessions()).toHaveLength(1);
    });

    it('lets admins name admins, never demotes a Slack owner, and keeps at least one', async () => {
      const store = newStore();
      const slack = createDriver(store, { platform: 'slack' });
      await slack.as('UOWNER').say('help', { user: { externalId: 'UOWNER', name: 'Owner', isPlatformAdmin: true } });
      // Where the platform cannot be asked, only someone it has shown the bot can be named.
      await slack
        .as('UOWNER')
        .say('admin add <@UANA|ana>', { user: { externalId: 'UOWNER', name: 'Owner', isPlatformAdmin: true } });
      expect(privateTo(slack.chat.take(), 'UOWNER').at(-1)).toContain('That is not someone I can name an admin');
      expect((await stored.members()).map((m) => m.externalId)).toEqual(['UOWNER']);
      await slack.as('UANA').say('help');
      slack.chat.take();
      await slack
        .as('UOWNER')
        .say('admin add <@UANA|ana>', { user: { externalId: 'UOWNER', name: 'Owner', isPlatformAdmin: true } });
      await slack.as('UANA').say('admin remove <@UOWNER|owner>');
      await slack.as('UBEN').say('admin add <@UBEN|ben>');
      await slack.as('UANA').say('admin remove <@UANA|ana>');
      const sent = slack.chat.take();
      expect(privateTo(sent, 'UANA')).toEqual([
        'Owner is an admin or owner of this workspace, and so always a Mentor Circle admin while they are one.',
        'Remove yourself as a Mentor Circle admin? You would no longer receive the weekly digest, keep the school calendar or name admins.',
      ]);
      // Removing oneself asks first, and only the press changes anything.
      expect((await stored.members()).find((m) => m.externalId === 'UANA')?.isAdmin).toBe(true);
      const confirm = sent.flatMap((s) =>
        s.kind === 'ephemeral' && s.user === 'UANA' ? (s.message.buttons ?? []) : [],
      )[0];
      expect(confirm).toEqual({ label: 'Yes, remove me', action: { kind: 'admin.leave' }, style: 'danger' });
      await slack.as('UANA').press(confirm?.action);
      expect(privateTo(slack.chat.take(), 'UANA')).toEqual([
        'Done: you are no longer a Mentor Circle admin. Another admin can name you again with `admin add`.',
      ]);
      expect(privateTo(sent, 'UBEN')).toEqual(['Only Mentor Circle admins name other admins.']);
      expect((await stored.members()).map((m) => [m.externalId, m.isAdmin])).toEqual([
        ['UOWNER', true],
        ['UANA', false],
        ['UBEN', false],
      ]);
    });
  });

  describe('time zones', () => {
    it("lets facilitators set the community's in its channel and admins the workspace's in a DM", async () => {
      const store = newStore();
      const bot = createDriver(store);
      await bot.as('ana').say('setup Grade 3');
      await bot.as('ben').say('timezone Europe/London');
      await bot.as('ana').say('timezone Europe/London');
      await bot.as('ben', 'D-ben').say('timezone Asia/Kolkata');
      await bot.as('ana', 'D-ana').say('timezone Asia/Kolkata');
      const sent = bot.chat.take();
      expect(privateTo(sent, 'ben')).toEqual([
        'Only facilitators of Grade 3 can change its time zone. If you would like to help run sessions, ask one of them to add you.',
        "Only Mentor Circle admins set the workspace's time zone. In a community channel, its facilitators set the community's.",
      ]);
      expect(privateTo(sent, 'ana')).toEqual([
        'Grade 3 now runs on Europe/London time.',
        'The workspace calendar now runs on Asia/Kolkata time.',
      ]);
      expect((await stored.communities())[0]?.timeZone).toBe('Europe/London');
      expect((await stored.workspaces())[0]?.timeZone).toBe('Asia/Kolkata');
    });
  });

  describe('roles and failures', () => {
    it('makes the first console speaker an admin, and no one after', async () => {
      const store = newStore();
      const bot = createDriver(store);
      await bot.as('you').say('help');
      await bot.as('ben').say('help');
      expect((await stored.members()).map((m) => [m.externalId, m.isAdmin])).toEqual([
        ['you', true],
        ['ben', false],
      ]);
      expect((await stored.workspaces())[0]?.timeZone).toBe('America/Chicago');
    });

    it('does not make the first Slack speaker an admin', async () => {
      const store = newStore();
      await createDriver(store, { platform: 'slack' }).as('U1').say('help');
      expect((await stored.members())[0]?.isAdmin).toBe(false);
    });

    it('answers "try again" and logs when storage fails', async () => {
      // Opening a session fails, inside a transaction as well as outside one.
      const failing = <T extends Pick<Store, 'sessions'>>(repositories: T): T => ({
        ...repositories,
        sessions: {
          ...repositories.sessions,
          open: async () => {
            throw new Error('connection refused');
          },
        },
      });
      const real = newStore();
      const store: Store = {
        ...failing(real),
        transaction: (work) => real.transaction((repositories) => work(failing(repositories))),
      };
      const log = capturingLog();
      const bot = createDriver(store, { log });
      await bot.as('ana').say('setup');
      await bot.as('ana').say('start');
      expect(privateTo(bot.chat.take(), 'ana').at(-1)).toBe(
        'Sorry, something went wrong on my side. Please try again in a moment.',
      );
      expect(log.entries.filter((e) => e.level === 'error').map((e) => e.msg)).toEqual(['interaction failed']);
    });
  });
});
