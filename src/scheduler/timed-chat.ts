import type { ChatPort } from '../core/chat-port.js';
import type { Platform } from '../core/model.js';
import { beforeEachSend } from './guarded-chat.js';
import { holdLease } from './lease.js';
import { bucketsFor, pace, PLATFORM_LIMITS, type PaceOptions } from './pacer.js';

export interface TimedChatOptions extends PaceOptions {
  platform: Platform;
  workspace: string;
  limits?: typeof PLATFORM_LIMITS;
}

/**
 * The ChatPort that timed work sends through: before each send it waits for room in the pacing
 * budgets all replicas share (or puts the item off), then renews the lease of the item it belongs
 * to, so a send whose lease was lost is not made.
 */
export function timedChat(chat: ChatPort, options: TimedChatOptions): ChatPort {
  return beforeEachSend(chat, async (place) => {
    await pace(bucketsFor(options.platform, options.workspace, place, options.limits), options);
    await holdLease();
  });
}
