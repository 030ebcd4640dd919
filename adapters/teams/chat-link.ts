import { escapeTeams, type TeamsSurface } from './escape.js';

// Teams lets no bot create a group chat, so an introduction reaches each person in their own chat
// with the bot, with a link that starts a chat with the other. The link is Teams' deep link to a new
// chat (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-teams),
// which takes a person's Microsoft Entra object id or user principal name, never the `29:` id the Bot
// Framework knows them by.

/** A Bot Framework channel account id (`29:` a person, `28:` a bot): not what a chat link takes. */
const BOT_FRAMEWORK_ID = /^\d{1,2}:/;

/** The id a chat link may name the person by, of those Teams gave: the Entra object id first, else the UPN. */
export function chatLinkId(
  account: { aadObjectId?: string | undefined; userPrincipalName?: string | undefined } | undefined,
): string | undefined {
  return [account?.aadObjectId, account?.userPrincipalName].find(
    (id): id is string => typeof id === 'string' && id.trim() !== '' && !BOT_FRAMEWORK_ID.test(id),
  );
}

/** The link that opens a new chat with the person. */
function chatLink(entraId: string): string {
  // Parentheses too, so the URL cannot end the Markdown link it stands in.
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(entraId).replace(/\(/g, '%28').replace(/\)/g, '%29')}`;
}

/**
 * The line added to one person's copy of an introduction, naming the other: a link to start a chat
 * with them when their Entra id is known, else where to find them. Markdown of the adapter's own, the
 * name escaped for the surface it is shown on (a card's TextBlock or a message's text).
 */
export function meetLine(other: { name: string; entraId?: string | undefined }, surface: TeamsSurface): string {
  const name = escapeTeams(other.name, surface);
  return other.entraId
    ? `Start a chat with ${name}: [chat with ${name}](${chatLink(other.entraId)})`
    : `To talk, find ${name} in Teams to start a chat.`;
}
