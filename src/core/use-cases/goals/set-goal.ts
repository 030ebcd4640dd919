import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import { MAX_ACTIVE_GOALS, readMeasure, type GoalDraft } from '../../goals/goal.js';
import { goalForm } from '../../goals/goal-form.js';
import { coachGoal, isPastDue, localDate, pastDue } from '../../goals/smart.js';
import { readDatePhrase } from '../../commands/dates.js';
import { zoneOf } from '../../time/zone-of.js';
import { scheduleNextNudge } from '../nudges/set-nudges.js';
import { goalNumbered } from './find-goal.js';

const TOO_MANY = `You have ${MAX_ACTIVE_GOALS} goals going already. Small and few works best: finish, rework or set one aside first (\`goals\` lists them).`;

async function openForm(ctx: Context, initial: Partial<GoalDraft>, reworks?: number): Promise<void> {
  const trigger = ctx.incoming.trigger ? { trigger: ctx.incoming.trigger } : {};
  // The community it is set in travels with the form, which may be answered elsewhere (a Teams card in
  // the personal chat); it is checked again when the form comes back.
  const context = { ...(reworks ? { reworks } : {}), ...(ctx.community ? { communityId: ctx.community.id } : {}) };
  await ctx.deps.chat.openForm(
    { ...ctx.here, user: ctx.incoming.user.externalId, ...trigger },
    goalForm(initial, context),
  );
}

/** `goal`: the SMART goal form, unless three goals are already going. */
export async function newGoal(ctx: Context): Promise<void> {
  if ((await ctx.deps.store.goals.countActive(ctx.member.id)) >= MAX_ACTIVE_GOALS)
    throw new DomainError('TooManyGoals', TOO_MANY);
  await openForm(ctx, {});
}

/** `goal rework <n>`: the form again, filled in with the goal, to save as a new goal that replaces it. */
export async function reworkGoal(ctx: Context, number: number): Promise<void> {
  const goal = await goalNumbered(ctx, number);
  await openForm(ctx, goal, goal.id);
}

/** "Change it" after the coaching questions: the form again with what was written. */
export async function editDraft(ctx: Context, draft: GoalDraft, reworks?: number): Promise<void> {
  await openForm(ctx, draft, reworks);
}

/** The teacher's own date today, against which due dates are read. */
const todayOf = (ctx: Context) => localDate(ctx.deps.now, zoneOf(ctx.member, ctx.workspace));

/**
 * A filled-in form: coaching questions first if any apply; the teacher may still save as it is,
 * unless the due date has passed. "By when?" may be words (`in 6 weeks`), read in the teacher's zone.
 */
export async function submitGoal(ctx: Context, written: GoalDraft, reworks?: number): Promise<void> {
  const dueOn = readDatePhrase(written.dueOn, { now: ctx.deps.now, zone: zoneOf(ctx.member, ctx.workspace) });
  if (!dueOn) {
    throw new DomainError(
      'BadGoal',
      `By when? I couldn't read a date in that answer. Try dec 18, in 6 weeks, next friday or 2026-12-18.`,
    );
  }
  const draft = { ...written, dueOn };
  const today = todayOf(ctx);
  const advice = coachGoal(draft, today);
  if (advice.length === 0) return saveGoal(ctx, draft, reworks);
  const carried = { ...(reworks ? { reworks } : {}), ...(ctx.community ? { communityId: ctx.community.id } : {}) };
  // A goal due in the past is not saved as it is: the question about its date has to be answered first.
  const saveAsItIs = isPastDue(dueOn, today)
    ? []
    : [{ label: 'Save as it is', action: { kind: 'goal.save' as const, draft, ...carried } }];
  await ctx.tellPrivately({
    text: 'Before I save it, a few questions a coach might ask:',
    sections: advice.map((line) => `• ${line}`),
    buttons: [
      { label: 'Change it', action: { kind: 'goal.edit', draft, ...carried }, style: 'primary' },
      ...saveAsItIs,
    ],
  });
}

export async function saveGoal(ctx: Context, draft: GoalDraft, reworks?: number): Promise<void> {
  const { store, now } = ctx.deps;
  // A "Save as it is" pressed on a later day than it was drawn can name a date that has passed since.
  if (isPastDue(draft.dueOn, todayOf(ctx))) throw new DomainError('BadGoal', pastDue(draft.dueOn));
  const { target, unit } = readMeasure(draft.measure);
  const base = {
    workspaceId: ctx.workspace.id,
    memberId: ctx.member.id,
    communityId: ctx.community?.id ?? null,
    draft,
    target,
    unit,
    at: now,
  };
  if (reworks) {
    // The old goal becomes "reworked" and the new one points to it, and the nudges follow, together or not at all.
    const saved = await store.transaction(async (repos) => {
      if (!(await repos.goals.end({ goalId: reworks, memberId: ctx.member.id, status: 'reworked', at: now })))
        return null;
      const goal = await repos.goals.create({ ...base, reworksGoalId: reworks });
      await scheduleNextNudge(repos, ctx.member, ctx.workspace, now);
      return goal;
    });
    if (!saved)
      throw new DomainError('NoSuchGoal', 'That goal is not active any more, so there was nothing to rework.');
    await ctx.tellPrivately({
      text: `Reworked: goal ${saved.number}, "${draft.specific}", replaces your earlier goal. Goals are meant to change as you learn.`,
    });
    return;
  }
  // The cap is decided by the database, under a lock on the member: saves sent at once cannot pass it.
  const created = await store.transaction(async (repos) => {
    const goal = await repos.goals.createWithinCap({ ...base, reworksGoalId: null }, MAX_ACTIVE_GOALS);
    if (goal) await scheduleNextNudge(repos, ctx.member, ctx.workspace, now);
    return goal;
  });
  if (!created) throw new DomainError('TooManyGoals', TOO_MANY);
  await ctx.tellPrivately({
    text: `Saved as goal ${created.number}: "${draft.specific}", by ${draft.dueOn}.`,
    sections: [
      `Log progress with your total so far, \`progress ${created.number} 3\`, or what to add, \`progress ${created.number} +1 first small group went well\`. It keeps this number for good.`,
    ],
  });
}
