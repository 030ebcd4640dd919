import type { ChatPort } from './chat-port.js';
import { resolveContext, type Context, type Deps, type Incoming } from './context.js';
import { showHome } from './use-cases/show-home.js';
import { editAnswer, removeAnswer } from './use-cases/revise-answer.js';
import { withoutNul } from './without-nul.js';
import { pressButton } from './routing/actions.js';
import { runWords } from './routing/commands.js';
import { answerError } from './routing/error-policy.js';
import { submitForm } from './routing/forms.js';
import type { Interaction, Outcome } from './routing/interaction.js';
import { receiveOnce, settleHandled } from './routing/receive-once.js';
import { threadMessage } from './routing/threads.js';

// The core's entry point, as a pipeline: receive the event once, resolve who and where, route it by
// its kind, and answer whatever was refused. Each step lives in src/core/routing/.

export type { Interaction, InteractionReceiver, Outcome } from './routing/interaction.js';
export { NotStoredError, receive } from './routing/receive-once.js';

export interface HandleOptions {
  /** The adapter already stored this event with `receive`, before acknowledging it to the platform. */
  alreadyReceived?: boolean;
}

/** What an adapter calls for each interaction, with itself as the ChatPort; main.ts binds the rest. */
export type InteractionHandler = (
  chat: ChatPort,
  incoming: Incoming,
  interaction: Interaction,
  options?: HandleOptions,
) => Promise<unknown>;

/**
 * The core's one entry point. It never throws: refusals become private replies, and unexpected
 * failures are logged and answered. Each stored event is settled once: handled (a refusal is an
 * answer too) or failed.
 */
export async function handle(
  deps: Deps,
  given: Incoming,
  asked: Interaction,
  options: HandleOptions = {},
): Promise<Outcome> {
  // Every adapter strips NUL where requests come in; names looked up afterwards (a Slack profile,
  // a replayed event's) come through here too, so the core makes sure once more.
  const incoming = withoutNul(given);
  const interaction = withoutNul(asked);
  const received = await receiveOnce(deps, incoming, options.alreadyReceived === true);
  if (received !== 'first') return received;
  let outcome: Outcome = 'handled';
  try {
    const ctx = await resolveContext(deps, incoming);
    await route(ctx, interaction);
  } catch (error) {
    outcome = await answerError(deps, incoming, interaction, error);
    if (outcome === 'failed') return outcome;
  }
  await settleHandled(deps, incoming);
  return outcome;
}

async function route(ctx: Context, interaction: Interaction): Promise<void> {
  switch (interaction.kind) {
    case 'command':
      return runWords(ctx, interaction.text);
    case 'message':
      return threadMessage(ctx, interaction);
    case 'edit':
      return editAnswer(ctx, interaction);
    case 'delete':
      return removeAnswer(ctx, interaction);
    case 'action':
      return pressButton(ctx, interaction.action);
    case 'form':
      return submitForm(ctx, interaction.submission);
    case 'home':
      return showHome(ctx);
    default: {
      // Every kind an adapter may send has its case above; the compiler checks it.
      const unrouted: never = interaction;
      throw new Error(`No route for ${JSON.stringify(unrouted)}`);
    }
  }
}
