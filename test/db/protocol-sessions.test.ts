import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../helpers/databases.js';
import {
  privateTo,
  dmsTo,
  shownToTheChannel,
  stepTitles,
  channelSummary,
  button,
  useProtocolCircle,
} from '../helpers/protocol-circle.js';

// Protocol sessions through the core on the real database: a tuning and a consultancy protocol run
// through, steps posted in order and ending by themselves when a delivery round finds their time up,
// warm and cool feedback grouped for the presenter, the presenter's notes private, their summary by DM
// only, and the feedback's words in no channel post.

describe.each(testDatabaseKinds)('protocol sessions, on %s', (kind) => {
  const { circle } = useProtocolCircle(kind);

  it('runs a tuning protocol: timed steps, warm and cool feedback grouped, the presenter listening, their summary by DM only', async () => {
    const { bot, take, all, timed } = await circle();
    await bot.as('ana').say('start tuning Persuasive writing unit <@pat|pat>');
    let sent = take();
    expect(sent.find((s) => s.kind === 'post')?.message.text).toBe(
      'Tuning protocol in Grade 3: Persuasive writing unit\nPresenter: pat. Now: Presentation (step 1 of 6, 10 minutes, until 09:10). Replies go in this thread.',
    );
    expect(stepTitles(sent)).toEqual(['Step 1 of 6: Presentation']);

    await bot.as('pat').reply('Here is my unit plan and a sample of student essays.');
    // Not yet: the presentation has ten minutes.
    bot.advance(9);
    await timed();
    expect(stepTitles(take())).toEqual([]);
    bot.advance(1);
    await timed();
    sent = take();
    expect(stepTitles(sent)).toEqual(['Step 2 of 6: Clarifying questions']);
    expect(sent.find((s) => s.kind === 'update')?.message.text).toContain(
      'Now: Clarifying questions (step 2 of 6, 5 minutes, until 09:15)',
    );

    await bot.as('ben').reply('How long did the unit run?');
    expect(privateTo(take(), 'ben').map((m) => m.text)).toEqual([
      "Thanks: your question is kept for the presenter's summary.",
    ]);
    // The presenter's answer is an answer, not a question.
    await bot.as('pat').reply('It ran three weeks.');
    expect(privateTo(take(), 'pat')).toEqual([]);
    bot.advance(5);
    await timed();
    expect(stepTitles(take())).toEqual(['Step 3 of 6: Pause']);
    // The facilitator moves on before the pause is up; the pause's own timer then finds nothing to do.
    await bot.as('ana').say('next');
    expect(stepTitles(take())).toEqual(['Step 4 of 6: Warm and cool feedback']);
    bot.advance(2);
    await timed();
    expect(stepTitles(take())).toEqual([]);

    await bot.as('ben').reply('warm: I noticed canary-warm-1 the students argued with evidence');
    await bot.as('cal').reply('Cool: I wonder canary-cool-2 what if they wrote for a real audience?');
    await bot.as('cal').reply('What if canary-unsure-3 peers scored each other first?');
    sent = take();
    const asked = privateTo(sent, 'cal').at(-1);
    expect(asked?.text).toMatch(/^Thanks for your feedback. Is it warm/);
    // Only its writer may sort it.
    await bot.as('ben').press(button(asked, 'Cool'));
    expect(privateTo(take(), 'ben').map((m) => m.text)).toEqual([
      'That button or form does not belong here, so nothing was changed.',
    ]);
    await bot.as('cal').press(button(asked, 'Cool'));
    expect(privateTo(take(), 'cal').map((m) => m.text)).toEqual([
      "Thanks: kept as cool feedback for the presenter's summary.",
    ]);

    // The presenter listens: their words are kept as notes, and they are reminded once.
    await bot.as('pat').reply('Note to self: canary-note-4 try a real audience');
    await bot.as('pat').reply('And canary-note-5 ask the librarian');
    expect(privateTo(take(), 'pat').map((m) => m.text)).toEqual([
      'You are listening during "Warm and cool feedback", so what you write now is kept as a private note for you: it is in your summary at the end and no one else\'s. You will have time to respond in the next step.',
    ]);

    await bot.as('ana', 'D-ana').home();
    const home = take().find((s) => s.kind === 'home');
    expect(home?.kind === 'home' ? home.message.sections : []).toEqual(
      expect.arrayContaining([
        'Your communities\n• Grade 3 (you facilitate): tuning protocol under way: Warm and cool feedback, in its thread',
        expect.stringMatching(/^Critical friends: `start tuning <topic> @presenter`/),
      ]),
    );
    // No "share what's working" button for a protocol: its replies go in its thread.
    expect(home?.kind === 'home' ? home.message.buttons?.map((b) => b.label) : []).toEqual(['Set a goal']);
    await bot.as('cal').say('status');
    expect(privateTo(take(), 'cal')[0]?.sections?.[0]).toBe(
      'Tuning protocol under way: Persuasive writing unit, presented by pat, now in Warm and cool feedback (step 4 of 6). Replies go in its thread.',
    );

    // Facilitators can change the times: the feedback step now ends 5 minutes after it began.
    await bot.as('ana').say('protocol times 10 5 2 5 10 10');
    take();
    bot.advance(5);
    await timed();
    expect(stepTitles(take())).toEqual(['Step 5 of 6: Presenter reflection']);
    await bot.as('pat').reply('I will try a real audience next week.');
    bot.advance(10);
    await timed();
    expect(stepTitles(take())).toEqual(['Step 6 of 6: Debrief']);
    await bot.as('ben').reply('The pause helped me think.');
    bot.advance(10);
    await timed();
    sent = take();

    const summary = channelSummary(sent);
    expect(summary?.text).toBe(
      'Protocol summary: Tuning protocol in Grade 3: Persuasive writing unit\n3 participants · 1 clarifying question · 1 piece of warm feedback · 2 pieces of cool feedback',
    );
    expect(summary?.sections?.[0]).toBe('Debrief:\n• ben: The pause helped me think.');
    const [presenter] = dmsTo(sent, 'pat');
    expect(presenter?.sections).toEqual([
      'Clarifying questions:\n• ben: How long did the unit run?',
      'Warm feedback (what is working and promising):\n• ben: I noticed canary-warm-1 the students argued with evidence',
      'Cool feedback (questions and possibilities to stretch the work):\n• cal: I wonder canary-cool-2 what if they wrote for a real audience?\n• cal: What if canary-unsure-3 peers scored each other first?',
      'Your own notes, seen by no one else:\n• Note to self: canary-note-4 try a real audience\n• And canary-note-5 ask the librarian',
    ]);
    expect(sent.filter((s) => s.kind === 'dm')).toHaveLength(1);

    // The canary: no feedback or note is in anything the bot showed the channel.
    const shown = shownToTheChannel(all);
    for (const canary of ['canary-warm-1', 'canary-cool-2', 'canary-unsure-3', 'canary-note-4', 'canary-note-5'])
      expect(shown).not.toContain(canary);
    // ... nor in the admin's digest preview or workspace export.
    await bot.as('ana', 'D-ana').say('digest');
    await bot.as('ana', 'D-ana').say('export workspace');
    const adminSees = JSON.stringify(take());
    expect(adminSees).not.toMatch(/canary-/);

    // The session is over: `next` and late replies change nothing.
    await bot.as('ana').say('next');
    expect(privateTo(take(), 'ana').map((m) => m.text)).toEqual([
      'Grade 3 has no open session. A facilitator can open one with `start [topic]`.',
    ]);
  });

  it('runs a consultancy protocol: the presenter only listens in the discussion, and their notes go to them alone', async () => {
    const { bot, take, all, timed } = await circle();
    await bot.as('ana').say('start consultancy Getting quiet students talking <@pat|pat>');
    await bot.as('ana').say('next');
    await bot.as('ben').reply('Which class is this?');
    await bot.as('ana').say('next');
    await bot.as('cal').reply('What would success look like for you?');
    take();
    bot.advance(10);
    await timed();
    expect(stepTitles(take())).toEqual(['Step 4 of 6: Discussion']);
    await bot.as('ben').reply('I wonder whether think-pair-share would help.');
    await bot.as('pat').reply('canary-consult-note I could try talk partners');
    expect(privateTo(take(), 'pat').map((m) => m.text)).toEqual([
      expect.stringMatching(/^You are listening during "Discussion"/),
    ]);
    // The Next button carries the step it was drawn for: a stale press changes nothing.
    const root = all.filter((s) => s.kind === 'update' || s.kind === 'post').at(-1)?.message;
    await bot.as('ana').press(button(root, 'Next step'));
    await bot.as('ana').press(button(root, 'Next step'));
    const sent = take();
    expect(stepTitles(sent)).toEqual(["Step 5 of 6: Presenter's response"]);
    expect(privateTo(sent, 'ana').map((m) => m.text)).toEqual([
      'This session has moved on already, so nothing was changed.',
    ]);
    await bot.as('ana').say('close');
    const closing = take();
    const [presenter] = dmsTo(closing, 'pat');
    expect(presenter?.sections).toEqual([
      'Clarifying questions:\n• ben: Which class is this?',
      'Probing questions:\n• cal: What would success look like for you?',
      'Your own notes, seen by no one else:\n• canary-consult-note I could try talk partners',
    ]);
    expect(channelSummary(closing)?.text).toContain('1 clarifying question · 1 probing question');
    expect(shownToTheChannel([...all, ...closing])).not.toContain('canary-consult-note');
  });
});
