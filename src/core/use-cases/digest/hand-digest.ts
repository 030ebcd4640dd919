import type { ChatPort, UserAddress } from '../../chat-port.js';
import { DomainError } from '../../errors.js';
import type { Message } from '../../messages.js';
import type { BuiltDigest } from './build-digest.js';

/**
 * Hands a built digest to one admin, privately. With a table, message and file go in one send
 * (`sendFiles`): Slack posts the message as the upload's comment only once the file is in, Teams
 * keeps the file behind a signed link before it posts the message that carries the link, the console
 * saves the file before it prints. So a send that fails part way shows nothing and is simply made
 * again when the outbox retries it; a retry never posts the message a second time beside a file it
 * already posted, or the file without its message. Where no file can go (a platform without
 * uploads, Teams without export links), the digest goes as before, every circle in the message.
 * `plainly` sends a message without files: a direct message, or a preview's private answer.
 * Returns whether the table went with it.
 */
export async function handDigest(
  chat: ChatPort,
  to: UserAddress,
  digest: BuiltDigest,
  plainly: (message: Message) => Promise<unknown>,
): Promise<boolean> {
  if (!digest.table) {
    await plainly(digest.message);
    return false;
  }
  if (!chat.sendFiles) {
    await plainly(digest.table.withoutIt());
    return false;
  }
  try {
    await chat.sendFiles(to, [digest.table.file], digest.message);
    return true;
  } catch (error) {
    // Refused before anything was sent (Teams without PUBLIC_URL and ENCRYPTION_KEY): the table goes in the message.
    if (!(error instanceof DomainError && error.code === 'NotAvailableYet')) throw error;
    await plainly(digest.table.withoutIt());
    return false;
  }
}
