import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Incoming } from '../../src/core/context.js';
import { handle, receive, type Interaction } from '../../src/core/handle.js';
import type { Store } from '../../src/core/ports/store.js';
import { createStore } from '../../src/db/store.js';
import { planDue } from '../../src/scheduler/plan.js';
import { REPLAY_EVENT } from '../../src/core/use-cases/replay-event.js';
import { createDriver, silentLog } from '../helpers/driver.js';
import { RecordingChat } from '../helpers/recording-chat.js';
import { testDatabaseKinds, useTestDatabase } from '../helpers/databases.js';

// Each stored interaction is settled once. A command that failed after it was stored is settled as
// failed and the person asked to try again, so the replayer never applies it a second time; an answer
// that failed stays unsettled and is replayed, so nothing acknowledged is lost.

describe.each(testDatabaseKinds)('settling stored interactions on %s', (kind) => {
  const database = useTestDatabase(kind);
  const start = new Date('2026-03-03T15:00:00Z');
  const sixMinutesLater = new Date(start.getTime() + 6 * 60_000);
  const incoming = (user: string, eventId: string): Incoming & { eventId: string } => ({
    platform: 'slack',
    workspace: { externalId: 'T1', name: 'School' },
    user: { externalId: user, name: user, timeZone: 'America/Chicago' },
    channel: { id: 'C-circle', name: 'C-circle', isDirect: false },
    eventId,
  });
  const settlement = (eventId: string) =>
    sql<{ handled: boolean; failed: boolean }>`
      select handled_at is not null as handled, failed_at is not null as failed from event_receipts where event_id = ${eventId}`
      .execute(database().db)
      .then((r) => r.rows[0]);
  const replaysPlanned = () =>
    sql<{ n: number }>`select count(*)::int as n from outbox where kind = ${REPLAY_EVENT}`
      .execute(database().db)
      .then((r) => r.rows[0]?.n);

  /** Stores an interaction as an adapter does before its acknowledgement, then handles it on `chat`. */
  async function storeThenHandle(
    chat: RecordingChat,
    who: Incoming & { eventId: string },
    interaction: Interaction,
    store: Store = createStore(database().db),
  ) {
    expect(await receive({ store, now: start }, who, interaction)).toBe(true);
    return handle({ store, chat, now: start, log: silentLog }, who, interaction, { alreadyReceived: true });
  }

  it('does not apply again a command that failed after the person was asked to try again', async () => {
    const store = createStore(database().db);
    await createDriver(store, { now: start, platform: 'slack' }).as('ana').say('setup Grade 3');
    // The prompt is stored, then the connection drops before the answer comes back: the command failed.
    // The prompt's transaction commits, and then the connection drops before its answer comes back.
    const dropping: Store = {
      ...store,
      transaction: async (work) => {
        let added = false;
        const result = await store.transaction((repos) =>
          work({
            ...repos,
            prompts: { ...repos.prompts, addCustom: async (input) => ((added = true), repos.prompts.addCustom(input)) },
          }),
        );
        if (added) throw new Error('Connection terminated unexpectedly');
        return result;
      },
    };
    const chat = new RecordingChat();
    const outcome = await storeThenHandle(
      chat,
      incoming('ana', 'command:add-1'),
      { kind: 'command', text: 'prompt add What made today work?' },
      dropping,
    );
    expect(outcome).toBe('failed');
    expect(await settlement('command:add-1')).toEqual({ handled: false, failed: true });
    expect(chat.sent.map((s) => s.kind === 'ephemeral' && s.message.text)).toEqual([
      'Sorry, something went wrong on my side. Please try again in a moment.',
    ]);

    // Past the replay delay, the planner does not hand it back for another go.
    await planDue({ store, now: sixMinutesLater });
    expect(await replaysPlanned()).toBe(0);
    const custom = await sql<{
      n: number;
    }>`select count(*)::int as n from prompts where text = 'What made today work?'`.execute(database().db);
    expect(custom.rows).toEqual([{ n: 1 }]);
  });

  it('keeps an answer whose handling failed, and plans its replay once', async () => {
    const store = createStore(database().db);
    const people = createDriver(store, { now: start, platform: 'slack' });
    await people.as('ana').say('setup Grade 3');
    await people.as('ana').say('start');
    const thread = people.sessionThread();
    // The database answers the store, then fails every read of the handling.
    const failingStore = {
      ...store,
      members: { ...store.members, ensure: () => Promise.reject(new Error('connection terminated')) },
    };
    const who = incoming('ben', 'Ev-answer');
    const interaction: Interaction = {
      kind: 'message',
      threadId: thread,
      messageId: '1.0001',
      text: 'Number talks are working',
    };
    expect(await receive({ store, now: start }, who, interaction)).toBe(true);
    const chat = new RecordingChat();
    expect(
      await handle({ store: failingStore, chat, now: start, log: silentLog }, who, interaction, {
        alreadyReceived: true,
      }),
    ).toBe('failed');
    expect(await settlement('Ev-answer')).toEqual({ handled: false, failed: false });
    expect(chat.sent.map((s) => s.kind === 'ephemeral' && s.message.text)).toEqual([
      'Sorry, something went wrong on my side. I have kept what you sent and will finish it in a few minutes; there is no need to send it again.',
    ]);
    await planDue({ store, now: sixMinutesLater });
    await planDue({ store, now: sixMinutesLater });
    expect(await replaysPlanned()).toBe(1);
  });

  it('settles a handled interaction once, and a second settling finds it settled', async () => {
    const store = createStore(database().db);
    await createDriver(store, { now: start, platform: 'slack' }).as('ana').say('setup Grade 3');
    expect(
      await storeThenHandle(new RecordingChat(), incoming('ana', 'command:help-1'), { kind: 'command', text: 'help' }),
    ).toBe('handled');
    expect(await settlement('command:help-1')).toEqual({ handled: true, failed: false });
    expect(await store.receipts.settle('slack', 'command:help-1', 'failed', start)).toBe(false);
    expect(await settlement('command:help-1')).toEqual({ handled: true, failed: false });
  });
});
