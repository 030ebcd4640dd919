import type { ChatPort } from './chat-port.js';
import { parseCommand } from './commands/parse.js';
import type { Command } from './commands/command.js';
import { privateReply, resolveContext, type Context, type Deps, type Incoming } from './context.js';
import { DomainError } from './errors.js';
import { commandHelpMessage, helpMessage } from './help.js';
import type { Action } from './messages.js';
import type { PromptPost, Session } from './model.js';
import { isInChannel } from './membership.js';
import { actionSchema, askFollowUpSubmissionSchema, askSubmissionSchema, suggestionSubmissionSchema, visitNotesSubmissionSchema, visitReflectionSubmissionSchema, DRAWS_A_FORM, formSubmissionSchema, goalSubmissionSchema, nonceOf, progressSubmissionSchema } from './payloads.js';
import { endGoal } from './use-cases/goals/end-goal.js';
import { undoEnding } from './use-cases/goals/undo-ending.js';
import { undoLast } from './use-cases/undo.js';
import { undoRetirement } from './use-cases/prompts/undo-retirement.js';
import { confirmLeaving } from './use-cases/remove-myself.js';
import { listGoals } from './use-cases/goals/list-goals.js';
import { logProgress } from './use-cases/goals/log-progress.js';
import { editDraft, newGoal, saveGoal, submitGoal } from './use-cases/goals/set-goal.js';
import { answerNudge, openProgressForm, snoozeFromNudge } from './use-cases/nudges/answer-nudge.js';
import { setNudges } from './use-cases/nudges/set-nudges.js';
import { addClosure, listClosures, removeClosure } from './use-cases/calendar/school-calendar.js';
import { renameCommunity } from './use-cases/rename-community.js';
import { addPrompt, listPrompts, postPromptNow, restorePrompt, retirePrompt } from './use-cases/prompts/prompt-library.js';
import { MAX_ANSWER_LENGTH } from './session-messages.js';
import { snoozeGoal } from './use-cases/nudges/snooze-goal.js';
import { checkIn, openCheckinForm } from './use-cases/check-in.js';
import { closeSession, moveSessionOn } from './use-cases/move-session.js';
import { recordAnswer } from './use-cases/record-answer.js';
import { editAnswer, removeAnswer } from './use-cases/revise-answer.js';
import { withoutNul } from './without-nul.js';
import { setMyTimeZone, setTimeZone } from './use-cases/set-time-zone.js';
import { zoneOf } from './time/zone-of.js';
import { changeAdmin, changeFacilitator } from './use-cases/manage-roles.js';
import { askToForget, forgetMember } from './use-cases/forget-me.js';
import { exportMyData } from './use-cases/data/export-my-data.js';
import { exportWorkspace } from './use-cases/data/export-workspace.js';
import { setRetention } from './use-cases/data/retention.js';
import { setSchedule } from './use-cases/schedules/set-schedule.js';
import { setMidweekPrompt, setReminder } from './use-cases/prompts/midweek.js';
import { setupCommunity } from './use-cases/setup-community.js';
import { showHome } from './use-cases/show-home.js';
import { showSetting } from './use-cases/show-setting.js';
import { showStatus } from './use-cases/show-status.js';
import { startSession } from './use-cases/start-session.js';
import { setProtocolTimes, startProtocol } from './use-cases/protocols/run-protocol.js';
import { chooseTone, recordProtocolReply } from './use-cases/protocols/protocol-replies.js';
import { previewDigest } from './use-cases/digest/preview-digest.js';
import { setPrivacy } from './use-cases/digest/set-privacy.js';
import { setDigestTime } from './use-cases/digest/set-digest-time.js';
import { addMentor, listMentors, removeMentor, setMentorAway, setMentorCapacity } from './use-cases/mentoring/mentors.js';
import { answerOffer, askCommand, openFollowUp, submitAsk, submitFollowUp, takeAsLeader } from './use-cases/mentoring/asks.js';
import { MAX_ASK_LENGTH } from './mentoring/ask.js';
import { MAX_SUGGESTION_LENGTH } from './mentoring/suggestion.js';
import { answerMet, pairsOff, setPairs, showPairs, skipPairs } from './use-cases/pairing/pairs.js';
import { nameSuggestion, submitSuggestion, suggest } from './use-cases/mentoring/suggest.js';
import { dropNextMentor, nameNextMentor, setRotation, showRotation } from './use-cases/mentoring/rotation.js';
import { answerVisit, cancelVisit, listVisits, openNotes, openReflection, requestVisit, submitNotes, submitReflection } from './use-cases/visits/visits.js';
import { MAX_NOTE_LENGTH } from './visits/visit.js';

