import type { ChatPort } from '../core/chat-port.js';

/**
 * The same ChatPort, calling `before(place)` ahead of each send: `place` is the channel a message
 * goes to, or `@user` for what goes to one person. When `before` throws, nothing is sent. Forms are
 * opened at once (Slack's trigger lasts 3 seconds) and reads are left alone.
 */
export function beforeEachSend(chat: ChatPort, before: (place: string) => Promise<void>): ChatPort {
  const person = (user: string) => `@${user}`;
  const guarded: ChatPort = {
    post: async (to, message) => {
      await before(to.channel);
      return chat.post(to, message);
    },
    reply: async (thread, message) => {
      await before(thread.channel);
      return chat.reply(thread, message);
    },
    update: async (ref, message) => {
      await before(ref.channel);
      return chat.update(ref, message);
    },
    ephemeral: async (where, user, message) => {
      await before(where.channel);
      return chat.ephemeral(where, user, message);
    },
    dm: async (to, message) => {
      await before(person(to.user));
      return chat.dm(to, message);
    },
    // An introduction reaches both people (one group DM on Slack, a copy in each personal chat on
    // Teams): each person's place is waited for, and the lease checked, before anything is sent.
    introduce: async (workspace, people, message) => {
      for (const introduced of people) await before(person(introduced.user));
      return chat.introduce(workspace, people, message);
    },
    openForm: (where, form) => chat.openForm(where, form),
    publishHome: async (to, view) => {
      await before(person(to.user));
      return chat.publishHome(to, view);
    },
  };
  const sendFiles = chat.sendFiles?.bind(chat);
  if (sendFiles) {
    guarded.sendFiles = async (to, files, message) => {
      await before(person(to.user));
      return sendFiles(to, files, message);
    };
  }
  const awayStatus = chat.awayStatus?.bind(chat);
  if (awayStatus) guarded.awayStatus = (who) => awayStatus(who);
  return guarded;
}
