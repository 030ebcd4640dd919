import type { Context } from '../context.js';
import { DomainError, FORGED } from '../errors.js';
import { nonceOf } from '../payloads.js';

/** A press or form whose nonce was used already: it acts once, and a second one is a retry. */
export class PressedAlready extends Error {
  override readonly name = 'PressedAlready';
}

/**
 * Runs a press or a form once per nonce and person: the first use is stored, a second one (a resent
 * request, a double click) is a retry. A press that changed nothing (refused, or failed) gives its
 * nonce back, so it can be pressed again; the stored event that used it still acts when it is
 * replayed, even if the nonce could not be given back.
 */
export async function once(ctx: Context, payload: unknown, work: () => Promise<void>): Promise<void> {
  const nonce = nonceOf(payload);
  if (!nonce) throw new DomainError('BadPayload', FORGED);
  const { presses } = ctx.deps.store;
  if (!(await presses.claim(ctx.member.id, nonce, ctx.deps.now, ctx.incoming.eventId))) throw new PressedAlready();
  try {
    await work();
  } catch (error) {
    await presses
      .release(ctx.member.id, nonce)
      .catch((releaseError: unknown) =>
        ctx.deps.log.warn({ err: releaseError }, 'could not give back the nonce of a press that changed nothing'),
      );
    throw error;
  }
}
