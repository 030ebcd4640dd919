import { sql, type Kysely } from 'kysely';

// A prompt keeps its number in a community for life, built-in and custom alike: `prompt add` must not
// renumber the themes after it, nor `prompt retire 1` move every number down. Numbers count up per
// community and are never reused; a new prompt (a custom one, or one the library gains later) takes
// the next free one, under a lock on the community's row (repositories/prompts.ts).
//
// Existing communities keep the numbers their people see today: prompts that are not retired are
// numbered as `prompts` listed them (by theme, the library's order, then custom ones by id), and the
// retired ones after them, in the same order. The built-in keys are written out as the library held
// them when this ran (six themes of eight), so the migration does not depend on today's code.
//
// Retiring can be undone by whoever did it, for a while: each retirement gets an id the Undo button
// names, and who retired it (unknown for retirements made before now, which `prompt restore` still
// brings back).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table prompt_numbers (
    community_id bigint not null references communities (id) on delete cascade,
    prompt_key text not null,
    number integer not null check (number > 0),
    primary key (community_id, prompt_key),
    unique (community_id, number)
  )`.execute(db);
  await sql`
    with themes (theme, theme_order) as (
      values ('strengths', 1), ('student-impact', 2), ('next-step', 3), ('challenge', 4), ('community', 5), ('goals', 6)
    ),
    library as (
      select c.id as community_id, t.theme || '-' || i as prompt_key, t.theme_order, 0 as custom, i::bigint as place
      from communities c cross join themes t cross join generate_series(1, 8) as i
      union all
      select p.community_id, 'custom-' || p.id, coalesce(t.theme_order, 99), 1, p.id
      from prompts p left join themes t on t.theme = p.theme
    )
    insert into prompt_numbers (community_id, prompt_key, number)
    select l.community_id, l.prompt_key,
      row_number() over (partition by l.community_id order by (r.prompt_key is not null), l.theme_order, l.custom, l.place)
    from library l
    left join prompt_retirements r on r.community_id = l.community_id and r.prompt_key = l.prompt_key`.execute(db);

  await sql`alter table prompt_retirements add column id bigint generated always as identity`.execute(db);
  await sql`create unique index prompt_retirements_id on prompt_retirements (id)`.execute(db);
  await sql`alter table prompt_retirements add column retired_by bigint references members (id) on delete set null`.execute(db);
  // `undo` finds the person's latest retirement.
  await sql`create index prompt_retirements_by on prompt_retirements (retired_by, retired_at) where retired_by is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index prompt_retirements_by`.execute(db);
  await sql`alter table prompt_retirements drop column retired_by`.execute(db);
  await sql`drop index prompt_retirements_id`.execute(db);
  await sql`alter table prompt_retirements drop column id`.execute(db);
  await sql`drop table prompt_numbers`.execute(db);
}
