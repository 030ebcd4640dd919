// The scenario and its timing are described in test/helpers/replicas.ts.

import { describe, expect, it } from 'vitest';
import { adminUrl, cleanUpReplicas, nudgesByTeacher, posts, TEACHERS, twoReplicas } from '../helpers/replicas.js';
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
    doomed.child.kill('SIGKILL');
    const inFlight = posts(fake.received, 'xoxb-a')
      .filter((c) => !c.answered)
      .map((c) => String(c.args.channel));
    await doomed.exited;

    await eventually(() => expect(nudgesByTeacher(fake).size).toBe(TEACHERS), 180_000);
    const byTeacher = nudgesByTeacher(fake);
    const twice = [...byTeacher.entries()].filter(([, senders]) => senders.length > 1).map(([teacher]) => teacher);
    // The documented window: a send Slack took whose replica died before recording it goes again.
    // Only those: each one sent twice was in flight when the replica died.
    expect(inFlight.length).toBeGreaterThanOrEqual(1);
    for (const teacher of twice) expect(inFlight).toContain(teacher);
    expect([...byTeacher.values()].every((senders) => senders.length <= 2)).toBe(true);
    const survivor = [...byTeacher.values()].flat().filter((s) => s === 'b').length;
    expect(survivor).toBeGreaterThan(0);
  }, 300_000);
});
