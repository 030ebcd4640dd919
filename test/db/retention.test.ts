import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runMaintenance } from '../../src/core/use-cases/data/retention.js';
import { installationRepo } from '../../src/db/repositories/installations.js';
import { createStore } from '../../src/db/store.js';
import { testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';
import { createDriver, silentLog } from '../helpers/driver.js';
import { whereItAppears } from '../helpers/find-text.js';

// The nightly clean-up: texts past each workspace's retention period lose their words and keep their
// counts; workspaces uninstalled for 30 days go whole; handled events lose their stored words.

describe.each(testDatabaseKinds)('the nightly data clean-up on %s', (kind) => {
  const db = useTestDatabase(kind);

  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(db().db)
      .then((r) => r.rows);
  const nightly = (now: Date) => runMaintenance({ store: createStore(db().db), now, log: silentLog });

  /** A whole session with a reflection, a goal with a progress note, and a goal that ended, in one workspace. */
  async function history(bot: ReturnType<typeof createDriver>, workspace: string, marker: string) {
    const extra = { workspace: { externalId: workspace } };
    const ana = bot.as(`ana-${workspace}`, `C-${workspace}`);
    const ben = bot.as(`ben-${workspace}`, `C-${workspace}`);
    await ana.say('setup Grade 3', extra);
    await ana.say('start', extra);
    await ben.say(`checkin ${marker} opening`, extra);
    await ana.say('next', extra);
    await ben.say(`checkin ${marker} reflection`, extra);
    await ana.say('next', extra);
    await ben.say(`checkin ${marker} closing`, extra);
    await ana.say('close', extra);
    const dueOn = new Date(bot.now.getTime() + 60 * 86_400_000).toISOString().slice(0, 10);
    const goal = (specific: string) => ({
      kind: 'goal',
      context: {},
      values: { specific, measure: `10 ${marker} counts`, dueOn, cadence: 'weekly' },
    });
    await ben.submit(goal(`${marker} goal kept going`), extra);
    await ben.submit(goal(`${marker} goal achieved`), extra);
    await ben.say(`progress 1 3 ${marker} note`, extra);
    await ben.say('goal achieved 2', extra);
  }

  it('removes the words of texts older than the retention period and keeps every count', async () => {
    const store = createStore(db().db);
    const bot = createDriver(store, { now: new Date('2025-01-13T15:00:00Z') });
    await history(bot, 'T1', 'oldshort');
    await history(bot, 'T2', 'oldlong');
    await bot.as('ana-T1', 'D-ana').say('retention 12', { workspace: { externalId: 'T1' } });
    expect(await rows(`select external_id, retention_months from workspaces order by external_id`)).toEqual([
      { external_id: 'T1', retention_months: 12 },
      { external_id: 'T2', retention_months: 24 },
    ]);
    // Fourteen months on, a new session in the short-retention workspace.
    bot.advance(14 * 30 * 24 * 60);
    await bot.as('ana-T1', 'C-T1').say('start', { workspace: { externalId: 'T1' } });
    await bot.as('ben-T1', 'C-T1').say('checkin freshwords opening', { workspace: { externalId: 'T1' } });
    const counts = `select (select count(*)::int from checkins) as checkins, (select count(*)::int from reflections) as reflections,
      (select count(*)::int from goals) as goals, (select count(*)::int from goal_updates) as updates`;
    const before = await rows(counts);
    // Answers given by command were repeated in their session's thread through the outbox.
    expect(Object.keys(await whereItAppears(db(), 'oldshort')).sort()).toEqual([
      'checkins.text',
      'goal_updates.note',
      'goals.measure',
      'goals.specific',
      'goals.unit',
      'outbox.payload',
      'reflections.text',
    ]);

    await nightly(bot.now);

    expect(await whereItAppears(db(), 'oldshort')).toEqual({});
    expect(Object.keys(await whereItAppears(db(), 'oldlong')).length).toBe(6);
    // Posted in its thread less than a day ago, the fresh answer's outbox item still carries it.
    expect(await whereItAppears(db(), 'freshwords')).toEqual({ 'checkins.text': 1, 'outbox.payload': 1 });
    expect(await rows(counts)).toEqual(before);
    // The goals keep their numbers and status, and still list.
    expect(
      await rows(
        `select target, status from goals g join members m on m.id = g.member_id where m.external_id = 'ben-T1' order by g.id`,
      ),
    ).toEqual([
      { target: 10, status: 'active' },
      { target: 10, status: 'achieved' },
    ]);
    await bot.as('ben-T1', 'D-ben').say('goals', { workspace: { externalId: 'T1' } });
    const listed = bot.chat.sent.filter((s) => s.kind === 'ephemeral' && s.user === 'ben-T1').at(-1);
    const shown =
      listed?.kind === 'ephemeral' ? [listed.message.text, ...(listed.message.sections ?? [])].join('\n') : '';
    expect(shown).toContain('1. (removed after the retention period)');

    // A second night finds nothing more to do.
    await nightly(bot.now);
    expect(await rows(counts)).toEqual(before);
  });

  it('refuses `retention` from someone who is not an admin', async () => {
    const bot = createDriver(createStore(db().db));
    await bot.as('ana').say('setup Grade 3');
    await bot.as('ben').say('retention 6');
    expect(bot.chat.sent.at(-1)).toMatchObject({
      kind: 'ephemeral',
      user: 'ben',
      message: { text: 'Only Mentor Circle admins set how long texts are kept.' },
    });
    expect(await rows('select retention_months from workspaces')).toEqual([{ retention_months: 24 }]);
  });

  it('purges a workspace whole 30 days after it uninstalled, unless it came back', async () => {
    const store = createStore(db().db);
    const bot = createDriver(store, { now: new Date('2026-03-02T15:00:00Z') });
    await history(bot, 'T1', 'leaving');
    await history(bot, 'T2', 'staying');
    await history(bot, 'T3', 'returning');
    await store.receipts.claim('console', 'ev-leaving', bot.now, {
      incoming: { workspace: { externalId: 'T1' }, user: { externalId: 'ben-T1' } },
      interaction: { text: 'leaving words' },
    });
    const installs = installationRepo(db().db);
    await installs.uninstall('console' as never, 'T1', bot.now);
    await installs.uninstall('console' as never, 'T3', bot.now);
    await installs.save({
      platform: 'console' as never,
      externalId: 'T3',
      name: 'Back again',
      sealed: 'sealed',
      at: new Date('2026-03-20T00:00:00Z'),
    });

    await nightly(new Date('2026-03-31T15:00:00Z'));
    expect(await rows(`select external_id from workspaces order by external_id`)).toEqual([
      { external_id: 'T1' },
      { external_id: 'T2' },
      { external_id: 'T3' },
    ]);

    await nightly(new Date('2026-04-01T15:01:00Z'));
    expect(await rows(`select external_id from workspaces order by external_id`)).toEqual([
      { external_id: 'T2' },
      { external_id: 'T3' },
    ]);
    expect(await whereItAppears(db(), 'leaving')).toEqual({});
    expect(await rows(`select count(*)::int as n from members where external_id like '%-T1'`)).toEqual([{ n: 0 }]);
    expect(Object.keys(await whereItAppears(db(), 'staying')).length).toBe(6);
    expect(Object.keys(await whereItAppears(db(), 'returning')).length).toBe(6);
    expect(await rows(`select action, subject, workspace_id from audit where action like 'workspace purged%'`)).toEqual(
      [{ action: 'workspace purged 30 days after uninstall', subject: 'console:T1', workspace_id: null }],
    );
  });

  it('drops the words stored with events settled or received over a day ago, and keeps their ids for retries', async () => {
    const store = createStore(db().db);
    const at = (iso: string) => new Date(iso);
    await store.receipts.claim('slack', 'old-handled', at('2026-03-01T10:00:00Z'), {
      interaction: { text: 'old words' },
    });
    await store.receipts.settle('slack', 'old-handled', 'handled', at('2026-03-01T10:00:01Z'));
    await store.receipts.claim('slack', 'new-handled', at('2026-03-02T09:00:00Z'), {
      interaction: { text: 'new words' },
    });
    await store.receipts.settle('slack', 'new-handled', 'handled', at('2026-03-02T09:00:01Z'));
    // Never settled: its handling failed and replays stopped 25 minutes on; its words go as a handled one's do.
    await store.receipts.claim('slack', 'old-unhandled', at('2026-03-01T10:00:00Z'), {
      interaction: { text: 'waiting words' },
    });
    await store.receipts.claim('slack', 'old-failed', at('2026-03-01T10:00:00Z'), {
      interaction: { text: 'failed words' },
    });
    await store.receipts.settle('slack', 'old-failed', 'failed', at('2026-03-01T10:00:01Z'));
    await store.receipts.claim('slack', 'new-unhandled', at('2026-03-02T10:00:00Z'), {
      interaction: { text: 'waiting words' },
    });

    await nightly(at('2026-03-02T10:30:00Z'));

    expect(await rows(`select event_id, payload is null as dropped from event_receipts order by event_id`)).toEqual([
      { event_id: 'new-handled', dropped: false },
      { event_id: 'new-unhandled', dropped: false },
      { event_id: 'old-failed', dropped: true },
      { event_id: 'old-handled', dropped: true },
      { event_id: 'old-unhandled', dropped: true },
    ]);
    expect(await store.receipts.claim('slack', 'old-handled', at('2026-03-02T10:31:00Z'))).toBe(false);
  });

  it('deletes receipts, and outbox items sent or given up on, 30 days on, and keeps what is newer or still to send', async () => {
    const store = createStore(db().db);
    const at = (iso: string) => new Date(iso);
    await store.receipts.claim('slack', 'month-old', at('2026-03-01T10:00:00Z'));
    await store.receipts.claim('slack', 'week-old', at('2026-03-24T10:00:00Z'));
    await store.outbox.enqueue([
      {
        workspaceId: null,
        kind: 'test.kind',
        key: 'sent-long-ago',
        dueAt: at('2026-03-01T10:00:00Z'),
        payload: { text: 'old words' },
      },
      {
        workspaceId: null,
        kind: 'test.kind',
        key: 'failed-long-ago',
        dueAt: at('2026-03-01T10:00:00Z'),
        payload: { text: 'old words' },
      },
      { workspaceId: null, kind: 'test.kind', key: 'sent-lately', dueAt: at('2026-03-24T10:00:00Z'), payload: {} },
      { workspaceId: null, kind: 'test.kind', key: 'still-due', dueAt: at('2026-03-01T10:00:00Z'), payload: {} },
    ]);
    await sql`update outbox set sent_at = ${at('2026-03-01T10:00:01Z')} where key = 'sent-long-ago'`.execute(db().db);
    await sql`update outbox set failed_at = ${at('2026-03-01T10:00:01Z')} where key = 'failed-long-ago'`.execute(
      db().db,
    );
    await sql`update outbox set sent_at = ${at('2026-03-24T10:00:01Z')} where key = 'sent-lately'`.execute(db().db);

    await nightly(at('2026-03-31T10:30:00Z'));

    expect(await rows(`select event_id from event_receipts order by event_id`)).toEqual([{ event_id: 'week-old' }]);
    expect(await rows(`select key from outbox order by key`)).toEqual([{ key: 'sent-lately' }, { key: 'still-due' }]);
    expect(await whereItAppears(db(), 'old words')).toEqual({});
  });
});
