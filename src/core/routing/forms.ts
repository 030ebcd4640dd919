import type { Context } from '../context.js';
import { DomainError, FORGED } from '../errors.js';
import { MAX_ASK_LENGTH } from '../mentoring/ask.js';
import { MAX_SUGGESTION_LENGTH } from '../mentoring/suggestion.js';
import { formKindOf, formSubmissionSchema, type FormKind, type FormSubmission } from '../payloads.js';
import { logProgress } from '../use-cases/goals/log-progress.js';
import { submitGoal } from '../use-cases/goals/set-goal.js';
import { submitAsk, submitFollowUp } from '../use-cases/mentoring/asks.js';
import { submitSuggestion } from '../use-cases/mentoring/suggest.js';
import { recordAnswer } from '../use-cases/record-answer.js';
import { submitNotes, submitReflection } from '../use-cases/visits/visits.js';
import { MAX_NOTE_LENGTH } from '../visits/visit.js';
import { drawnIn, namedSession } from './forgery.js';
import { once } from './press-once.js';

/** A form submitted: taken once per nonce, read by its kind, and handed to the use case that drew it. */
export async function submitForm(ctx: Context, payload: unknown): Promise<void> {
  return once(ctx, payload, () => takeForm(ctx, payload));
}

async function takeForm(ctx: Context, payload: unknown): Promise<void> {
  const parsed = formSubmissionSchema.safeParse(payload);
  if (!parsed.success) throw refusalFor(formKindOf(payload));
  return routeForm(ctx, parsed.data);
}

async function routeForm(ctx: Context, form: FormSubmission): Promise<void> {
  switch (form.kind) {
    case 'checkin': {
      const { ctx: where, session } = await namedSession(ctx, form.context.sessionId);
      // The answer counts for the phase the session is in, as the server has it: a form names its
      // session, and what phase it claims is not taken on its word.
      return recordAnswer(where, session, {
        text: form.values.text,
        source: 'form',
        sharedWithLeaders: form.values.share,
      });
    }
    case 'goal':
      return submitGoal(await drawnIn(ctx, form.context.communityId), form.values, form.context.reworks);
    case 'progress': {
      const { goal: number, value, note } = form.values;
      return logProgress(ctx, { number, ...value, ...(note ? { note } : {}) });
    }
    case 'ask':
      return submitAsk(ctx, { ...form.values, communityId: form.context.communityId });
    case 'ask-follow-up':
      return submitFollowUp(ctx, form.context.askId, form.values.text);
    case 'suggestion':
      return submitSuggestion(ctx, form.values.text, form.values.named);
    case 'visit-notes':
      return submitNotes(ctx, form.context.visitId, form.values);
    case 'visit-reflection':
      return submitReflection(ctx, form.context.visitId, form.values.text);
    default: {
      // Every form the payloads accept has its case above; the compiler checks it.
      const unrouted: never = form;
      throw new Error(`No route for the form ${JSON.stringify(unrouted)}`);
    }
  }
}

/**
 * Why a form that did not read was refused: for a form the bot draws, what to fix (the person typed
 * it); for anything else, that it does not belong here.
 */
function refusalFor(kind: FormKind | undefined): DomainError {
  switch (kind) {
    case undefined:
    case 'checkin':
      return new DomainError('BadPayload', FORGED);
    case 'goal':
      return new DomainError(
        'BadGoal',
        'Some answers were missing or too long: a goal needs what you will do, how you will know, and a date like 2026-12-18.',
      );
    case 'progress':
      return new DomainError(
        'BadGoal',
        'Progress needs a number: your total so far, like 14, or what to add, like +3.',
      );
    case 'ask':
    case 'ask-follow-up':
      return new DomainError(
        'BadAsk',
        `Some answers were missing or too long: say what you would like help with, in up to ${MAX_ASK_LENGTH} characters.`,
      );
    case 'suggestion':
      return new DomainError(
        'BadAsk',
        `Write your suggestion, in up to ${MAX_SUGGESTION_LENGTH} characters; nothing was sent.`,
      );
    case 'visit-notes':
    case 'visit-reflection':
      return new DomainError(
        'BadVisit',
        `Some answers were missing or too long: write what you noticed, in up to ${MAX_NOTE_LENGTH} characters each; nothing was sent.`,
      );
    default: {
      const unrefused: never = kind;
      throw new Error(`No refusal for the form kind ${String(unrefused)}`);
    }
  }
}
