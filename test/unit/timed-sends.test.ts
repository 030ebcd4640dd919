import { afterEach, describe, expect, it, vi } from 'vitest';
import { SEND_TIMEOUT_MS as SLACK_SEND_TIMEOUT_MS, outboxClientOptions } from '../../adapters/slack/delivery.js';
import { SEND_TIMEOUT_MS as TEAMS_SEND_TIMEOUT_MS, delivering, withTimeout } from '../../adapters/teams/delivery.js';
import type { ChatPort } from '../../src/core/chat-port.js';
import { DeliveryError } from '../../src/core/outbox.js';
import { beforeEachSend } from '../../src/scheduler/guarded-chat.js';
import { holdLease, LeaseLost, withLease } from '../../src/scheduler/lease.js';
import { LEASE_MS } from '../../src/scheduler/start-timed-work.js';
import { RecordingChat } from '../helpers/recording-chat.js';

const here = { workspace: 'T1', channel: 'C1' };

describe('the ChatPort of timed sends', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks before each send, naming the channel or the person it goes to, and sends nothing when refused', async () => {
    const chat = new RecordingChat();
    const asked: string[] = [];
    let refuse = false;
    const guarded = beforeEachSend(chat, async (place) => {
      asked.push(place);
      if (refuse) throw new LeaseLost();
    });
    const ref = await guarded.post(here, { text: 'one' });
    await guarded.reply(ref, { text: 'two' });
    await guarded.update(ref, { text: 'one, edited' });
    await guarded.dm({ workspace: 'T1', user: 'UANA' }, { text: 'three' });
    await guarded.ephemeral(here, 'UBEN', { text: 'four' });
    await guarded.publishHome({ workspace: 'T1', user: 'UBEN' }, { text: 'home' });
    // An introduction reaches two people: each is asked for.
    await guarded.introduce(
      'T1',
      [
        { user: 'UANA', name: 'Ana' },
        { user: 'UBEN', name: 'Ben' },
      ],
      { text: 'five' },
    );
    expect(asked).toEqual(['C1', 'C1', 'C1', '@UANA', 'C1', '@UBEN', '@UANA', '@UBEN']);
    refuse = true;
    await expect(guarded.post(here, { text: 'never' })).rejects.toBeInstanceOf(LeaseLost);
    expect(chat.sent.map((s) => s.kind)).toEqual(['post', 'reply', 'update', 'dm', 'ephemeral', 'home', 'introduce']);
  });

  it('renews the lease of the item being delivered, and refuses the send when it was lost', async () => {
    const renewals: boolean[] = [];
    await withLease({ renew: async () => (renewals.push(true), true) }, () => holdLease());
    await expect(withLease({ renew: async () => false }, () => holdLease())).rejects.toBeInstanceOf(LeaseLost);
    // Outside a delivery there is no lease to hold.
    await holdLease();
    expect(renewals).toEqual([true]);
  });

  it('gives up on a call far within the lease, so a lease renewed just before a send outlives it', () => {
    // A direct message may take two calls (open the conversation, then post).
    expect(2 * SLACK_SEND_TIMEOUT_MS).toBeLessThan(LEASE_MS / 2);
    expect(2 * TEAMS_SEND_TIMEOUT_MS).toBeLessThan(LEASE_MS / 2);
    expect(outboxClientOptions('http://127.0.0.1:1/api/')).toMatchObject({ timeout: SLACK_SEND_TIMEOUT_MS });
  });

  it('fails a Teams send that gets no answer in time, as a failure to retry', async () => {
    vi.useFakeTimers();
    const silent: ChatPort = Object.assign(new RecordingChat(), { post: () => new Promise<never>(() => {}) });
    const sending = delivering(silent).post(here, { text: 'into the void' });
    const failed = expect(sending).rejects.toSatisfy(
      (error: unknown) => error instanceof DeliveryError && !error.failure.permanent,
    );
    await vi.advanceTimersByTimeAsync(TEAMS_SEND_TIMEOUT_MS);
    await failed;
    // An answer in time goes through untouched.
    const quick = withTimeout(new RecordingChat(), 1000);
    await expect(quick.post(here, { text: 'on time' })).resolves.toMatchObject({ channel: 'C1' });
  });
});
