import type { TurnContext } from 'botbuilder';
import type { Logger as PinoLogger } from 'pino';
import { z } from 'zod';
import type { ActivityBase } from './activities.js';
import type { Place } from './incoming.js';
import type { TeamsDirectory } from './references.js';
import type { Connect } from './bot-connector.js';

/** Teams' largest roster page. */
const ROSTER_PAGE_SIZE = 500;
/** 100,000 people: past that a roster is not a school's, and the rest is learnt as people speak. */
const MAX_ROSTER_PAGES = 200;

/** One page of a team roster, as far as we read it. */
const rosterPage = z.object({
  members: z.array(z.object({ id: z.string().min(1), name: z.string().optional() })).default([]),
  continuationToken: z.string().nullish(),
});

/**
 * Added to a team: everyone on its roster is known from now on, by id and name, so the bot can open
 * a personal chat with each. Teams hands the roster out in pages; a roster that cannot be read is
 * logged, and people are then learnt as they join or speak.
 */
export async function learnRoster(
  deps: { directory: TeamsDirectory; connect: (context: TurnContext) => Connect; log: PinoLogger },
  context: TurnContext,
  activity: ActivityBase,
  tenant: string,
  place: Place,
): Promise<void> {
  const team = activity.channelData?.team?.id;
  if (!team) return;
  try {
    let continuationToken: string | undefined;
    let pages = 0;
    do {
      const page = rosterPage.parse(
        await deps.connect(context)(place.reference, (connector) =>
          connector.conversations.getConversationPagedMembers(team, {
            pageSize: ROSTER_PAGE_SIZE,
            ...(continuationToken ? { continuationToken } : {}),
          } as never),
        ),
      );
      for (const member of page.members) {
        if (member.id !== activity.recipient.id)
          await deps.directory.memberSeen(tenant, { id: member.id, ...(member.name ? { name: member.name } : {}) });
      }
      continuationToken = page.continuationToken || undefined;
      pages += 1;
    } while (continuationToken && pages < MAX_ROSTER_PAGES);
  } catch (error) {
    deps.log.warn({ err: error }, 'could not read a team roster; its people are learnt as they join or speak');
  }
}
