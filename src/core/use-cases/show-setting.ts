import { USAGE } from '../commands/usage.js';
import type { SettingName } from '../commands/command.js';
import type { Context } from '../context.js';
import type { Message } from '../messages.js';
import { requireCommunity } from '../session-flow.js';
import { circleSettings } from './show-status.js';
import { describeSlot } from './nudges/set-nudges.js';
import { zoneOf } from '../time/zone-of.js';

// A setting command with nothing after it (`nudges`, `schedule`, `timezone`, ...) shows the setting
// as it is now and how to change it, rather than refusing. Showing changes nothing, so anyone may ask.

const change = (word: keyof typeof USAGE, who?: string) => `Change it with ${USAGE[word]}${who ? ` (${who})` : ''}.`;

async function nudges(ctx: Context): Promise<Message> {
  const prefs = await ctx.deps.store.members.nudgePrefs(ctx.member.id);
  const now = prefs.enabled
    ? `I check in on your goals on ${describeSlot(prefs.day, prefs.minute)}, ${zoneOf(ctx.member, ctx.workspace)} time, on school days only.`
    : 'Your nudges are off.';
  return { text: now, sections: [change('nudges')] };
}

async function schedule(ctx: Context): Promise<Message> {
  const community = requireCommunity(ctx);
  const { schedule: rhythm, timeZone } = await circleSettings(ctx, community);
  const text = rhythm
    ? `${community.name} meets ${rhythm.rhythm}.`
    : `${community.name} has no schedule: sessions run when a facilitator starts them.`;
  return {
    text,
    sections: [`${change('schedule', 'facilitators')} Times are ${timeZone} time; \`status\` shows the next session.`],
  };
}

async function remind(ctx: Context): Promise<Message> {
  const community = requireCommunity(ctx);
  const { schedule: rhythm } = await circleSettings(ctx, community);
  const text = !rhythm
    ? `${community.name} has no schedule, so no reminder goes out; with one, a reminder comes at 15:00 the day before each session unless it is turned off.`
    : rhythm.reminder
      ? 'A reminder goes to the channel at 15:00 the day before each scheduled session.'
      : 'No reminder goes out before scheduled sessions.';
  return { text, sections: [change('remind', 'facilitators')] };
}

async function midweek(ctx: Context): Promise<Message> {
  const community = requireCommunity(ctx);
  const { midweek: slot } = await circleSettings(ctx, community);
  const text = slot
    ? `A mid-week reflection prompt goes to ${community.name}'s channel ${slot}.`
    : `${community.name} has no mid-week prompt.`;
  return { text, sections: [change('prompts', 'facilitators')] };
}

function timezone(ctx: Context): Message {
  const mine = `Your own zone, for your nudges: \`my timezone\`.`;
  if (ctx.community)
    return {
      text: `${ctx.community.name} runs on ${ctx.community.timeZone} time.`,
      sections: [`${change('timezone', 'facilitators, in this channel')} ${mine}`],
    };
  const zone = ctx.workspace.timeZone ?? 'UTC, as no admin has set one yet';
  return {
    text: `The workspace calendar runs on ${zone} time.`,
    sections: [
      `${change('timezone', "admins, sent to me directly; in a community channel, its facilitators set the community's")} ${mine}`,
    ],
  };
}

async function retention(ctx: Context): Promise<Message> {
  const months = await ctx.deps.store.workspaces.retentionMonths(ctx.workspace.id);
  return {
    text: `Texts are kept for ${months} ${months === 1 ? 'month' : 'months'}; after that only their counts remain.`,
    sections: [change('retention', 'admins')],
  };
}

async function privacy(ctx: Context): Promise<Message> {
  const threshold = await ctx.deps.store.digests.threshold(ctx.workspace.id);
  return {
    text: `Digest figures need at least ${threshold} people: a figure drawn from fewer shows as "fewer than ${threshold}".`,
    sections: [change('privacy', 'admins')],
  };
}

const SHOW: Record<SettingName, (ctx: Context) => Message | Promise<Message>> = {
  nudges,
  schedule,
  remind,
  'prompts.weekly': midweek,
  timezone,
  retention,
  privacy,
};

/** The setting as it is now, privately: a person's own (nudges) or a circle's or workspace's, which say nothing private. */
export async function showSetting(ctx: Context, setting: SettingName): Promise<void> {
  const message = await SHOW[setting](ctx);
  await ctx.tellPrivately(setting === 'nudges' ? message : { ...message, revealsNothingPrivate: true });
}
