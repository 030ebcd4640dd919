import { DomainError } from '../errors.js';
import type { NewOutboxItem } from '../outbox.js';
import type { Session } from '../model.js';
import type { SystemDeps } from '../system-deps.js';
import { closeLeftOpen } from '../session-flow.js';
import { advanceProtocol } from './protocols/run-protocol.js';

/** A session left open closes itself, with its summary, this long after it started. */
export const LEFT_OPEN_MS = 24 * 60 * 60 * 1000;
export const CLOSE_LEFT_OPEN = 'session.close-left-open';

/** The outbox work for sessions open past their day: one item per session, whoever plans it. */
export function planClosingLeftOpen(sessions: readonly Session[]): NewOutboxItem[] {
  return sessions.map((session) => ({
    workspaceId: null,
    kind: CLOSE_LEFT_OPEN,
    key: `${CLOSE_LEFT_OPEN}:${session.id}`,
    dueAt: new Date(session.openedAt.getTime() + LEFT_OPEN_MS),
    payload: { sessionId: session.id },
  }));
}

/** Runs the planned close; a session already closed by hand is left as it is. */
export async function closeSessionLeftOpen(deps: SystemDeps, sessionId: number): Promise<void> {
  const place = await deps.store.sessions.withPlace(sessionId);
  if (!place || place.session.phase === 'closed') return;
  const chat = await deps.chatFor(place.workspace.platform, place.workspace.externalId);
  const scope = {
    deps: { ...deps, chat },
    here: { workspace: place.workspace.externalId, channel: place.community.channelId },
  };
  try {
    const run = await deps.store.protocols.find(sessionId);
    if (run) await advanceProtocol(scope, place.community, place.session, run, true);
    else await closeLeftOpen(scope, place.community, place.session);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'SessionMovedOn') return;
    throw error;
  }
}
