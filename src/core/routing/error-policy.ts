import { privateReply, type Deps, type Incoming } from '../context.js';
import { DomainError } from '../errors.js';
import { looksForged } from './forgery.js';
import type { Interaction, Outcome } from './interaction.js';
import { PressedAlready } from './press-once.js';

// What an error thrown while handling an interaction comes to. A refusal (DomainError) is answered
// privately with its own words; anything unexpected is logged, and the person told what happens next.

export const TRY_AGAIN = 'Sorry, something went wrong on my side. Please try again in a moment.';
const KEPT =
  'Sorry, something went wrong on my side. I have kept what you sent and will finish it in a few minutes; there is no need to send it again.';

/** Refusals that speak of the person's own goals: never given where others could read them. */
const ABOUT_THEIR_OWN = new Set<DomainError['code']>([
  'NoSuchGoal',
  'TooManyGoals',
  'BadGoal',
  'NoSuchAsk',
  'BadAsk',
  'AskMovedOn',
  'NoSuchVisit',
  'BadVisit',
  'VisitMovedOn',
]);

/**
 * Answers an error and says how the interaction ended. 'failed' means the event's receipt was dealt
 * with here; for any other outcome the caller settles it as handled.
 */
export async function answerError(
  deps: Deps,
  incoming: Incoming,
  interaction: Interaction,
  error: unknown,
): Promise<Exclude<Outcome, 'handled'>> {
  const { platform } = incoming;
  if (error instanceof PressedAlready) {
    // The same press or form sent again: answered as a retried event is, with nothing.
    deps.log.debug({ kind: interaction.kind, platform }, 'a button or form used already was ignored');
    return 'duplicate';
  }
  if (!(error instanceof DomainError)) {
    deps.log.error({ err: error, kind: interaction.kind, platform }, 'interaction failed');
    await failed(deps, incoming, interaction);
    return 'failed';
  }
  // Never logged with what it said.
  if (looksForged(error, interaction.kind)) {
    deps.log.warn(
      { code: error.code, kind: interaction.kind, platform },
      "a button or form naming what is not the sender's was refused",
    );
  } else {
    deps.log.debug({ code: error.code, kind: interaction.kind }, 'refused');
  }
  await tell(deps, incoming, error.userMessage, !ABOUT_THEIR_OWN.has(error.code));
  return 'refused';
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

/** `revealsNothingPrivate`: the words say nothing about the person, so they may be shown where they asked. */
export async function tell(deps: Deps, incoming: Incoming, text: string, revealsNothingPrivate = true): Promise<void> {
  await privateReply(
    deps,
    incoming,
  )({ text, ...(revealsNothingPrivate ? { revealsNothingPrivate } : {}) }).catch((sendError: unknown) =>
    deps.log.warn({ err: sendError }, 'could not send a private answer'),
  );
}
