import { describe, expect, it } from 'vitest';
import { BEN } from '../helpers/teams-activities.js';
import { textOf, useTeamsCircle } from '../helpers/teams-circle.js';

// Requests at the edge of the Teams endpoint: malformed activities, unknown words, huge bodies and other routes.

describe('the Teams endpoint at the edge', () => {
  const { bot, say, send, rows, toPersonal } = useTeamsCircle();

  it('answers malformed activities without crashing, stores nothing, and keeps serving', async () => {
    const garbage: unknown[] = [
      '{not json',
      '[]',
      '"a string"',
      {},
      { type: 'message' },
      {
        type: 'message',
        text: 'help',
        serviceUrl: bot().fake.serviceUrl,
        channelId: 'msteams',
        conversation: { id: 'a:x' },
      },
      { ...say().personal(BEN, 'help'), from: undefined },
      {
        ...say().personal(BEN, 'help'),
        conversation: { conversationType: 'personal', id: 'a:no-tenant' },
        channelData: {},
      },
      { ...say().personal(BEN, 'help'), serviceUrl: 'not a url' },
      { ...say().personal(BEN, 'help'), type: 'typing' },
      { ...say().personal(BEN, 'help'), type: 'somethingNew' },
      { ...say().personal(BEN, 'help'), type: 'invoke', name: 'adaptiveCard/action' },
      { ...say().personal(BEN, 'help'), text: 42 },
    ];
    for (const activity of garbage) {
      const response = await bot().send(activity);
      expect(response.status, JSON.stringify(activity)).toBeLessThan(500);
    }
    expect(await rows('select count(*)::int as n from workspaces')).toEqual([{ n: 0 }]);
    expect(bot().fake.messages()).toEqual([]);
    // Entities it cannot read are dropped, not the message.
    await send({ ...say().personal(BEN, 'help'), entities: [{ type: 'mention' }, 'odd', null] });
    expect(textOf(toPersonal('ben').at(-1))).toMatch(/Mentor Circle runs your community sessions/);
  });

  it('answers an unknown command with what was expected', async () => {
    await send(say().personal(BEN, 'fly'));
    expect(textOf(toPersonal('ben').at(-1))).toBe("I don't know 'fly'. Try `help`.");
  });

  it('refuses a body far larger than any activity', async () => {
    const huge = JSON.stringify({ ...say().personal(BEN, 'help'), text: 'x'.repeat(2_000_000) });
    const response = await fetch(`${bot().baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: huge,
    });
    expect(response.status).toBe(413);
    expect(await rows('select count(*)::int as n from workspaces')).toEqual([{ n: 0 }]);
    await send(say().personal(BEN, 'help'));
  });

  it('refuses everything but POST and answers 404 beside /api/messages, and /healthz still works', async () => {
    expect((await fetch(`${bot().baseUrl}/api/messages`)).status).toBe(405);
    expect((await fetch(`${bot().baseUrl}/api/other`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${bot().baseUrl}/healthz`)).status).toBe(200);
  });
});
