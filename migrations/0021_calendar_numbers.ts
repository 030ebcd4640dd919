import { sql, type Kysely } from 'kysely';

// A calendar entry keeps the number `calendar` first showed for it, so `calendar remove 2` names the
// same entry however many are added or removed around it. Numbers count up per workspace and are never
// reused, even after the newest entry is removed: the workspace row keeps the last one given, and a
// trigger gives each new entry the next, under that row's lock, so two admins adding at once get two
// numbers. Existing entries are numbered in date order, as `calendar` listed them.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table calendar add column number integer`.execute(db);
  await sql`
    update calendar set number = numbered.n
    from (select id, row_number() over (partition by workspace_id order by starts_on, id) as n from calendar) numbered
    where calendar.id = numbered.id`.execute(db);
  await sql`alter table calendar alter column number set not null`.execute(db);
  await sql`create unique index calendar_workspace_number on calendar (workspace_id, number)`.execute(db);
  await sql`alter table workspaces add column calendar_numbers integer not null default 0`.execute(db);
  await sql`
    update workspaces set calendar_numbers = given.n
    from (select workspace_id, max(number) as n from calendar group by workspace_id) given
    where workspaces.id = given.workspace_id`.execute(db);
  await sql`
    create function next_calendar_number() returns trigger language plpgsql as $$
    begin
      if new.number is null then
        update workspaces set calendar_numbers = calendar_numbers + 1 where id = new.workspace_id
          returning calendar_numbers into new.number;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger calendar_number before insert on calendar for each row execute function next_calendar_number()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger calendar_number on calendar`.execute(db);
  await sql`drop function next_calendar_number()`.execute(db);
  await sql`alter table workspaces drop column calendar_numbers`.execute(db);
  await sql`drop index calendar_workspace_number`.execute(db);
  await sql`alter table calendar drop column number`.execute(db);
}
