import { sql, type Kysely } from 'kysely';

// Several replies by one person in one phase are all kept: the one-check-in-per-person-and-phase rule
// goes, and a platform message is one check-in instead (an edit of it changes that one). The digest
// counts a person once per session and phase, in the week of their first answer there: `first_in_phase`
// marks that check-in (every one stored so far was the only one), so the digest's figures still count
// people, not messages, at no cost to its queries. The index on (session, member, phase, created_at)
// finds a person's earlier check-in when one is stored or the first is deleted.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table checkins drop constraint checkins_session_id_member_id_phase_key`.execute(db);
  await sql`alter table checkins add column first_in_phase boolean not null default true`.execute(db);
  await sql`create index checkins_person_phase on checkins (session_id, member_id, phase, created_at, id)`.execute(db);
  await sql`create unique index checkins_one_per_message on checkins (session_id, message_id) where message_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index checkins_one_per_message`.execute(db);
  await sql`drop index checkins_person_phase`.execute(db);
  // Going back to one check-in per person and phase keeps each person's latest.
  await sql`
    delete from checkins c using checkins later
    where later.session_id = c.session_id and later.member_id = c.member_id and later.phase = c.phase
      and (later.created_at, later.id) > (c.created_at, c.id)`.execute(db);
  await sql`alter table checkins add constraint checkins_session_id_member_id_phase_key unique (session_id, member_id, phase)`.execute(db);
  await sql`alter table checkins drop column first_in_phase`.execute(db);
}
