// The scenario and its timing are described in test/helpers/replicas.ts.

import { describe, expect, it } from 'vitest';
import {
  adminUrl,
  cleanUpReplicas,
  nudgesByTeacher,
  POST_MS,
  posts,
  TEACHERS,
  twoReplicas,
} from '../helpers/replicas.js';
import { eventually } from '../helpers/slack-bot.js';

describe.skipIf(!adminUrl)('two replicas delivering through a slow Slack, one killed', () => {
  cleanUpReplicas();

  it('finishes the batch of a replica killed in the middle of a send, sending again only what was in flight', async () => {
    const { fake, replicas, runClock } = await twoReplicas('replicas_killed');
    const [doomed] = replicas;
    if (!doomed) throw new Error('no replica started');
    runClock();
    // Killed while Slack holds some of its posts (it sends to several people at once), after a few others went through.
    await eventually(() => {
      const mine = posts(fake.received, 'xoxb-a');
      expect(mine.filter((c) => c.answered).length).toBeGreaterThanOrEqual(3);
      expect(mine.filter((c) => !c.answered).length).toBeGreaterThanOrEqual(1);
    }, 120_000);
    const killedAt = Date.now();
    doomed.child.kill('SIGKILL');
    expect(posts(fake.received, 'xoxb-a').filter((c) => !c.answered).length).toBeGreaterThanOrEqual(1);
    await doomed.exited;

    await eventually(() => expect(nudgesByTeacher(fake).size).toBe(TEACHERS), 180_000);
    const byTeacher = nudgesByTeacher(fake);
    const twice = [...byTeacher.entries()].filter(([, senders]) => senders.length > 1).map(([teacher]) => teacher);
    // The documented window: a send Slack took whose replica died before recording it goes again.
    // Only those: the doomed replica's post to each one sent twice reached Slack at most one post's
    // time (plus a margin for a loaded machine's recording) before the kill, or after it (a request
    // already on the wire). A send it had recorded long before, sent again, would be a lease bug.
    const lastMoment = killedAt - POST_MS - 2_000;
    for (const teacher of twice) {
      const first = posts(fake.received, 'xoxb-a').filter((c) => String(c.args.channel) === teacher);
      expect(first.length, teacher).toBe(1);
      expect(first[0]?.arrivedAt, teacher).toBeGreaterThanOrEqual(lastMoment);
    }
    expect([...byTeacher.values()].every((senders) => senders.length <= 2)).toBe(true);
    expect([...byTeacher.values()].every((senders) => senders.length === 1 || senders[0] === 'a')).toBe(true);
    const survivor = [...byTeacher.values()].flat().filter((s) => s === 'b').length;
    expect(survivor).toBeGreaterThan(0);
  }, 300_000);
});
