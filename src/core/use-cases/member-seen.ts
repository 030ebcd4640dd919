import type { Deps } from '../context.js';
import type { Platform } from '../model.js';

/**
 * The platform says someone joined a team or chat the bot is in: they are known from now on. A known
 * name is never overwritten by the bare id a join event may carry; someone known only by their id (a
 * refusal recorded before anything else) gets the name a roster or join event gives.
 */
export async function memberSeen(
  deps: Pick<Deps, 'store'>,
  input: { platform: Platform; workspace: string; member: { id: string; name?: string } },
): Promise<void> {
  const { store } = deps;
  const { member } = input;
  const { id } = await store.workspaces.ensure({ platform: input.platform, externalId: input.workspace });
  const known = await store.members.find(id, member.id);
  if (known && (known.name !== known.externalId || !member.name)) return;
  await store.members.ensure(id, { externalId: member.id, name: member.name ?? member.id });
}
