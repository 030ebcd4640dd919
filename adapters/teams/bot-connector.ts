import type { Activity } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { StoredReference } from './references.js';

/** Runs `work` with a Bot Connector client for the service a reference names. */
export type Connect = <T>(reference: StoredReference, work: (connector: ConnectorClient) => Promise<T>) => Promise<T>;

/** Sends the activities of one message in order; the first one's id names the message. */
export async function sendActivities(
  connect: Connect,
  reference: StoredReference,
  conversationId: string,
  activities: Partial<Activity>[],
): Promise<string> {
  const [first, ...rest] = activities;
  const id = await sendActivity(connect, reference, conversationId, first ?? {});
  for (const activity of rest) await sendActivity(connect, reference, conversationId, activity);
  return id;
}

async function sendActivity(
  connect: Connect,
  reference: StoredReference,
  conversationId: string,
  activity: Partial<Activity>,
): Promise<string> {
  const sent = await connect(reference, (connector) =>
    connector.conversations.sendToConversation(conversationId, {
      ...activity,
      conversation: { id: conversationId },
    } as Activity),
  );
  if (!sent.id) throw new Error('the Bot Connector returned no message id');
  return sent.id;
}
