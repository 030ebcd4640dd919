import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { planDue } from '../../src/scheduler/plan.js';
import { openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';
import { CONSULTANCY_STEPS, TUNING_STEPS } from '../helpers/protocol-steps.js';
import { deliverNow } from '../helpers/deliver-now.js';
import { FakeTeams, type SentActivity } from '../helpers/fake-teams.js';
import { activities, ANA, BEN, CHANNEL, type TeamsUser } from '../helpers/teams-activities.js';
import { eventually } from '../helpers/slack-bot.js';
import { startTeamsBot } from '../helpers/teams-bot.js';

// A tuning and a consultancy protocol in Microsoft Teams, as Bot Framework activities through the
// real CloudAdapter, with a test clock ticked as two replicas tick it: each step in the thread once
// and in order, warm and cool feedback grouped, the presenter's notes private (Teams has no
// ephemeral messages: private words go to the person's personal chat), their summary in their
// personal chat only, and no feedback's words in anything the channel sees.

const PAT: TeamsUser = { id: '29:pat', name: 'Pat Lee', timeZone: 'America/Chicago' };
const CAL: TeamsUser = { id: '29:cal', name: 'Cal Moss', timeZone: 'America/Chicago' };
type Bot = Awaited<ReturnType<typeof startTeamsBot>>;

describe.each(testDatabaseKinds)('protocol sessions in Teams, on %s', (kind) => {
  let database: OpenDatabase;
  let bot: Bot;
  let replica: Bot;
  let say: ReturnType<typeof activities>;
  let now = new Date('2026-03-03T15:00:00Z');

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    bot = await startTeamsBot(database, { now: () => now });
    replica = await startTeamsBot(database, { now: () => now });
    say = activities(bot.fake.serviceUrl);
  });
  afterAll(async () => {
    await bot?.close();
    await replica?.close();
    await database?.close();
  });

  async function send(activity: unknown) {
    const response = await bot.send(activity);
    expect(response.status, response.text).toBe(200);
  }
  /** Both Bot Connector fakes' messages and updates, in the order they were taken. */
  const sent = (): SentActivity[] => [...bot.fake.sent, ...replica.fake.sent].sort((a, b) => a.at - b.at);
  const text = (s: SentActivity) => FakeTeams.textOf(s);
  const personalChat = (user: TeamsUser) => `a:personal-${user.id.slice(3)}`;
  const inChat = (user: TeamsUser) => sent().filter((s) => s.verb === 'POST' && s.conversation === personalChat(user));
  const inChannel = () => sent().filter((s) => s.conversation === CHANNEL || s.conversation.startsWith(`${CHANNEL};`));
  const latestRoot = () => {
    const card = sent().findLast(
      (s) => s.verb === 'POST' && s.conversation === CHANNEL && /protocol in Grade 3/.test(text(s)),
    );
    if (!card) throw new Error('no protocol message');
    return card.id;
  };
  const steps = () =>
    inChannel()
      .filter((s) => s.verb === 'POST')
      .map(text)
      .flatMap((t) => /^Step \d of 6: [^(]+/.exec(t)?.[0].trim() ?? []);
  /** Everything the bot showed in the channel and its threads. */
  const shownInChannel = () =>
    inChannel()
      .map((s) => JSON.stringify(s.activity))
      .join('\n');
  const reply = (user: TeamsUser, words: string) => send(say.threadReply(user, latestRoot(), words));
  function naming(from: TeamsUser, words: string, named: TeamsUser) {
    const activity = say.channelPost(from, `${words} <at>${named.name}</at>`);
    return {
      ...activity,
      entities: [
        ...activity.entities,
        { type: 'mention', mentioned: { id: named.id, name: named.name }, text: `<at>${named.name}</at>` },
      ],
    };
  }
  /** Both replicas plan and deliver; the clock moves only once every request so far is handled (see slack-protocols). */
  async function tickTo(minutes: number) {
    await eventually(async () =>
      expect(await rows('select count(*)::int as n from event_receipts where handled_at is null')).toEqual([{ n: 0 }]),
    );
    now = new Date(now.getTime() + minutes * 60_000);
    await Promise.all([
      planDue({ store: createStore(database.db), now }),
      planDue({ store: createStore(database.db), now }),
    ]);
    await Promise.all([
      deliverNow(database, { now, chatFor: (_p, tenant) => bot.chatFor(tenant) }),
      deliverNow(database, { now, chatFor: (_p, tenant) => replica.chatFor(tenant) }),
    ]);
  }
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database.db)
      .then((r) => r.rows);

  it('runs a tuning protocol end to end', async () => {
    await send(say.teamInstall(ANA, 'add'));
    for (const person of [ANA, PAT, BEN, CAL]) await send(say.installPersonal(person));
    await send(say.channelPost(ANA, 'setup Grade 3'));
    await send(naming(ANA, 'start tuning Persuasive writing unit', PAT));
    expect(steps()).toEqual(['Step 1 of 6: Presentation']);
    expect(text(sent().find((s) => s.id === latestRoot()) as SentActivity)).toContain(
      'Presenter: Pat Lee. Now: Presentation',
    );

    await tickTo(10);
    await reply(BEN, 'How long did the unit run?');
    await tickTo(5);
    await tickTo(2);
    expect(steps().at(-1)).toBe('Step 4 of 6: Warm and cool feedback');

    await reply(BEN, 'warm: I noticed teams-warm-canary students citing evidence');
    await reply(CAL, 'What if teams-unsure-canary they wrote for the school paper?');
    // Teams has no ephemeral messages: Cal is asked in their personal chat, with two buttons.
    const asked = inChat(CAL).findLast((s) => FakeTeams.buttons(s).some((b) => b.title === 'Cool'));
    const cool = asked ? FakeTeams.buttons(asked).find((b) => b.title === 'Cool') : undefined;
    if (!cool) throw new Error('Cal was not asked warm or cool');
    await send(say.submit(CAL, cool.data, 'personal'));
    expect(inChat(CAL).map(text).at(-1)).toBe("Thanks: kept as cool feedback for the presenter's summary.");
    await reply(PAT, 'teams-note-canary ask the librarian');
    expect(inChat(PAT).map(text).join('\n')).toContain('You are listening during "Warm and cool feedback"');

    await tickTo(15);
    await tickTo(10);
    await reply(BEN, 'The pause gave me time to think.');
    await tickTo(10);
    expect(steps()).toEqual(TUNING_STEPS);
    const summary = inChannel().filter((s) => text(s).startsWith('Protocol summary'));
    expect(summary).toHaveLength(1);
    expect(text(summary[0] as SentActivity)).toContain(
      '1 clarifying question · 1 piece of warm feedback · 1 piece of cool feedback',
    );
    expect(text(summary[0] as SentActivity)).toContain('Ben Okafor: The pause gave me time to think.');

    const toPat = inChat(PAT).filter((s) => text(s).startsWith('Your summary from the Tuning protocol'));
    expect(toPat).toHaveLength(1);
    const said = text(toPat[0] as SentActivity);
    expect(said).toMatch(/Warm feedback[^\n]*\n• Ben Okafor: I noticed teams-warm-canary/);
    expect(said).toMatch(/Cool feedback[^\n]*\n• Cal Moss: What if teams-unsure-canary/);
    expect(said).toContain('teams-note-canary ask the librarian');
    for (const canary of ['teams-warm-canary', 'teams-unsure-canary', 'teams-note-canary']) {
      expect(shownInChannel()).not.toContain(canary);
      for (const other of [ANA, BEN, CAL]) expect(inChat(other).map(text).join('\n')).not.toContain(canary);
    }
    expect(await rows('select step from protocol_runs')).toEqual([{ step: 6 }]);
  });

  it('runs a consultancy protocol end to end, the presenter listening in the discussion', async () => {
    await send(naming(ANA, 'start consultancy Getting quiet students talking', PAT));
    await send(say.channelPost(ANA, 'next'));
    await reply(BEN, 'Which class is this?');
    await send(say.channelPost(ANA, 'next'));
    await reply(CAL, 'What is your hunch about why they are quiet?');
    await tickTo(10);
    expect(steps().slice(-4)).toEqual(CONSULTANCY_STEPS.slice(0, 4));
    await reply(BEN, 'I wonder whether talk partners would help.');
    await reply(PAT, 'teams-consult-note start with pairs');
    await send(say.channelPost(ANA, 'close'));
    const toPat = inChat(PAT).filter((s) => text(s).startsWith('Your summary from the Consultancy protocol'));
    expect(toPat).toHaveLength(1);
    const said = text(toPat[0] as SentActivity);
    expect(said).toMatch(/Probing questions:\n• Cal Moss: What is your hunch/);
    expect(said).toMatch(/Your own notes, seen by no one else:\n• teams-consult-note start with pairs/);
    expect(shownInChannel()).not.toContain('teams-consult-note');
    expect(
      inChannel()
        .filter((s) => text(s).startsWith('Protocol summary'))
        .map(text)
        .at(-1),
    ).toContain('1 clarifying question · 1 probing question');
  });
});
