import type { Command } from '../commands/command.js';
import { parseCommand } from '../commands/parse.js';
import type { Context } from '../context.js';
import { commandHelpMessage, helpMessage } from '../help.js';
import { setupCommunity } from '../use-cases/setup-community.js';
import { renameCommunity } from '../use-cases/rename-community.js';
import { startSession } from '../use-cases/start-session.js';
import { setProtocolTimes, startProtocol } from '../use-cases/protocols/run-protocol.js';
import { closeSession, moveSessionOn } from '../use-cases/move-session.js';
import { checkIn } from '../use-cases/check-in.js';
import { newGoal } from '../use-cases/goals/set-goal.js';
import { listGoals } from '../use-cases/goals/list-goals.js';
import { logProgress } from '../use-cases/goals/log-progress.js';
import { endGoal } from '../use-cases/goals/end-goal.js';
import { setNudges } from '../use-cases/nudges/set-nudges.js';
import { zoneOf } from '../time/zone-of.js';
import { snoozeGoal } from '../use-cases/nudges/snooze-goal.js';
import { addClosure, listClosures, removeClosure } from '../use-cases/calendar/school-calendar.js';
import {
  addPrompt,
  listPrompts,
  postPromptNow,
  restorePrompt,
  retirePrompt,
} from '../use-cases/prompts/prompt-library.js';
import { setMidweekPrompt, setReminder } from '../use-cases/prompts/midweek.js';
import { setSchedule } from '../use-cases/schedules/set-schedule.js';
import { setMyTimeZone, setTimeZone } from '../use-cases/set-time-zone.js';
import { showStatus } from '../use-cases/show-status.js';
import { showSetting } from '../use-cases/show-setting.js';
import { undoLast } from '../use-cases/undo.js';
import { askToForget } from '../use-cases/forget-me.js';
import { exportMyData } from '../use-cases/data/export-my-data.js';
import { exportWorkspace } from '../use-cases/data/export-workspace.js';
import { setRetention } from '../use-cases/data/retention.js';
import { setPrivacy } from '../use-cases/digest/set-privacy.js';
import { previewDigest } from '../use-cases/digest/preview-digest.js';
import { setDigestTime } from '../use-cases/digest/set-digest-time.js';
import {
  addMentor,
  listMentors,
  removeMentor,
  setMentorAway,
  setMentorCapacity,
} from '../use-cases/mentoring/mentors.js';
import { askCommand } from '../use-cases/mentoring/asks.js';
import { suggest } from '../use-cases/mentoring/suggest.js';
import { dropNextMentor, nameNextMentor, setRotation, showRotation } from '../use-cases/mentoring/rotation.js';
import { pairsOff, setPairs, showPairs, skipPairs } from '../use-cases/pairing/pairs.js';
import { listVisits, requestVisit } from '../use-cases/visits/visits.js';
import { changeAdmin, changeFacilitator } from '../use-cases/manage-roles.js';

/** The person's present, against which words like `tomorrow` are read. */
export const presentOf = (ctx: Context) => ({ now: ctx.deps.now, zone: zoneOf(ctx.member, ctx.workspace) });

/** Words typed to the bot: parsed into a command, or answered with help for what went wrong. */
export async function runWords(ctx: Context, text: string): Promise<void> {
  const parsed = parseCommand(text, presentOf(ctx));
  if (!parsed.ok) {
    // Help for a typo: the words are the person's own, already shown where they wrote them.
    await ctx.tellPrivately({ text: parsed.error.message, revealsNothingPrivate: true });
    return;
  }
  await runCommand(ctx, parsed.command);
}