/** Everything an adapter hands the core: words, a reply in a thread, a button press or a form. */
export type Interaction =
  | { kind: 'command'; text: string }
  /** `addressed`: the bot was @mentioned, so outside a thread the bot runs the words are a command (Teams). */
  | { kind: 'message'; threadId: string; messageId?: string; text: string; addressed?: boolean }
  /** The author edited or deleted a thread reply. */
  | { kind: 'edit'; threadId: string; messageId: string; text: string }
  | { kind: 'delete'; threadId: string; messageId: string }
  | { kind: 'action'; action: unknown }
  | { kind: 'form'; submission: unknown }
  /** The person opened their own page of the app. */
  | { kind: 'home' };

export interface HandleOptions {
  /** The adapter already stored this event with `receive`, before acknowledging it to the platform. */
  alreadyReceived?: boolean;
}

/** What an adapter calls for each interaction, with itself as the ChatPort; main.ts binds the rest. */
export type InteractionHandler = (chat: ChatPort, incoming: Incoming, interaction: Interaction, options?: HandleOptions) => Promise<unknown>;

/** Stores an event before the platform is told it arrived; false when it was already stored (a retry). */
export type InteractionReceiver = (incoming: Incoming & { eventId: string }, interaction: Interaction, replay?: Record<string, unknown>) => Promise<boolean>;

/** An interaction the database could not take: the adapter refuses it, so that it is sent again. */
export class NotStoredError extends Error {
  override readonly name = 'NotStoredError';
  /** Bolt hands an error that has a code to its receiver unchanged. */
  readonly code = 'not_stored';
  constructor(options?: ErrorOptions) {
    super('the interaction could not be stored', options);
  }
}

/**
 * Records an event and everything needed to handle it again (`replay` holds what the adapter needs,
 * such as a response URL). Throws NotStoredError when it cannot be stored, so the adapter can refuse
 * it (or, for a command the platform never sends again, say "try again").
 */
export async function receive(deps: Pick<Deps, 'store' | 'now'>, ...[incoming, interaction, replay]: Parameters<InteractionReceiver>): Promise<boolean> {
  try {
    return await deps.store.receipts.claim(incoming.platform, incoming.eventId, deps.now, { incoming, interaction, ...(replay ? { replay } : {}) });
  } catch (error) {
    throw new NotStoredError({ cause: error });
  }
}

/** A press or form whose nonce was used already: it acts once, and a second one is a retry. */
class PressedAlready extends Error {
  override readonly name = 'PressedAlready';
}

/** Refusals of a button or form that mean it named something not the sender's to act on. */
const FORGERY_CODES = new Set(['NoSuchGoal', 'NotFacilitator', 'NoSuchAsk', 'NoSuchVisit']);

const TRY_AGAIN = 'Sorry, something went wrong on my side. Please try again in a moment.';
const KEPT = 'Sorry, something went wrong on my side. I have kept what you sent and will finish it in a few minutes; there is no need to send it again.';

/** How an interaction ended: for metrics and logs, never for the person, who has had their answer. */
export type Outcome = 'handled' | 'refused' | 'failed' | 'duplicate';

/**
 * The core's one entry point. It never throws: refusals become private replies, and unexpected
 * failures are logged and answered. Each stored event is settled once: handled (a refusal is an
 * answer too) or failed.
 */
