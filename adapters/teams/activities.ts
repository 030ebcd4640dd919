import { z } from 'zod';

// The fields of Bot Framework activities that we read, parsed once at the edge. Anything else in an
// activity is ignored; an activity without what we need is logged and acknowledged, never thrown.

const account = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
  role: z.string().optional(),
});

const mention = z.object({
  type: z.literal('mention'),
  mentioned: z.object({ id: z.string().min(1), name: z.string().optional() }),
  text: z.string().optional(),
});
const clientInfo = z.object({ type: z.literal('clientInfo'), timezone: z.string().optional() });

/** Entities we understand; others (and broken ones) are dropped rather than failing the activity. */
const entities = z
  .array(z.unknown())
  .optional()
  .transform((list) =>
    (list ?? []).flatMap((entity) => {
      const parsed = z.union([mention, clientInfo]).safeParse(entity);
      return parsed.success ? [parsed.data] : [];
    }),
  );

/** What every activity we act on carries: who, where, and the service to answer through. */
export const activityBase = z.object({
  type: z.string().min(1),
  id: z.string().min(1).optional(),
  channelId: z.string().min(1),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  from: account,
  recipient: account,
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
    isGroup: z.boolean().optional(),
    name: z.string().optional(),
  }),
  localTimezone: z.string().optional(),
  locale: z.string().optional(),
  entities,
  channelData: z
    .object({
      tenant: z.object({ id: z.string().min(1) }).optional(),
      team: z.object({ id: z.string().min(1), name: z.string().optional() }).optional(),
      channel: z.object({ id: z.string().min(1), name: z.string().optional() }).optional(),
      eventType: z.string().optional(),
    })
    .optional(),
});
export type ActivityBase = z.infer<typeof activityBase>;

export const messageActivity = activityBase.extend({
  type: z.literal('message'),
  id: z.string().min(1),
  text: z.string().max(20_000).optional(),
  replyToId: z.string().optional(),
  /** A card's Action.Submit: its data merged with the card's inputs. */
  value: z.record(z.string(), z.unknown()).optional(),
});
export type MessageActivity = z.infer<typeof messageActivity>;

export const messageUpdateActivity = activityBase.extend({
  type: z.enum(['messageUpdate', 'messageDelete']),
  id: z.string().min(1),
  text: z.string().max(20_000).optional(),
});

export const conversationUpdateActivity = activityBase.extend({
  type: z.literal('conversationUpdate'),
  membersAdded: z.array(account).optional(),
  membersRemoved: z.array(account).optional(),
});

export const installationUpdateActivity = activityBase.extend({
  type: z.literal('installationUpdate'),
  action: z.string().optional(),
});

/** Card data: which of the core's actions or forms a submission carries. */
export const submitData = z.union([
  z.object({ mcAction: z.unknown() }).loose(),
  z
    .object({
      mcForm: z.object({
        kind: z.string(),
        context: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
        channel: z.string().min(1).max(300).optional(),
        nonce: z.string().min(1).max(100).optional(),
      }),
    })
    .loose(),
]);

const ROOT = ';messageid=';

/** A channel conversation id names the channel and, after `;messageid=`, the thread's root message. */
export function splitConversationId(id: string): { channel: string; root?: string } {
  const at = id.indexOf(ROOT);
  if (at < 0) return { channel: id };
  const root = id.slice(at + ROOT.length);
  return root ? { channel: id.slice(0, at), root } : { channel: id.slice(0, at) };
}

export function threadConversationId(channel: string, root: string): string {
  return `${channel}${ROOT}${root}`;
}

/**
 * The tenant is the workspace. Teams always names it; a development client such as the Bot Framework
 * Emulator has none, and its channel stands in, so a local test has a workspace of its own.
 */
export function tenantOf(activity: ActivityBase): string | undefined {
  const tenant = activity.conversation.tenantId ?? activity.channelData?.tenant?.id;
  if (tenant) return tenant;
  return activity.channelId === 'msteams' ? undefined : activity.channelId;
}

/** The person's zone as their Teams client reports it, if it is one the runtime knows. */
export function timeZoneOf(activity: ActivityBase): string | undefined {
  const reported = activity.localTimezone ?? activity.entities.find((e) => e.type === 'clientInfo')?.timezone;
  if (!reported) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: reported });
    return reported;
  } catch {
    return undefined;
  }
}

const ENTITIES: Record<string, string> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
};

/**
 * The words of a message as the core's parser reads them: the bot's @mention removed, other people's
 * mentions written as `<@id>` (the form the parser knows), leftover markup and entities dropped.
 */
export function wordsOf(activity: MessageActivity): { text: string; mentionsBot: boolean } {
  let text = activity.text ?? '';
  let mentionsBot = false;
  for (const entity of activity.entities) {
    if (entity.type !== 'mention' || !entity.text) continue;
    if (entity.mentioned.id === activity.recipient.id) {
      if (text.includes(entity.text)) mentionsBot = true;
      text = text.split(entity.text).join(' ');
    } else {
      text = text.split(entity.text).join(`<@${entity.mentioned.id}>`);
    }
  }
  text = text
    .replace(/<(?!@)[^>]*>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39|apos);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/[ \t\u00a0]+/g, ' ')
    .trim();
  return { text, mentionsBot };
}
