import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { ChannelAddress, MessageRef } from '../../src/core/chat-port.js';
import type { Incoming } from '../../src/core/context.js';
import { handle } from '../../src/core/handle.js';
import type { Message } from '../../src/core/messages.js';
import { SESSION_POST } from '../../src/core/session-posts.js';
import { paceBudgetRepo } from '../../src/db/repositories/pace-budgets.js';
import { createStore } from '../../src/db/store.js';
import { PLATFORM_LIMITS } from '../../src/scheduler/pacer.js';
import { timedChat } from '../../src/scheduler/timed-chat.js';
import { deliverNow } from '../helpers/deliver-now.js';
import { createDriver, silentLog } from '../helpers/driver.js';
import { RecordingChat } from '../helpers/recording-chat.js';
import { testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';

// The session posts a facilitator's command writes are sent at once by the process that handled it,
// through the same outbox items the delivery loop sends: paced against the shared budgets, and each
// sent only while this process still holds its lease.

/** A RecordingChat that runs `during` while it makes each post, as a slow platform would let other work happen. */
class SlowChat extends RecordingChat {
  constructor(private readonly during: (message: Message) => Promise<void>) {
    super();
  }
  override async post(to: ChannelAddress, message: Message): Promise<MessageRef> {
    await this.during(message);
    return super.post(to, message);
  }
}

describe.each(testDatabaseKinds)('messages sent at once on %s', (kind) => {
  const database = useTestDatabase(kind);
  const start = new Date('2026-03-03T15:00:00Z');
  const facilitator: Incoming = {
    platform: 'slack',
    workspace: { externalId: 'T1', name: 'School' },
    user: { externalId: 'ana', name: 'ana', timeZone: 'America/Chicago' },
    channel: { id: 'C-circle', name: 'C-circle', isDirect: false },
  };
  const sessionPosts = () =>
    sql<{
      part: string;
      sent: boolean;
      attempts: number;
      last_error: string | null;
      due_at: Date;
      claimed_by: string | null;
      claimed: boolean;
    }>`
      select payload->>'part' as part, sent_at is not null as sent, attempts, last_error, due_at, claimed_by, claimed_until is not null as claimed
      from outbox where kind = ${SESSION_POST} order by id`
      .execute(database().db)
      .then((r) => r.rows);

  it('puts off a post the channel has no room for, without counting it as a failure, and the loop sends it once later', async () => {
    const store = createStore(database().db);
    await createDriver(store, { now: start, platform: 'slack' }).as('ana').say('setup Grade 3');
    const chat = new RecordingChat();
    // One post in this channel, then none for ten minutes.
    const limits = {
      ...PLATFORM_LIMITS,
      slack: { place: { burst: 1, perMs: 600_000 }, workspace: { burst: 100, perMs: 10 } },
    };
    const outboxChat = timedChat(chat, {
      platform: 'slack',
      workspace: 'T1',
      budget: paceBudgetRepo(database().db),
      limits,
    });

    expect(
      await handle({ store, chat, outboxChat, now: start, log: silentLog }, facilitator, {
        kind: 'command',
        text: 'start',
      }),
    ).toBe('handled');

    expect(chat.sent.filter((s) => s.kind === 'post')).toHaveLength(1);
    const [root, ...rest] = await sessionPosts();
    expect(root).toMatchObject({ part: 'root', sent: true });
    expect(rest.map((r) => r.part)).toEqual(['opening']);
    for (const waiting of rest) {
      expect(waiting).toMatchObject({ sent: false, attempts: 0, last_error: null, claimed: false });
      // Put off until the budget is expected to have room, not retried at once.
      expect(waiting.due_at.getTime()).toBeGreaterThan(start.getTime() + 500_000);
    }

    // Eleven minutes on, the delivery loop sends what was put off, once.
    const later = new RecordingChat();
    const round = await deliverNow(database(), {
      now: new Date(start.getTime() + 11 * 60_000),
      chatFor: async () => later,
    });
    expect(round).toMatchObject({ sent: rest.length, failed: 0 });
    expect(later.sent.filter((s) => s.kind === 'reply')).toHaveLength(1);
    expect((await sessionPosts()).every((r) => r.sent)).toBe(true);
    expect(chat.sent.filter((s) => s.kind === 'reply')).toHaveLength(0);
  });

  it('does not send an item whose lease another process took while an earlier post was slow', async () => {
    const store = createStore(database().db);
    await createDriver(store, { now: start, platform: 'slack' }).as('ana').say('setup Grade 3');
    // While the session message is being posted, this process's lease on the opening runs out and
    // another replica's delivery loop claims it.
    const chat = new SlowChat(async () => {
      await sql`update outbox set claimed_by = 'other', claimed_until = ${new Date(start.getTime() + 120_000)}
                where kind = ${SESSION_POST} and payload->>'part' = 'opening'`.execute(database().db);
    });

    expect(
      await handle({ store, chat, now: start, log: silentLog }, facilitator, { kind: 'command', text: 'start' }),
    ).toBe('handled');

    expect(chat.sent.filter((s) => s.kind === 'post')).toHaveLength(1);
    expect(chat.sent.filter((s) => s.kind === 'reply')).toHaveLength(0);
    const posts = await sessionPosts();
    expect(posts.map((r) => [r.part, r.sent, r.claimed_by])).toEqual([
      ['root', true, expect.any(String)],
      ['opening', false, 'other'],
    ]);
  });

  it('takes each lease afresh against the clock just before its send', async () => {
    const store = createStore(database().db);
    await createDriver(store, { now: start, platform: 'slack' }).as('ana').say('setup Grade 3');
    // The interaction's instant stands still; the clock moves on while the posts are made.
    let clockNow = start;
    const leases: Date[] = [];
    const chat = new SlowChat(async () => {
      const row = await sql<{ claimed_until: Date }>`
        select claimed_until from outbox where kind = ${SESSION_POST} and payload->>'part' = 'root'`.execute(
        database().db,
      );
      leases.push(row.rows[0]!.claimed_until);
    });
    const clock = () => {
      clockNow = new Date(clockNow.getTime() + 20_000);
      return clockNow;
    };

    await handle({ store, chat, now: start, clock, log: silentLog }, facilitator, { kind: 'command', text: 'start' });

    // Claimed at the interaction's instant, renewed 20 s on: the lease runs a minute past the renewal.
    expect(leases).toEqual([new Date(start.getTime() + 20_000 + 60_000)]);
    expect((await sessionPosts()).every((r) => r.sent)).toBe(true);
  });

  it('leaves to the delivery loop the items whose lease ran out while earlier posts were slow', async () => {
    const store = createStore(database().db);
    await createDriver(store, { now: start, platform: 'slack' }).as('ana').say('setup Grade 3');
    // Each look at the clock finds it 45 s on: by the opening, its one-minute lease has run out.
    let clockNow = start;
    const clock = () => (clockNow = new Date(clockNow.getTime() + 45_000));
    const chat = new RecordingChat();

    await handle({ store, chat, now: start, clock, log: silentLog }, facilitator, { kind: 'command', text: 'start' });

    expect(chat.sent.map((s) => s.kind)).toEqual(['post']);
    expect((await sessionPosts()).map((r) => [r.part, r.sent])).toEqual([
      ['root', true],
      ['opening', false],
    ]);
    const later = new RecordingChat();
    await deliverNow(database(), { now: new Date(start.getTime() + 2 * 60_000), chatFor: async () => later });
    expect(later.sent.map((s) => s.kind)).toEqual(['reply']);
  });
});