export async function handle(deps: Deps, given: Incoming, asked: Interaction, options: HandleOptions = {}): Promise<Outcome> {
  // Every adapter strips NUL where requests come in; names looked up afterwards (a Slack profile,
  // a replayed event's) come through here too, so the core makes sure once more.
  const incoming = withoutNul(given);
  const interaction = withoutNul(asked);
  const { eventId, platform } = incoming;
  if (eventId && !options.alreadyReceived) {
    const first = await deps.store.receipts.claim(platform, eventId, deps.now).catch((error: unknown) => {
      deps.log.error({ err: error, platform }, 'could not record an event');
      return null;
    });
    if (first === null) {
      await tell(deps, incoming, TRY_AGAIN);
      return 'failed';
    }
    if (!first) {
      deps.log.debug({ platform, eventId }, 'retried event ignored');
      return 'duplicate';
    }
  }
  let outcome: Outcome = 'handled';
  try {
    const ctx = await resolveContext(deps, incoming);
    await dispatch(ctx, interaction);
  } catch (error) {
    if (error instanceof PressedAlready) {
      // The same press or form sent again: answered as a retried event is, with nothing.
      deps.log.debug({ kind: interaction.kind, platform }, 'a button or form used already was ignored');
      outcome = 'duplicate';
    } else if (!(error instanceof DomainError)) {
      deps.log.error({ err: error, kind: interaction.kind, platform }, 'interaction failed');
      await failed(deps, incoming, interaction);
      return 'failed';
    } else {
      outcome = 'refused';
      // A button or form that names what is not the presser's (another person's goal, another
      // workspace's session, a facilitator's button) is worth an operator's eye; ordinary refusals
      // are not. Never with what it said.
      if (error.code === 'BadPayload' || (FORGERY_CODES.has(error.code) && (interaction.kind === 'action' || interaction.kind === 'form'))) {
        deps.log.warn({ code: error.code, kind: interaction.kind, platform }, 'a button or form naming what is not the sender\'s was refused');
      } else {
        deps.log.debug({ code: error.code, kind: interaction.kind }, 'refused');
      }
      await tell(deps, incoming, error.userMessage, !ABOUT_THEIR_OWN.has(error.code));
    }
  }
  if (eventId) {
    const settled = await deps.store.receipts.settle(platform, eventId, 'handled', deps.now).catch((error: unknown) => {
      deps.log.warn({ err: error }, 'could not mark an event handled');
      return true;
    });
    // Not there to settle: another process settled it first, or forget-me took it with the person's data.
    if (!settled) deps.log.debug({ platform, eventId }, 'an event was settled already');
  }
  return outcome;
}

/**
 * After an unexpected failure (storage or platform down). A command is settled as failed and the
 * person asked to try again, so it is never also replayed later. Anything else (an answer in a
 * thread, a button, a form) stays stored and unsettled, and is replayed once the database is back:
 * it got its acknowledgement, so it must not be lost. When even settling fails, the command is kept
 * for replay too, and the person is told so rather than asked to send it again.
 */
async function failed(deps: Deps, incoming: Incoming, interaction: Interaction): Promise<void> {
  const { eventId, platform } = incoming;
  if (!eventId) return tell(deps, incoming, TRY_AGAIN);
  if (interaction.kind === 'command') {
    const settled = await deps.store.receipts.settle(platform, eventId, 'failed', deps.now).catch((error: unknown) => {
      deps.log.warn({ err: error }, 'could not mark an event failed; it is kept for a replay');
      return false;
    });
    if (settled) return tell(deps, incoming, TRY_AGAIN);
  }
  return tell(deps, incoming, KEPT);
}

/** Refusals that speak of the person's own goals: never given where others could read them. */
const ABOUT_THEIR_OWN = new Set<DomainError['code']>(['NoSuchGoal', 'TooManyGoals', 'BadGoal', 'NoSuchAsk', 'BadAsk', 'AskMovedOn', 'NoSuchVisit', 'BadVisit', 'VisitMovedOn']);

/** `revealsNothingPrivate`: the words say nothing about the person, so they may be shown where they asked. */
async function tell(deps: Deps, incoming: Incoming, text: string, revealsNothingPrivate = true): Promise<void> {
  await privateReply(deps, incoming)({ text, ...(revealsNothingPrivate ? { revealsNothingPrivate } : {}) }).catch((sendError: unknown) => deps.log.warn({ err: sendError }, 'could not send a private answer'));
}

async function dispatch(ctx: Context, interaction: Interaction): Promise<void> {
  switch (interaction.kind) {
    case 'command':
      return runWords(ctx, interaction.text);
    case 'message':
      return threadMessage(ctx, interaction);
    case 'edit':
      return editAnswer(ctx, interaction);
    case 'delete':
      return removeAnswer(ctx, interaction);
    case 'action':
      return pressButton(ctx, interaction.action);
    case 'form':
      return submitForm(ctx, interaction.submission);
    case 'home':
      return showHome(ctx);
  }
}

