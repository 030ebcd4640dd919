import { describe, expect, it } from 'vitest';
import type { Introduced } from '../../src/core/chat-port.js';
import type { Platform } from '../../src/core/model.js';
import type { Bucket } from '../../src/db/repositories/pace-budgets.js';
import { LeaseLost, withLease } from '../../src/scheduler/lease.js';
import { timedChat } from '../../src/scheduler/timed-chat.js';
import { RecordingChat } from '../helpers/recording-chat.js';

// An introduction sent by timed work: it reaches two people, so each person's place is paced and the
// item's lease checked before anything is sent (timed-sends.test.ts: asked for each person); on
// Slack the group DM it opens first draws on conversations.open's own budget, as opening a DM for a
// file does.

const ANA: Introduced = { user: 'UANA', name: 'Ana' };
const BEN: Introduced = { user: 'UBEN', name: 'Ben' };
const MEETING = { text: 'Ana, meet Ben.' };

/** A pacing budget with room always, which records the buckets each take drew on. */
function recordingBudget() {
  const takes: string[][] = [];
  return {
    takes,
    budget: {
      take: async (buckets: Bucket[]) => (takes.push(buckets.map((b) => b.key)), 0),
      giveBack: async () => {},
    },
  };
}

describe('an introduction sent by timed work', () => {
  it.each<[Platform, string[][]]>([
    ['slack', [['slack:T1:conversations.open'], ['slack:T1', 'slack:T1:@UANA'], ['slack:T1', 'slack:T1:@UBEN']]],
    // Teams opens personal chats itself, paced inside the adapter; it opens no group DM.
    [
      'teams',
      [
        ['teams:T1', 'teams:T1:@UANA'],
        ['teams:T1', 'teams:T1:@UBEN'],
      ],
    ],
    ['console', []],
  ])('on %s, draws on the budgets every replica shares before sending', async (platform, expected) => {
    const chat = new RecordingChat();
    const { takes, budget } = recordingBudget();
    await timedChat(chat, { platform, workspace: 'T1', budget }).introduce('T1', [ANA, BEN], MEETING);
    expect(takes).toEqual(expected);
    expect(chat.introductions()).toHaveLength(1);
  });

  it('is not sent once the item’s lease is lost', async () => {
    const chat = new RecordingChat();
    const { budget } = recordingBudget();
    const timed = timedChat(chat, { platform: 'slack', workspace: 'T1', budget });
    await expect(
      withLease({ renew: async () => false }, () => timed.introduce('T1', [ANA, BEN], MEETING)),
    ).rejects.toBeInstanceOf(LeaseLost);
    expect(chat.introductions()).toEqual([]);
  });
});
