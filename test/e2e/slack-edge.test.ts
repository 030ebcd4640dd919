import { describe, expect, it } from 'vitest';
import { commandBody, eventBody, interactionBody, postToSlackEndpoint } from '../helpers/slack-requests.js';
import { eventually } from '../helpers/slack-bot.js';
import { useSlackCircle } from '../helpers/slack-circle.js';

// Requests at the edge of the Slack endpoint: unsigned, stale or malformed ones, and the health check beside it.

describe('the Slack endpoint at the edge', () => {
  const { bot, rows, circle } = useSlackCircle();

  it('refuses a bad signature and a stale timestamp with 401, storing nothing', async () => {
    const post = commandBody({ text: 'setup', user: 'UANA', channel: 'C1', responseUrl: bot().fake.responseUrl('x') });
    expect((await postToSlackEndpoint(bot().baseUrl, post, { secret: 'wrong-secret' })).status).toBe(401);
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    expect((await postToSlackEndpoint(bot().baseUrl, post, { timestamp: tenMinutesAgo })).status).toBe(401);
    const unsigned = await fetch(`${bot().baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': post.contentType },
      body: post.body,
    });
    expect(unsigned.status).toBe(401);
    // A request is stored before it is answered, so what was not stored by its 401 never will be.
    expect(await rows('select event_id from event_receipts')).toEqual([]);
    expect(await rows('select count(*)::int as n from workspaces')).toEqual([{ n: 0 }]);
    expect(bot().fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('answers malformed payloads without crashing, and keeps serving', async () => {
    const garbage = [
      { body: '{not json', contentType: 'application/json' },
      { body: JSON.stringify({ type: 'event_callback', event: { type: 'message' } }), contentType: 'application/json' },
      eventBody(
        { type: 'message', channel: 'C1', user: 'UBEN', text: 42, ts: 1, thread_ts: null },
        { eventId: 'EvOdd' },
      ),
      interactionBody({ type: 'block_actions', actions: [] }),
      interactionBody({ type: 'view_submission', view: { callback_id: 'mc_form', private_metadata: '{' } }),
      { body: 'payload=%7B', contentType: 'application/x-www-form-urlencoded' },
      { body: 'command=%2Fcircle&text=help', contentType: 'application/x-www-form-urlencoded' },
    ];
    for (const post of garbage) {
      const response = await postToSlackEndpoint(bot().baseUrl, post);
      expect(response.status, post.body).toBeLessThan(500);
    }
    await circle('UANA', 'help');
    await eventually(() =>
      expect(bot().fake.responses.at(-1)?.body.text).toMatch(/Mentor Circle runs your community sessions/),
    );
  });

  it('still answers /healthz beside the Slack routes', async () => {
    expect((await fetch(`${bot().baseUrl}/healthz`)).status).toBe(200);
  });
});
