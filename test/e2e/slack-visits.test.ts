import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { openTestDatabase } from '../helpers/databases.js';
import { deliverNow } from '../helpers/deliver-now.js';
import { commandsTo, eventually, startSlackBot } from '../helpers/slack-bot.js';
import { messageProblems } from '../helpers/slack-limits.js';
import { buttonPress, formSubmission, postToSlackEndpoint } from '../helpers/slack-requests.js';
import { whereItAppears } from '../helpers/find-text.js';

// A classroom visit in Slack, through signed requests to the real endpoint: Ben invites Cal to watch
// his lesson; Cal says yes with a button in his DM; both are reminded the school day before; an hour
// after the lesson Cal answers the noticing questions in a modal, and his notes reach Ben's DM and
// nowhere else; Ben reflects in a modal of his own. Then a decline, and a cancel with the other told.

type Block = { type: string; elements?: { text: { text: string }; value: string }[] };
type View = { private_metadata: string; blocks: { block_id?: string; label?: { text: string } }[] };

const CANARY = 'canary-slack-noticed-4410';

describe('a classroom visit, in Slack', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  // Tuesday 3 March 2026, 09:00 in Chicago.
  let now = new Date('2026-03-03T15:00:00Z');

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    bot = await startSlackBot(database, { now: () => now });
    for (const [id, name] of [
      ['UANA', 'Ana'],
      ['UBEN', 'Ben'],
      ['UCAL', 'Cal'],
    ] as const)
      bot.fake.users.set(id, { id, name, tz: 'America/Chicago' });
    bot.fake.channelMembers.set('C1', ['UANA', 'UBEN', 'UCAL']);
    circle = commandsTo(bot);
  });
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });

  let circle: ReturnType<typeof commandsTo>;
  const postsTo = (channel: string) => bot.fake.callsTo('chat.postMessage').filter((c) => c.channel === channel);
  /** The newest message to a person's DM whose text has `words`, checked against Slack's limits. */
  const dmWith = (user: string, words: string) =>
    eventually(() => {
      const post = postsTo(user).findLast((c) => String(c.text).includes(words));
      expect(post).toBeDefined();
      expect(messageProblems(post ?? {})).toEqual([]);
      return post ?? {};
    });
  const buttons = (post: Record<string, unknown>) =>
    new Map(
      ((post.blocks as Block[]).find((b) => b.type === 'actions')?.elements ?? []).map((e) => [e.text.text, e.value]),
    );
  const press = (user: string, value: string | undefined, triggerId?: string) =>
    postToSlackEndpoint(
      bot.baseUrl,
      buttonPress({ user, channel: `D${user.slice(1)}`, value, ...(triggerId ? { triggerId } : {}) }),
    );
  const modal = (trigger: string) =>
    eventually(() => {
      const view = bot.fake.callsTo('views.open').find((c) => c.trigger_id === trigger)?.view as View | undefined;
      expect(view).toBeDefined();
      return view as View;
    });
  const tick = () => deliverNow(database, { now, chatFor: (_p, team) => bot.chatFor(team) });

  it('asks, is accepted, reminds both, takes the noticing form and hands the notes to the observed teacher only, who reflects', async () => {
    for (const user of ['UANA', 'UBEN', 'UCAL']) await circle(user, 'help');
    expect(await circle('UBEN', 'invite <@UCAL|cal> thu 10:00 exit tickets')).toBe(
      'I have asked Cal privately about Thu 5 Mar, 10:00 (your time). I will tell you their answer.',
    );
    const request = await dmWith('UCAL', 'Ben would like you to come and watch');
    expect(String(request.text)).toBe(
      'Ben would like you to come and watch their lesson on Thu 5 Mar, 10:00 (your time).',
    );
    expect(postsTo('C1')).toEqual([]);

    expect((await press('UCAL', buttons(request).get("Yes, I'll come"))).status).toBe(200);
    await dmWith('UBEN', 'Cal said yes: Thu 5 Mar, 10:00 (your time).');
    await dmWith('UCAL', 'Thank you: Ben is told.');

    // Wednesday 15:00 in Chicago, the school day before: one reminder each.
    now = new Date('2026-03-04T21:00:00Z');
    await tick();
    await dmWith('UCAL', "A reminder: you are watching Ben's lesson on Thu 5 Mar, 10:00 (your time).");
    await dmWith('UBEN', 'A reminder: Cal comes to watch your lesson on Thu 5 Mar, 10:00 (your time).');

    // Thursday 11:00, an hour after the lesson began: the noticing form, to Cal.
    now = new Date('2026-03-05T17:00:00Z');
    await tick();
    const noticing = await dmWith('UCAL', "Thank you for visiting Ben's classroom. What did you notice?");
    expect((await press('UCAL', buttons(noticing).get('Write what you noticed'), 'trigger-notes')).status).toBe(200);
    const view = await modal('trigger-notes');
    expect(view.blocks.flatMap((b) => (b.label ? [b.label.text] : []))).toEqual([
      'What did you notice about exit tickets? What did students say or do?',
      'What do you wonder about exit tickets after watching?',
      'What might you try in your own classroom, and what would you like to ask them?',
    ]);
    const values = {
      noticed: { type: 'plain_text_input', value: `I noticed ${CANARY}` },
      wondered: { type: 'plain_text_input', value: null },
      next: { type: 'plain_text_input', value: 'What if they swapped?' },
    };
    expect(
      (
        await postToSlackEndpoint(
          bot.baseUrl,
          formSubmission({ user: 'UCAL', privateMetadata: view.private_metadata, values }),
        )
      ).status,
    ).toBe(200);

    const notes = await dmWith('UBEN', 'Cal wrote down what they noticed in your lesson.');
    expect(JSON.stringify(notes.blocks)).toContain(CANARY);
    // Nowhere else: not the channel, not Cal's or Ana's DMs, not an ephemeral.
    const everyOtherCall = bot.fake.calls.filter(
      (c) => !(c.method === 'chat.postMessage' && c.args.channel === 'UBEN'),
    );
    expect(JSON.stringify(everyOtherCall)).not.toContain(CANARY);

    const reflect = await dmWith('UBEN', 'what stands out to you');
    expect((await press('UBEN', buttons(reflect).get('Reflect'), 'trigger-reflect')).status).toBe(200);
    const reflection = await modal('trigger-reflect');
    expect(
      (
        await postToSlackEndpoint(
          bot.baseUrl,
          formSubmission({
            user: 'UBEN',
            privateMetadata: reflection.private_metadata,
            values: { text: { type: 'plain_text_input', value: 'reflection-slack-3321' } },
          }),
        )
      ).status,
    ).toBe(200);
    await eventually(async () =>
      expect(await whereItAppears(database, 'reflection-slack-3321')).toMatchObject({ 'visits.reflection': 1 }),
    );
  });

  it('tells the requester of a decline, and the other person of a cancel', async () => {
    expect(await circle('UBEN', 'visit <@UCAL|cal> fri 9:00am')).toContain(
      'I have asked Cal privately about Fri 6 Mar, 09:00',
    );
    const request = await dmWith('UCAL', 'Ben would like to visit your lesson on Fri 6 Mar, 09:00');
    expect((await press('UCAL', buttons(request).get('Not this time'))).status).toBe(200);
    await dmWith('UBEN', "Cal can't make Fri 6 Mar, 09:00 (your time) this time.");

    await circle('UBEN', 'model <@UCAL|cal> mon 10:00 guided reading');
    const offer = await dmWith('UCAL', 'Ben offers to model a lesson for you on Mon 9 Mar, 10:00');
    expect((await press('UCAL', buttons(offer).get("Yes, I'll come"))).status).toBe(200);
    const yes = await dmWith('UBEN', 'Cal said yes: Mon 9 Mar, 10:00');
    expect((await press('UBEN', buttons(yes).get('Cancel the visit'))).status).toBe(200);
    await dmWith('UCAL', 'Ben has called off the visit on Mon 9 Mar, 10:00 (your time).');
    // Nothing planned for it is sent: no reminder on Friday, no form on Monday.
    const before = bot.fake.callsTo('chat.postMessage').length;
    now = new Date('2026-03-09T17:00:00Z');
    await tick();
    expect(bot.fake.callsTo('chat.postMessage').length).toBe(before);
  });
});
