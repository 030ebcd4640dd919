import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { planDue } from '../../src/scheduler/plan.js';
import { openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';
import { CONSULTANCY_STEPS, TUNING_STEPS } from '../helpers/protocol-steps.js';
import { deliverNow } from '../helpers/deliver-now.js';
import { eventually, startSlackBot } from '../helpers/slack-bot.js';
import { buttonPress, commandBody, eventBody, postToSlackEndpoint } from '../helpers/slack-requests.js';

// A tuning and a consultancy protocol in Slack, through signed requests against a fake Web API, with
// a test clock ticked as replicas tick it: each step posted in the thread in order, timed steps moved
// on once though two replicas deliver, warm and cool feedback grouped, the presenter's notes private,
// their summary in their DM only, and no feedback's words in any post the channel sees.

type Bot = Awaited<ReturnType<typeof startSlackBot>>;

describe.each(testDatabaseKinds)('protocol sessions in Slack, on %s', (kind) => {
  let database: OpenDatabase;
  let bot: Bot;
  let replica: Bot;
  let now = new Date('2026-03-03T15:00:00Z');
  let commands = 0;
  let events = 0;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    bot = await startSlackBot(database, { now: () => now });
    // A second process on the same database: it delivers timed work too.
    replica = await startSlackBot(database, { now: () => now });
    for (const fake of [bot.fake, replica.fake]) {
      for (const [id, name] of [
        ['UANA', 'Ana'],
        ['UPAT', 'Pat'],
        ['UBEN', 'Ben'],
        ['UCAL', 'Cal'],
      ] as const)
        fake.users.set(id, { id, name, tz: 'America/Chicago' });
    }
  });
  afterAll(async () => {
    await bot?.close();
    await replica?.close();
    await database?.close();
  });

  const circle = async (user: string, text: string) => {
    commands += 1;
    expect(
      (
        await postToSlackEndpoint(
          bot.baseUrl,
          commandBody({ text, user, channel: 'C1', responseUrl: bot.fake.responseUrl(`${user}-${commands}`) }),
        )
      ).status,
    ).toBe(200);
  };
  const answersTo = (user: string) =>
    bot.fake.responses.filter((r) => r.path.startsWith(`/respond/${user}-`)).map((r) => String(r.body.text));
  /** Both fakes' calls in the order they were answered. */
  const calls = () => [...bot.fake.calls, ...replica.fake.calls].sort((a, b) => a.at - b.at);
  const posts = () => calls().filter((c) => c.method === 'chat.postMessage' && c.response.ok === true);
  const rootTs = () =>
    String(
      posts().find(
        (c) =>
          String(c.args.text).startsWith('Tuning protocol') || String(c.args.text).startsWith('Consultancy protocol'),
      )?.response.ts,
    );
  const latestRoot = () =>
    String(
      posts()
        .filter((c) => /^(Tuning|Consultancy) protocol/.test(String(c.args.text)))
        .at(-1)?.response.ts,
    );
  const stepPosts = () =>
    posts()
      .filter((c) => c.args.channel === 'C1' && /^Step \d of 6/.test(String(c.args.text)))
      .map((c) => String(c.args.text).split(' (')[0]);
  /** The protocol's message as last redrawn, by whichever replica redrew it. */
  const lastRedraw = () =>
    String(
      calls()
        .filter((c) => c.method === 'chat.update')
        .at(-1)?.args.text,
    );
  const ephemeralsTo = (user: string) => bot.fake.callsTo('chat.postEphemeral').filter((c) => c.user === user);
  const dmsTo = (user: string) => posts().filter((c) => c.args.channel === user);
  /** Everything the bot posted or redrew in the channel, threads included. */
  const shownInChannel = () =>
    calls()
      .filter((c) => (c.method === 'chat.postMessage' || c.method === 'chat.update') && c.args.channel === 'C1')
      .map((c) => JSON.stringify(c.args))
      .join('\n');
  const reply = async (user: string, text: string) => {
    events += 1;
    const post = eventBody(
      { type: 'message', channel: 'C1', user, text, ts: `17100000${events}.0001`, thread_ts: latestRoot() },
      { eventId: `Ev-p${events}` },
    );
    expect((await postToSlackEndpoint(bot.baseUrl, post)).status).toBe(200);
  };
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database.db)
      .then((r) => r.rows);
  const settled = () =>
    eventually(async () =>
      expect(await rows('select count(*)::int as n from event_receipts where handled_at is null')).toEqual([{ n: 0 }]),
    );
  /**
   * Both replicas plan and deliver at once, as two processes on one database do. The clock moves only
   * once every request so far is handled: a handler still sending what it wrote would otherwise see
   * its lease run out under it, minutes early, and its posts sent again by the replicas.
   */
  async function tickTo(minutes: number) {
    await settled();
    now = new Date(now.getTime() + minutes * 60_000);
    await Promise.all([
      planDue({ store: createStore(database.db), now }),
      planDue({ store: createStore(database.db), now }),
    ]);
    await Promise.all([
      deliverNow(database, { now, chatFor: (_p, team) => bot.chatFor(team) }),
      deliverNow(database, { now, chatFor: (_p, team) => replica.chatFor(team) }),
    ]);
  }
  const buttonValue = (call: { blocks?: unknown } | undefined, label: string): string => {
    const blocks = call?.blocks as
      { type: string; elements?: { text: { text: string }; value: string }[] }[] | undefined;
    const found = blocks?.find((b) => b.type === 'actions')?.elements?.find((e) => e.text.text === label);
    if (!found) throw new Error(`no button ${label}`);
    return found.value;
  };

  it('runs a tuning protocol end to end', async () => {
    await circle('UANA', 'setup Grade 3');
    for (const user of ['UPAT', 'UBEN', 'UCAL']) await circle(user, 'help');
    await circle('UANA', 'start tuning Persuasive writing unit <@UPAT|pat>');
    await eventually(() => expect(stepPosts()).toEqual(['Step 1 of 6: Presentation']));
    // The first step is in the thread of the protocol's message.
    expect(posts().find((c) => String(c.args.text).startsWith('Step 1 of 6'))?.args.thread_ts).toBe(rootTs());

    await tickTo(9);
    expect(stepPosts()).toHaveLength(1);
    await tickTo(1);
    expect(stepPosts()).toEqual(['Step 1 of 6: Presentation', 'Step 2 of 6: Clarifying questions']);
    await reply('UBEN', 'How long did the unit run?');
    await tickTo(5);
    await tickTo(2);
    expect(stepPosts().at(-1)).toBe('Step 4 of 6: Warm and cool feedback');
    expect(lastRedraw()).toContain('Now: Warm and cool feedback (step 4 of 6, 15 minutes');

    await reply('UBEN', 'warm: I noticed slack-warm-canary the students used evidence');
    await reply('UCAL', 'I wonder slack-unsure-canary what a real audience would change');
    await reply('UPAT', 'slack-note-canary try pen pals');
    await settled();
    const asked = await eventually(() => {
      const found = ephemeralsTo('UCAL').find((c) => String(c.text).startsWith('Thanks for your feedback. Is it warm'));
      expect(found).toBeDefined();
      return found;
    });
    await postToSlackEndpoint(bot.baseUrl, buttonPress({ user: 'UCAL', value: buttonValue(asked, 'Cool') }));
    await eventually(() =>
      expect(ephemeralsTo('UCAL').map((c) => c.text)).toContain(
        "Thanks: kept as cool feedback for the presenter's summary.",
      ),
    );
    expect(ephemeralsTo('UPAT').map((c) => String(c.text))).toEqual([
      expect.stringMatching(/^You are listening during "Warm and cool feedback"/),
    ]);

    await circle('UANA', 'next');
    await eventually(() => expect(stepPosts().at(-1)).toBe('Step 5 of 6: Presenter reflection'));
    await tickTo(10);
    expect(stepPosts().at(-1)).toBe('Step 6 of 6: Debrief');
    await reply('UBEN', 'The pause helped.');
    await settled();
    await tickTo(10);

    // Each step was posted once, in order, though two replicas delivered every timed step.
    expect(stepPosts()).toEqual(TUNING_STEPS);
    const summary = posts().filter((c) => String(c.args.text).startsWith('Protocol summary'));
    expect(summary).toHaveLength(1);
    expect(summary[0]?.args.thread_ts).toBe(rootTs());
    expect(String(summary[0]?.args.text)).toContain(
      '1 clarifying question · 1 piece of warm feedback · 1 piece of cool feedback',
    );
    const dm = dmsTo('UPAT');
    expect(dm).toHaveLength(1);
    const dmText = JSON.stringify(dm[0]?.args);
    for (const canary of [
      'How long did the unit run?',
      'slack-warm-canary',
      'slack-unsure-canary',
      'slack-note-canary',
    ])
      expect(dmText).toContain(canary);
    expect(dmText.indexOf('Warm feedback')).toBeLessThan(dmText.indexOf('slack-warm-canary'));
    expect(dmText.indexOf('Cool feedback')).toBeLessThan(dmText.indexOf('slack-unsure-canary'));
    // Nobody else got a DM with it, and the channel never saw the feedback or the notes from the bot.
    expect(
      posts().filter(
        (c) => c.args.channel !== 'C1' && c.args.channel !== 'UPAT' && JSON.stringify(c.args).includes('canary'),
      ),
    ).toEqual([]);
    for (const canary of ['slack-warm-canary', 'slack-unsure-canary', 'slack-note-canary'])
      expect(shownInChannel()).not.toContain(canary);
    expect(lastRedraw()).toContain('Closed');
  });

  it('runs a consultancy protocol end to end, the presenter listening in the discussion', async () => {
    await circle('UANA', 'start consultancy Getting quiet students talking <@UPAT|pat>');
    await eventually(() => expect(stepPosts().at(-1)).toBe('Step 1 of 6: The dilemma'));
    await tickTo(10);
    await reply('UBEN', 'Which class is this?');
    await tickTo(5);
    await reply('UCAL', 'What is your hunch about why they are quiet?');
    await tickTo(10);
    expect(stepPosts().slice(-4)).toEqual(CONSULTANCY_STEPS.slice(0, 4));
    await reply('UBEN', 'I wonder whether talk partners would help.');
    await reply('UPAT', 'slack-consult-note maybe start with pairs');
    await reply('UPAT', 'slack-consult-note-2 and sentence stems');
    await settled();
    // One gentle reminder, however often the presenter writes.
    await eventually(() =>
      expect(
        ephemeralsTo('UPAT')
          .map((c) => String(c.text))
          .filter((t) => t.includes('"Discussion"')),
      ).toHaveLength(1),
    );
    await tickTo(15);
    await tickTo(10);
    await tickTo(5);
    expect(stepPosts().slice(-2)).toEqual(["Step 5 of 6: Presenter's response", 'Step 6 of 6: Debrief']);
    const dm = dmsTo('UPAT').at(-1);
    const dmText = JSON.stringify(dm?.args);
    expect(dmText).toContain('Probing questions');
    expect(dmText).toContain('What is your hunch about why they are quiet?');
    expect(dmText).toContain('slack-consult-note-2 and sentence stems');
    expect(shownInChannel()).not.toContain('slack-consult-note');
    expect(answersTo('UANA')).not.toContain(expect.stringContaining('slack-consult-note'));
  });
});
