import type { App } from '@slack/bolt';
import type { Logger as PinoLogger } from 'pino';
import { ACTION_PREFIX, FORM_CALLBACK } from './blocks.js';
import { actionIncoming, formIncoming } from './incoming.js';
import type { SlackIntake } from './intake.js';
import { blockAction, formMetadata, parseJson, viewSubmission } from './payloads.js';

/** Button presses and form submissions: each stored before Slack gets its acknowledgement. */
export function registerInteractivity(app: App, intake: SlackIntake, log: PinoLogger): void {
  app.action(new RegExp(`^${ACTION_PREFIX}`), async ({ ack, body, client }) => {
    const parsed = blockAction.safeParse(body);
    if (!parsed.success) {
      await ack();
      log.warn({ issues: parsed.error.issues.length }, 'button press without the fields we need');
      return;
    }
    const { received, interaction } = actionIncoming(parsed.data);
    const fresh = await intake.keep(received, interaction);
    await ack();
    if (fresh) intake.handleLater(client, received, interaction);
  });

  app.view(FORM_CALLBACK, async ({ ack, body, client }) => {
    const parsed = viewSubmission.safeParse(body);
    const metadata = parsed.success ? formMetadata.safeParse(parseJson(parsed.data.view.private_metadata)) : undefined;
    if (!parsed.success || !metadata?.success) {
      await ack();
      log.warn('form submission without the fields we need');
      return;
    }
    const { received, interaction } = formIncoming(parsed.data, metadata.data);
    const fresh = await intake.keep(received, interaction);
    await ack();
    if (fresh) intake.handleLater(client, received, interaction);
  });
}
