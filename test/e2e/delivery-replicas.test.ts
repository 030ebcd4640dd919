// The scenario and its timing are described in test/helpers/replicas.ts.

import { describe, expect, it } from 'vitest';
import { adminUrl, cleanUpReplicas, nudgesByTeacher, TEACHERS, twoReplicas } from '../helpers/replicas.js';
import { eventually } from '../helpers/slack-bot.js';

describe.skipIf(!adminUrl)('two replicas delivering through a slow Slack', () => {
  cleanUpReplicas();

  it('sends each of forty nudges due at one slot exactly once, both replicas sending some', async () => {
    const { fake, runClock } = await twoReplicas('replicas_once');
    runClock();
    await eventually(() => expect(nudgesByTeacher(fake).size).toBe(TEACHERS), 150_000);
    const byTeacher = nudgesByTeacher(fake);
    expect([...byTeacher.entries()].filter(([, senders]) => senders.length !== 1)).toEqual([]);
    const senders = [...byTeacher.values()].flat();
    expect(senders.filter((s) => s === 'a').length).toBeGreaterThan(0);
    expect(senders.filter((s) => s === 'b').length).toBeGreaterThan(0);
    // Nothing was begun twice either: Slack received one post per teacher.
    expect(fake.received.filter((c) => c.method === 'chat.postMessage')).toHaveLength(TEACHERS);
  }, 240_000);
});
