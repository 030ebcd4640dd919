import { describe, expect, it } from 'vitest';
import type { AwayStatus } from '../../src/core/away.js';
import type { ChatPort } from '../../src/core/chat-port.js';
import { isAwayNow } from '../../src/core/use-cases/nudges/away-now.js';
import { silentLog } from '../helpers/driver.js';
import { testDatabaseKinds, useTestStore } from '../helpers/databases.js';

const now = new Date('2026-03-02T15:30:00Z');
const hours = (n: number) => new Date(now.getTime() - n * 3_600_000);
const who = { workspace: 'T1', user: 'UANA' };

/** A chat whose status look-up answers `answer` (or throws it), counting the look-ups. */
function chatAnswering(answer: AwayStatus | undefined | Error) {
  const asked: string[] = [];
  const chat = {
    awayStatus: async (person: { user: string }) => {
      asked.push(person.user);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as Pick<ChatPort, 'awayStatus'> as ChatPort;
  return { chat, asked };
}

describe.each(testDatabaseKinds)('away statuses kept on %s', (kind) => {
  const newStore = useTestStore(kind);

  async function memberWith(stored?: { status: AwayStatus; at: Date }, externalId = 'UANA') {
    const store = newStore();
    const workspace = await store.workspaces.ensure({ platform: 'slack', externalId: 'T1' });
    const member = await store.members.ensure(workspace.id, { externalId, name: externalId });
    if (stored) await store.members.recordAway(member.id, stored.status, stored.at);
    return { store, deps: { store, now, log: silentLog }, memberId: member.id };
  }

  describe('whether a member is away for a nudge', () => {
    it('goes by a status heard within the day, asking nothing', async () => {
      const { deps, memberId } = await memberWith({ status: { away: true, until: null }, at: hours(23) });
      const { chat, asked } = chatAnswering({ away: false });
      expect(await isAwayNow(deps, chat, memberId, who)).toBe(true);
      expect(asked).toEqual([]);
    });

    it('reads a status whose expiry has passed as not away', async () => {
      const { deps, memberId } = await memberWith({ status: { away: true, until: hours(1) }, at: hours(2) });
      expect(await isAwayNow(deps, chatAnswering(undefined).chat, memberId, who)).toBe(false);
    });

    it('asks again about a status older than a day, and keeps the answer', async () => {
      const { store, deps, memberId } = await memberWith({ status: { away: false }, at: hours(25) });
      const { chat, asked } = chatAnswering({ away: true, until: null });
      expect(await isAwayNow(deps, chat, memberId, who)).toBe(true);
      expect(asked).toEqual(['UANA']);
      expect(await store.members.awayStatus(memberId)).toEqual({ status: { away: true, until: null }, at: now });
    });

    it('goes by the status kept when the look-up budget is spent or the look-up fails, and by not away when none is kept', async () => {
      const old = await memberWith({ status: { away: true, until: null }, at: hours(48) });
      expect(await isAwayNow(old.deps, chatAnswering(undefined).chat, old.memberId, who)).toBe(true);
      expect(await isAwayNow(old.deps, chatAnswering(new Error('ratelimited')).chat, old.memberId, who)).toBe(true);
      // Another member of the same workspace, of whom nothing was ever heard.
      const unheard = await memberWith(undefined, 'UBEN');
      expect(await isAwayNow(unheard.deps, chatAnswering(undefined).chat, unheard.memberId, who)).toBe(false);
      expect(await unheard.store.members.awayStatus(unheard.memberId)).toBeNull();
    });
  });
});
