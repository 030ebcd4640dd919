import { messageProblems, viewProblems } from './slack-limits.js';

// What the fake Web API refuses, as Slack refuses it: a message or view outside Block Kit's documented
// limits (slack-limits.ts) is answered with Slack's error instead of being shown.

const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);
const VIEW_METHODS = new Set(['views.open', 'views.update', 'views.push', 'views.publish']);

/** Slack's refusal of a Web API call's payload outside Block Kit's limits, with what was wrong, or null. */
export function slackRefusal(method: string, args: Record<string, unknown>): Record<string, unknown> | null {
  const [error, problems] = MESSAGE_METHODS.has(method)
    ? ['invalid_blocks', messageProblems(args)]
    : VIEW_METHODS.has(method)
      ? ['invalid_arguments', viewProblems(args.view)]
      : ['', []];
  return problems.length ? { ok: false, error, response_metadata: { messages: problems } } : null;
}

/** A response URL refuses blocks Slack cannot show (with a 400 and `invalid_blocks` as its body). */
export function responseUrlRefuses(body: Record<string, unknown>): boolean {
  return messageProblems(body).length > 0;
}
