import { sql, type Kysely } from 'kysely';

// A goal keeps the number its owner first saw for it: `goal drop 1` typed twice, or `goal achieved 1`
// then `goal rework 3`, must name the same goals each time. Numbers count up per person and are never
// reused; existing goals are numbered in the order they were set. A trigger gives each new goal the
// next number, so every way a goal is written numbers it the same way; writers lock the member's row
// first (goals.ts), and the unique index refuses a duplicate if one ever does not.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table goals add column number integer`.execute(db);
  await sql`
    update goals set number = numbered.n
    from (select id, row_number() over (partition by member_id order by created_at, id) as n from goals) numbered
    where goals.id = numbered.id`.execute(db);
  await sql`alter table goals alter column number set not null`.execute(db);
  await sql`create unique index goals_member_number on goals (member_id, number)`.execute(db);
  await sql`
    create function next_goal_number() returns trigger language plpgsql as $$
    begin
      if new.number is null then
        new.number := (select coalesce(max(number), 0) + 1 from goals where member_id = new.member_id);
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger goals_number before insert on goals for each row execute function next_goal_number()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger goals_number on goals`.execute(db);
  await sql`drop function next_goal_number()`.execute(db);
  await sql`drop index goals_member_number`.execute(db);
  await sql`alter table goals drop column number`.execute(db);
}
