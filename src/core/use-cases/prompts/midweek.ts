import type { LocalTime, Weekday } from '../../commands/command.js';
import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import { localDate } from '../../goals/smart.js';
import type { Community, Workspace } from '../../model.js';
import type { NewOutboxItem } from '../../outbox.js';
import { replanFrom } from '../../plans/replan-from.js';
import { replanSteps } from '../../plans/steps.js';
import { nextNudgeSlot } from '../../nudges/schedule.js';
import type { Closure } from '../../time/closure.js';
import { commitWithMessages, pickPrompt, requireCommunity, requireFacilitator } from '../../session-flow.js';
import { promptPost } from '../../prompt-posts.js';
import { channelNotice } from '../../notices.js';
import { describeSlot } from '../nudges/set-nudges.js';
import type { SystemDeps } from '../../system-deps.js';

// A reflection prompt to the channel between sessions, on a school day and time the facilitators
// choose, in the community's zone. Breaks move it within the week, as they do nudges.

export const MIDWEEK_PROMPT = 'midweek.prompt';
const DAY_NUMBER: Record<Weekday, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

/** "every Wednesday at 12:00, Europe/London time": the mid-week prompt's slot as people read it. */
export const describeMidweek = (slot: { day: number; minute: number }, zone: string) =>
  `every ${describeSlot(slot.day, slot.minute).replace(/s at/, ' at')}, ${zone} time`;

const nextMidweek = (
  slot: { day: number; minute: number },
  timeZone: string,
  after: Date,
  closures: readonly Closure[],
) => nextNudgeSlot({ prefs: { enabled: true, ...slot }, timeZone, after, closures });

/** `prompts weekly <day> <HH:MM>` and `prompts off`. */
export async function setMidweekPrompt(ctx: Context, choice: { day: Weekday; time: LocalTime } | 'off'): Promise<void> {
  const { now } = ctx.deps;
  const community = requireCommunity(ctx);
  await requireFacilitator(ctx, community, 'set the mid-week prompt');
  if (choice === 'off') {
    await commitWithMessages(ctx, async (repos) => {
      await repos.communities.setMidweek(community.id, null, null);
      return [channelNotice(community, { about: 'midweek.off', by: ctx.member.id }, now)];
    });
    await ctx.tellPrivately({ text: 'No mid-week prompt now. `prompts weekly wed 12:00` brings it back.' });
    return;
  }
  const day = DAY_NUMBER[choice.day];
  if (day > 5)
    throw new DomainError(
      'WeekendSchedule',
      'The mid-week prompt goes out on school days: choose a day from Monday to Friday.',
    );
  const slot = { day, minute: choice.time.hour * 60 + choice.time.minute };
  let said = '';
  // The slot, its next time and the channel's notice, saved together; the row is held while the time is planned.
  await commitWithMessages(ctx, async (repos) => {
    const plan = await repos.communities.plan(community.id);
    const zone = plan?.community.timeZone ?? community.timeZone;
    const next = nextMidweek(
      slot,
      zone,
      replanFrom(plan?.nextMidweekAt ?? null, now),
      await repos.calendar.closures(community.workspaceId),
    );
    await repos.communities.setMidweek(community.id, slot, next);
    said = `on ${describeSlot(slot.day, slot.minute)}, ${zone} time, on school days only. Replies in its thread count as reflections.`;
    const detail = `${describeMidweek(slot, zone)}. Replies in its thread count as reflections.`;
    return [channelNotice(community, { about: 'midweek.set', by: ctx.member.id, detail }, now)];
  });
  await ctx.tellPrivately({ text: `A reflection prompt will go to the channel ${said}` });
}

/** `remind <day-before|off>`: the reminder the day before scheduled sessions. */
export async function setReminder(ctx: Context, when: 'day-before' | 'off'): Promise<void> {
  const community = requireCommunity(ctx);
  await requireFacilitator(ctx, community, 'change the reminder');
  // The next step is planned again with the reminder in or out, and the channel told, in the same transaction.
  await commitWithMessages(ctx, async (repos) => {
    await repos.communities.setReminder(community.id, when === 'day-before');
    const plan = await repos.communities.plan(community.id);
    if (plan) await replanSteps(repos, plan, await repos.calendar.closures(community.workspaceId), ctx.deps.now);
    return [channelNotice(community, { about: 'remind', by: ctx.member.id, on: when === 'day-before' }, ctx.deps.now)];
  });
  await ctx.tellPrivately({
    text:
      when === 'off'
        ? 'No reminder before scheduled sessions.'
        : 'A reminder goes to the channel at 15:00 the day before each scheduled session.',
  });
}

/** The tick's part: the prompt for a community whose time has come, and its next time. */
export function planMidweek(input: {
  community: Community;
  workspace: Workspace;
  slot: { day: number; minute: number };
  at: Date;
  now: Date;
  closures: readonly Closure[];
}): { item: NewOutboxItem; next: Date | null } {
  return {
    item: {
      workspaceId: input.workspace.id,
      kind: MIDWEEK_PROMPT,
      key: `${MIDWEEK_PROMPT}:${input.community.id}:${localDate(input.at, input.community.timeZone)}`,
      dueAt: input.at,
      payload: { communityId: input.community.id },
    },
    next: nextMidweek(input.slot, input.community.timeZone, input.now, input.closures),
  };
}

/**
 * Posts it; a session open at that moment has its own reflection, so none goes out then. The prompt
 * is recorded with its post, keyed by the planned item, in one transaction: the planned item run
 * again (its process stopped before recording it sent) finds the post written and adds no second one.
 */
export async function postMidweekPrompt(deps: SystemDeps, communityId: number, plannedKey: string): Promise<void> {
  const { store, now } = deps;
  const community = await store.communities.findById(communityId);
  if (!community || (await store.sessions.findOpen(community.id))) return;
  const workspace = await store.workspaces.byId(community.workspaceId);
  const prompt = await pickPrompt(store, community);
  if (!workspace || !prompt) return;
  const key = `${plannedKey}:post`;
  if ((await store.outbox.state(key)) !== null) return;
  const chat = await deps.chatFor(workspace.platform, workspace.externalId);
  const scope = { deps: { ...deps, chat }, here: { workspace: workspace.externalId, channel: community.channelId } };
  await commitWithMessages(scope, async (repos) => {
    const post = await repos.prompts.recordPost({
      communityId: community.id,
      sessionId: null,
      prompt,
      channelId: community.channelId,
      at: now,
    });
    return [promptPost(community, post.id, key, now)];
  });
}
