import type { PairsMode } from './model.js';

// Who meets whom in a round. Everyone is in exactly one group: pairs, and one trio when the count is
// odd (in mentors mode a mentor with several mentees when mentees outnumber mentors). No two people
// share a group again within the last `window` rounds; when no grouping can keep that, the window
// shrinks one round at a time, and the round records the window it kept. Pure and seeded: the same
// circle, past and seed always give the same groups.

export interface PairPerson {
  memberId: number;
  isMentor: boolean;
}

export interface PairingInput {
  people: readonly PairPerson[];
  mode: PairsMode;
  /** Earlier rounds, most recent first. */
  past: readonly { groups: readonly (readonly number[])[] }[];
  seed: number;
}

/**
 * The round's groups (member ids; in mentors mode the mentor first) and the recency window they keep.
 * Fewer than two people give no groups at all: one person alone has nobody to meet this round.
 */
export interface Pairing {
  groups: number[][];
  window: number;
}

/** Never look further back than this: after six rounds an old partner is welcome again. */
const MAX_WINDOW = 6;

/**
 * How many earlier rounds no pair may repeat from, for a circle of `people`. Over the window and the
 * new round (window + 1 rounds) each person needs that many different partners out of people - 1,
 * and the odd count's trio takes two at once. Keeping window + 1 at most half the circle,
 * min(6, floor((people - 2) / 2)), leaves everyone about half the others to meet at every round,
 * whatever the earlier rounds were, which is what a full set of pairs needs (Dirac's bound); rounds
 * run one after another from an empty past then never have to relax it (checked for 0 to 40 people
 * over 40 rounds, and by the property test). Three or fewer: one group, nothing to avoid. Five: after
 * a pair and a trio the partners left form no triangle, so the next round must repeat someone; 0.
 * Thirteen people get 5.
 */
export function recencyWindow(people: number): number {
  if (people <= 3 || people === 5) return 0;
  return Math.min(MAX_WINDOW, Math.floor((people - 2) / 2));
}

/** The round's grouping: see Pairing. */
export function pairPeople(input: PairingInput): Pairing {
  // Sorted before shuffling, so the order people are passed in does not change the round.
  const people = [...new Map(input.people.map((p) => [p.memberId, p])).values()].sort(
    (a, b) => a.memberId - b.memberId,
  );
  const n = people.length;
  if (n < 2) return { groups: [], window: recencyWindow(n) };
  const order = shuffled(
    people.map((_, i) => i),
    seeded(input.seed),
  );
  const mentors = order.filter((i) => people[i]!.isMentor);
  const mentees = order.filter((i) => !people[i]!.isMentor);
  const byMentors = input.mode === 'mentors' && mentors.length > 0 && mentees.length > 0;
  const ids = people.map((p) => p.memberId);
  // Whoever was in last round's trio (or larger group) is kept out of one this time, if that is possible.
  const lastBig = new Set((input.past[0]?.groups ?? []).filter((g) => g.length > 2).flat());
  const barred = new Set(order.filter((i) => lastBig.has(ids[i]!)));
  const since = roundsSinceMet(ids, input.past);
  for (let window = recencyWindow(n); window >= 0; window--) {
    for (const bar of [barred, new Set<number>()]) {
      const search: Search = { n, since, window, steps: STEPS };
      const groups = byMentors ? groupByMentors(search, mentors, mentees, bar) : matchPeers(search, order, bar);
      if (groups) return { groups: groups.map((g) => g.map((i) => ids[i]!)), window };
      if (bar.size === 0) break;
    }
  }
  // Unreachable: with window 0 and nobody kept out of the trio, the first branch of each search succeeds.
  throw new Error('pairPeople found no grouping with window 0');
}

/**
 * How many search steps one attempt may take before it counts as failed (and the window shrinks).
 * Circles up to about 30 are searched through in well under this; larger ones, whose partners are
 * plentiful, find a grouping on the first try, so the bound only caps time on a pathological past:
 * about 50 ms an attempt at 40 people, fourteen attempts at the most (two per window).
 */
const STEPS = 20_000;

interface Search {
  n: number;
  /** since[a * n + b]: how many rounds back a and b last shared a group (indices into the sorted people). */
  since: Uint16Array;
  /** They may share one again only if that was longer ago than this. */
  window: number;
  steps: number;
}

const ok = (s: Search, a: number, b: number): boolean => a !== b && since(s, a, b) > s.window;
const since = (s: Search, a: number, b: number): number => s.since[a * s.n + b]!;
/**
 * Within what the window allows, those met longest ago (or never) are tried first, so that even a
 * relaxed window, or one of 0, repeats as little and as long ago as it can.
 */
const freshestFirst = (s: Search, person: number) => (a: number, b: number) =>
  since(s, person, b) - since(s, person, a);
const okWithAll = (s: Search, a: number, group: readonly number[]): boolean => group.every((b) => ok(s, a, b));

const NEVER = 0xffff;

