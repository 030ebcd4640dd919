import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/db/store.js';
import { planDue, type PlanHooks, type PlannedTime } from '../../src/scheduler/plan.js';
import { createDriver } from '../helpers/driver.js';
import { testDatabaseKinds, useSecondInstance, useTestDatabase } from '../helpers/databases.js';

// The planner reads what is due, computes, then writes. A person who changes the plan in between
// (a new schedule, prompts off, another zone) must win: afterwards the planned time is the one their
// change planned, and no outbox item of the plan the planner computed from the old state exists.

const MONDAY = new Date('2026-03-02T12:00:00Z');
const at = (iso: string) => new Date(iso);

/** Holds the planner between its read and its write of one kind of planned time, until released. */
function holdPlanner(kind: PlannedTime['kind']) {
  let arrive: () => void = () => {};
  let release: () => void = () => {};
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const hooks: PlanHooks = {
    beforeWrite: async (what) => {
      if (what.kind !== kind) return;
      arrive();
      await released;
    },
  };
  return { hooks, arrived, release };
}

/** The three races: each sets up a community whose time has come, and the change a person makes then. */
const RACES = [
  {
    name: 'a new schedule',
    hold: 'step' as const,
    setup: ['schedule weekly tue 15:30 60m'],
    due: at('2026-03-02T21:00:00Z'), // Monday 15:00 Chicago: the reminder of Tuesday's session
    change: 'schedule weekly thu 10:00 45m',
    planned: { step: at('2026-03-04T21:00:00Z'), midweek: null }, // Wednesday 15:00: the reminder of Thursday's
    stale: 'session.step',
  },
  {
    name: 'prompts off',
    hold: 'midweek' as const,
    setup: ['prompts weekly mon 15:00'],
    due: at('2026-03-02T21:00:00Z'),
    change: 'prompts off',
    planned: { step: null, midweek: null },
    stale: 'midweek.prompt',
  },
  {
    name: 'another zone',
    hold: 'step' as const,
    setup: ['schedule weekly mon 15:00 60m', 'remind off'],
    due: at('2026-03-02T21:00:00Z'), // the opening, Monday 15:00 Chicago
    change: 'timezone Europe/London',
    planned: { step: at('2026-03-09T15:00:00Z'), midweek: null }, // next Monday 15:00 London; today's has passed there
    stale: 'session.step',
  },
];

