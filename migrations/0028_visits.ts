import { sql, type Kysely } from 'kysely';

// Classroom visits between two colleagues: a request, its answer, and afterwards the observer's
// noticing notes (for the observed teacher alone) and the observed teacher's reflection.
//
// Whose texts are whose: the focus is the requester's; the notes are written by the observer and
// kept for the observed teacher; the reflection is the observed teacher's. The two people are `on
// delete set null`, so one person's forget-me leaves the other their own texts: forget-me first
// deletes the texts the forgotten person wrote (and the notes about them), then their row goes.
//
// The notes are a jsonb array of the three answers: both drivers hand it back as an array, and the
// text searches of forget-me tests look into jsonb columns.
//
// Who observes follows from the kind: `visit` (the requester watches the peer), `invite` and `model`
// (the peer watches the requester).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table visits (
      id bigint generated always as identity primary key,
      workspace_id bigint not null references workspaces (id) on delete cascade,
      kind text not null check (kind in ('visit', 'invite', 'model')),
      requester_id bigint references members (id) on delete set null,
      peer_id bigint references members (id) on delete set null,
      at timestamptz not null,
      zone text not null,
      focus text,
      status text not null default 'requested' check (status in ('requested', 'accepted', 'declined', 'cancelled', 'noted')),
      notes jsonb,
      notes_at timestamptz,
      reflection text,
      reflection_at timestamptz,
      created_at timestamptz not null,
      answered_at timestamptz,
      cancelled_by bigint references members (id) on delete set null,
      cancelled_at timestamptz
    )`.execute(db);
  await sql`create index visits_by_requester on visits (requester_id, at)`.execute(db);
  await sql`create index visits_by_peer on visits (peer_id, at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table visits`.execute(db);
}
