import type { App } from '@slack/bolt';
import type { Logger as PinoLogger } from 'pino';
import { commandIncoming } from './incoming.js';
import type { SlackIntake } from './intake.js';
import { slashCommand } from './payloads.js';
import { postToResponseUrl } from './response-url.js';
import type { CommandResponder } from './slack-chat.js';

/** `/circle <words>`: stored before the acknowledgement, answered privately through its response URL. */
export function registerCommands(app: App, intake: SlackIntake, log: PinoLogger): void {
  app.command('/circle', async ({ body, ack, client }) => {
    const parsed = slashCommand.safeParse(body);
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues.length }, 'slash command without the fields we need');
      await ack({ response_type: 'ephemeral', text: 'Sorry, I could not read that command. Please try again.' });
      return;
    }
    const command = parsed.data;
    const { received, interaction } = commandIncoming(command);
    // Slack does not send a command again, so a command that cannot be stored is answered, not refused.
    const fresh = await intake.keep(received, interaction, { responseUrl: command.response_url }).catch(() => null);
    if (fresh === null) {
      await ack({
        response_type: 'ephemeral',
        text: 'Sorry, I could not take that just now. Please try again in a moment.',
      });
      return;
    }
    await ack();
    if (!fresh) return;
    const responder: CommandResponder = {
      channel: command.channel_id,
      user: command.user_id,
      send: (message) => postToResponseUrl(command.response_url, message),
    };
    intake.handleLater(client, received, interaction, responder);
  });
}
