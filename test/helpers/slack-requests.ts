import { createHmac } from 'node:crypto';

// Requests as Slack sends them: form-encoded commands and interactivity, JSON events, each signed
// with the app's signing secret (v0 HMAC-SHA256 of `v0:<timestamp>:<body>`).

export const SIGNING_SECRET = 'test-signing-secret-8f2e';

export function signedHeaders(
  body: string,
  secret = SIGNING_SECRET,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

export interface SlackPost {
  body: string;
  contentType: string;
}

export function commandBody(fields: {
  text: string;
  user: string;
  channel: string;
  channelName?: string;
  team?: string;
  triggerId?: string;
  responseUrl: string;
}): SlackPost {
  const form = new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: fields.team ?? 'T1',
    team_domain: 'school',
    channel_id: fields.channel,
    channel_name: fields.channelName ?? fields.channel.toLowerCase(),
    user_id: fields.user,
    user_name: fields.user.toLowerCase(),
    command: '/circle',
    text: fields.text,
    api_app_id: 'A1',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? `trigger-${Math.random().toString(36).slice(2)}`,
  });
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

export function eventBody(event: Record<string, unknown>, options: { eventId: string; team?: string }): SlackPost {
  const body = JSON.stringify({
    token: 'legacy-verification-token',
    team_id: options.team ?? 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: options.eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
  return { body, contentType: 'application/json' };
}

/**
 * A person changed their profile or status, as Slack sends it to every app in the workspace: `user`
 * is the whole user object (FakeSlack.userObject gives the one users.info would).
 */
export function userChangeEvent(
  user: Record<string, unknown>,
  options: { eventId: string; team?: string; type?: 'user_change' | 'user_status_changed' },
): SlackPost {
  return eventBody(
    {
      type: options.type ?? 'user_change',
      user,
      cache_ts: Math.floor(Date.now() / 1000),
      event_ts: `${Date.now() / 1000}`,
    },
    options,
  );
}

/** What someone typed to the bot in its Messages tab, as the `message.im` event Slack sends. */
export function directMessageEvent(fields: {
  user: string;
  text: string;
  eventId: string;
  channel?: string;
  ts?: string;
  threadTs?: string;
}): SlackPost {
  return eventBody(
    {
      type: 'message',
      channel: fields.channel ?? `D${fields.user}`,
      channel_type: 'im',
      user: fields.user,
      text: fields.text,
      ts: fields.ts ?? `${Math.floor(Date.now() / 1000)}.${Math.floor(Math.random() * 1e6)}`,
      ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    },
    { eventId: fields.eventId },
  );
}

export function interactionBody(payload: Record<string, unknown>): SlackPost {
  return {
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  };
}

/** A press of one of the bot's buttons, as Slack posts it to the interactivity endpoint. */
export function buttonPress(fields: {
  user: string;
  value: unknown;
  team?: string;
  channel?: string;
  triggerId?: string;
}): SlackPost {
  return interactionBody({
    type: 'block_actions',
    team: { id: fields.team ?? 'T1', domain: 'school' },
    user: { id: fields.user, username: fields.user.toLowerCase() },
    channel: { id: fields.channel ?? 'C1', name: 'grade-3' },
    // Slack gives every press a trigger id of its own.
    trigger_id: fields.triggerId ?? `trigger-${Math.random().toString(36).slice(2)}`,
    actions: [
      {
        action_id: 'mc_1',
        type: 'button',
        value: typeof fields.value === 'string' ? fields.value : JSON.stringify(fields.value),
      },
    ],
  });
}

/** A submission of the bot's modal form, as Slack posts it; `values` are the inputs' state by block id. */
export function formSubmission(fields: {
  user: string;
  privateMetadata: string;
  values: Record<string, unknown>;
  team?: string;
}): SlackPost {
  return interactionBody({
    type: 'view_submission',
    team: { id: fields.team ?? 'T1' },
    user: { id: fields.user, username: fields.user.toLowerCase().replace(/^u/, '') },
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    view: {
      id: `V${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
      callback_id: 'mc_form',
      private_metadata: fields.privateMetadata,
      state: { values: Object.fromEntries(Object.entries(fields.values).map(([block, value]) => [block, { value }])) },
    },
  });
}

/** The goal modal's inputs as Slack sends them on Save, by block id: no first step, no why, no celebration. */
export function goalFormValues(fields: {
  specific: string;
  dueOn: string;
  measure?: string;
  cadence?: string;
}): Record<string, unknown> {
  return {
    specific: { type: 'plain_text_input', value: fields.specific },
    measure: { type: 'plain_text_input', value: fields.measure ?? '10 exit tickets' },
    firstStep: { type: 'plain_text_input', value: null },
    relevance: { type: 'plain_text_input', value: null },
    dueOn: { type: 'datepicker', selected_date: fields.dueOn },
    cadence: { type: 'static_select', selected_option: { value: fields.cadence ?? 'weekly' } },
    celebrate: { type: 'checkboxes', selected_options: [] },
  };
}

export async function postToSlackEndpoint(
  baseUrl: string,
  post: SlackPost,
  options: { headers?: Record<string, string>; secret?: string; timestamp?: number } = {},
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': post.contentType,
      ...signedHeaders(post.body, options.secret, options.timestamp),
      ...options.headers,
    },
    body: post.body,
  });
  return { status: response.status, text: await response.text() };
}