/** The person's present, against which words like `tomorrow` are read. */
const presentOf = (ctx: Context) => ({ now: ctx.deps.now, zone: zoneOf(ctx.member, ctx.workspace) });

async function runWords(ctx: Context, text: string): Promise<void> {
  const parsed = parseCommand(text, presentOf(ctx));
  if (!parsed.ok) {
    // Help for a typo: the words are the person's own, already shown where they wrote them.
    await ctx.tellPrivately({ text: parsed.error.message, revealsNothingPrivate: true });
    return;
  }
  await runCommand(ctx, parsed.command);
}

async function runCommand(ctx: Context, command: Command): Promise<void> {
  switch (command.name) {
    case 'help':
      return ctx.tellPrivately({ ...(command.about ? commandHelpMessage(command.about) : helpMessage()), revealsNothingPrivate: true });
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
      return command.role === 'admin' ? changeAdmin(ctx, command.change, command.user) : changeFacilitator(ctx, command.change, command.user);
    default: {
      // Every command the parser knows has its case above; the compiler checks it.
      const unhandled: never = command;
      throw new Error(`No handler for ${JSON.stringify(unhandled)}`);
    }
  }
}

/** A reply in a session thread is an answer, unless it is exactly a valid command from a facilitator. */
async function threadMessage(ctx: Context, message: Extract<Interaction, { kind: 'message' }>): Promise<void> {
  const { store } = ctx.deps;
  const session = await store.sessions.findByThread(ctx.workspace.id, ctx.incoming.channel.id, message.threadId);
  if (!session) {
    const post = ctx.community ? await store.prompts.postByMessage(ctx.community.id, message.threadId) : null;
    if (post) return answerPromptBetweenSessions(ctx, post, message);
    // Any other thread is not the bot's to record, but words addressed to it there are a command.
    if (message.addressed) return runWords(ctx, message.text);
    return;
  }
  const parsed = parseCommand(message.text, presentOf(ctx));
  if (parsed.ok && (await store.communities.isFacilitator(session.communityId, ctx.member.id))) {
    return runCommand(ctx, parsed.command);
  }
  const run = await store.protocols.find(session.id);
  if (run) return recordProtocolReply(ctx, session, run, { text: message.text, ...(message.messageId ? { messageId: message.messageId } : {}) });
  await recordAnswer(ctx, session, { text: message.text, source: 'thread', ...(message.messageId ? { messageId: message.messageId } : {}) });
}

/** A reply in the thread of a prompt posted between sessions is a reflection on it. */
async function answerPromptBetweenSessions(ctx: Context, post: PromptPost, message: Extract<Interaction, { kind: 'message' }>): Promise<void> {
  const text = message.text.trim();
  if (!text || text.length > MAX_ANSWER_LENGTH) return;
  const origin = message.messageId ? { messageId: message.messageId } : {};
  await ctx.deps.store.reflections.add({ promptPostId: post.id, memberId: ctx.member.id, text, source: 'thread', ...origin, at: ctx.deps.now });
  await ctx.tellPrivately({ text: `Thanks, ${ctx.member.name}: your reflection is saved.` });
}

const FORGED = 'That button or form does not belong here, so nothing was changed.';

/**
 * The session a button or form names, resolved by the server: it must be of this workspace; pressed
 * in a community's channel, of that community; and the presser must be someone the platform says is
 * in the community's channel. The context moves to that community, wherever the press came from.
 */
async function namedSession(ctx: Context, sessionId: number): Promise<{ ctx: Context; session: Session }> {
  const { store } = ctx.deps;
  const session = await store.sessions.find(ctx.workspace.id, sessionId);
  if (!session) throw new DomainError('BadPayload', FORGED);
  if (ctx.community && session.communityId !== ctx.community.id) throw new DomainError('BadPayload', FORGED);
  const community = ctx.community ?? (await store.communities.find(ctx.workspace.id, session.communityId));
  if (!community || !(await isInChannel(ctx.deps, ctx.workspace, community.channelId, ctx.incoming.user.externalId))) {
    throw new DomainError('BadPayload', FORGED);
  }
  return { ctx: { ...ctx, community, here: { workspace: ctx.here.workspace, channel: community.channelId } }, session };
}

