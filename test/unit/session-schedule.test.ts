import { describe, expect, it } from 'vitest';
import { nextStep, type SessionSchedule } from '../../src/core/schedules/schedule.js';
import { planSteps } from '../../src/core/use-cases/schedules/run-step.js';

const weekly: SessionSchedule = {
  cadence: 'weekly',
  day: 2,
  minute: 15 * 60 + 30,
  lengthMinutes: 60,
  anchor: '2026-03-03',
  remind: true,
};

const steps = (
  schedule: SessionSchedule,
  zone: string,
  from: string,
  count: number,
  closures: { from: string; to: string }[] = [],
) => {
  const out: string[] = [];
  let after = new Date(from);
  for (let i = 0; i < count; i++) {
    const step = nextStep({ schedule, timeZone: zone, after, closures });
    if (!step) break;
    out.push(`${step.kind} ${step.at.toISOString()}`);
    after = step.at;
  }
  return out;
};

describe("a community's schedule", () => {
  it("runs a weekly session through its steps in the community's time", () => {
    expect(steps(weekly, 'America/Chicago', '2026-03-01T00:00:00Z', 6)).toEqual([
      'reminder 2026-03-02T21:00:00.000Z',
      'open 2026-03-03T21:30:00.000Z',
      'reflection 2026-03-03T21:50:00.000Z',
      'closing 2026-03-03T22:15:00.000Z',
      'summary 2026-03-03T22:30:00.000Z',
      // Chicago has moved to summer time by the next Tuesday.
      'reminder 2026-03-09T20:00:00.000Z',
    ]);
  });

  it('crosses midnight UTC where the zone puts it', () => {
    const evening = { ...weekly, minute: 23 * 60 + 30, remind: false };
    expect(steps(evening, 'Asia/Kolkata', '2026-03-01T00:00:00Z', 4)).toEqual([
      'open 2026-03-03T18:00:00.000Z',
      'reflection 2026-03-03T18:20:00.000Z',
      'closing 2026-03-03T18:45:00.000Z',
      'summary 2026-03-03T19:00:00.000Z',
    ]);
    const sydney = { ...weekly, minute: 9 * 60, remind: false };
    expect(steps(sydney, 'Australia/Sydney', '2026-03-01T00:00:00Z', 1)).toEqual(['open 2026-03-02T22:00:00.000Z']);
  });

  it('keeps a two-weekly rhythm counting through a break, which it skips', () => {
    const biweekly = { ...weekly, cadence: 'biweekly' as const, remind: false };
    const opens = (closures: { from: string; to: string }[]) =>
      steps(biweekly, 'Europe/London', '2026-03-01T00:00:00Z', 12, closures).filter((s) => s.startsWith('open'));
    expect(opens([])).toEqual([
      'open 2026-03-03T15:30:00.000Z',
      'open 2026-03-17T15:30:00.000Z',
      'open 2026-03-31T14:30:00.000Z',
    ]);
    expect(opens([{ from: '2026-03-16', to: '2026-03-20' }])).toEqual([
      'open 2026-03-03T15:30:00.000Z',
      'open 2026-03-31T14:30:00.000Z',
      'open 2026-04-14T14:30:00.000Z',
    ]);
  });

  it('meets monthly on the first chosen weekday', () => {
    const monthly = { ...weekly, cadence: 'monthly' as const, remind: false, lengthMinutes: 90 };
    const opens = steps(monthly, 'Europe/London', '2026-03-04T00:00:00Z', 8).filter((s) => s.startsWith('open'));
    expect(opens).toEqual(['open 2026-04-07T14:30:00.000Z', 'open 2026-05-05T14:30:00.000Z']);
    expect(steps(monthly, 'Europe/London', '2026-04-07T14:30:00Z', 3)).toEqual([
      'reflection 2026-04-07T15:00:00.000Z',
      'closing 2026-04-07T15:45:00.000Z',
      'summary 2026-04-07T16:00:00.000Z',
    ]);
  });

  it('picks up in the middle of a session', () => {
    expect(steps(weekly, 'America/Chicago', '2026-03-03T21:40:00Z', 1)).toEqual([
      'reflection 2026-03-03T21:50:00.000Z',
    ]);
  });
});

describe('planning scheduled steps', () => {
  const community = { id: 7, workspaceId: 1, channelId: 'C1', name: 'Grade 3', timeZone: 'America/Chicago' };
  const workspace = { id: 1, platform: 'slack' as const, externalId: 'T1', name: null, timeZone: null };
  const plan = (stepAt: string, now: string) =>
    planSteps({ community, workspace, schedule: weekly, stepAt: new Date(stepAt), now: new Date(now), closures: [] });

  it('plans the step that has come and points at the next one', () => {
    const { items, next } = plan('2026-03-03T21:30:00Z', '2026-03-03T21:30:00Z');
    expect(items.map((i) => i.key)).toEqual(['session.step:7:2026-03-03T21:30:00.000Z:open']);
    expect(next?.toISOString()).toBe('2026-03-03T21:50:00.000Z');
  });

  it('catches up in order on a session under way, without a reminder for it', () => {
    const { items, next } = plan('2026-03-02T21:00:00Z', '2026-03-03T22:20:00Z');
    expect(items.map((i) => (i.payload as { kind: string }).kind)).toEqual(['open', 'reflection', 'closing']);
    expect(next?.toISOString()).toBe('2026-03-03T22:30:00.000Z');
  });

  it('sends nothing stale after an outage of days, and picks up the rhythm', () => {
    const { items, next } = plan('2026-03-02T21:00:00Z', '2026-03-06T12:00:00Z');
    expect(items).toEqual([]);
    expect(next?.toISOString()).toBe('2026-03-09T20:00:00.000Z');
  });
});
