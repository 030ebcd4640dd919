import type { ChatPort } from '../core/chat-port.js';
import type { Platform } from '../core/model.js';
import { beforeEachSend } from './guarded-chat.js';
import { holdLease } from './lease.js';
import {
  bucketsFor,
  OPENING_LIMITS,
  LOOKUP_LIMITS,
  lookupBucketFor,
  pace,
  PLATFORM_LIMITS,
  tryTake,
  type PaceOptions,
} from './pacer.js';

export interface TimedChatOptions extends PaceOptions {
  platform: Platform;
  workspace: string;
  limits?: typeof PLATFORM_LIMITS;
  lookupLimits?: typeof LOOKUP_LIMITS;
}

/**
 * The ChatPort that timed work sends through: before each send it waits for room in the pacing
 * budgets all replicas share (or puts the item off), then renews the lease of the item it belongs
 * to, so a send whose lease was lost is not made. A status look-up is made only while its own shared
 * budget has a token; without one it answers undefined at once.
 */
export function timedChat(chat: ChatPort, options: TimedChatOptions): ChatPort {
  const timed = beforeEachSend(chat, async (place) => {
    await pace(bucketsFor(options.platform, options.workspace, place, options.limits), options);
    await holdLease();
  });
  const awayStatus = chat.awayStatus?.bind(chat);
  if (awayStatus) {
    const buckets = lookupBucketFor(options.platform, options.workspace, options.lookupLimits);
    timed.awayStatus = async (who) => ((await tryTake(buckets, options.budget)) ? awayStatus(who) : undefined);
  }
  // Files and introductions open a conversation first: that method's own budget, then the message's
  // budgets as for any send.
  const opening = lookupBucketFor(options.platform, options.workspace, OPENING_LIMITS);
  // Bound now: the wrappers below replace these methods on `timed`.
  const sendFiles = timed.sendFiles?.bind(timed);
  const introduce = timed.introduce.bind(timed);
  if (sendFiles) {
    timed.sendFiles = async (to, files, message) => {
      await pace(opening, options);
      return sendFiles(to, files, message);
    };
  }
  timed.introduce = async (workspace, people, message) => {
    await pace(opening, options);
    return introduce(workspace, people, message);
  };
  return timed;
}
