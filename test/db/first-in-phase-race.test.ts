import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { checkinRepo } from '../../src/db/repositories/checkins.js';
import { createStore } from '../../src/db/store.js';
import { createDriver } from '../helpers/driver.js';
import { testDatabaseKinds, useSecondInstance, useTestDatabase } from '../helpers/databases.js';

// The digest counts a person once per session and phase through the check-in marked first_in_phase.
// Two answers by one person in one phase stored at the same instant by two bot instances (a thread
// reply and a form, say) must not both be marked first, or that person counts twice. On PostgreSQL the
// first answer is held uncommitted while the second is stored on another connection: the second must
// wait for it, or see it, rather than decide from a view without it. PGlite has one connection, so
// there the two are stored one after the other and the test only pins the outcome.

describe.each(testDatabaseKinds)('two answers by one person in one phase at once on %s', (kind) => {
  const database = useTestDatabase(kind);
  const second = useSecondInstance(database, kind);

  /** What a waiting backend is blocked on ('Lock' while it waits for the other transaction), or null. */
  const waitingOn = async (pid: number) =>
    (
      await sql<{
        wait: string | null;
      }>`select wait_event_type as wait from pg_stat_activity where pid = ${pid}`.execute(database().db)
    ).rows[0]?.wait ?? null;

  type Checkins = ReturnType<typeof checkinRepo>;

  /**
   * Runs `first` in a transaction on one instance and holds it open while `then` runs on the other;
   * the first commits once the second has finished, or is seen waiting for the first to end.
   */
  async function race<A, B>(
    first: (checkins: Checkins) => Promise<A>,
    then: (checkins: Checkins) => Promise<B>,
  ): Promise<[A, B]> {
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let arrived: () => void = () => {};
    const held = new Promise<void>((resolve) => (arrived = resolve));
    const one = database()
      .db.transaction()
      .execute(async (trx) => {
        const result = await first(checkinRepo(trx));
        arrived();
        await released;
        return result;
      });
    await held;
    // PGlite has one connection: the second waits for the first transaction to end in any case.
    if (kind === 'pglite') release();
    let pid = 0;
    let secondDone = false;
    const two = second()
      .db.transaction()
      .execute(async (trx) => {
        pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]?.pid ?? 0;
        return then(checkinRepo(trx));
      })
      .finally(() => (secondDone = true));
    while (kind === 'postgres' && !secondDone && !(pid && (await waitingOn(pid)) === 'Lock')) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    release();
    return Promise.all([one, two]);
  }

  /** Ana, the facilitator, in an open session's opening phase; her answers as a thread would give them. */
  async function openSession() {
    const bot = createDriver(createStore(database().db));
    await bot.as('ana').say('setup Grade 3');
    await bot.as('ana').say('start');
    const { session, member } = (
      await sql<{ session: number; member: number }>`
        select s.id as session, m.id as member from sessions s, members m where m.external_id = 'ana'`.execute(
        database().db,
      )
    ).rows[0]!;
    const answer = (text: string, messageId: string) => ({
      sessionId: session,
      memberId: member,
      phase: 'opening' as const,
      text,
      sharedWithLeaders: false,
      source: 'thread' as const,
      messageId,
      at: bot.now,
    });
    const firsts = async () =>
      (
        await sql<{ text: string; first: boolean }>`
        select text, first_in_phase as first from checkins where member_id = ${member} order by id`.execute(
          database().db,
        )
      ).rows;
    return { session, member, answer, firsts };
  }

  it('marks only one of them first_in_phase, so the digest counts the person once', async () => {
    const { answer, firsts } = await openSession();
    const outcomes = await race(
      (checkins) => checkins.save(answer('Partner reading', 'm-1')),
      (checkins) => checkins.save(answer('Exit tickets too', 'm-2')),
    );
    expect(outcomes).toEqual(['created', 'added']);
    expect(await firsts()).toEqual([
      { text: 'Partner reading', first: true },
      { text: 'Exit tickets too', first: false },
    ]);
  });

  it('hands the mark on when the first answer is removed while another is stored', async () => {
    const { session, member, answer, firsts } = await openSession();
    await createStore(database().db).transaction((repos) => repos.checkins.save(answer('Partner reading', 'm-1')));
    const outcomes = await race(
      (checkins) => checkins.removeByMessage({ sessionId: session, memberId: member, messageId: 'm-1' }),
      (checkins) => checkins.save(answer('Exit tickets instead', 'm-2')),
    );
    expect(outcomes).toEqual([true, 'created']);
    expect(await firsts()).toEqual([{ text: 'Exit tickets instead', first: true }]);
  });
});
