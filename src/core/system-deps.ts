import type { ChatPort } from './chat-port.js';
import type { Deps } from './context.js';
import type { Platform } from './model.js';

/**
 * What work no person started (the scheduler's timed handlers) runs with: an interaction's `Deps`
 * without its one chat, since each workspace it touches may be on another platform.
 */
export interface SystemDeps extends Omit<Deps, 'chat'> {
  /** The ChatPort of the platform a workspace is on. */
  chatFor: (platform: Platform, workspace: string) => Promise<ChatPort>;
}
