import { z } from 'zod';

// Every field of Slack's payloads that we read, parsed once at the edge. Anything else in a payload
// is ignored; a payload without what we need is logged and acknowledged, never thrown.

export const slashCommand = z.object({
  team_id: z.string().min(1),
  team_domain: z.string().optional(),
  channel_id: z.string().min(1),
  channel_name: z.string().optional(),
  user_id: z.string().min(1),
  user_name: z.string().optional(),
  text: z.string().default(''),
  trigger_id: z.string().min(1),
  response_url: z.string().url(),
});
export type SlashCommand = z.infer<typeof slashCommand>;

export const envelope = z.object({ team_id: z.string().min(1), event_id: z.string().min(1) });

const channelType = z.string().optional();
/** Messages that bots (this one included) post are never answers. */
const noBot = z.never().optional();

/** A reply in a thread: has a thread_ts that differs from its own ts, and no bot behind it. */
export const threadReply = z.object({
  type: z.literal('message'),
  subtype: z.literal('thread_broadcast').optional(),
  channel: z.string().min(1),
  channel_type: channelType,
  user: z.string().min(1),
  text: z.string().default(''),
  ts: z.string().min(1),
  thread_ts: z.string().min(1),
  bot_id: noBot,
});

/**
 * A message someone typed to the bot in its Messages tab: a command. Not an edit, a deletion, a file
 * or any other subtype, and never a bot's (the bot's own answers arrive here too).
 */
export const directMessage = z.object({
  type: z.literal('message'),
  subtype: z.never().optional(),
  channel: z.string().min(1),
  channel_type: z.literal('im'),
  user: z.string().min(1),
  text: z.string().default(''),
  ts: z.string().min(1),
  /** Set when the message was written in a thread of the DM: the answer goes in the same thread. */
  thread_ts: z.string().min(1).optional(),
  bot_id: noBot,
});

export const messageChanged = z.object({
  type: z.literal('message'),
  subtype: z.literal('message_changed'),
  channel: z.string().min(1),
  channel_type: channelType,
  message: z.object({
    user: z.string().min(1),
    text: z.string().default(''),
    ts: z.string().min(1),
    thread_ts: z.string().min(1),
    bot_id: noBot,
  }),
});

export const messageDeleted = z.object({
  type: z.literal('message'),
  subtype: z.literal('message_deleted'),
  channel: z.string().min(1),
  channel_type: channelType,
  deleted_ts: z.string().min(1),
  previous_message: z.object({ user: z.string().min(1), thread_ts: z.string().min(1), bot_id: noBot }),
});

export const tokensRevoked = z.object({
  type: z.literal('tokens_revoked'),
  tokens: z.object({ bot: z.array(z.string()).optional() }),
});

/** Someone joined or left a channel the bot is in: Slack's word on who is in it. */
export const channelMembership = z.object({
  type: z.enum(['member_joined_channel', 'member_left_channel']),
  user: z.string().min(1),
  channel: z.string().min(1),
});

export const homeOpened = z.object({
  type: z.literal('app_home_opened'),
  user: z.string().min(1),
  tab: z.string().optional(),
});

export const blockAction = z.object({
  type: z.literal('block_actions'),
  team: z.object({ id: z.string().min(1), domain: z.string().optional() }),
  user: z.object({ id: z.string().min(1), name: z.string().optional(), username: z.string().optional() }),
  /** Absent for buttons on the Home tab. */
  channel: z.object({ id: z.string().min(1), name: z.string().optional() }).optional(),
  trigger_id: z.string().min(1),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
});

const inputValue = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_date: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
});

/** A modal input as the core's form values: text, a date, a chosen option, or whether a box is ticked. */
export function inputAnswer(input: z.infer<typeof inputValue> | undefined): string | boolean {
  if (!input) return '';
  if (input.selected_options) return input.selected_options.length > 0;
  return input.selected_date ?? input.selected_option?.value ?? input.value ?? '';
}

export const viewSubmission = z.object({
  type: z.literal('view_submission'),
  team: z.object({ id: z.string().min(1) }),
  user: z.object({ id: z.string().min(1), name: z.string().optional(), username: z.string().optional() }),
  /** Names this one submission; Slack always sends it, and it keys the stored interaction. */
  trigger_id: z.string().min(1).optional(),
  view: z.object({
    id: z.string().optional(),
    callback_id: z.string(),
    private_metadata: z.string(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), inputValue)) }),
  }),
});

export const formMetadata = z.object({
  kind: z.string(),
  context: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  channel: z.string().min(1),
  nonce: z.string().min(1).max(100).optional(),
});

/** JSON.parse that answers undefined instead of throwing on a forged or truncated value. */
export function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The last second of the year 9999: past it, a date cannot be stored. */
const MAX_UNIX_SECONDS = 253_402_300_799;

/** The part of a Slack user object (users.info, user_change) that says who they are and what their status is. */
export const slackUser = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  real_name: z.string().nullish(),
  tz: z.string().nullish(),
  /** Unix seconds when the user object last changed, on Slack's clock. */
  updated: z.number().nonnegative().max(MAX_UNIX_SECONDS).nullish(),
  profile: z
    .object({
      display_name: z.string().nullish(),
      real_name: z.string().nullish(),
      status_emoji: z.string().nullish(),
      /** Unix seconds; 0 (or none) means the status stays until cleared. */
      status_expiration: z.number().nonnegative().max(MAX_UNIX_SECONDS).nullish(),
    })
    .default({}),
});
export type SlackUser = z.infer<typeof slackUser>;

/** A person changed their profile or status (user_change, user_status_changed: the same user object). */
export const userChanged = z.object({
  type: z.enum(['user_change', 'user_status_changed']),
  user: slackUser,
});