function roundsSinceMet(ids: readonly number[], past: PairingInput['past']): Uint16Array {
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const since = new Uint16Array(n * n).fill(NEVER);
  // Oldest first, so the most recent meeting is the one kept.
  for (const [back, round] of [...past.entries()].slice(0, NEVER - 1).reverse()) {
    for (const group of round.groups) {
      const members = group.map((id) => index.get(id)).filter((i): i is number => i !== undefined);
      for (const a of members) for (const b of members) since[a * n + b] = back + 1;
    }
  }
  return since;
}

/** The person with the fewest possible partners among `free`: deciding them first fails fast. */
function mostConstrained(s: Search, free: readonly number[]): { person: number; partners: number[] } {
  let best = { person: free[0]!, partners: [] as number[] };
  let fewest = Infinity;
  for (const p of free) {
    const partners = free.filter((q) => ok(s, p, q));
    if (partners.length < fewest) [best, fewest] = [{ person: p, partners }, partners.length];
  }
  best.partners.sort(freshestFirst(s, best.person));
  return best;
}

/**
 * Backtracking over pairs (and the one trio an odd count needs), most constrained person first,
 * partners met longest ago first and otherwise in the seeded order: finds a grouping whenever one
 * exists, within the step bound.
 */
function matchPeers(
  s: Search,
  free: readonly number[],
  barred: ReadonlySet<number>,
  trio = free.length % 2 === 1,
): number[][] | null {
  if (free.length === 0) return [];
  if (--s.steps < 0) return null;
  // The trio still to make needs three people it may hold (after a mentors round, maybe nobody).
  if (trio && free.filter((x) => !barred.has(x)).length < 3) return null;
  const { person, partners } = mostConstrained(s, free);
  const without = (...gone: number[]) => free.filter((x) => !gone.includes(x));
  // Three left with the trio still to make: a pair would strand the third.
  if (!(trio && free.length === 3)) {
    for (const q of partners) {
      const rest = matchPeers(s, without(person, q), barred, trio);
      if (rest) return [[person, q], ...rest];
      if (s.steps < 0) return null;
    }
  }
  if (!trio || barred.has(person)) return null;
  for (const [i, q] of partners.entries()) {
    if (barred.has(q)) continue;
    for (const r of partners.slice(i + 1)) {
      if (barred.has(r) || !ok(s, q, r)) continue;
      const rest = matchPeers(s, without(person, q, r), barred, false);
      if (rest) return [[person, q, r], ...rest];
      if (s.steps < 0) return null;
    }
  }
  return null;
}

/**
 * Mentors mode: every mentee goes to a mentor, spread evenly (each mentor takes floor(k/m) or one
 * more), and no group holds two people who met within the window, mentees of one mentor included.
 * With more mentors than mentees the spare mentors meet each other as peers; a single spare one
 * joins a mentor and mentee as a trio.
 */
function groupByMentors(
  s: Search,
  mentors: readonly number[],
  mentees: readonly number[],
  barred: ReadonlySet<number>,
): number[][] | null {
  const base = Math.floor(mentees.length / mentors.length);
  const extra = mentees.length % mentors.length;
  const groups = mentors.map((m) => [m]);
  const finish = (): number[][] | null => {
    const idle = groups.filter((g) => g.length === 1).map((g) => g[0]!);
    // Copies: the search goes on changing `groups` as it backs out.
    const taken = groups.filter((g) => g.length > 1).map((g) => [...g]);
    if (idle.length === 0) return taken;
    if (idle.length > 1) {
      const peers = matchPeers(s, idle, barred);
      return peers && [...taken, ...peers];
    }
    const spare = idle[0]!;
    const host = taken.find((g) => okWithAll(s, spare, g));
    return host ? taken.map((g) => (g === host ? [...g, spare] : g)) : null;
  };
  const place = (free: readonly number[], extraLeft: number): number[][] | null => {
    if (free.length === 0) return finish();
    if (--s.steps < 0) return null;
    // The mentee with the fewest mentors open to them goes first; emptier groups are tried first,
    // and those that were large last round last, so the extra mentees rotate.
    const open = (e: number) =>
      groups.filter((g) => (g.length - 1 < base || (g.length - 1 === base && extraLeft > 0)) && okWithAll(s, e, g));
    let mentee = free[0]!;
    let hosts = open(mentee);
    for (const e of free.slice(1)) {
      const h = open(e);
      if (h.length < hosts.length) [mentee, hosts] = [e, h];
    }
    // Preferred: the mentor met longest ago (a new mentor matters most), then fellow mentees met
    // longest ago, then the emptiest group, then a mentor who had no extra mentee last round.
    const lastMet = (g: readonly number[]) => Math.min(...g.map((m) => since(s, mentee, m)));
    hosts.sort(
      (a, b) =>
        since(s, mentee, b[0]!) - since(s, mentee, a[0]!) ||
        lastMet(b) - lastMet(a) ||
        a.length - b.length ||
        Number(barred.has(a[0]!)) - Number(barred.has(b[0]!)),
    );
    const rest = free.filter((e) => e !== mentee);
    for (const g of hosts) {
      const grows = g.length - 1 === base;
      g.push(mentee);
      const done = place(rest, extraLeft - (grows ? 1 : 0));
      g.pop();
      if (done) return done;
      if (s.steps < 0) return null;
    }
    return null;
  };
  return place(mentees, extra);
}

/** A small seeded generator (mulberry32): the same seed gives the same round. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
