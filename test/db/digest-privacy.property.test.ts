import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Metric } from '../../src/core/digest/figures.js';
import { testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';
import { playScenario, scenario, type Act } from '../helpers/digest-privacy-run.js';

// Privacy as a property over everything an admin can obtain. Random circles and memberships, goals
// and check-ins over four weeks, and a random run of what people do afterwards: admins in different
// zones (different week boundaries) send, preview and export digests; teachers are forgotten;
// circles are padded; the threshold is raised. Every figure read back is checked against a model of
// the rows it was counted from, and no figure about a group under the threshold may be derived by
// subtracting one shown figure from another.

describe.each(testDatabaseKinds)('digest privacy as a property on %s', (kind) => {
  const open = useTestDatabase(kind);

  it('never lets one shown figure be subtracted from another to show what fewer than the threshold did', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const run = await playScenario(open(), s);
        const byWeek = new Map(run.stored.map((week) => [week.weekStart, week]));

        // Weeks never overlap: no two weeks can be subtracted to isolate a few hours.
        const windows = run.stored
          .map((w) => [Date.parse(w.from), Date.parse(w.to)] as const)
          .sort((a, b) => a[0] - b[0]);
        for (let i = 1; i < windows.length; i++)
          expect(windows[i]?.[0]).toBeGreaterThanOrEqual(windows[i - 1]?.[1] ?? 0);

        // Every reading of one week's figure says the same, whoever asked, whenever.
        const seen = new Map<string, string>();
        for (const r of run.readings) {
          const key = `${r.weekStart}|${r.row}|${r.metric}`;
          expect(seen.get(key) ?? r.shown, `${key} in ${r.source}`).toBe(r.shown);
          seen.set(key, r.shown);
          expect(byWeek.has(r.weekStart), `${r.source} read a week that was never stored`).toBe(true);
        }

        for (const week of run.stored) {
          const k = week.threshold;
          const step = run.countedAtStep.get(week.weekStart) ?? Infinity;
          const from = Date.parse(week.from);
          const to = Date.parse(week.to);
          const alive = (teacher: number) => (run.forgottenAtStep.get(teacher) ?? Infinity) >= step;
          const pooled = new Set(week.pool?.communityIds ?? []);
          // The acts behind a metric in this week, as the rows were when the week was counted.
          const behind = (metric: Metric) =>
            run.acts.filter((act) => {
              if (!alive(act.teacher)) return false;
              if (metric === 'participants' || metric === 'opening')
                return act.kind === 'opening' && act.at >= from && act.at < to;
              if (act.kind !== 'goal') return false;
              if (metric === 'goalsNew') return act.at >= from && act.at < to;
              if (metric === 'goalsActive') return act.at < to && (!act.end || act.end.at >= to);
              const status = { goalsAchieved: 'achieved', goalsReworked: 'reworked', goalsDropped: 'dropped' }[
                metric as string
              ];
              return act.end !== null && act.end.status === status && act.end.at >= from && act.end.at < to;
            });
          const people = (acts: readonly Act[]) => new Set(acts.map((a) => a.teacher)).size;
          const countOf = (metric: Metric, acts: readonly Act[]) =>
            metric === 'participants' ? people(acts) : acts.length;
          const rowActs = (row: string, acts: readonly Act[]) =>
            row === 'whole school'
              ? acts
              : row === 'smaller circles'
                ? acts.filter((a) => pooled.has(a.circle))
                : acts.filter((a) => run.names.get(a.circle) === row);
          const small = (n: number) => n > 0 && n < k;

          for (const metric of [
            'participants',
            'opening',
            'goalsNew',
            'goalsActive',
            'goalsAchieved',
            'goalsReworked',
            'goalsDropped',
          ] as const) {
            const acts = behind(metric);
            const shownRows = [...seen].flatMap(([key, shown]) => {
              const [weekStart, row, m] = key.split('|');
              return weekStart === week.weekStart && m === metric && /^\d+$/.test(shown)
                ? [{ row: row ?? '', count: Number(shown) }]
                : [];
            });
            for (const { row, count } of shownRows) {
              const mine = rowActs(row, acts);
              // What is printed is what the rows held, and from enough people.
              expect(count, `${week.weekStart} ${row} ${metric}`).toBe(countOf(metric, mine));
              expect(people(mine), `${week.weekStart} ${row} ${metric} people`).toBeGreaterThanOrEqual(k);
              // A circle printed on its own is not one under the threshold when the week was counted.
              if (row !== 'whole school' && row !== 'smaller circles')
                expect(week.circles.some((c) => run.names.get(c.communityId) === row)).toBe(true);
            }
            const total = shownRows.find((r) => r.row === 'whole school');
            if (!total) continue;
            // The total minus any one printed row, and minus all of them, leaves no small group.
            const parts = shownRows.filter((r) => r.row !== 'whole school');
            for (const part of parts) {
              const rest = acts.filter((a) => !rowActs(part.row, acts).includes(a));
              expect(small(people(rest)), `${week.weekStart} total - ${part.row} ${metric}`).toBe(false);
            }
            if (metric !== 'participants') {
              const rest = acts.filter((a) => !parts.some((p) => rowActs(p.row, acts).includes(a)));
              expect(small(people(rest)), `${week.weekStart} total - every row ${metric}`).toBe(false);
            }
          }

          // No message about this week names a circle that was under the threshold when it was counted.
          for (const { weekStart, text } of run.texts) {
            if (weekStart !== week.weekStart) continue;
            for (const id of pooled)
              expect(text, `${run.names.get(id)} named in ${week.weekStart}`).not.toContain(run.names.get(id));
          }
        }
        for (const r of run.readings.filter((r) => r.row !== 'whole school' && r.row !== 'smaller circles')) {
          const week = byWeek.get(r.weekStart);
          expect(
            week?.pool?.communityIds.some((id) => run.names.get(id) === r.row) ?? false,
            `${r.row} in ${r.source}`,
          ).toBe(false);
        }
      }),
      { numRuns: kind === 'postgres' ? 15 : 30 },
    );
  }, 600_000);
});
