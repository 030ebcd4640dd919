import type { Deps, Incoming } from '../context.js';
import { tell, TRY_AGAIN } from './error-policy.js';
import type { InteractionReceiver, Outcome } from './interaction.js';

// De-duplication of events: platforms send an event again when they are unsure it arrived (Slack for
// about five minutes), so each event id is claimed once and settled once.

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
export async function receive(
  deps: Pick<Deps, 'store' | 'now'>,
  ...[incoming, interaction, replay]: Parameters<InteractionReceiver>
): Promise<boolean> {
  try {
    return await deps.store.receipts.claim(incoming.platform, incoming.eventId, deps.now, {
      incoming,
      interaction,
      ...(replay ? { replay } : {}),
    });
  } catch (error) {
    throw new NotStoredError({ cause: error });
  }
}

/**
 * Claims an event's id unless the adapter stored it already: 'first' when this is its first arrival,
 * 'duplicate' for a retry, 'failed' (the person asked to try again) when it could not be recorded.
 */
export async function receiveOnce(
  deps: Deps,
  incoming: Incoming,
  alreadyReceived: boolean,
): Promise<'first' | Extract<Outcome, 'duplicate' | 'failed'>> {
  const { eventId, platform } = incoming;
  if (!eventId || alreadyReceived) return 'first';
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
  return 'first';
}

/** Marks a stored event handled (a refusal is an answer too), so it is never replayed. */
export async function settleHandled(deps: Deps, incoming: Incoming): Promise<void> {
  const { eventId, platform } = incoming;
  if (!eventId) return;
  const settled = await deps.store.receipts.settle(platform, eventId, 'handled', deps.now).catch((error: unknown) => {
    deps.log.warn({ err: error }, 'could not mark an event handled');
    return true;
  });
  // Not there to settle: another process settled it first, or forget-me took it with the person's data.
  if (!settled) deps.log.debug({ platform, eventId }, 'an event was settled already');
}