/** Hands a parsed command to its use case. */
export async function runCommand(ctx: Context, command: Command): Promise<void> {
  switch (command.name) {
    case 'help':
      return ctx.tellPrivately({
        ...(command.about ? commandHelpMessage(command.about) : helpMessage()),
        revealsNothingPrivate: true,
      });
    case 'setup':
      return setupCommunity(ctx, command.communityName);
    case 'start':
      return startSession(ctx, command.topic);
    case 'start.protocol':
      return startProtocol(ctx, command);
    case 'protocol.times':
      return setProtocolTimes(ctx, command.minutes);
    case 'next':
      return moveSessionOn(ctx);
    case 'close':
      return closeSession(ctx);
    case 'checkin':
      return checkIn(ctx, command.text);
    case 'goal.new':
      return newGoal(ctx);
    case 'goals.list':
      return listGoals(ctx, command.all);
    case 'progress':
      return logProgress(ctx, command);
    case 'goal.end':
      return endGoal(ctx, command.outcome, command.number);
    case 'nudges.set':
      return setNudges(ctx, command);
    case 'nudges.off':
      return setNudges(ctx, 'off');
    case 'snooze':
      return snoozeGoal(ctx, command.number, command.days);
    case 'calendar.add':
      return addClosure(ctx, command);
    case 'calendar.list':
      return listClosures(ctx);
    case 'calendar.remove':
      return removeClosure(ctx, command.entry);
    case 'prompts.list':
      return listPrompts(ctx);
    case 'prompt.add':
      return addPrompt(ctx, command.text);
    case 'prompt.retire':
      return retirePrompt(ctx, command.number);
    case 'prompt.restore':
      return restorePrompt(ctx, command.number);
    case 'prompt.post':
      return postPromptNow(ctx);
    case 'timezone':
      return setTimeZone(ctx, command.zone);
    case 'timezone.mine':
      return setMyTimeZone(ctx, command.zone);
    case 'schedule.set':
      return setSchedule(ctx, command);
    case 'schedule.off':
      return setSchedule(ctx, 'off');
    case 'prompts.weekly':
      return setMidweekPrompt(ctx, command);
    case 'prompts.off':
      return setMidweekPrompt(ctx, 'off');
    case 'remind':
      return setReminder(ctx, command.when);
    case 'rename':
      return renameCommunity(ctx, command.communityName);
    case 'status':
      return showStatus(ctx);
    case 'setting.show':
      return showSetting(ctx, command.setting);
    case 'undo':
      return undoLast(ctx);
    case 'forget-me':
      return askToForget(ctx);
    case 'export.mine':
      return exportMyData(ctx);
    case 'export.workspace':
      return exportWorkspace(ctx);
    case 'retention':
      return setRetention(ctx, command.months);
    case 'privacy':
      return setPrivacy(ctx, command.threshold);
    case 'digest.preview':
      return previewDigest(ctx);
    case 'digest.set':
      return setDigestTime(ctx, command);
    case 'mentor.add':
      return addMentor(ctx, command.user, command.topics);
    case 'mentor.remove':
      return removeMentor(ctx, command.user);
    case 'mentor.away':
      return setMentorAway(ctx, command.days);
    case 'mentor.capacity':
      return setMentorCapacity(ctx, command.perWeek);
    case 'mentors.list':
      return listMentors(ctx);
    case 'ask':
      return askCommand(ctx, command.text);
    case 'pairs.set':
      return setPairs(ctx, command.cadence, command.mode);
    case 'pairs.off':
      return pairsOff(ctx);
    case 'pairs.show':
      return showPairs(ctx);
    case 'pairs.skip':
      return skipPairs(ctx, command.weeks);
    case 'suggest':
      return suggest(ctx, command.text);
    case 'rotation.show':
      return showRotation(ctx);
    case 'rotation.set':
      return setRotation(ctx, command.endsOn);
    case 'rotation.next':
      return nameNextMentor(ctx, command.user, command.topics);
    case 'rotation.drop':
      return dropNextMentor(ctx, command.user);
    case 'visit':
      return requestVisit(ctx, command);
    case 'visits.list':
      return listVisits(ctx);
    case 'role':
      return command.role === 'admin'
        ? changeAdmin(ctx, command.change, command.user)
        : changeFacilitator(ctx, command.change, command.user);
    default: {
      // Every command the parser knows has its case above; the compiler checks it.
      const unhandled: never = command;
      throw new Error(`No handler for ${JSON.stringify(unhandled)}`);
    }
  }
}
