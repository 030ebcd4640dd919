import { pairPeople, type PairPerson } from '../../src/core/pairing/pair.js';
import type { PairsMode } from '../../src/core/pairing/model.js';

// Checks shared by the pairing tests, written from the rules rather than from the code: who is
// left out or doubled, and which pairs of a round already met within a window.

type Groups = readonly (readonly number[])[];
export type Past = { groups: number[][] }[];

/** A circle of people 1..n, the first `mentors` of them mentors. */
export const circle = (n: number, mentors = 0): PairPerson[] =>
  Array.from({ length: n }, (_, i) => ({ memberId: i + 1, isMentor: i < mentors }));

/** Every two people who share a group, as "a-b" with a < b. */
export function pairsOf(groups: Groups): string[] {
  const pairs: string[] = [];
  for (const g of groups) for (const a of g) for (const b of g) if (a < b) pairs.push(`${a}-${b}`);
  return pairs;
}

/** The pairs of `groups` that met within the last `window` rounds of `past` (most recent first). */
export function repeatsWithin(groups: Groups, past: readonly { groups: Groups }[], window: number): string[] {
  const met = new Set(past.slice(0, window).flatMap((round) => pairsOf(round.groups)));
  return pairsOf(groups).filter((pair) => met.has(pair));
}

/** People of the circle in no group, and people in more than one (or not in the circle). */
export function coverage(groups: Groups, ids: readonly number[]): { missing: number[]; extra: number[] } {
  const seen = groups.flat();
  const missing = ids.filter((id) => !seen.includes(id));
  const extra = seen.filter((id, i) => !ids.includes(id) || seen.indexOf(id) !== i);
  return { missing, extra };
}

/** Rounds one after another, each fed back as the most recent past, from an empty past. */
export function runRounds(people: readonly PairPerson[], mode: PairsMode, rounds: number, seed: number) {
  const past: Past = [];
  const results: { groups: number[][]; window: number; before: Past }[] = [];
  for (let r = 0; r < rounds; r++) {
    const result = pairPeople({ people, mode, past, seed: seed + r });
    results.push({ ...result, before: [...past] });
    past.unshift({ groups: result.groups });
  }
  return results;
}

/** Every way to split `ids` into pairs, with one trio when the count is odd: for small circles only. */
export function* allGroupings(ids: readonly number[]): Generator<number[][]> {
  if (ids.length < 2) {
    if (ids.length === 0) yield [];
    return;
  }
  const [first, ...rest] = ids as [number, ...number[]];
  for (const [i, second] of rest.entries()) {
    const others = rest.filter((_, j) => j !== i);
    if (others.length !== 1) for (const tail of allGroupings(others)) yield [[first, second], ...tail];
    // The trio: only when the count is odd, and only once.
    if (ids.length % 2 === 1) {
      for (const [j, third] of others.entries()) {
        if (j < i) continue;
        const left = others.filter((_, k) => k !== j);
        for (const tail of allGroupings(left))
          if (tail.every((g) => g.length === 2)) yield [[first, second, third], ...tail];
      }
    }
  }
}
