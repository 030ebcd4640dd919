import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { openTestDatabase } from '../helpers/databases.js';
import { deliverNow } from '../helpers/deliver-now.js';
import { eventually, startSlackBot } from '../helpers/slack-bot.js';
import { messageProblems } from '../helpers/slack-limits.js';
import { buttonPress, commandBody, postToSlackEndpoint } from '../helpers/slack-requests.js';
import { createStore } from '../../src/db/store.js';
import { planDue } from '../../src/scheduler/plan.js';

// An ask in Slack, through signed requests to the real endpoint: matched by topic to Ben, passed by
// him, taken by Dee, and the two introduced in a group DM opened with conversations.open; a week
// later, on the test clock, the asker's follow-up.

type Block = { type: string; elements?: { text: { text: string }; value: string }[] };

describe('asking a mentor, in Slack', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  // Tuesday 3 March 2026, 15:00 UTC.
  let now = new Date('2026-03-03T15:00:00Z');

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    bot = await startSlackBot(database, { now: () => now });
    for (const [id, name] of [
      ['UANA', 'Ana'],
      ['UBEN', 'Ben'],
      ['UDEE', 'Dee'],
      ['UTIA', 'Tia'],
    ] as const) {
      bot.fake.users.set(id, { id, name, tz: 'America/Chicago', ...(id === 'UANA' ? { is_admin: true } : {}) });
    }
    bot.fake.channelMembers.set('C1', ['UANA', 'UBEN', 'UDEE', 'UTIA']);
  });
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });

  let commands = 0;
  async function circle(user: string, text: string, answered = true): Promise<string> {
    commands += 1;
    const id = `${user}-${commands}`;
    expect(
      (
        await postToSlackEndpoint(
          bot.baseUrl,
          commandBody({ text, user, channel: 'C1', responseUrl: bot.fake.responseUrl(id) }),
        )
      ).status,
    ).toBe(200);
    if (!answered) return '';
    const answer = await eventually(() => {
      const found = bot.fake.responses.find((r) => r.path === `/respond/${id}`);
      expect(found).toBeDefined();
      return found;
    });
    return String(answer?.body.text);
  }
  const postsTo = (channel: string) => bot.fake.callsTo('chat.postMessage').filter((c) => c.channel === channel);
  /** The buttons of the newest message in a channel, by label, with the values Slack will send back. */
  const buttonsIn = (channel: string) =>
    eventually(() => {
      const post = postsTo(channel).findLast((c) =>
        (c.blocks as Block[] | undefined)?.some((b) => b.type === 'actions'),
      );
      expect(post).toBeDefined();
      expect(messageProblems(post ?? {})).toEqual([]);
      const elements = (post?.blocks as Block[]).find((b) => b.type === 'actions')?.elements ?? [];
      return new Map(elements.map((e) => [e.text.text, e.value]));
    });
  /** A press in the person's DM with the bot (Slack names the channel by its own D… id). */
  const press = (user: string, channel: string, value: string | undefined) =>
    postToSlackEndpoint(bot.baseUrl, buttonPress({ user, channel, value }));

  it('matches by topic, passes once, introduces the one who takes it in a group DM, and follows up a week later', async () => {
    await circle('UANA', 'setup Grade 3', false);
    await eventually(() => expect(postsTo('C1')).toHaveLength(1));
    // Ben has not used the bot yet: he is named by the handle the mention carries until he does.
    expect(await circle('UANA', 'mentor add <@UBEN|ben> google classroom, grade 3 literacy')).toContain(
      'ben now mentors for everyone here',
    );
    expect(await circle('UANA', 'mentor add <@UDEE|dee> google classroom')).toContain(
      'dee now mentors for everyone here',
    );
    await eventually(() =>
      expect(postsTo('UBEN').map((c) => String(c.text))).toContain(
        'You are now a mentor here, named by Ana: colleagues can ask you for one-on-one help on "google classroom" and "grade 3 literacy".',
      ),
    );

    expect(await circle('UTIA', 'ask setting up Google Classroom for my grade 3 class')).toContain(
      'I have passed your ask to a mentor whose topics fit',
    );
    // Ben fits best (both his topics); the ask goes to him alone, in his DM.
    const toBen = await buttonsIn('UBEN');
    expect(String(postsTo('UBEN').at(-1)?.text)).toContain('Tia would like some one-on-one help');
    expect(postsTo('UDEE').filter((c) => String(c.text).includes('Tia'))).toEqual([]);
    expect(postsTo('C1').filter((c) => String(c.text).includes('Google Classroom'))).toEqual([]);

    expect((await press('UBEN', 'DBEN', toBen.get('Not this time'))).status).toBe(200);
    const toDee = await buttonsIn('UDEE');
    expect(String(postsTo('UDEE').at(-1)?.text)).toContain('Tia would like some one-on-one help');
    expect((await press('UDEE', 'DDEE', toDee.get("I'll help"))).status).toBe(200);

    // The two of them, and the bot, in one group DM.
    await eventually(() =>
      expect(bot.fake.callsTo('conversations.open')).toContainEqual(expect.objectContaining({ users: 'UTIA,UDEE' })),
    );
    const group =
      [...bot.fake.groupDms.entries()].find(
        ([, people]) => people.join() === 'UDEE,UTIA' || people.join() === 'UTIA,UDEE',
      )?.[0] ?? '';
    const intro = await eventually(() => {
      const [post] = postsTo(group);
      expect(post).toBeDefined();
      return post ?? {};
    });
    expect(String(intro.text)).toBe('Tia, meet Dee: Dee is glad to help with what you asked.');
    expect(messageProblems(intro)).toEqual([]);
    // Ben is told nothing more, and Tia was never told who passed.
    expect(
      postsTo('UTIA')
        .map((c) => String(c.text))
        .join('\n'),
    ).not.toContain('Ben');

    // A week later, on the test clock, one open question to Tia.
    now = new Date('2026-03-10T15:01:00Z');
    await deliverNow(database, { now, chatFor: (_p, team) => bot.chatFor(team) });
    const followUp = await eventually(() => {
      const found = postsTo('UTIA').find((c) => String(c.text).includes('What helped most'));
      expect(found).toBeDefined();
      return found ?? {};
    });
    expect(String(followUp.text)).toBe(
      'A week ago Dee offered to help with what you asked. What helped most, and what is still open?',
    );
    expect(messageProblems(followUp)).toEqual([]);
  });

  it('ends a mentor term: the admin names next term in Slack, gets the notice, and mentors are thanked and welcomed in their DMs', async () => {
    expect(await circle('UANA', 'rotation 2026-04-10')).toBe(
      "Mentor terms now end on 2026-04-10. Admins get the note to choose next term's mentors on 2026-03-11.",
    );
    expect(await circle('UANA', 'rotation next <@UTIA|tia> assessment')).toContain(
      'Tia is named to mentor next term, on assessment.',
    );
    expect(await circle('UTIA', 'rotation')).toContain('Only Mentor Circle admins');
    const store = createStore(database.db);
    const tick = async (at: Date) => {
      now = at;
      await planDue({ store, now });
      await deliverNow(database, { now, chatFor: (_p, team) => bot.chatFor(team) });
    };
    await tick(new Date('2026-03-11T14:01:00Z'));
    const notice = await eventually(() => {
      const found = postsTo('UANA').find((c) => String(c.text).startsWith('Mentor terms end on 2026-04-10'));
      expect(found).toBeDefined();
      return found ?? {};
    });
    expect(messageProblems(notice)).toEqual([]);

    // 16:01 in Chicago on the last day: Ben and Dee step down with thanks, Tia is welcomed.
    await tick(new Date('2026-04-10T21:01:00Z'));
    for (const mentor of ['UBEN', 'UDEE']) {
      const thanks = await eventually(() => {
        const found = postsTo(mentor).find((c) => String(c.text) === 'Thank you for mentoring this term.');
        expect(found).toBeDefined();
        return found ?? {};
      });
      expect(messageProblems(thanks)).toEqual([]);
    }
    await eventually(() =>
      expect(postsTo('UTIA').map((c) => String(c.text))).toContain(
        'You are now a mentor here, named by Ana: colleagues can ask you for one-on-one help on "assessment".',
      ),
    );
    expect(await circle('UTIA', 'mentors')).toContain('Mentors (1)');
  });
});
