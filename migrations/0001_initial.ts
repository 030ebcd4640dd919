import { sql, type Kysely } from 'kysely';

// The whole data model. Frozen in time: later changes get their own migration, and this file never
// imports application code. Plain SQL that PostgreSQL 15 and PGlite (PostgreSQL 18) both accept.
// Times are timestamptz (UTC instants); local times of day are minutes after midnight (0..1439);
// weekdays are ISO numbers (1 = Monday .. 7 = Sunday).

const statements = [
  `create table workspaces (
    id bigint generated always as identity primary key,
    platform text not null check (platform in ('slack', 'teams', 'console')),
    external_id text not null,
    name text,
    time_zone text,
    retention_months integer not null default 24 check (retention_months between 1 and 120),
    digest_day smallint not null default 1 check (digest_day between 1 and 7),
    digest_minute smallint not null default 450 check (digest_minute between 0 and 1439),
    install_data text, -- AES-256-GCM ciphertext; never a plain token
    installed_at timestamptz not null default now(),
    uninstalled_at timestamptz,
    purge_after timestamptz,
    created_at timestamptz not null default now(),
    unique (platform, external_id)
  )`,

  `create table members (
    id bigint generated always as identity primary key,
    workspace_id bigint not null references workspaces (id) on delete cascade,
    external_id text not null,
    display_name text not null default '',
    time_zone text,
    is_admin boolean not null default false,
    is_platform_admin boolean not null default false, -- Slack admins and owners: cannot be demoted
    profile_refreshed_at timestamptz,
    nudges_enabled boolean not null default true,
    nudge_day smallint not null default 2 check (nudge_day between 1 and 5),
    nudge_minute smallint not null default 930 check (nudge_minute between 0 and 1439),
    next_nudge_at timestamptz,
    away_until timestamptz,
    created_at timestamptz not null default now(),
    unique (workspace_id, external_id)
  )`,
  `create index members_next_nudge_at on members (next_nudge_at) where next_nudge_at is not null`,

  `create table communities (
    id bigint generated always as identity primary key,
    workspace_id bigint not null references workspaces (id) on delete cascade,
    channel_id text not null,
    name text not null,
    time_zone text not null,
    created_by bigint references members (id) on delete set null,
    schedule_cadence text check (schedule_cadence in ('weekly', 'biweekly', 'monthly')),
    schedule_day smallint check (schedule_day between 1 and 7),
    schedule_minute smallint check (schedule_minute between 0 and 1439),
    schedule_length_minutes smallint not null default 60 check (schedule_length_minutes between 30 and 480),
    schedule_anchor date,
    next_step_at timestamptz,
    reminder text not null default 'day-before' check (reminder in ('day-before', 'off')),
    midweek_prompt_day smallint check (midweek_prompt_day between 1 and 7),
    midweek_prompt_minute smallint check (midweek_prompt_minute between 0 and 1439),
    next_midweek_prompt_at timestamptz,
    created_at timestamptz not null default now(),
    unique (workspace_id, channel_id)
  )`,
  `create index communities_next_step_at on communities (next_step_at) where next_step_at is not null`,
  `create index communities_next_midweek_prompt_at on communities (next_midweek_prompt_at)
    where next_midweek_prompt_at is not null`,

  `create table community_members (
    community_id bigint not null references communities (id) on delete cascade,
    member_id bigint not null references members (id) on delete cascade,
    is_facilitator boolean not null default false,
    joined_at timestamptz not null default now(),
    primary key (community_id, member_id)
  )`,
  `create index community_members_member on community_members (member_id)`,

  `create table sessions (
    id bigint generated always as identity primary key,
    community_id bigint not null references communities (id) on delete cascade,
    phase text not null check (phase in ('opening', 'reflection', 'closing', 'closed')),
    topic text,
    channel_id text not null,
    root_message_id text,
    opened_by bigint references members (id) on delete set null,
    opened_at timestamptz not null,
    closed_at timestamptz,
    scheduled_for timestamptz,
    check ((phase = 'closed') = (closed_at is not null))
  )`,
  // At most one open session per community, whatever races between facilitators or replicas.
  `create unique index sessions_one_open_per_community on sessions (community_id) where closed_at is null`,
  `create unique index sessions_one_per_scheduled_time on sessions (community_id, scheduled_for)
    where scheduled_for is not null`,
  `create index sessions_thread on sessions (channel_id, root_message_id)`,
  `create index sessions_community_opened on sessions (community_id, opened_at)`,
  `create index sessions_open_since on sessions (opened_at) where closed_at is null`,

  `create table checkins (
    id bigint generated always as identity primary key,
    session_id bigint not null references sessions (id) on delete cascade,
    member_id bigint not null references members (id) on delete cascade,
    phase text not null check (phase in ('opening', 'closing')),
    text text, -- null once retention removed it; the check-in still counts
    shared_with_leaders boolean not null default false,
    source text not null check (source in ('command', 'thread', 'form')),
    message_id text, -- the platform message it came from, so an edit or delete can find it
    created_at timestamptz not null,
    updated_at timestamptz not null,
    unique (session_id, member_id, phase)
  )`,
  `create index checkins_member on checkins (member_id)`,
  `create index checkins_created on checkins (created_at)`,

  // Custom prompts; the built-in library lives in the code and is referred to by stable keys.
  `create table prompts (
    id bigint generated always as identity primary key,
    community_id bigint not null references communities (id) on delete cascade,
    theme text not null,
    text text not null,
    created_by bigint references members (id) on delete set null,
    created_at timestamptz not null default now()
  )`,
  `create index prompts_community on prompts (community_id)`,

  `create table prompt_retirements (
    community_id bigint not null references communities (id) on delete cascade,
    prompt_key text not null,
    retired_at timestamptz not null default now(),
    primary key (community_id, prompt_key)
  )`,

  `create table prompt_posts (
    id bigint generated always as identity primary key,
    community_id bigint not null references communities (id) on delete cascade,
    session_id bigint references sessions (id) on delete cascade,
    kind text not null check (kind in ('session', 'midweek')),
    prompt_key text not null,
    prompt_text text not null,
    channel_id text not null,
    message_id text,
    posted_at timestamptz not null
  )`,
  `create index prompt_posts_community on prompt_posts (community_id, posted_at)`,
  `create index prompt_posts_session on prompt_posts (session_id, posted_at)`,
  `create index prompt_posts_thread on prompt_posts (channel_id, message_id)`,

  `create table reflections (
    id bigint generated always as identity primary key,
    prompt_post_id bigint not null references prompt_posts (id) on delete cascade,
    member_id bigint not null references members (id) on delete cascade,
    text text,
    source text not null check (source in ('command', 'thread', 'form')),
    message_id text,
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`,
  `create index reflections_post on reflections (prompt_post_id)`,
  `create index reflections_member on reflections (member_id)`,
  `create unique index reflections_one_per_message on reflections (prompt_post_id, message_id)
    where message_id is not null`,

  `create table goals (
    id bigint generated always as identity primary key,
    workspace_id bigint not null references workspaces (id) on delete cascade,
    member_id bigint not null references members (id) on delete cascade,
    community_id bigint references communities (id) on delete set null,
    specific text not null,
    measure text not null,
    target numeric not null,
    unit text not null,
    first_step text,
    relevance text,
    due_on date not null,
    cadence text not null default 'weekly' check (cadence in ('weekly', 'biweekly', 'monthly')),
    status text not null default 'active' check (status in ('active', 'achieved', 'reworked', 'dropped')),
    reworks_goal_id bigint references goals (id) on delete set null,
    celebrate boolean not null default false,
    unanswered_nudges smallint not null default 0,
    snoozed_until timestamptz,
    last_nudged_at timestamptz,
    created_at timestamptz not null,
    ended_at timestamptz
  )`,
  `create index goals_member_status on goals (member_id, status)`,
  `create index goals_workspace_created on goals (workspace_id, created_at)`,

  `create table goal_updates (
    id bigint generated always as identity primary key,
    goal_id bigint not null references goals (id) on delete cascade,
    value numeric not null,
    note text,
    created_at timestamptz not null
  )`,
  `create index goal_updates_goal on goal_updates (goal_id, created_at)`,

  `create table calendar (
    id bigint generated always as identity primary key,
    workspace_id bigint not null references workspaces (id) on delete cascade,
    starts_on date not null,
    ends_on date not null,
    label text not null,
    created_by bigint references members (id) on delete set null,
    created_at timestamptz not null default now(),
    check (ends_on >= starts_on)
  )`,
  `create index calendar_workspace on calendar (workspace_id, starts_on)`,

  // Every timed message. The unique key makes a second write of the same send impossible, however
  // many replicas plan it.
  `create table outbox (
    id bigint generated always as identity primary key,
    workspace_id bigint references workspaces (id) on delete cascade,
    member_id bigint references members (id) on delete cascade,
    kind text not null,
    key text not null,
    due_at timestamptz not null,
    payload jsonb not null,
    claimed_until timestamptz,
    claimed_by text,
    attempts integer not null default 0,
    last_error text,
    sent_at timestamptz,
    failed_at timestamptz,
    created_at timestamptz not null default now(),
    constraint outbox_key_unique unique (key)
  )`,
  `create index outbox_due on outbox (due_at) where sent_at is null and failed_at is null`,

  `create table event_receipts (
    platform text not null,
    event_id text not null,
    workspace_id bigint references workspaces (id) on delete cascade,
    member_id bigint references members (id) on delete cascade,
    received_at timestamptz not null,
    primary key (platform, event_id)
  )`,
  `create index event_receipts_received on event_receipts (received_at)`,

  `create table conversation_refs (
    workspace_id bigint not null references workspaces (id) on delete cascade,
    kind text not null check (kind in ('channel', 'personal')),
    key text not null, -- the channel id, or the member's platform user id
    reference jsonb not null,
    updated_at timestamptz not null default now(),
    primary key (workspace_id, kind, key)
  )`,

  // Figures only, never texts: a later forget-me or retention run does not rewrite past weeks.
  `create table digests_sent (
    id bigint generated always as identity primary key,
    workspace_id bigint not null references workspaces (id) on delete cascade,
    admin_member_id bigint references members (id) on delete set null,
    week_start date not null,
    figures jsonb not null,
    sent_at timestamptz not null,
    unique (workspace_id, admin_member_id, week_start)
  )`,

  // Who did what to which data, without content.
  `create table audit (
    id bigint generated always as identity primary key,
    workspace_id bigint references workspaces (id) on delete cascade,
    actor_member_id bigint references members (id) on delete set null,
    action text not null,
    subject text,
    at timestamptz not null
  )`,
  `create index audit_workspace_at on audit (workspace_id, at)`,
];

const tables = [
  'audit',
  'digests_sent',
  'conversation_refs',
  'event_receipts',
  'outbox',
  'calendar',
  'goal_updates',
  'goals',
  'reflections',
  'prompt_posts',
  'prompt_retirements',
  'prompts',
  'checkins',
  'sessions',
  'community_members',
  'communities',
  'members',
  'workspaces',
];

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per call: PGlite's extended protocol takes a single statement at a time.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of tables) await sql.raw(`drop table if exists ${table}`).execute(db);
}
