import type { Context } from '../context.js';
import { DomainError, FORGED } from '../errors.js';
import type { Action } from '../messages.js';
import { actionSchema, DRAWS_A_FORM, nonceOf } from '../payloads.js';
import { undoEnding } from '../use-cases/goals/undo-ending.js';
import { editDraft, newGoal, saveGoal } from '../use-cases/goals/set-goal.js';
import { answerNudge, openProgressForm, snoozeFromNudge } from '../use-cases/nudges/answer-nudge.js';
import { undoRetirement } from '../use-cases/prompts/undo-retirement.js';
import { forgetMember } from '../use-cases/forget-me.js';
import { confirmLeaving } from '../use-cases/remove-myself.js';
import { answerOffer, openFollowUp, takeAsLeader } from '../use-cases/mentoring/asks.js';
import { answerMet } from '../use-cases/pairing/pairs.js';
import { nameSuggestion } from '../use-cases/mentoring/suggest.js';
import { answerVisit, cancelVisit, openNotes, openReflection } from '../use-cases/visits/visits.js';
import { chooseTone } from '../use-cases/protocols/protocol-replies.js';
import { openCheckinForm } from '../use-cases/check-in.js';
import { closeSession, moveSessionOn } from '../use-cases/move-session.js';
import { drawnIn, namedSession } from './forgery.js';
import { once } from './press-once.js';

/** A button pressed: parsed again, since anyone could forge it, and acted on once per nonce. */
export async function pressButton(ctx: Context, payload: unknown): Promise<void> {
  const parsed = actionSchema.safeParse(payload);
  if (!parsed.success || !nonceOf(payload)) throw new DomainError('BadPayload', FORGED);
  const action = parsed.data;
  // A button that only draws a form changes nothing: pressing it again draws the form again.
  if (DRAWS_A_FORM.has(action.kind)) return act(ctx, action);
  return once(ctx, payload, () => act(ctx, action));
}

async function act(ctx: Context, action: Action): Promise<void> {
  switch (action.kind) {
    case 'goal.save':
      return saveGoal(await drawnIn(ctx, action.communityId), action.draft, action.reworks);
    case 'goal.edit':
      return editDraft(await drawnIn(ctx, action.communityId), action.draft, action.reworks);
    case 'nudge.answer':
      return answerNudge(ctx, action.answer, action.goalIds);
    case 'nudge.snooze':
      return snoozeFromNudge(ctx, action.goalIds);
    case 'nudge.progress':
      return openProgressForm(ctx, action.goalIds, action.step === true);
    case 'forget.confirm':
      return forgetMember(ctx);
    case 'goal.undo':
      return undoEnding(ctx, action.goalId);
    case 'prompt.undo':
      return undoRetirement(ctx, action.retirementId);
    case 'admin.leave':
    case 'facilitator.leave':
      return confirmLeaving(ctx, action);
    case 'goal.form':
      return newGoal(ctx);
    case 'ask.help':
    case 'ask.pass':
      return answerOffer(ctx, action.askId, action.kind === 'ask.help' ? 'help' : 'pass');
    case 'ask.take':
      return takeAsLeader(ctx, action.askId);
    case 'ask.followup':
      return openFollowUp(ctx, action.askId);
    case 'pairs.met':
      return answerMet(ctx, action.roundId, action.met);
    case 'suggest.name':
      return nameSuggestion(ctx, action.suggestionId);
    case 'visit.accept':
    case 'visit.decline':
      return answerVisit(ctx, action.visitId, action.kind === 'visit.accept' ? 'accepted' : 'declined');
    case 'visit.cancel':
      return cancelVisit(ctx, action.visitId);
    case 'visit.notes':
      return openNotes(ctx, action.visitId);
    case 'visit.reflect':
      return openReflection(ctx, action.visitId);
    case 'protocol.tone':
      return chooseTone(ctx, action.entryId, action.tone);
    case 'protocol.next': {
      // The step comes from the server's run; the button's step only says which step it was drawn for.
      const { ctx: where } = await namedSession(ctx, action.sessionId);
      return moveSessionOn(where, undefined, action.step);
    }
    case 'session.next':
    case 'session.close':
    case 'checkin.form':
      return pressInSession(ctx, action);
    default: {
      // Every button the payloads accept has its case above; the compiler checks it.
      const unrouted: never = action;
      throw new Error(`No route for the button ${JSON.stringify(unrouted)}`);
    }
  }
}

type SessionPress = Extract<Action, { kind: 'session.next' | 'session.close' | 'checkin.form' }>;

/** A session's button acts only in the phase it was drawn for. */
async function pressInSession(ctx: Context, action: SessionPress): Promise<void> {
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
