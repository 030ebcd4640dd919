import type { ChatPort } from './chat-port.js';
import type { Community } from './model.js';
import type { NewOutboxItem } from './outbox.js';
import type { Store } from './ports/store.js';
import { reflectionPrompt } from './session-messages.js';

// A reflection prompt posted to the channel between sessions (by `prompt`, or the mid-week prompt) is
// recorded and written as an outbox item in one transaction; the item posts it and notes the message
// that roots its thread, where replies count as reflections.

export const PROMPT_POST = 'prompt.post';

export function promptPost(
  community: Pick<Community, 'workspaceId'>,
  postId: number,
  key: string,
  now: Date,
): NewOutboxItem {
  return { workspaceId: community.workspaceId, kind: PROMPT_POST, key, dueAt: now, payload: { postId } };
}

export async function sendPromptPost(
  deps: { store: Store; chat: ChatPort },
  workspace: string,
  postId: number,
): Promise<void> {
  const { store, chat } = deps;
  const post = await store.prompts.findPost(postId);
  const community = post ? await store.communities.findById(post.communityId) : null;
  if (!post || !community) return;
  const posted = await chat.post({ workspace, channel: community.channelId }, reflectionPrompt(post.promptText));
  await store.prompts.setPostMessage(post.id, posted.id);
}
