import type { Context } from '../context.js';
import type { Repositories } from '../ports/store.js';
import { DomainError } from '../errors.js';
import { lastAdmin } from './manage-roles.js';
import { offerAgain } from './mentoring/mentors.js';
import { sendNow } from '../live-delivery.js';
import type { NewOutboxItem } from '../outbox.js';
import { cancelledItem } from '../visits/sends.js';

type Refusal = Exclude<Awaited<ReturnType<Repositories['members']['forget']>>, 'forgotten'>;

/** Undoes the visits' part of forgetting, by rolling the transaction back, when the member stays. */
class KeptAll extends Error {
  constructor(readonly outcome: Refusal) {
    super('the member was not forgotten');
  }
}

/** `forget-me`: says what will go, and asks once before anything is deleted. */
export async function askToForget(ctx: Context): Promise<void> {
  await ctx.tellPrivately({
    text: 'Forget me: this deletes everything Mentor Circle keeps of yours, in this workspace.',
    sections: [
      'Your check-ins and reflections, your goals and their progress, your asks for a mentor and what you wrote after them, the focus, notes and reflections of your classroom visits (any still to come are called off, and the other teacher told), your nudge settings, your community memberships and any mentor role. Counts already sent to school leaders in past digests stay, as numbers only. Messages in chat stay where they are; delete them there if you wish.',
    ],
    buttons: [{ label: 'Forget me', action: { kind: 'forget.confirm' }, style: 'danger' }],
  });
}

/** The confirmation: all of it in one transaction. Pressing it again finds nothing left to delete. */
export async function forgetMember(ctx: Context): Promise<void> {
  // Asks waiting for this person's answer as a mentor go to the next mentor once they are gone.
  const waiting = await ctx.deps.store.asks.waitingFor(ctx.workspace.id, ctx.member.id);
  let told: NewOutboxItem[] = [];
  const outcome = await ctx.deps.store
    .transaction(async (repos) => {
      // Their visits go first, while the rows still say which side they were on; if they cannot be
      // forgotten after all, the transaction is rolled back and the visits stand as they were.
      const cancelled = await repos.visits.forget(ctx.member.id, ctx.deps.now);
      const result = await repos.members.forget({
        memberId: ctx.member.id,
        workspaceId: ctx.workspace.id,
        externalId: ctx.member.externalId,
        platform: ctx.workspace.platform,
        at: ctx.deps.now,
      });
      if (result !== 'forgotten') throw new KeptAll(result);
      told = cancelled.flatMap((visit) => {
        const other = visit.requesterId === ctx.member.id ? visit.peerId : visit.requesterId;
        return other === null ? [] : [cancelledItem(visit, other, ctx.deps.now)];
      });
      await repos.outbox.enqueue(told);
      return result;
    })
    .catch((error: unknown) => {
      if (error instanceof KeptAll) return error.outcome;
      throw error;
    });
  if (outcome === 'last-admin')
    throw new DomainError('LastAdmin', `Nothing was deleted. ${lastAdmin(ctx.member.name, true)}`);
  if (outcome !== 'forgotten') {
    const circles = outcome.lastFacilitatorOf.join(', ');
    throw new DomainError(
      'NotFacilitator',
      `Nothing was deleted. You are the only facilitator of ${circles}, and a circle needs one to run its sessions. Name another first with \`facilitator add @person\` in its channel, then try again.`,
    );
  }
  await ctx.tellPrivately({
    text: 'Done: everything Mentor Circle kept of yours is deleted. If you take part again, you start afresh.',
  });
  // The people whose visits with them are off are told, from the outbox.
  await sendNow(
    ctx.deps,
    told.map((item) => item.key),
  );
  await offerAgain(
    ctx,
    waiting.map((ask) => ask.id),
  );
}
