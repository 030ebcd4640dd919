import { describe, expect, it } from 'vitest';
import type { ChatPort } from '../../src/core/chat-port.js';
import { DomainError } from '../../src/core/errors.js';
import type { OutgoingFile } from '../../src/core/messages.js';
import type { BuiltDigest } from '../../src/core/use-cases/digest/build-digest.js';
import { handDigest } from '../../src/core/use-cases/digest/hand-digest.js';
import { RecordingChat } from '../helpers/recording-chat.js';

// How a built digest reaches the admin: with its table in one send, or, where no file can go, with
// every circle in the message; never the message twice, never a file without it.

const to = { workspace: 'T1', user: 'UADMIN' };
const file: OutgoingFile = {
  name: 'mentor-circle-digest-2026-11-30.csv',
  mimeType: 'text/csv',
  content: 'week starting,circle\r\n',
};
const digest = (table: boolean): BuiltDigest => ({
  message: { text: 'one screen' },
  stored: {} as BuiltDigest['stored'],
  table: table ? { file, withoutIt: () => ({ text: 'every circle' }) } : null,
});
const plainly = (chat: RecordingChat) => (message: { text: string }) => chat.dm(to, message);
/** What went to the admin, by kind and message. */
const seen = (chat: RecordingChat) => chat.sent.map((s) => [s.kind, 'message' in s ? s.message : null]);

describe('handing a digest to an admin', () => {
  it('sends a small school’s digest as the message alone', async () => {
    const chat = new RecordingChat();
    expect(await handDigest(chat, to, digest(false), plainly(chat))).toBe(false);
    expect(seen(chat)).toEqual([['dm', { text: 'one screen' }]]);
  });

  it('sends a larger school’s message and table together, in one send', async () => {
    const chat = new RecordingChat();
    expect(await handDigest(chat, to, digest(true), plainly(chat))).toBe(true);
    expect(chat.sent).toEqual([{ kind: 'files', to, files: [file], message: { text: 'one screen' } }]);
  });

  it('lists every circle in the message where the platform cannot take files, or refuses them before sending anything', async () => {
    const withoutFiles = new RecordingChat();
    // A platform without uploads: the same port, less sendFiles.
    const bare: ChatPort = {
      post: withoutFiles.post.bind(withoutFiles),
      reply: withoutFiles.reply.bind(withoutFiles),
      update: withoutFiles.update.bind(withoutFiles),
      ephemeral: withoutFiles.ephemeral.bind(withoutFiles),
      dm: withoutFiles.dm.bind(withoutFiles),
      introduce: withoutFiles.introduce.bind(withoutFiles),
      openForm: withoutFiles.openForm.bind(withoutFiles),
      publishHome: withoutFiles.publishHome.bind(withoutFiles),
    };
    expect(await handDigest(bare, to, digest(true), plainly(withoutFiles))).toBe(false);
    expect(seen(withoutFiles)).toEqual([['dm', { text: 'every circle' }]]);

    const refusing = new RecordingChat();
    refusing.sendFiles = async () => {
      throw new DomainError('NotAvailableYet', 'Exports are not set up for Teams here yet.');
    };
    expect(await handDigest(refusing, to, digest(true), plainly(refusing))).toBe(false);
    expect(seen(refusing)).toEqual([['dm', { text: 'every circle' }]]);
  });

  it('lets a failed send fail whole, for the outbox to make again, sending nothing else', async () => {
    const failing = new RecordingChat();
    failing.sendFiles = async () => {
      throw new Error('completeUploadExternal: internal_error');
    };
    await expect(handDigest(failing, to, digest(true), plainly(failing))).rejects.toThrow('internal_error');
    expect(failing.sent).toEqual([]);
  });
});
