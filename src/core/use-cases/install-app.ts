import type { Deps } from '../context.js';
import type { InstallationPort, InstallPlatform } from '../ports/installations.js';

/**
 * The app was added by this person. Whoever adds it to a team is the workspace's first admin when it
 * has none yet, and the workspace takes their zone when it has none; adding it anywhere else (their
 * personal scope, a group chat) never makes an admin, even in a workspace without one, and later
 * installs by others change nothing. Either way the person is known from now on.
 */
export async function appInstalled(
  deps: Pick<Deps, 'store'> & { installations: InstallationPort },
  input: {
    platform: InstallPlatform;
    workspace: string;
    installer: { id: string; name: string; timeZone?: string };
    scope: 'team' | 'other';
  },
): Promise<void> {
  const { store } = deps;
  await deps.installations.reinstate(input.platform, input.workspace);
  const { id } = await store.workspaces.ensure({ platform: input.platform, externalId: input.workspace });
  const { installer } = input;
  const member = await store.members.ensure(id, {
    externalId: installer.id,
    name: installer.name,
    ...(installer.timeZone ? { timeZone: installer.timeZone } : {}),
  });
  if (input.scope === 'team' && (await store.members.claimFirstAdmin(id, member.id)) && member.timeZone)
    await store.workspaces.setTimeZoneIfUnset(id, member.timeZone);
}
