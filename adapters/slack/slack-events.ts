import type { App } from '@slack/bolt';
import type { Logger as PinoLogger } from 'pino';
import { NotStoredError } from '../../src/core/handle.js';
import { withoutNul } from '../../src/core/without-nul.js';
import { awayFromProfile, nameOf } from './away-status.js';
import { homeIncoming, messageIncoming } from './incoming.js';
import type { SlackIntake } from './intake.js';
import { channelMembership, envelope, homeOpened, tokensRevoked, userChanged } from './payloads.js';
import type { ProfileCache } from './profiles.js';
import { directMessageResponder } from './slack-chat.js';
import type { SlackOptions } from './slack-app.js';

// The Events API: messages (commands in the bot's DM, replies in session threads, their edits and
// deletions), the Home tab, uninstalls, channel membership and profile changes. Each is kept before
// its acknowledgement; in Socket Mode `storing` holds that acknowledgement until it is.

export interface EventDeps extends Pick<SlackOptions, 'uninstalled' | 'membership' | 'profileChanged' | 'log'> {
  intake: SlackIntake;
  profiles: ProfileCache;
  storing: <T>(body: unknown, work: () => Promise<T>) => Promise<T>;
  /** The workspace is gone: its timed-send client goes too. */
  forgetClient: (teamId: string) => void;
}

/** Runs `work` before the acknowledgement; when it fails, Slack is asked to send the event again. */
async function recorded(log: PinoLogger, what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    log.error({ err: error }, `could not record ${what}; slack is asked to send it again`);
    throw new NotStoredError({ cause: error });
  }
}

export function registerEvents(app: App, deps: EventDeps): void {
  const { intake, storing, log } = deps;

  app.event('message', async ({ event, body, client, context }) =>
    storing(body, async () => {
      const meta = envelope.safeParse(body);
      if (!meta.success) return;
      const message = messageIncoming(meta.data, event, context.botUserId);
      if (!message) return;
      const { received, interaction, directMessage } = message;
      // In the bot's own DM, what someone types is a command, answered there.
      if (directMessage) {
        if (await intake.keep(received, interaction, { directMessage }))
          intake.handleLater(client, received, interaction, directMessageResponder(client, directMessage));
        return;
      }
      if (await intake.keep(received, interaction)) intake.handleLater(client, received, interaction);
    }),
  );

  app.event('app_home_opened', async ({ event, body, client }) =>
    storing(body, async () => {
      const meta = envelope.safeParse(body);
      const opened = homeOpened.safeParse(event);
      if (!meta.success || !opened.success || opened.data.tab === 'messages') return;
      const { received, interaction } = homeIncoming(meta.data, opened.data);
      if (await intake.keep(received, interaction)) intake.handleLater(client, received, interaction);
    }),
  );

  // An uninstalled workspace, or one whose bot token was revoked, gets nothing more from us.
  const forgetWorkspace = async (teamId: string) => {
    deps.forgetClient(teamId);
    await recorded(log, 'an uninstall', () => deps.uninstalled(teamId));
  };
  app.event('app_uninstalled', async ({ body }) =>
    storing(body, async () => {
      const meta = envelope.safeParse(body);
      if (!meta.success) return;
      await forgetWorkspace(meta.data.team_id);
    }),
  );
  app.event('tokens_revoked', async ({ event, body }) =>
    storing(body, async () => {
      const meta = envelope.safeParse(body);
      const revoked = tokensRevoked.safeParse(event);
      if (!meta.success || !revoked.success || !revoked.data.tokens.bot?.length) return;
      await forgetWorkspace(meta.data.team_id);
    }),
  );

  // Who is in a channel decides who may act on its community from elsewhere.
  const membershipChanged = async ({ event, body }: { event: unknown; body: unknown }) =>
    storing(body, async () => {
      const meta = envelope.safeParse(body);
      const change = channelMembership.safeParse(event);
      if (!meta.success || !change.success) return;
      const { user, channel, type } = change.data;
      await recorded(log, 'a channel membership', () =>
        deps.membership({ teamId: meta.data.team_id, channel, user, present: type === 'member_joined_channel' }),
      );
    });
  app.event('member_joined_channel', membershipChanged);
  app.event('member_left_channel', membershipChanged);

  // A person's status (away on holiday or ill), name and zone, kept as Slack tells of each change so
  // that no nudge has to ask.
  const userChangedEvent = async ({ event, body }: { event: unknown; body: unknown }) =>
    storing(body, async () => {
      const meta = envelope.safeParse(body);
      const change = userChanged.safeParse(event);
      if (!meta.success || !change.success) {
        log.warn({ issues: (change.error ?? meta.error)?.issues.length }, 'user change without the fields we need');
        return;
      }
      const user = withoutNul(change.data.user);
      const name = nameOf(user);
      deps.profiles.forget(meta.data.team_id, user.id);
      await recorded(log, 'a user change', () =>
        deps.profileChanged({
          teamId: meta.data.team_id,
          eventId: meta.data.event_id,
          user: user.id,
          status: awayFromProfile(user.profile),
          ...(user.updated ? { changedAt: new Date(user.updated * 1000) } : {}),
          ...(name ? { name } : {}),
          ...(user.tz ? { timeZone: user.tz } : {}),
        }),
      );
    });
  app.event('user_change', userChangedEvent);
  app.event('user_status_changed', userChangedEvent);
}
