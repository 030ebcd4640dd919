import { describe, expect, it } from 'vitest';
import { statementNamer } from '../../src/db/prepared-statements.js';

describe('statement names', () => {
  it('gives one text one name, always the same, and another text another', () => {
    const nameFor = statementNamer();
    const a = nameFor('select "id" from "members" where "id" = $1');
    const b = nameFor('select "name" from "members" where "id" = $1');
    expect(a).toMatch(/^mc_\d+$/);
    expect(b).toMatch(/^mc_\d+$/);
    expect(b).not.toBe(a);
    expect(nameFor('select "id" from "members" where "id" = $1')).toBe(a);
  });

  it('names no wildcard column list, but does name a count(*)', () => {
    const nameFor = statementNamer();
    expect(nameFor('select * from "goals" where "id" = $1')).toBeUndefined();
    expect(nameFor('select "goals".* from "goals" where "id" = $1')).toBeUndefined();
    expect(nameFor('select count(*) as "n" from "goals" where "member_id" = $1')).toMatch(/^mc_/);
  });

  it('stops naming new texts at its limit, and keeps the names it gave', () => {
    const nameFor = statementNamer(3);
    const given = [1, 2, 3].map((n) => nameFor(`select $1 + ${n}`));
    expect(given.every((name) => name !== undefined)).toBe(true);
    expect(nameFor('select $1 + 4')).toBeUndefined();
    expect(nameFor('select $1 + 2')).toBe(given[1]);
  });
});
