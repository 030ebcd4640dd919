import type { Incoming } from '../../src/core/context.js';

// Every line typed in the console becomes the core's `Incoming` here: one workspace, people named by
// what `/as` says, channels by what `/in` says, and a direct message per person marked with `@`.

const WORKSPACE = 'console';

/** Console ids are lower-case names, so `/as Ben` and `@ben` are the same person. */
export const idOf = (name: string) => name.toLowerCase();

/** A direct message with the bot is a channel of its own per person, as in Slack; `@` marks it. */
export const dmWith = (name: string) => `@${idOf(name)}`;
const isDm = (channel: string) => channel.startsWith('@');

/** `speaker` said something in `channel`; the console's people live in the machine's zone. */
export function consoleIncoming(speaker: string, channel: string, timeZone: string): Incoming {
  return {
    platform: 'console',
    workspace: { externalId: WORKSPACE, name: 'Console' },
    user: { externalId: idOf(speaker), name: speaker, timeZone },
    channel: isDm(channel) ? { id: channel, isDirect: true } : { id: channel, name: channel, isDirect: false },
  };
}