/**
 * The community a goal form or button was drawn in, when it is answered outside that community's
 * channel (a Teams card in the personal chat): the goal is linked to it only if the platform says the
 * person is in its channel. Answered in a channel, the goal belongs to that channel's community.
 */
async function drawnIn(ctx: Context, communityId: number | undefined): Promise<Context> {
  if (ctx.community || communityId === undefined || !ctx.incoming.channel.isDirect) return ctx;
  const community = await ctx.deps.store.communities.find(ctx.workspace.id, communityId);
  if (!community || !(await isInChannel(ctx.deps, ctx.workspace, community.channelId, ctx.incoming.user.externalId))) {
    throw new DomainError('BadPayload', FORGED);
  }
  return { ...ctx, community };
}

/**
 * Runs a press or a form once per nonce and person: the first use is stored, a second one (a resent
 * request, a double click) is a retry. A press that changed nothing (refused, or failed) gives its
 * nonce back, so it can be pressed again; the stored event that used it still acts when it is
 * replayed, even if the nonce could not be given back.
 */
async function once(ctx: Context, payload: unknown, work: () => Promise<void>): Promise<void> {
  const nonce = nonceOf(payload);
  if (!nonce) throw new DomainError('BadPayload', FORGED);
  const { presses } = ctx.deps.store;
  if (!(await presses.claim(ctx.member.id, nonce, ctx.deps.now, ctx.incoming.eventId))) throw new PressedAlready();
  try {
    await work();
  } catch (error) {
    await presses.release(ctx.member.id, nonce).catch((releaseError: unknown) => ctx.deps.log.warn({ err: releaseError }, 'could not give back the nonce of a press that changed nothing'));
    throw error;
  }
}

async function pressButton(ctx: Context, payload: unknown): Promise<void> {
  const parsed = actionSchema.safeParse(payload);
  if (!parsed.success || !nonceOf(payload)) throw new DomainError('BadPayload', FORGED);
  const action = parsed.data;
  // A button that only draws a form changes nothing: pressing it again draws the form again.
  if (DRAWS_A_FORM.has(action.kind)) return act(ctx, action);
  return once(ctx, payload, () => act(ctx, action));
}

async function act(ctx: Context, action: Action): Promise<void> {
  if (action.kind === 'goal.save') return saveGoal(await drawnIn(ctx, action.communityId), action.draft, action.reworks);
  if (action.kind === 'goal.edit') return editDraft(await drawnIn(ctx, action.communityId), action.draft, action.reworks);
  if (action.kind === 'nudge.answer') return answerNudge(ctx, action.answer, action.goalIds);
  if (action.kind === 'nudge.snooze') return snoozeFromNudge(ctx, action.goalIds);
  if (action.kind === 'nudge.progress') return openProgressForm(ctx, action.goalIds, action.step === true);
  if (action.kind === 'forget.confirm') return forgetMember(ctx);
  if (action.kind === 'goal.undo') return undoEnding(ctx, action.goalId);
  if (action.kind === 'prompt.undo') return undoRetirement(ctx, action.retirementId);
  if (action.kind === 'admin.leave' || action.kind === 'facilitator.leave') return confirmLeaving(ctx, action);
  if (action.kind === 'goal.form') return newGoal(ctx);
  if (action.kind === 'ask.help' || action.kind === 'ask.pass') return answerOffer(ctx, action.askId, action.kind === 'ask.help' ? 'help' : 'pass');
  if (action.kind === 'ask.take') return takeAsLeader(ctx, action.askId);
  if (action.kind === 'ask.followup') return openFollowUp(ctx, action.askId);
  if (action.kind === 'pairs.met') return answerMet(ctx, action.roundId, action.met);
  if (action.kind === 'suggest.name') return nameSuggestion(ctx, action.suggestionId);
  if (action.kind === 'visit.accept' || action.kind === 'visit.decline') return answerVisit(ctx, action.visitId, action.kind === 'visit.accept' ? 'accepted' : 'declined');
  if (action.kind === 'visit.cancel') return cancelVisit(ctx, action.visitId);
  if (action.kind === 'visit.notes') return openNotes(ctx, action.visitId);
  if (action.kind === 'visit.reflect') return openReflection(ctx, action.visitId);
  if (action.kind === 'protocol.tone') return chooseTone(ctx, action.entryId, action.tone);
  if (action.kind === 'protocol.next') {
    // The step comes from the server's run; the button's step only says which step it was drawn for.
    const { ctx: where } = await namedSession(ctx, action.sessionId);
    return moveSessionOn(where, undefined, action.step);
  }
  const { ctx: where, session } = await namedSession(ctx, action.sessionId);
  if (session.phase !== action.phase) {
    throw new DomainError('SessionMovedOn', 'This session has moved on already, so nothing was changed.');
  }
  switch (action.kind) {
    case 'session.next':
      return moveSessionOn(where, action.phase);
    case 'session.close':
      return closeSession(where, action.phase);
    case 'checkin.form':
      return openCheckinForm(where, action.phase);
  }
}

