import { webApi } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatPort, Introduced } from '../../src/core/chat-port.js';
import type { Message } from '../../src/core/messages.js';
import { DeliveryError } from '../../src/core/outbox.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { startSlackBot } from '../helpers/slack-bot.js';
import { messageProblems } from '../helpers/slack-limits.js';

// A mentor and a teacher introduced in Slack: one group DM of the two of them and the bot, opened
// with conversations.open, and the message posted there once, in Block Kit Slack takes. Through the
// ChatPort timed sends use (the real Bolt adapter and WebClient) against the fake Web API, which
// opens and refuses group DMs as Slack does.

const ANA: Introduced = { user: 'UANA', name: 'Ana Ruiz' };
const BEN: Introduced = { user: 'UBEN', name: 'Ben Okafor' };
const MEETING: Message = {
  text: 'Ana Ruiz, meet Ben Okafor: Ben mentors on *classroom routines* & reading groups.',
  sections: ['Ana asked: how do I keep transitions under two minutes?'],
  buttons: [{ label: 'Set a goal together', action: { kind: 'goal.form' } }],
};

/** The blocks of a payload as sent, to look for texts in. */
const shown = (payload: Record<string, unknown>) => JSON.stringify(payload.blocks);

describe.each(testDatabaseKinds)('introductions in Slack (%s)', (kind) => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  let chat: ChatPort;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  }, 60_000);
  beforeEach(async () => {
    bot = await startSlackBot(database);
    for (const person of [ANA, BEN]) bot.fake.users.set(person.user, { id: person.user, name: person.name });
    chat = await bot.chatFor('T1');
  });
  afterEach(() => bot?.close());
  afterAll(() => database?.close());

  it('opens one group DM with both people and posts the introduction there once, in Block Kit Slack takes', async () => {
    await chat.introduce('T1', [ANA, BEN], MEETING);

    expect(bot.fake.callsTo('conversations.open')).toEqual([{ users: 'UANA,UBEN' }]);
    const [opened] = bot.fake.calls.filter((call) => call.method === 'conversations.open');
    const channel = (opened?.response.channel as { id?: string } | undefined)?.id;
    expect(channel).toMatch(/^G/);
    expect(bot.fake.groupDms.get(channel ?? '')).toEqual(['UANA', 'UBEN']);

    const posts = bot.fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    const [post = {}] = posts;
    expect(post.channel).toBe(channel);
    expect(messageProblems(post)).toEqual([]);
    // Rendered as any post is: escaped mrkdwn, the sections and the button, links not unfurled (a form field, so a string).
    expect(shown(post)).toContain(
      'Ana Ruiz, meet Ben Okafor: Ben mentors on *classroom routines* &amp; reading groups.',
    );
    expect(shown(post)).toContain('Ana asked: how do I keep transitions under two minutes?');
    expect(shown(post)).toContain('Set a goal together');
    expect(post.unfurl_links).toBe('false');
    // Nothing went to either person's own DM with the bot.
    expect(posts.filter((p) => p.channel === 'UANA' || p.channel === 'UBEN')).toEqual([]);
  });

  it('goes on in more messages in the same group DM when the message is longer than one takes', async () => {
    const long: Message = {
      text: 'Ana Ruiz, meet Ben Okafor.',
      sections: Array.from({ length: 60 }, (_, i) => `Note ${i + 1}: ${'a quiet routine '.repeat(10)}`),
    };
    await chat.introduce('T1', [ANA, BEN], long);

    const posts = bot.fake.callsTo('chat.postMessage');
    expect(posts.length).toBeGreaterThan(1);
    expect(new Set(posts.map((p) => p.channel))).toEqual(new Set(['GMPIM-UANA-UBEN']));
    for (const post of posts) expect(messageProblems(post)).toEqual([]);
    expect(bot.fake.countOf('conversations.open')).toBe(1);
  });

  it('stops for good, posting nothing, when Slack has no user for one of them', async () => {
    bot.fake.strangers.add('UGONE');
    const failed = chat.introduce('T1', [ANA, { user: 'UGONE', name: 'Gone' }], MEETING);
    await expect(failed).rejects.toSatisfy(
      (error: unknown) =>
        error instanceof DeliveryError && error.message === 'user_not_found' && error.failure.permanent === true,
    );
    expect(bot.fake.countOf('chat.postMessage')).toBe(0);
  });

  it('waits out a 429 from conversations.open without counting it as a failure, and the next try posts once', async () => {
    bot.fake.fail('conversations.open', { rateLimited: 7 });
    const limited = chat.introduce('T1', [ANA, BEN], MEETING);
    await expect(limited).rejects.toSatisfy(
      (error: unknown) =>
        error instanceof DeliveryError && error.failure.deferred === true && error.failure.retryAfterMs === 7000,
    );
    expect(bot.fake.countOf('chat.postMessage')).toBe(0);

    await chat.introduce('T1', [ANA, BEN], MEETING);
    expect(bot.fake.callsTo('chat.postMessage').map((p) => p.channel)).toEqual(['GMPIM-UANA-UBEN']);
  });

  it('waits out a 429 on the post too, and the retry finds the same group DM', async () => {
    bot.fake.fail('chat.postMessage', { rateLimited: 2 });
    await expect(chat.introduce('T1', [ANA, BEN], MEETING)).rejects.toSatisfy(
      (error: unknown) => error instanceof DeliveryError && error.failure.deferred === true,
    );
    await chat.introduce('T1', [BEN, ANA], MEETING);
    expect(bot.fake.callsTo('conversations.open')).toHaveLength(2);
    expect(bot.fake.callsTo('chat.postMessage').map((p) => p.channel)).toEqual(['GMPIM-UANA-UBEN']);
  });
});

describe('the fake Web API opens conversations as Slack does', () => {
  const fake = new FakeSlack();
  let client: webApi.WebClient;

  beforeAll(async () => {
    await fake.start();
    client = new webApi.WebClient('xoxb-test-token', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(() => fake.stop());

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (error: { data?: { error?: string } }) => error.data?.error,
    );

  it('answers a DM for one person and the same group DM for the same people in any order', async () => {
    expect((await client.conversations.open({ users: 'UANA' })).channel?.id).toBe('D-UANA');
    const first = (await client.conversations.open({ users: 'UANA,UBEN' })).channel?.id;
    const again = (await client.conversations.open({ users: 'UBEN, UANA' })).channel?.id;
    expect(first).toMatch(/^G/);
    expect(again).toBe(first);
    expect(await refusal(client.chat.postMessage({ channel: first ?? '', text: 'hello' }))).toBe('ok');
  });

  it('refuses no users, more than eight, and someone it has no user for', async () => {
    fake.strangers.add('UNOBODY');
    expect(await refusal(client.conversations.open({ users: '' }))).toBe('invalid_arguments');
    expect(
      await refusal(client.conversations.open({ users: Array.from({ length: 9 }, (_, i) => `U${i}`).join(',') })),
    ).toBe('too_many_users');
    expect(
      await refusal(client.conversations.open({ users: Array.from({ length: 8 }, (_, i) => `U${i}`).join(',') })),
    ).toBe('ok');
    expect(await refusal(client.conversations.open({ users: 'UANA,UNOBODY' }))).toBe('user_not_found');
  });

  it('finds no group DM it never opened', async () => {
    expect(await refusal(client.chat.postMessage({ channel: 'GMPIM-UX-UY', text: 'hello' }))).toBe('channel_not_found');
  });
});
