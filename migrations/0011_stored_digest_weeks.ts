import { sql, type Kysely } from 'kysely';

// Digest weeks stored once, as shown. The first time a week is asked for (a digest sent, a preview,
// an export) its figures are counted, the privacy rules applied, and the result kept here; every
// later reading shows exactly that, so no two readings of one week can be subtracted. `window_from`
// and `window_to` are the instants counted over: a new week starts no earlier than the stored week
// before it ended. Each workspace's threshold is the smallest group a figure may describe.
//
// Weeks already sent are carried over from digests_sent (the first admin's, where several were sent
// one week), converted to what they showed under the rules of the time: a figure from fewer than 3
// people as "fewer than 3", a total kept back when 1 or 2 people lay behind its unshown part. Their
// pooled circles and suggestions were not stored, so none are carried over.

const METRICS = ['participants', 'opening', 'closing', 'reflections', 'goalsNew', 'goalsActive', 'goalsAchieved', 'goalsReworked', 'goalsDropped'];
type Figure = { count: number; people: number };
type RowV1 = { communityId?: number; sessionsHeld: number; sessionsMissed: number; figures: Record<string, Figure> };
interface WeekV1 {
  version: 1;
  weekStart: string;
  total: RowV1 & { unshownPeople: Record<string, number> };
  communities: RowV1[];
  pool: (RowV1 & { circles: number; members: number }) | null;
}

const shown = (figure: Figure | undefined, unshown = 0) =>
  !figure || figure.people < 3 ? { kind: 'too-few' } : unshown > 0 && unshown < 3 ? { kind: 'withheld' } : { kind: 'count', count: figure.count };
const row = (r: RowV1, unshown: Record<string, number> = {}) => ({
  sessionsHeld: r.sessionsHeld,
  sessionsMissed: r.sessionsMissed,
  figures: Object.fromEntries(METRICS.map((m) => [m, shown(r.figures[m], unshown[m])])),
});

/** A week as the version-1 digest showed it, in the stored shape of this version. */
function convert(week: WeekV1) {
  const from = new Date(`${week.weekStart}T00:00:00Z`);
  const to = new Date(from.getTime() + 7 * 86_400_000);
  return {
    version: 2,
    weekStart: week.weekStart,
    from: from.toISOString(),
    to: to.toISOString(),
    threshold: 3,
    circles: week.communities.map((c) => ({ communityId: c.communityId ?? 0, ...row(c) })),
    pool: week.pool ? { circles: week.pool.circles, members: week.pool.members, communityIds: [], ...row(week.pool) } : null,
    total: row(week.total, week.total.unshownPeople),
    suggestions: [],
  };
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table workspaces add column privacy_threshold int not null default 3
    constraint workspaces_privacy_threshold check (privacy_threshold between 3 and 10)`.execute(db);
  await sql`create table digest_weeks (
    workspace_id bigint not null references workspaces (id) on delete cascade,
    week_start date not null,
    window_from timestamptz not null,
    window_to timestamptz not null,
    figures jsonb not null,
    counted_at timestamptz not null,
    primary key (workspace_id, week_start),
    constraint digest_weeks_window check (window_from <= window_to)
  )`.execute(db);
  const { rows } = await sql<{ workspace_id: number; figures: WeekV1; sent_at: Date }>`
    select distinct on (workspace_id, week_start) workspace_id, figures, sent_at
    from digests_sent
    where figures ->> 'version' = '1'
    order by workspace_id, week_start, sent_at`.execute(db);
  for (const { workspace_id, figures, sent_at } of rows) {
    const week = convert(figures);
    await sql`
      insert into digest_weeks (workspace_id, week_start, window_from, window_to, figures, counted_at)
      values (${workspace_id}, ${week.weekStart}, ${week.from}, ${week.to}, ${JSON.stringify(week)}, ${sent_at})
      on conflict do nothing`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table digest_weeks`.execute(db);
  await sql`alter table workspaces drop column privacy_threshold`.execute(db);
}
