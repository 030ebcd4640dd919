import { rendererFaults } from '../contract/adaptive-cards.js';

// What the fake Bot Connector refuses with 400, as Teams refuses it: an activity without its type, a
// message with neither text nor attachments, an Adaptive Card Microsoft's renderer faults (the check
// the contract tests make, adaptive-cards.ts), a conversation request without bot, member or tenant.

export function parseJsonBody(raw: string): unknown {
  try {
    return JSON.parse(raw || 'null') as unknown;
  } catch {
    return null;
  }
}

/** What Teams would refuse an activity for, or undefined when it would take it. */
export function activityProblem(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return 'the body is not an activity';
  const activity = body as { type?: unknown; text?: unknown; attachments?: unknown };
  if (typeof activity.type !== 'string' || !activity.type) return 'an activity needs its type';
  if (activity.type !== 'message') return undefined;
  const attachments = Array.isArray(activity.attachments)
    ? (activity.attachments as { contentType?: unknown; content?: unknown }[])
    : [];
  const hasText = typeof activity.text === 'string' && activity.text.trim() !== '';
  if (!hasText && attachments.length === 0) return 'a message needs text or attachments';
  for (const attachment of attachments) {
    if (typeof attachment.contentType !== 'string') return 'an attachment needs its contentType';
    if (attachment.contentType === 'application/vnd.microsoft.card.adaptive') {
      const card = attachment.content as { type?: unknown; version?: unknown } | undefined;
      if (card?.type !== 'AdaptiveCard' || typeof card.version !== 'string')
        return 'an Adaptive Card needs its type and version';
      const faults = rendererFaults(card);
      if (faults.length > 0) return `the Adaptive Card does not render: ${faults.join('; ')}`;
    }
  }
  return undefined;
}

/** A createConversation request as Teams reads it: the one member and the tenant it is opened in. */
export type ConversationRequest =
  { ok: true; bot: string; member: string; tenantId: string } | { ok: false; problem: string };

/** Teams opens a personal chat for a bot, one member and a tenant; a bot cannot create a group chat. */
export function conversationRequest(raw: string): ConversationRequest {
  const body = parseJsonBody(raw) as {
    bot?: { id?: unknown };
    members?: { id?: unknown }[];
    tenantId?: unknown;
    isGroup?: unknown;
    channelData?: { tenant?: { id?: unknown } };
  } | null;
  const member = Array.isArray(body?.members) && body.members.length === 1 ? body.members[0]?.id : undefined;
  const tenantId = body?.tenantId ?? body?.channelData?.tenant?.id;
  const problem = !body
    ? 'the body is not JSON'
    : typeof body.bot?.id !== 'string'
      ? 'bot is required'
      : typeof member !== 'string' || !member
        ? 'members must hold exactly one member with an id'
        : typeof tenantId !== 'string' || !tenantId
          ? 'tenantId is required'
          : body.isGroup === true
            ? 'a bot cannot create a group chat'
            : undefined;
  if (problem || typeof member !== 'string' || typeof tenantId !== 'string' || typeof body?.bot?.id !== 'string')
    return { ok: false, problem: problem ?? 'unreadable' };
  return { ok: true, bot: body.bot.id, member, tenantId };
}
