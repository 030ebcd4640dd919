import type { Attachment } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { escapeTeams } from '../../adapters/teams/escape.js';
import { textFaults } from '../helpers/slack-limits.js';
import { rendererFaults } from './adaptive-cards.js';
import { coreCorpus, type CoreItem } from './corpus.js';
import { teamsPayloads } from './corpus-payloads.js';

// Every activity the Teams adapter would send: each Adaptive Card checked by Microsoft's renderer
// (parsed as 1.5, properties validated, hosted as Teams hosts it); every text, in cards and in plain
// messages, whole (no emoji cut in half); and each activity within Teams' message size.

const items = await coreCorpus();
const payloads = teamsPayloads(items);
const cards = payloads.flatMap(({ name, activity }) =>
  (activity.attachments ?? []).map((attachment: Attachment, i) => ({
    name: activity.attachments?.length === 1 ? name : `${name}#${i}`,
    card: attachment.content as unknown,
  })),
);
console.log(
  `Teams contract corpus: ${payloads.length} activities, ${cards.length} Adaptive Cards, from ${items.length} core items`,
);

/**
 * Teams answers 413 MessageSizeTooBig to a bot message over about 100 KB, the whole payload counted
 * as UTF-16 (learn.microsoft.com, microsoftteams/platform/bots/how-to/format-your-bot-messages).
 */
const MESSAGE_BYTES = 100 * 1024;

/** Every string in a JSON value, with where it is. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

describe(`Teams: ${payloads.length} activities (${cards.length} Adaptive Cards) rendered from the corpus of ${items.length} core items`, () => {
  it('covers cards with buttons and forms, and plain messages', () => {
    expect(cards.some(({ card }) => JSON.stringify(card).includes('Input.Text'))).toBe(true);
    expect(cards.some(({ card }) => JSON.stringify(card).includes('Action.Submit'))).toBe(true);
    expect(payloads.some(({ activity }) => !activity.attachments && activity.text)).toBe(true);
  });

  it.each(cards.map((c) => [c.name, c.card] as const))(
    '%s: adaptivecards 1.5 parses and validates it without a warning',
    (_name, card) => {
      expect(rendererFaults(card)).toEqual([]);
    },
  );

  it.each(payloads.map((p) => [p.name, p.activity] as const))(
    '%s: whole texts, within the message size',
    (_name, activity) => {
      const faults = strings(activity).flatMap(([path, text]) => textFaults(text).map((fault) => `${path}: ${fault}`));
      // The texts as Teams holds them, two bytes a UTF-16 unit (JSON's own escapes are not counted).
      const bytes = strings(activity).reduce((sum, [, text]) => sum + text.length * 2, 0);
      if (bytes > MESSAGE_BYTES) faults.push(`${bytes} bytes, more than ${MESSAGE_BYTES}`);
      expect(faults).toEqual([]);
    },
  );

  // A text cut at the adapter's limit drops what came after it: a summary must show every check-in.
  const messages = items.filter((item): item is Exclude<CoreItem, { kind: 'form' }> => item.kind !== 'form');
  it.each(messages.map((item) => [item.name, item] as const))('%s shows all of its message', (_name, item) => {
    const activities = payloads.filter((p) => p.item === item.name).map((p) => p.activity);
    const card = activities.some((activity) => activity.attachments?.length) ? 'card' : 'text';
    const shown = activities.flatMap((activity) => strings(activity).map(([, text]) => text)).join('\n');
    const missing = [item.message.text, ...(item.message.sections ?? [])]
      .flatMap((paragraph) => paragraph.split('\n'))
      .filter((line) => !shown.includes(escapeTeams(line, card)));
    expect(missing.map((line) => `${line.slice(0, 60)}… (${line.length} characters)`)).toEqual([]);
  });
});
