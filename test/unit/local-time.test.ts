import { describe, expect, it } from 'vitest';
import type { GoalCadence } from '../../src/core/goals/goal.js';
import { planMemberNudge } from '../../src/core/nudges/plan-nudge.js';
import { nextNudgeSlot, type NudgePrefs } from '../../src/core/nudges/schedule.js';
import type { Closure } from '../../src/core/time/closure.js';
import { nextDigestAt } from '../../src/core/digest/week.js';
import { nextStep, type SessionSchedule } from '../../src/core/schedules/schedule.js';
import { planMidweek } from '../../src/core/use-cases/prompts/midweek.js';
import { atLocal } from '../../src/core/time/local-time.js';
import { aGoal } from '../helpers/goal-fixture.js';

const iso = (d: Date | null | undefined) => d?.toISOString();

const goal = (id: number, cadence: GoalCadence) =>
  aGoal({ id, cadence, dueOn: '2026-12-18', createdAt: new Date('2026-01-05T00:00:00Z') });

/** Every nudge the planner sends between two instants, each planned when its slot comes, with the goals it covers. */
function nudgesBetween(
  prefs: NudgePrefs,
  timeZone: string,
  from: string,
  to: string,
  closures: Closure[],
): { at: string; goals: number[] }[] {
  const goals = [goal(1, 'weekly'), goal(2, 'monthly')];
  const sent: { at: string; goals: number[] }[] = [];
  let slot = nextNudgeSlot({ prefs, timeZone, after: new Date(from), closures });
  while (slot && slot < new Date(to)) {
    const plan = planMemberNudge({ memberId: 1, workspaceId: 1, prefs, timeZone, slot, now: slot, goals, closures });
    if (plan.item) sent.push({ at: slot.toISOString(), goals: (plan.item.payload as { goalIds: number[] }).goalIds });
    slot = plan.next;
  }
  return sent;
}

describe('monthly goals, decided on the date the nudge was planned for', () => {
  it('still come in April when Tuesday 7 April is closed: on Wednesday 8 April', () => {
    const tuesdays = { enabled: true, day: 2, minute: 15 * 60 + 30 };
    const april = nudgesBetween(tuesdays, 'Europe/London', '2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z', [
      { from: '2026-04-07', to: '2026-04-07' },
    ]);
    expect(april).toEqual([
      { at: '2026-04-08T14:30:00.000Z', goals: [1, 2] },
      { at: '2026-04-14T14:30:00.000Z', goals: [1] },
      { at: '2026-04-21T14:30:00.000Z', goals: [1] },
      { at: '2026-04-28T14:30:00.000Z', goals: [1] },
    ]);
  });

  it("come once in September when Monday 31 August is closed: the moved nudge on 1 September is August's", () => {
    const mondays = { enabled: true, day: 1, minute: 7 * 60 };
    const sent = nudgesBetween(mondays, 'America/Chicago', '2026-08-25T00:00:00Z', '2026-10-01T00:00:00Z', [
      { from: '2026-08-31', to: '2026-08-31' },
    ]);
    expect(sent).toEqual([
      { at: '2026-09-01T12:00:00.000Z', goals: [1] },
      { at: '2026-09-07T12:00:00.000Z', goals: [1, 2] },
      { at: '2026-09-14T12:00:00.000Z', goals: [1] },
      { at: '2026-09-21T12:00:00.000Z', goals: [1] },
      { at: '2026-09-28T12:00:00.000Z', goals: [1] },
    ]);
  });
});

// Cairo's clocks go back at the end of Thursday 29 October 2026: 23:00 to 23:59 happen twice, first
// at +03:00 (20:00Z to 20:59Z), then at +02:00 (21:00Z to 21:59Z). 23:30 that night is 20:30Z.
const CAIRO = 'Africa/Cairo';
const THURSDAY_2330 = { day: 4, minute: 23 * 60 + 30 };

