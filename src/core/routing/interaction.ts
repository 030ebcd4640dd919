import type { Incoming } from '../context.js';

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

/** Stores an event before the platform is told it arrived; false when it was already stored (a retry). */
export type InteractionReceiver = (
  incoming: Incoming & { eventId: string },
  interaction: Interaction,
  replay?: Record<string, unknown>,
) => Promise<boolean>;

/** How an interaction ended: for metrics and logs, never for the person, who has had their answer. */
export type Outcome = 'handled' | 'refused' | 'failed' | 'duplicate';
