import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/messages.js';
import type { PairRound } from '../../src/core/pairing/model.js';
import { recencyWindow } from '../../src/core/pairing/pair.js';
import { atLocal, addDays, localDate } from '../../src/core/time/local-time.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { createStore } from '../../src/db/store.js';
import { deliverDue } from '../../src/scheduler/deliver.js';
import { outboxHandlers } from '../../src/scheduler/handlers.js';
import { planDue } from '../../src/scheduler/plan.js';
import { openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';
import { createDriver, silentLog } from '../helpers/driver.js';
import type { Sent } from '../helpers/recording-chat.js';

// Pairing rounds over a school term, on the real database, with two replicas planning and
// delivering side by side on a test clock: thirteen people, weekly rounds, a spring-break week. No
// round falls in the break, nobody is left unpaired, no pair meets again within the window each
// round kept, and each group is introduced once however many replicas ran the round.

const ZONE = 'America/Chicago';
const PEOPLE = ['ana', ...Array.from({ length: 12 }, (_, i) => `t${String(i + 1).padStart(2, '0')}`)];
const BREAK = { from: '2026-03-16', to: '2026-03-20' };

const pairsOf = (group: readonly number[]) =>
  group.flatMap((a, i) => group.slice(i + 1).map((b) => [Math.min(a, b), Math.max(a, b)].join('-')));

describe.each(testDatabaseKinds)('pairing rounds over a term, on %s', (kind) => {
  let database: OpenDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
  });
  afterEach(async () => {
    await database?.close();
  });

  it('pairs everyone each school week, never in the break, never the same pair within the window, introduced once across two replicas', async () => {
    const bot = createDriver(createStore(database.db), { now: new Date('2026-03-03T15:00:00Z') });
    await bot.as('ana').say('setup Grade 3');
    for (const person of PEOPLE.slice(1)) await bot.as(person).say('help');
    await bot.as('ana', 'D-ana').say(`calendar add ${BREAK.from} ${BREAK.to} Spring break`);
    await bot.as('ana').say('pairs weekly');
    const notices = bot.chat.take().flatMap((s) => (s.kind === 'post' ? [s.message.text] : []));
    expect(notices.at(-1)).toMatch(
      /^ana started pairing rounds in Grade 3: every week, peers in pairs, on Monday mornings/,
    );

    // Two replicas: each plans and delivers with its own store and worker name, at the same moment.
    const replica = (worker: string) => {
      const store = createStore(database.db);
      return {
        plan: (now: Date) => planDue({ store, now }),
        deliver: (now: Date) =>
          deliverDue({
            outbox: outboxRepo(database.db),
            handlers: outboxHandlers(() => ({
              store,
              now,
              log: silentLog,
              chatFor: async () => bot.chat,
              replayerFor: () => undefined,
            })),
            now: () => now,
            worker,
            leaseMs: 60_000,
            batchSize: 50,
            dryRun: false,
            log: silentLog,
          }),
      };
    };
    const replicas = [replica('a'), replica('b')];
    const introductions: Sent[] = [];
    const followUps: Message[] = [];
    // Every Monday of the term, a few minutes after 09:00 in Chicago (and Friday afternoons, for follow-ups).
    let monday = '2026-03-09';
    for (let week = 0; week < 13; week++, monday = addDays(monday, 7)) {
      for (const moment of [atLocal(monday, 9 * 60 + 5, ZONE), atLocal(addDays(monday, 4), 15 * 60, ZONE)]) {
        await Promise.all(replicas.map((r) => r.plan(moment)));
        for (let round = 0; round < 3; round++) await Promise.all(replicas.map((r) => r.deliver(moment)));
      }
      const sent = bot.chat.take();
      introductions.push(...sent.filter((s) => s.kind === 'introduce'));
      followUps.push(
        ...sent.flatMap((s) => (s.kind === 'dm' && s.message.text.startsWith('Did you and') ? [s.message] : [])),
      );
    }

    const store = createStore(database.db);
    const community = (
      await store.communities.inWorkspace((await store.workspaces.ensure({ platform: 'console', externalId: 'T1' })).id)
    )[0];
    const rounds: PairRound[] = (await store.pairing.recentRounds(community?.id ?? 0, 100)).reverse();
    const members = await store.pairing.members(community?.id ?? 0);
    expect(members).toHaveLength(13);

    // 13 school weeks, one of them the break: 12 rounds, none in it.
    expect(rounds.map((r) => localDate(r.at, ZONE))).not.toContain('2026-03-16');
    expect(rounds).toHaveLength(12);
    for (const [index, round] of rounds.entries()) {
      const everyone = round.groups.flat();
      // Nobody unpaired, nobody twice: pairs, and one trio for the odd one out.
      expect([...everyone].sort((a, b) => a - b)).toEqual([...members].sort((a, b) => a - b));
      expect(round.groups.map((g) => g.length).sort()).toEqual([2, 2, 2, 2, 2, 3]);
      // No pair repeated within the window this round kept, which is the full one for 13 people.
      expect(round.window).toBe(recencyWindow(13));
      const recent = new Set(
        rounds.slice(Math.max(0, index - round.window), index).flatMap((r) => r.groups.flatMap(pairsOf)),
      );
      for (const pair of round.groups.flatMap(pairsOf))
        expect(recent.has(pair), `round ${index + 1} repeats ${pair}`).toBe(false);
    }
    // Each group introduced once, though both replicas ran every round; each person asked once a round.
    expect(introductions).toHaveLength(rounds.reduce((n, r) => n + r.groups.length, 0));
    expect(followUps).toHaveLength(12 * 13);
  }, 120_000);

  it('leaves out someone who skips, for the weeks they said, and takes their answer to "did you meet?"', async () => {
    const bot = createDriver(createStore(database.db), { now: new Date('2026-03-03T15:00:00Z') });
    await bot.as('ana').say('setup Grade 3');
    for (const person of ['ben', 'cal', 'dee', 'eve']) await bot.as(person).say('help');
    await bot.as('ana').say('pairs weekly');
    bot.chat.take();
    await bot.as('eve').say('pairs skip 1');
    expect(
      bot.chat.take().flatMap((s) => (s.kind === 'ephemeral' && s.user === 'eve' ? [s.message.text] : [])),
    ).toEqual(["You sit out Grade 3's pairing rounds for a week. `pairs skip 0` brings you back sooner."]);
    const store = createStore(database.db);
    const run = async (now: Date) => {
      await planDue({ store, now });
      for (let i = 0; i < 2; i++) {
        await deliverDue({
          outbox: outboxRepo(database.db),
          handlers: outboxHandlers(() => ({
            store,
            now,
            log: silentLog,
            chatFor: async () => bot.chat,
            replayerFor: () => undefined,
          })),
          now: () => now,
          worker: 'w',
          leaseMs: 60_000,
          batchSize: 50,
          dryRun: false,
          log: silentLog,
        });
      }
    };
    await run(new Date('2026-03-09T14:05:00Z'));
    let intros = bot.chat.take().filter((s) => s.kind === 'introduce');
    expect(intros.flatMap((s) => (s.kind === 'introduce' ? s.people.map((p) => p.user) : [])).sort()).toEqual([
      'ana',
      'ben',
      'cal',
      'dee',
    ]);
    await run(new Date('2026-03-13T20:05:00Z'));
    const ask = bot.chat.take().find((s) => s.kind === 'dm' && s.to.user === 'ben');
    const yes = ask?.kind === 'dm' ? ask.message.buttons?.find((b) => b.label === 'Yes, we met') : undefined;
    expect(yes).toBeDefined();
    await bot.as('ben', 'D-ben').press(yes?.action);
    expect(bot.chat.take().flatMap((s) => (s.kind === 'ephemeral' ? [s.message.text] : []))).toEqual([
      'Good to hear. Thank you for saying.',
    ]);
    // Ben's export holds the round and his answer, never who he was paired with.
    const workspace = await store.workspaces.ensure({ platform: 'console', externalId: 'T1' });
    const ben = await store.members.find(workspace.id, 'ben');
    const exported = await store.dataRights.memberData(ben?.id ?? 0);
    expect(exported.mentoring.pairings).toEqual([
      { circle: 'Grade 3', at: new Date('2026-03-09T14:00:00Z'), met: true },
    ]);
    // Someone not in that round cannot answer for it.
    await bot.as('eve', 'D-eve').press(yes?.action);
    expect(bot.chat.take().flatMap((s) => (s.kind === 'ephemeral' ? [s.message.text] : []))).toEqual([
      'That button does not belong here, so nothing was changed.',
    ]);
    // The week after, eve is back in.
    await run(new Date('2026-03-16T14:05:00Z'));
    intros = bot.chat.take().filter((s) => s.kind === 'introduce');
    expect(intros.flatMap((s) => (s.kind === 'introduce' ? s.people.map((p) => p.user) : [])).sort()).toEqual([
      'ana',
      'ben',
      'cal',
      'dee',
      'eve',
    ]);
  });
});