describe('a repeated local time fires once, at its first occurrence', () => {
  it('for a nudge', () => {
    const prefs = { enabled: true, ...THURSDAY_2330 };
    const first = nextNudgeSlot({ prefs, timeZone: CAIRO, after: new Date('2026-10-27T00:00:00Z'), closures: [] });
    expect(iso(first)).toBe('2026-10-29T20:30:00.000Z');
    // Not again an hour later: the next is a week on, at +02:00.
    expect(iso(nextNudgeSlot({ prefs, timeZone: CAIRO, after: first ?? new Date(0), closures: [] }))).toBe(
      '2026-11-05T21:30:00.000Z',
    );
  });

  it("for a session's steps, which run from its first occurrence", () => {
    const schedule: SessionSchedule = {
      cadence: 'weekly',
      ...THURSDAY_2330,
      lengthMinutes: 60,
      anchor: '2026-10-01',
      remind: true,
    };
    const steps: string[] = [];
    let after = new Date('2026-10-27T00:00:00Z');
    for (let i = 0; i < 6; i++) {
      const step = nextStep({ schedule, timeZone: CAIRO, after, closures: [] });
      if (!step) break;
      steps.push(`${step.kind} ${iso(step.at)}`);
      after = step.at;
    }
    expect(steps).toEqual([
      // 15:00 the day before, Cairo time.
      'reminder 2026-10-28T12:00:00.000Z',
      'open 2026-10-29T20:30:00.000Z',
      'reflection 2026-10-29T20:50:00.000Z',
      'closing 2026-10-29T21:15:00.000Z',
      'summary 2026-10-29T21:30:00.000Z',
      'reminder 2026-11-04T13:00:00.000Z',
    ]);
  });

  it('for a mid-week prompt', () => {
    const community = { id: 3, workspaceId: 1, channelId: 'C3', name: 'Science', timeZone: CAIRO };
    const workspace = { id: 1, platform: 'slack' as const, externalId: 'T1', name: null, timeZone: CAIRO };
    const planned = planMidweek({
      community,
      workspace,
      slot: THURSDAY_2330,
      at: new Date('2026-10-22T20:30:00Z'),
      now: new Date('2026-10-22T20:30:00Z'),
      closures: [],
    });
    expect(iso(planned.next)).toBe('2026-10-29T20:30:00.000Z');
    const sent = planMidweek({
      community,
      workspace,
      slot: THURSDAY_2330,
      at: new Date('2026-10-29T20:30:00Z'),
      now: new Date('2026-10-29T20:30:00Z'),
      closures: [],
    });
    expect(sent.item.key).toBe('midweek.prompt:3:2026-10-29');
    expect(iso(sent.next)).toBe('2026-11-05T21:30:00.000Z');
  });

  it("for a digest, with Lord Howe's half-hour change", () => {
    // 5 April 2026, 02:00 at +11:00 becomes 01:30 at +10:30: 01:45 happens at 14:45Z and 15:15Z.
    const sunday = { day: 7, minute: 60 + 45, timeZone: 'Australia/Lord_Howe' };
    const first = nextDigestAt({ ...sunday, after: new Date('2026-04-01T00:00:00Z') });
    expect(iso(first)).toBe('2026-04-04T14:45:00.000Z');
    expect(iso(nextDigestAt({ ...sunday, after: first }))).toBe('2026-04-11T15:15:00.000Z');
  });
});

describe('a local time that does not exist', () => {
  it('moves to the next valid minute, when the clocks jump', () => {
    // Lord Howe, 4 October 2026: 02:00 at +10:30 becomes 02:30 at +11:00.
    expect(iso(atLocal('2026-10-04', 2 * 60 + 15, 'Australia/Lord_Howe'))).toBe('2026-10-03T15:30:00.000Z');
    // Cairo, Friday 24 April 2026: midnight becomes 01:00.
    expect(
      iso(
        nextNudgeSlot({
          prefs: { enabled: true, day: 5, minute: 30 },
          timeZone: CAIRO,
          after: new Date('2026-04-20T00:00:00Z'),
          closures: [],
        }),
      ),
    ).toBe('2026-04-23T22:00:00.000Z');
  });

  it('reads an unknown zone as UTC', () => {
    expect(iso(atLocal('2026-03-08', 150, 'Mars/Olympus'))).toBe('2026-03-08T02:30:00.000Z');
  });
});

describe('monthly sessions', () => {
  it('are on the first Tuesday of each month; a closed first Tuesday gives that month none, not the second Tuesday', () => {
    const monthly: SessionSchedule = {
      cadence: 'monthly',
      day: 2,
      minute: 16 * 60,
      lengthMinutes: 60,
      anchor: '2026-03-03',
      remind: false,
    };
    const opens: string[] = [];
    let after = new Date('2026-03-01T00:00:00Z');
    for (;;) {
      const step = nextStep({
        schedule: monthly,
        timeZone: 'Asia/Kolkata',
        after,
        closures: [{ from: '2026-04-06', to: '2026-04-10' }],
      });
      if (!step || step.at > new Date('2026-06-01T00:00:00Z')) break;
      if (step.kind === 'open') opens.push(iso(step.at) ?? '');
      after = step.at;
    }
    expect(opens).toEqual(['2026-03-03T10:30:00.000Z', '2026-05-05T10:30:00.000Z']);
  });
});
