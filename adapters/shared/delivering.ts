import type { ChatPort } from '../../src/core/chat-port.js';
import { DomainError } from '../../src/core/errors.js';
import type { DeliveryError } from '../../src/core/outbox.js';

/** A ChatPort whose failures arrive as DeliveryErrors, translated by the platform's own rules. */
export function deliveringWith(chat: ChatPort, toDeliveryError: (error: unknown) => DeliveryError): ChatPort {
  const wrap =
    <A extends unknown[], R>(send: (...args: A) => Promise<R>, passRefusals = false) =>
    async (...args: A): Promise<R> => {
      try {
        return await send(...args);
      } catch (error) {
        if (passRefusals && error instanceof DomainError) throw error;
        throw toDeliveryError(error);
      }
    };
  return {
    post: wrap(chat.post.bind(chat)),
    reply: wrap(chat.reply.bind(chat)),
    update: wrap(chat.update.bind(chat)),
    ephemeral: wrap(chat.ephemeral.bind(chat)),
    dm: wrap(chat.dm.bind(chat)),
    introduce: wrap(chat.introduce.bind(chat)),
    openForm: wrap(chat.openForm.bind(chat)),
    publishHome: wrap(chat.publishHome.bind(chat)),
    ...(chat.awayStatus ? { awayStatus: wrap(chat.awayStatus.bind(chat)) } : {}),
    // A digest's table goes as a file. A refusal before anything is sent (Teams without export links)
    // stays what it is, so the digest can go without the file instead of being retried for nothing.
    ...(chat.sendFiles ? { sendFiles: wrap(chat.sendFiles.bind(chat), true) } : {}),
    // A timed send may need the platform's word on a person (a digest to an admin Slack made one).
    ...(chat.isPlatformAdmin ? { isPlatformAdmin: wrap(chat.isPlatformAdmin.bind(chat)) } : {}),
  };
}
