import { isAwayAt, isTrusted } from '../../away.js';
import type { ChatPort, UserAddress } from '../../chat-port.js';
import type { Deps } from '../../context.js';

/**
 * Whether the member's status says they are away at `deps.now`, from the status kept in the database.
 * Only a status never heard, or not heard for a day, is asked of the platform, and only while the
 * shared budget for such look-ups allows; otherwise the nudge goes by what is kept (not away when
 * nothing is), rather than waiting: a nudge on time matters more than a perfectly fresh status.
 */
export async function isAwayNow(
  deps: Pick<Deps, 'store' | 'now' | 'log'>,
  chat: ChatPort,
  memberId: number,
  who: UserAddress,
): Promise<boolean> {
  const stored = await deps.store.members.awayStatus(memberId);
  if (stored && isTrusted(stored, deps.now)) return isAwayAt(stored.status, deps.now);
  if (chat.awayStatus) {
    try {
      const heard = await chat.awayStatus(who);
      if (heard) {
        await deps.store.members.recordAway(memberId, heard, deps.now);
        return isAwayAt(heard, deps.now);
      }
    } catch (error) {
      // A look-up that failed does not hold up the nudge; the next one asks again.
      deps.log.warn({ err: error, memberId }, 'could not ask the platform for a status; going by the one kept');
    }
  }
  return stored ? isAwayAt(stored.status, deps.now) : false;
}
