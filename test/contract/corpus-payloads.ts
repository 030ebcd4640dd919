import type { Activity } from 'botbuilder';
import {
  renderMessage as slackMessage,
  renderMessages as slackMessages,
  renderModal,
} from '../../adapters/slack/blocks.js';
import { SLACK_LIMITS } from '../../adapters/slack/limits.js';
import { renderForm, renderMessages as teamsMessages } from '../../adapters/teams/cards.js';
import type { SlackMessagePayload, SlackView } from '../helpers/slack-limits.js';
import type { CoreItem } from './corpus-items.js';

// Each core item rendered by both adapters, as Slack and Teams would receive it.

export type SlackMethod = 'chat.postMessage' | 'chat.update' | 'chat.postEphemeral' | 'views.open' | 'views.publish';
/**
 * A message's `text` and `blocks`, or a view under `view`, typed as @slack/types has them. The
 * renderers build plain objects, so the types say what each payload claims to be; the limits
 * checker (test/helpers/slack-limits.ts) is what holds it to that.
 */
/** `item`: the core item it renders; a long message is several Slack messages. */
export type SlackPayload =
  | { name: string; item: string; method: Exclude<SlackMethod, `views.${string}`>; body: SlackMessagePayload }
  | { name: string; item: string; method: Extract<SlackMethod, `views.${string}`>; body: { view: SlackView } };

export interface TeamsPayload {
  name: string;
  /** The core item it renders: a long message is several activities. */
  item: string;
  activity: Partial<Activity>;
}

const SLACK_METHOD: Record<
  Extract<CoreItem, { kind: 'message' }>['surface'],
  Exclude<SlackMethod, `views.${string}`>
> = {
  post: 'chat.postMessage',
  reply: 'chat.postMessage',
  dm: 'chat.postMessage',
  // Posted in the group DM conversations.open answers with.
  introduce: 'chat.postMessage',
  files: 'chat.postMessage',
  update: 'chat.update',
  ephemeral: 'chat.postEphemeral',
};

/** What a rendered payload claims to be: the renderers build plain objects (see SlackPayload). */
const claimed = <T>(payload: unknown): T => payload as T;

/** Each item as the Slack adapter sends it (the Home view as SlackChat.publishHome builds it). */
export function slackPayloads(items: CoreItem[]): SlackPayload[] {
  return items.flatMap((item): SlackPayload[] => {
    const { name } = item;
    switch (item.kind) {
      case 'form':
        return [
          {
            name,
            item: name,
            method: 'views.open',
            body: { view: claimed<SlackView>(renderModal(item.form, 'C-circle')) },
          },
        ];
      case 'home':
        return [
          {
            name,
            item: name,
            method: 'views.publish',
            body: {
              view: claimed<SlackView>({
                type: 'home',
                blocks: slackMessage(item.message, SLACK_LIMITS.blocksPerView).blocks,
              }),
            },
          },
        ];
      case 'message': {
        // An update replaces one message; anything else goes on in more messages when it is long.
        const method = SLACK_METHOD[item.surface];
        const parts = item.surface === 'update' ? [slackMessage(item.message)] : slackMessages(item.message);
        return parts.map((part, index) => ({
          name: index === 0 ? name : `${name} (part ${index + 1})`,
          item: name,
          method,
          body: claimed<SlackMessagePayload>(part),
        }));
      }
    }
  });
}

/** Each item as the Teams adapter sends it: a card, or a plain Markdown message when nothing is pressed. */
export function teamsPayloads(items: CoreItem[]): TeamsPayload[] {
  return items.flatMap((item) => {
    const activities = item.kind === 'form' ? [renderForm(item.form, 'C-circle')] : teamsMessages(item.message);
    return activities.map((activity, part) => ({
      name: part === 0 ? item.name : `${item.name} (part ${part + 1})`,
      item: item.name,
      activity,
    }));
  });
}
