import { randomUUID } from 'node:crypto';
import type { Incoming } from '../../src/core/context.js';
import { handle, type Interaction } from '../../src/core/handle.js';
import type { Logger } from '../../src/core/ports/logger.js';
import type { Store } from '../../src/core/ports/store.js';
import { RecordingChat } from './recording-chat.js';

export const silentLog: Logger = { info() {}, warn() {}, error() {}, debug() {} };

/** Captures what the core logs, so a test can assert that a failure was reported. */
export function capturingLog(): Logger & { entries: { level: string; obj: object; msg?: string }[] } {
  const entries: { level: string; obj: object; msg?: string }[] = [];
  const at = (level: string) => (obj: object, msg?: string) =>
    void entries.push({ level, obj, ...(msg ? { msg } : {}) });
  return { entries, info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}

/** A button or form as an adapter hands it on: with the nonce it was drawn with, unless the test gave one. */
function drawn(payload: unknown): unknown {
  if (!payload || typeof payload !== 'object' || 'nonce' in payload) return payload;
  return { ...payload, nonce: randomUUID() };
}

/**
 * Drives the core as an adapter would: people speak in channels, the clock is the test's, and
 * everything the bot says is recorded.
 */
export function createDriver(
  store: Store,
  options: { now?: Date; platform?: Incoming['platform']; log?: Logger } = {},
) {
  const chat = new RecordingChat();
  let now = options.now ?? new Date('2026-03-03T15:00:00Z');
  const log = options.log ?? silentLog;
  const platform = options.platform ?? 'console';

  const incoming = (user: string, channel: string, extra: Partial<Incoming> = {}): Incoming => ({
    platform,
    workspace: { externalId: 'T1', name: 'School' },
    user: { externalId: user, name: user, timeZone: 'America/Chicago' },
    channel: { id: channel, name: channel, isDirect: channel.startsWith('D') },
    ...extra,
  });

  const run = (user: string, channel: string, interaction: Interaction, extra?: Partial<Incoming>) =>
    handle({ store, chat, now, log }, incoming(user, channel, extra), interaction);

  /** The id of the newest session message (the one with buttons), which roots the session thread. */
  const sessionThread = (): string => {
    const root = chat.lastSessionMessage;
    if (!root) throw new Error('no session message has been posted');
    return root.id;
  };

  return {
    chat,
    store,
    get now() {
      return now;
    },
    advance(minutes: number) {
      now = new Date(now.getTime() + minutes * 60_000);
    },
    sessionThread,
    as(user: string, channel = 'C-circle') {
      return {
        say: (text: string, extra?: Partial<Incoming>) => run(user, channel, { kind: 'command', text }, extra),
        reply: (text: string, messageId?: string, extra?: Partial<Incoming>) =>
          run(
            user,
            channel,
            { kind: 'message', threadId: sessionThread(), text, ...(messageId ? { messageId } : {}) },
            extra,
          ),
        edit: (messageId: string, text: string) =>
          run(user, channel, { kind: 'edit', threadId: sessionThread(), messageId, text }),
        remove: (messageId: string) => run(user, channel, { kind: 'delete', threadId: sessionThread(), messageId }),
        replyIn: (threadId: string, text: string) => run(user, channel, { kind: 'message', threadId, text }),
        press: (action: unknown, extra?: Partial<Incoming>) =>
          run(user, channel, { kind: 'action', action: drawn(action) }, extra),
        home: () => run(user, channel, { kind: 'home' }),
        submit: (submission: unknown, extra?: Partial<Incoming>) =>
          run(user, channel, { kind: 'form', submission: drawn(submission) }, extra),
      };
    },
  };
}
