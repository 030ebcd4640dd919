import type { Context } from '../context.js';
import { DomainError, FORGED_BUTTON } from '../errors.js';
import type { Action } from '../messages.js';
import type { Community } from '../model.js';
import { lastAdmin } from './manage-roles.js';

// `admin remove @me` and `facilitator remove @me` take away what the person needs to put it right
// again, so they ask first, as `forget-me` does. Nothing changes until the press, and the press
// decides from the database again: the role as it is then, and the rule that a workspace keeps an
// admin and a community a facilitator.

type Leaving = Extract<Action, { kind: 'admin.leave' | 'facilitator.leave' }>;

const CANCEL = 'To stay, do nothing: this changes nothing until you press the button.';

/** Asks before the person removes themselves from a role; refuses at once what the press would refuse. */
export async function askToLeave(ctx: Context, community: Community | null): Promise<void> {
  const { store } = ctx.deps;
  if (!community) {
    if (await store.members.isPlatformAdmin(ctx.member.id)) throw new DomainError('NotAdmin', platformAdmin);
    await ctx.tellPrivately({
      text: 'Remove yourself as a Mentor Circle admin? You would no longer receive the weekly digest, keep the school calendar or name admins.',
      sections: [CANCEL],
      buttons: [{ label: 'Yes, remove me', action: { kind: 'admin.leave' }, style: 'danger' }],
    });
    return;
  }
  if (!(await store.communities.isFacilitator(community.id, ctx.member.id))) {
    throw new DomainError('NotFacilitator', `You do not facilitate ${community.name}, so there is nothing to remove.`);
  }
  if ((await store.communities.countFacilitators(community.id)) <= 1)
    throw new DomainError('NotFacilitator', lastFacilitator(community));
  await ctx.tellPrivately({
    text: `Remove yourself as a facilitator of ${community.name}? You would no longer start its sessions, change its schedule or keep its prompts.`,
    sections: [CANCEL],
    buttons: [
      { label: 'Yes, remove me', action: { kind: 'facilitator.leave', communityId: community.id }, style: 'danger' },
    ],
  });
}

/** The press: the change, if the role and the rules still allow it now. */
export async function confirmLeaving(ctx: Context, action: Leaving): Promise<void> {
  const { store } = ctx.deps;
  if (action.kind === 'admin.leave') {
    // ctx.member was read from the database for this press, with the platform's word on its flag.
    const outcome = await store.members.revokeAdmin(ctx.workspace.id, ctx.member.id);
    if (outcome === 'platform-admin') throw new DomainError('NotAdmin', platformAdmin);
    if (outcome === 'last-admin')
      throw new DomainError('LastAdmin', `Nothing changed. ${lastAdmin(ctx.member.name, true)}`);
    if (outcome === 'not-admin')
      throw new DomainError('NotAdmin', 'You are not a Mentor Circle admin now, so nothing changed.');
    await ctx.tellPrivately({
      text: 'Done: you are no longer a Mentor Circle admin. Another admin can name you again with `admin add`.',
    });
    return;
  }
  // The community is the button's only word, checked against this workspace; the role is the database's.
  const community = await store.communities.find(ctx.workspace.id, action.communityId);
  if (!community) throw new DomainError('BadPayload', FORGED_BUTTON);
  const removed = await store.transaction((repos) => repos.communities.removeFacilitator(community.id, ctx.member.id));
  if (removed === 'not-facilitator')
    throw new DomainError('NotFacilitator', `You do not facilitate ${community.name} now, so nothing changed.`);
  if (removed === 'last') throw new DomainError('NotFacilitator', `Nothing changed. ${lastFacilitator(community)}`);
  await ctx.tellPrivately({
    text: `Done: you no longer facilitate ${community.name}. One of its facilitators can add you again with \`facilitator add\`.`,
  });
}

const platformAdmin =
  'You are an admin or owner of this workspace, and so always a Mentor Circle admin while you are one. Nothing changed.';

function lastFacilitator(community: Community): string {
  return `You are the only facilitator of ${community.name}, and a circle needs one to run its sessions. Name another first with \`facilitator add @person\`, then try again.`;
}
