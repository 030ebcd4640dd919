import { describe, expect, it } from 'vitest';
import { escapeText } from '../../adapters/slack/blocks.js';
import { messageProblems, viewProblems } from '../helpers/slack-limits.js';
import { MAX_ANSWER_LENGTH } from '../../src/core/session-messages.js';
import { coreCorpus, type CoreItem } from './corpus.js';
import { slackPayloads } from './corpus-payloads.js';
import { TEXTS } from './corpus-texts.js';

// Every payload the Slack adapter would send, held to Block Kit's documented limits (see
// test/helpers/slack-limits.ts for the rules and their sources). Slack refuses a payload past a limit
// rather than cutting it, so a failure here names a message, modal or Home view that would not appear.

const items = await coreCorpus();
const payloads = slackPayloads(items);
console.log(`Slack contract corpus: ${payloads.length} payloads from ${items.length} core items`);

const withoutSpace = (text: string) => text.replace(/\s+/g, '');

/** Every text of a payload's blocks, joined: what a reader could see. */
function shownText(blocks: unknown): string {
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      if ((object.type === 'mrkdwn' || object.type === 'plain_text') && typeof object.text === 'string')
        texts.push(object.text);
      Object.values(object).forEach(walk);
    }
  };
  walk(blocks);
  return texts.join('\n');
}

describe(`Slack: ${payloads.length} payloads rendered from the corpus of ${items.length} core messages, forms and Home views`, () => {
  it('covers every surface and kind', () => {
    expect(new Set(payloads.map((p) => p.method))).toEqual(
      new Set(['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'views.open', 'views.publish']),
    );
    expect(payloads.length).toBeGreaterThan(300);
    // Each session ran to its summary; the long texts' summaries hold twelve closing check-ins at the longest.
    // A long summary is posted as several messages (close/0, close/1, ...): counted together.
    const summaries = items.filter(
      (item) =>
        item.kind === 'message' && item.message.text.startsWith('Session summary') && item.name.endsWith('/close/0'),
    );
    expect(summaries.length).toBe(Object.keys(TEXTS).length);
    const closing = (label: string) =>
      items
        .filter((item) => item.name.startsWith(`${label}/close/`))
        .reduce((sum, item) => sum + JSON.stringify(item).length, 0);
    expect(Math.max(...Object.keys(TEXTS).map(closing))).toBeGreaterThan(12 * MAX_ANSWER_LENGTH);
  });

  it.each(payloads.map((p) => [p.name, p] as const))('%s is within Block Kit limits', (_name, payload) => {
    const problems = 'view' in payload.body ? viewProblems(payload.body.view) : messageProblems(payload.body);
    expect(problems).toEqual([]);
  });

  // A section cut at Slack's limit drops what came after it: a summary must show every check-in.
  const messages = items.filter((item): item is Exclude<CoreItem, { kind: 'form' }> => item.kind !== 'form');
  it.each(messages.map((item) => [item.name, item] as const))('%s shows all of its message', (_name, item) => {
    const parts = payloads
      .filter((p) => p.item === item.name)
      .map((p) => ('view' in p.body ? p.body.view.blocks : p.body.blocks));
    // A paragraph longer than a section goes on in the next one, split at a space: compared without spaces.
    const shown = withoutSpace(parts.map(shownText).join('\n'));
    const missing = [item.message.text, ...(item.message.sections ?? [])]
      .flatMap((paragraph) => paragraph.split('\n'))
      .filter((line) => !shown.includes(withoutSpace(escapeText(line))));
    expect(missing.map((line) => `${line.slice(0, 60)}… (${line.length} characters)`)).toEqual([]);
  });
});