const kindOf = (payload: unknown) => (payload as { kind?: unknown } | null)?.kind;

async function submitForm(ctx: Context, payload: unknown): Promise<void> {
  return once(ctx, payload, () => takeForm(ctx, payload));
}

async function takeForm(ctx: Context, payload: unknown): Promise<void> {
  const goal = goalSubmissionSchema.safeParse(payload);
  if (goal.success) return submitGoal(await drawnIn(ctx, goal.data.context.communityId), goal.data.values, goal.data.context.reworks);
  const progress = progressSubmissionSchema.safeParse(payload);
  if (progress.success) {
    const { goal: number, value, note } = progress.data.values;
    return logProgress(ctx, { number, ...value, ...(note ? { note } : {}) });
  }
  const ask = askSubmissionSchema.safeParse(payload);
  if (ask.success) return submitAsk(ctx, { ...ask.data.values, communityId: ask.data.context.communityId });
  const followUp = askFollowUpSubmissionSchema.safeParse(payload);
  if (followUp.success) return submitFollowUp(ctx, followUp.data.context.askId, followUp.data.values.text);
  const notes = visitNotesSubmissionSchema.safeParse(payload);
  if (notes.success) return submitNotes(ctx, notes.data.context.visitId, notes.data.values);
  const reflection = visitReflectionSubmissionSchema.safeParse(payload);
  if (reflection.success) return submitReflection(ctx, reflection.data.context.visitId, reflection.data.values.text);
  if (kindOf(payload) === 'visit-notes' || kindOf(payload) === 'visit-reflection') {
    throw new DomainError('BadVisit', `Some answers were missing or too long: write what you noticed, in up to ${MAX_NOTE_LENGTH} characters each; nothing was sent.`);
  }
  const suggestion = suggestionSubmissionSchema.safeParse(payload);
  if (suggestion.success) return submitSuggestion(ctx, suggestion.data.values.text, suggestion.data.values.named);
  const kind = (payload as { kind?: unknown } | null)?.kind;
  if (kind === 'suggestion') throw new DomainError('BadAsk', `Write your suggestion, in up to ${MAX_SUGGESTION_LENGTH} characters; nothing was sent.`);
  if (kind === 'ask' || kind === 'ask-follow-up') {
    throw new DomainError('BadAsk', `Some answers were missing or too long: say what you would like help with, in up to ${MAX_ASK_LENGTH} characters.`);
  }
  if ((payload as { kind?: unknown } | null)?.kind === 'progress') {
    throw new DomainError('BadGoal', 'Progress needs a number: your total so far, like 14, or what to add, like +3.');
  }
  if ((payload as { kind?: unknown } | null)?.kind === 'goal') {
    throw new DomainError('BadGoal', 'Some answers were missing or too long: a goal needs what you will do, how you will know, and a date like 2026-12-18.');
  }
  const parsed = formSubmissionSchema.safeParse(payload);
  if (!parsed.success) throw new DomainError('BadPayload', FORGED);
  const { context, values } = parsed.data;
  const { ctx: where, session } = await namedSession(ctx, context.sessionId);
  // The answer counts for the phase the session is in, as the server has it: a form names its
  // session, and what phase it claims is not taken on its word.
  await recordAnswer(where, session, { text: values.text, source: 'form', sharedWithLeaders: values.share });
}
