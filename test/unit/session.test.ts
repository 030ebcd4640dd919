import { beforeEach, describe, expect, it } from 'vitest';
import type { Sent } from '../helpers/recording-chat.js';
import { capturingLog, createDriver } from '../helpers/driver.js';
import { MemoryStore } from '../helpers/memory-store.js';

const texts = (sent: Sent[], kind: Sent['kind']) => sent.filter((s) => s.kind === kind).map((s) => ('message' in s ? s.message.text : ''));
const privateTo = (sent: Sent[], user: string) =>
  sent.filter((s) => s.kind === 'ephemeral' && s.user === user).map((s) => ('message' in s ? s.message.text : ''));

describe('a community session', () => {
  let store: MemoryStore;
  let bot: ReturnType<typeof createDriver>;
  const ana = () => bot.as('ana');
  const ben = () => bot.as('ben');

  beforeEach(async () => {
    store = new MemoryStore();
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
    expect(store.data.members.map((m) => m.externalId)).toContain('ana');
    await ana().say('facilitator add <@ben|ben>');
    await ana().say('admin add <@ben|ben>');
    await ana().press({ kind: 'forget.confirm' });
    expect(privateTo(bot.chat.take(), 'ana').at(-1)).toContain('Done: everything Mentor Circle kept of yours is deleted');
    expect(store.data.members.map((m) => m.externalId)).toEqual(['ben']);
  });

  it('answers `prompts weekly` with the day and time it set, in the circle\'s zone', async () => {
    await ana().say('prompts weekly wed 12:00');
    await ana().say('prompts weekly fri 3:30pm');
    expect(privateTo(bot.chat.take(), 'ana')).toEqual([
      'A reflection prompt will go to the channel on Wednesdays at 12:00, America/Chicago time, on school days only. Replies in its thread count as reflections.',
      'A reflection prompt will go to the channel on Fridays at 15:30, America/Chicago time, on school days only. Replies in its thread count as reflections.',
    ]);
  });

  it('makes the channel a community with its runner as facilitator', async () => {
    const [community] = store.data.communities;
    expect(community).toMatchObject({ name: 'Grade 3 Literacy', channelId: 'C-circle', timeZone: 'America/Chicago' });
    const anaId = store.data.members.find((m) => m.externalId === 'ana')?.id;
    expect(store.data.memberships).toEqual([{ communityId: community?.id, memberId: anaId, isFacilitator: true }]);
  });

  it('names the community after the channel when no name is given', async () => {
    await bot.as('ana', 'C-maths').say('setup');
    expect(store.data.communities.map((c) => c.name)).toEqual(['Grade 3 Literacy', 'C-maths']);
  });

  it('refuses a second setup and a setup in a direct message', async () => {
    await ben().say('setup Another');
    await bot.as('ben', 'D-ben').say('setup');
    expect(privateTo(bot.chat.take(), 'ben')).toEqual([
      'This channel is already the community Grade 3 Literacy.',
      'Run `setup` in the channel you want to turn into a community.',
    ]);
    expect(store.data.communities).toHaveLength(1);
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
    expect(store.data.posts).toHaveLength(1);
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
    expect(store.data.sessions[0]).toMatchObject({ phase: 'closed', closedAt: bot.now });
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
    expect(store.data.checkins.map((c) => [c.memberName, c.phase, c.text])).toEqual([
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
    expect(summary?.sections?.[0]).toBe("What's working, at the start:\n• ben:\n   – Number talks\n   – Exit tickets");
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
    expect(reflections[0]).toMatch(/\(2 answers in the thread\)\n• ben:\n   – On the first prompt\n   – And one more thing$/);
    expect(reflections[1]).toMatch(/\(2 answers in the thread\)\n• ben: On the second prompt\n• cy: Me too, on the second$/);
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
    expect(store.data.sessions[0]?.phase).toBe('reflection');
    expect(store.data.checkins).toEqual([]);
  });

  it('treats a facilitator reply that merely starts like a command as an answer', async () => {
    await ana().say('start');
    await ana().reply('Next week I will try reading buddies');
    expect(store.data.sessions[0]?.phase).toBe('opening');
    expect(store.data.checkins.map((c) => c.text)).toEqual(['Next week I will try reading buddies']);
  });

  it('records a member reply that looks like a command as an answer', async () => {
    await ana().say('start');
    await ben().reply('next');
    expect(store.data.sessions[0]?.phase).toBe('opening');
    expect(store.data.checkins.map((c) => c.text)).toEqual(['next']);
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
    expect(store.data.sessions).toEqual([]);
  });

  it('refuses a second open session in the same community', async () => {
    await ana().say('start One');
    await ana().say('start Two');
    expect(privateTo(bot.chat.take(), 'ana').at(-1)).toMatch(/already has an open session/);
    expect(store.data.sessions).toHaveLength(1);
  });

  it('lets `close` skip to the closing check-in, then close with a summary', async () => {
    await ana().say('start');
    await ana().say('close');
    expect(store.data.sessions[0]?.phase).toBe('closing');
    await ana().say('close');
    expect(store.data.sessions[0]?.phase).toBe('closed');
    expect(store.data.posts).toEqual([]);
  });

  it('answers a reply in a closed session thread without recording it', async () => {
    await ana().say('start');
    await ana().say('close');
    await ana().say('close');
    bot.chat.take();
    await ben().reply('Late thought');
    expect(privateTo(bot.chat.take(), 'ben')).toEqual(['This session has closed, so that answer was not recorded. See you at the next one!']);
    expect(store.data.checkins).toEqual([]);
  });

  it('edits and removes answers with their messages, even after the session moved on', async () => {
    await ana().say('start');
    await ben().reply('Frist thought', 'm1');
    await ana().say('next');
    await ben().reply('Reflection draft', 'm2');
    await ben().edit('m1', 'First thought');
    await ben().edit('m2', 'Reflection, final');
    expect(store.data.checkins.map((c) => [c.phase, c.text])).toEqual([['opening', 'First thought']]);
    expect(store.data.reflections.map((r) => r.text)).toEqual(['Reflection, final']);

    await ana().edit('m1', 'Someone else cannot edit it');
    await ben().edit('m1', '   ');
    expect(store.data.checkins.map((c) => c.text)).toEqual(['First thought']);

    await ben().remove('m1');
    await ben().remove('m2');
    expect(store.data.checkins).toEqual([]);
    expect(store.data.reflections).toEqual([]);
    expect(bot.chat.sent.filter((s) => s.kind === 'ephemeral' && /wrong/.test(s.message.text))).toEqual([]);
  });

  it('ignores messages in threads that are not sessions', async () => {
    await ana().say('start');
    bot.chat.take();
    await ben().replyIn('some-other-thread', 'Unrelated chatter');
    expect(bot.chat.take()).toEqual([]);
    expect(store.data.checkins).toEqual([]);
  });

  it('refuses a malformed button payload', async () => {
    await ben().press({ kind: 'nothing' });
    expect(privateTo(bot.chat.take(), 'ben')).toEqual(['That button or form does not belong here, so nothing was changed.']);
  });

  describe('buttons', () => {
    beforeEach(async () => {
      await ana().say('start');
      bot.chat.take();
    });
    const sessionId = () => store.data.sessions[0]?.id ?? 0;

    it('moves the session on once when Next is pressed twice', async () => {
      const next = { kind: 'session.next', sessionId: sessionId(), phase: 'opening' };
      await ana().press(next);
      await ana().press(next);
      expect(store.data.sessions[0]?.phase).toBe('reflection');
      expect(store.data.posts).toHaveLength(1);
      expect(privateTo(bot.chat.take(), 'ana')).toEqual(['This session has moved on already, so nothing was changed.']);
    });

    it('refuses Next and Close from members who are not facilitators', async () => {
      await ben().press({ kind: 'session.close', sessionId: sessionId(), phase: 'opening' });
      expect(store.data.sessions[0]?.phase).toBe('opening');
      expect(privateTo(bot.chat.take(), 'ben')[0]).toMatch(/^Only facilitators of Grade 3 Literacy/);
    });

    it('refuses a button naming a session of another community or a malformed one', async () => {
      await bot.as('ana', 'C-maths').say('setup Maths');
      await bot.as('ana', 'C-maths').press({ kind: 'session.next', sessionId: sessionId(), phase: 'opening' });
      await ana().press({ kind: 'session.next', sessionId: 'drop table', phase: 'opening' });
      await ana().press({ kind: 'session.next', sessionId: 999, phase: 'opening' });
      const refusals = privateTo(bot.chat.take(), 'ana');
      expect(refusals).toEqual(Array(3).fill('That button or form does not belong here, so nothing was changed.'));
      expect(store.data.sessions[0]?.phase).toBe('opening');
    });

    it('opens the check-in form with an unticked share-with-leaders box', async () => {
      await ben().press({ kind: 'checkin.form', sessionId: sessionId(), phase: 'opening' });
      const form = bot.chat.take().find((s) => s.kind === 'form');
      expect(form?.kind === 'form' && form.form.fields.map((f) => [f.kind, f.name])).toEqual([
        ['text', 'text'],
        ['checkbox', 'share'],
      ]);
    });

    it('stores a form check-in with the sharing the author chose', async () => {
      const context = { sessionId: sessionId(), phase: 'opening' };
      await ben().submit({ kind: 'checkin', context, values: { text: 'Station rotation', share: true } });
      await bot.as('cho').submit({ kind: 'checkin', context, values: { text: 'Quiet reading corner' } });
      expect(store.data.checkins.map((c) => [c.memberName, c.text, c.sharedWithLeaders])).toEqual([
        ['ben', 'Station rotation', true],
        ['cho', 'Quiet reading corner', false],
      ]);
    });

    it('keeps a form answer written while the facilitator moved on, under the phase the session is in', async () => {
      await ana().say('next');
      await ben().submit({ kind: 'checkin', context: { sessionId: sessionId(), phase: 'opening' }, values: { text: 'Late but kept' } });
      // The form's claimed phase is not taken on its word: the session is in its reflection now.
      expect(store.data.checkins).toEqual([]);
      expect(store.data.reflections.map((r) => r.text)).toEqual(['Late but kept']);
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
    expect(store.data.sessions).toHaveLength(1);
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
    expect(store.data.checkins).toEqual([]);
  });
});

describe('the home page', () => {
  it('shows my communities, the open or next session, what I shared, and a button to share', async () => {
    const store = new MemoryStore();
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
    expect(ben?.kind === 'home' && ben.message.buttons?.map((b) => b.label)).toEqual(["Share what's working in Grade 3 Literacy", 'Set a goal']);
    // "Set a goal" opens the SMART goal form.
    const driver = createDriver(store);
    await driver.as('ben', 'home').press(ben?.kind === 'home' ? ben.message.buttons?.[1]?.action : undefined);
    expect(driver.chat.take()).toEqual([expect.objectContaining({ kind: 'form', form: expect.objectContaining({ kind: 'goal' }) })]);

    const ana = await home('ana');
    expect(ana?.kind === 'home' && ana.message.sections?.[0]).toBe(
      // Tuesday 3 March: the next Thursday, in the community's own zone.
      'Your communities\n• Grade 3 Literacy (you facilitate): a session is open: opening check-in\n• Maths (you facilitate): next session Thu 5 Mar, 15:30',
    );
  });

  it('opens the form from the home page for members of that community only', async () => {
    const store = new MemoryStore();
    const bot = createDriver(store);
    await bot.as('ana').say('setup Grade 3 Literacy');
    await bot.as('ana').say('start');
    await bot.as('ben').reply('Hello');
    bot.chat.take();
    const action = { kind: 'checkin.form', sessionId: store.data.sessions[0]?.id, phase: 'opening' };
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
    const bot = createDriver(new MemoryStore());
    await bot.as('ana').say('fly');
    await bot.as('ana').say('');
    await bot.as('ben').say('export workspace');
    expect(privateTo(bot.chat.sent, 'ana')).toEqual(["I don't know 'fly'. Try `help`.", expect.stringMatching(/help/)]);
    expect(privateTo(bot.chat.take(), 'ben')).toEqual(["Only Mentor Circle admins export the school's figures. It shows how circles are doing, never how any one teacher is."]);
  });

  it('lists only working commands in help', async () => {
    const bot = createDriver(new MemoryStore());
    await bot.as('ana').say('help');
    const help = bot.chat.take().find((s) => s.kind === 'ephemeral');
    const body = [help?.kind === 'ephemeral' ? help.message.text : '', ...(help?.kind === 'ephemeral' ? (help.message.sections ?? []) : [])].join('\n');
    for (const word of ['setup', 'start', 'next', 'close', 'checkin']) expect(body).toContain(`\`${word}`);
    for (const word of ['goal', 'goals', 'progress', 'nudges', 'snooze', 'calendar', 'schedule', 'export', 'forget-me', 'retention', 'digest', 'export workspace']) expect(body).toContain(`\`${word}`);
  });
});

describe('roles', () => {
  it('lets facilitators name co-facilitators, and keeps at least one', async () => {
    const store = new MemoryStore();
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
    expect(store.data.sessions).toHaveLength(1);
  });

  it('lets admins name admins, never demotes a Slack owner, and keeps at least one', async () => {
    const store = new MemoryStore();
    const slack = createDriver(store, { platform: 'slack' });
    await slack.as('UOWNER').say('help', { user: { externalId: 'UOWNER', name: 'Owner', isPlatformAdmin: true } });
    // Where the platform cannot be asked, only someone it has shown the bot can be named.
    await slack.as('UOWNER').say('admin add <@UANA|ana>', { user: { externalId: 'UOWNER', name: 'Owner', isPlatformAdmin: true } });
    expect(privateTo(slack.chat.take(), 'UOWNER').at(-1)).toContain('That is not someone I can name an admin');
    expect(store.data.members.map((m) => m.externalId)).toEqual(['UOWNER']);
    await slack.as('UANA').say('help');
    slack.chat.take();
    await slack.as('UOWNER').say('admin add <@UANA|ana>', { user: { externalId: 'UOWNER', name: 'Owner', isPlatformAdmin: true } });
    await slack.as('UANA').say('admin remove <@UOWNER|owner>');
    await slack.as('UBEN').say('admin add <@UBEN|ben>');
    await slack.as('UANA').say('admin remove <@UANA|ana>');
    const sent = slack.chat.take();
    expect(privateTo(sent, 'UANA')).toEqual([
      'Owner is an admin or owner of this workspace, and so always a Mentor Circle admin while they are one.',
      'Remove yourself as a Mentor Circle admin? You would no longer receive the weekly digest, keep the school calendar or name admins.',
    ]);
    // Removing oneself asks first, and only the press changes anything.
    expect(store.data.members.find((m) => m.externalId === 'UANA')?.isAdmin).toBe(true);
    const confirm = sent.flatMap((s) => (s.kind === 'ephemeral' && s.user === 'UANA' ? (s.message.buttons ?? []) : []))[0];
    expect(confirm).toEqual({ label: 'Yes, remove me', action: { kind: 'admin.leave' }, style: 'danger' });
    await slack.as('UANA').press(confirm?.action);
    expect(privateTo(slack.chat.take(), 'UANA')).toEqual(['Done: you are no longer a Mentor Circle admin. Another admin can name you again with `admin add`.']);
    expect(privateTo(sent, 'UBEN')).toEqual(['Only Mentor Circle admins name other admins.']);
    expect(store.data.members.map((m) => [m.externalId, m.isAdmin])).toEqual([
      ['UOWNER', true],
      ['UANA', false],
      ['UBEN', false],
    ]);
  });
});

describe('time zones', () => {
  it('lets facilitators set the community\'s in its channel and admins the workspace\'s in a DM', async () => {
    const store = new MemoryStore();
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
    expect(privateTo(sent, 'ana')).toEqual(['Grade 3 now runs on Europe/London time.', 'The workspace calendar now runs on Asia/Kolkata time.']);
    expect(store.data.communities[0]?.timeZone).toBe('Europe/London');
    expect(store.data.workspaces[0]?.timeZone).toBe('Asia/Kolkata');
  });
});

describe('roles and failures', () => {
  it('makes the first console speaker an admin, and no one after', async () => {
    const store = new MemoryStore();
    const bot = createDriver(store);
    await bot.as('you').say('help');
    await bot.as('ben').say('help');
    expect(store.data.members.map((m) => [m.externalId, m.isAdmin])).toEqual([
      ['you', true],
      ['ben', false],
    ]);
    expect(store.data.workspaces[0]?.timeZone).toBe('America/Chicago');
  });

  it('does not make the first Slack speaker an admin', async () => {
    const store = new MemoryStore();
    await createDriver(store, { platform: 'slack' }).as('U1').say('help');
    expect(store.data.members[0]?.isAdmin).toBe(false);
  });

  it('answers "try again" and logs when storage fails', async () => {
    const store = new MemoryStore();
    store.sessions.open = async () => {
      throw new Error('connection refused');
    };
    const log = capturingLog();
    const bot = createDriver(store, { log });
    await bot.as('ana').say('setup');
    await bot.as('ana').say('start');
    expect(privateTo(bot.chat.take(), 'ana').at(-1)).toBe('Sorry, something went wrong on my side. Please try again in a moment.');
    expect(log.entries.filter((e) => e.level === 'error').map((e) => e.msg)).toEqual(['interaction failed']);
  });
});