describe.each(testDatabaseKinds)('the planner racing a person on %s', (kind) => {
  const database = useTestDatabase(kind);
  const second = useSecondInstance(database, kind);

  const planned = async (channel: string) =>
    (
      await sql<{ step: Date | null; midweek: Date | null }>`
        select next_step_at as step, next_midweek_prompt_at as midweek from communities where channel_id = ${channel}`.execute(
        database().db,
      )
    ).rows[0];
  const items = async (kindOf: string, channel: string) =>
    (
      await sql<{ n: number }>`
        select count(*)::int as n from outbox
        where kind = ${kindOf} and (payload ->> 'communityId')::bigint = (select id from communities where channel_id = ${channel})`.execute(
        database().db,
      )
    ).rows[0]?.n;

  async function communityDue(race: (typeof RACES)[number], channel: string): Promise<void> {
    const people = createDriver(createStore(database().db), { now: MONDAY });
    await people.as('ana', channel).say('setup Grade 3');
    for (const words of race.setup) await people.as('ana', channel).say(words);
    const due = await planned(channel);
    expect(race.hold === 'step' ? due?.step : due?.midweek).toEqual(race.due);
  }

  it('writes its plan when no one changed anything in between', async () => {
    const race = RACES[0];
    if (!race) return;
    await communityDue(race, 'C-quiet');
    const held = holdPlanner(race.hold);
    const planner = planDue({ store: createStore(database().db), now: at('2026-03-02T21:00:30Z'), hooks: held.hooks });
    await held.arrived;
    held.release();
    expect(await planner).toBe(1);
    expect(await items(race.stale, 'C-quiet')).toBe(1);
    expect((await planned('C-quiet'))?.step).toEqual(at('2026-03-03T21:30:00Z')); // Tuesday's opening, next
  });

  for (const race of RACES) {
    it(`loses to ${race.name} made while it held what it read`, async () => {
      const channel = `C-${race.hold}-${race.change.split(' ')[0]}`;
      await communityDue(race, channel);
      const held = holdPlanner(race.hold);
      const planner = planDue({
        store: createStore(database().db),
        now: at('2026-03-02T21:00:30Z'),
        hooks: held.hooks,
      });
      await held.arrived;

      const person = createDriver(createStore(second().db), { now: at('2026-03-02T21:00:40Z') });
      await person.as('ana', channel).say(race.change);
      const theirs = await planned(channel);
      expect(theirs).toEqual(race.planned);

      held.release();
      expect(await planner).toBe(0);
      expect(await planned(channel)).toEqual(theirs);
      expect(await items(race.stale, channel)).toBe(0);
    });
  }

  it('loses to nudges off and to a new digest time, made while it held what it read', async () => {
    const member = async (column: 'next_nudge_at' | 'next_digest_at') =>
      (
        await sql<{ at: Date | null }>`select ${sql.ref(column)} as at from members where external_id = 'ana'`.execute(
          database().db,
        )
      ).rows[0]?.at;
    const count = async (kindOf: string) =>
      (await sql<{ n: number }>`select count(*)::int as n from outbox where kind = ${kindOf}`.execute(database().db))
        .rows[0]?.n;
    const goal = {
      specific: 'Read aloud twice a week',
      measure: '10 read-alouds',
      dueOn: '2026-05-29',
      cadence: 'weekly',
      celebrate: false,
    };
    const people = createDriver(createStore(database().db), { now: MONDAY });
    await people.as('ana', 'D-ana').submit({ kind: 'goal', context: {}, values: goal }); // the console's first speaker: an admin
    await planDue({ store: createStore(database().db), now: MONDAY }); // plans her first digest
    expect(await member('next_nudge_at')).toEqual(at('2026-03-03T21:30:00Z')); // Tuesday 15:30, Chicago
    expect(await member('next_digest_at')).toEqual(at('2026-03-02T13:30:00Z')); // Monday 07:30, Chicago

    const races = [
      {
        hold: 'digest' as const,
        now: '2026-03-02T13:30:30Z',
        change: 'digest fri 16:00',
        column: 'next_digest_at' as const,
        planned: at('2026-03-06T22:00:00Z'),
        stale: 'digest',
      },
      {
        hold: 'nudge' as const,
        now: '2026-03-03T21:30:30Z',
        change: 'nudges off',
        column: 'next_nudge_at' as const,
        planned: null,
        stale: 'nudge',
      },
    ];
    for (const race of races) {
      const held = holdPlanner(race.hold);
      const planner = planDue({ store: createStore(database().db), now: at(race.now), hooks: held.hooks });
      await held.arrived;
      const person = createDriver(createStore(second().db), { now: new Date(at(race.now).getTime() + 10_000) });
      await person.as('ana', 'D-ana').say(race.change);
      expect(await member(race.column)).toEqual(race.planned);
      held.release();
      expect(await planner).toBe(0);
      expect(await member(race.column)).toEqual(race.planned);
      expect(await count(race.stale)).toBe(0);
    }
  });

  // Without a latch: the two run side by side on two connections, in whatever order the server takes
  // them. Whichever commits first, the person's plan stands, and an item exists only where the planner
  // won its compare-and-set, before the change (then it was not stale when written).
  it.runIf(kind === 'postgres')(
    'loses every race it should, run after run, when both truly run at once',
    async () => {
      const ROUNDS = 15;
      for (let round = 0; round < ROUNDS; round++) {
        for (const race of RACES) {
          const channel = `C-${round}-${race.hold}-${race.change.split(' ')[0]}`;
          await communityDue(race, channel);
          const person = createDriver(createStore(second().db), { now: at('2026-03-02T21:00:40Z') });
          const [made] = await Promise.all([
            planDue({ store: createStore(database().db), now: at('2026-03-02T21:00:30Z') }),
            person.as('ana', channel).say(race.change),
          ]);
          expect(await planned(channel)).toEqual(race.planned);
          expect(await items(race.stale, channel)).toBe(made);
        }
      }
    },
    120_000,
  );
});
