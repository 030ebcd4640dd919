import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMessage, renderMessages, renderModal } from '../../adapters/slack/blocks.js';
import { fitMrkdwn, inputMaxLength, mrkdwnPieces, plainText } from '../../adapters/slack/limits.js';
import type { Form } from '../../src/core/messages.js';
import { checkinForm } from '../../src/core/session-messages.js';
import type { Session } from '../../src/core/model.js';

// Every text the Slack adapter renders fits Slack's documented limits, is cut only between
// characters a reader sees (and never inside an `&amp;`), and loses nothing that could be shown.

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** An `&` that does not start one of the three escapes: a cut went through one. */
const brokenEscape = /&(?!amp;|lt;|gt;)/;
const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const withoutBreaks = (text: string) => text.replace(/[\n ]/g, '');

type Block = { type: string; text?: { text: string }; elements?: { text: { text: string }; value: string }[] };

describe('Slack text limits', () => {
  it('splits long text into pieces within the limit, between lines first, losing nothing', () => {
    const hostile = fc.string({
      unit: fc.constantFrom('a', ' ', '\n', '&', '<', '>', '👍🏽', '👩‍🏫', '🇬🇧', 'é'),
      maxLength: 400,
    });
    fc.assert(
      fc.property(hostile, fc.integer({ min: 12, max: 60 }), (text, max) => {
        const pieces = mrkdwnPieces(text, max);
        for (const piece of pieces) {
          expect(piece.length).toBeGreaterThan(0);
          expect(piece.length).toBeLessThanOrEqual(max);
          expect(loneSurrogate.test(piece)).toBe(false);
          expect(brokenEscape.test(piece)).toBe(false);
        }
        expect(withoutBreaks(unescape(pieces.join('')))).toBe(withoutBreaks(text));
      }),
    );
  });

  it('keeps lines whole when they fit, and a long line goes on in the next piece', () => {
    expect(mrkdwnPieces('one\ntwo\nthree', 8)).toEqual(['one\ntwo', 'three']);
    expect(mrkdwnPieces('a&b', 6)).toEqual(['a&amp;', 'b']);
    expect(mrkdwnPieces('👍🏽👍🏽👍🏽', 5)).toEqual(['👍🏽', '👍🏽', '👍🏽']);
    expect(mrkdwnPieces('\n\n')).toEqual([]);
    expect(renderMessage({ text: ' ' }).blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: '…' } }]);
  });

  it('shortens single texts with an ellipsis on a grapheme boundary', () => {
    expect(fitMrkdwn('a<b', 10)).toBe('a&lt;b');
    expect(fitMrkdwn('ab&cd', 5)).toBe('ab…');
    expect(plainText('Share what is working this week', 24).text).toHaveLength(24);
    expect(plainText('😀'.repeat(20), 24).text).toBe(`${'😀'.repeat(11)}…`);
    expect(plainText('', 24).text).toBe(' ');
  });

  it('asks for a max_length Slack accepts', () => {
    expect([inputMaxLength(4000), inputMaxLength(0), inputMaxLength(200)]).toEqual([3000, 1, 200]);
  });
});

describe('Slack messages past Slack limits', () => {
  it('makes each long paragraph several sections and a long message several messages, buttons last', () => {
    const sections = Array.from({ length: 70 }, (_, i) => `• Person ${i}: ${'a & b 👩‍🏫 '.repeat(120)}`);
    const pages = renderMessages({
      text: 'Session summary: Grade 3',
      sections: [sections.join('\n')],
      buttons: [{ label: 'Next', action: { kind: 'session.next', sessionId: 1, phase: 'opening' } }],
    });
    expect(pages.length).toBeGreaterThan(1);
    const blocks = pages.flatMap((page) => page.blocks as Block[]);
    for (const page of pages) expect(page.blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    expect(pages.slice(1).every((page) => page.text === 'Session summary: Grade 3 (continued)')).toBe(true);
    expect(blocks.at(-1)?.type).toBe('actions');
    const shown = unescape(blocks.flatMap((b) => (b.text ? [b.text.text] : [])).join('\n'));
    for (const line of sections) expect(shown).toContain(line);
  });

  it('keeps one message where only one can be (an update, the Home tab), with its buttons', () => {
    const message = {
      text: 'Home',
      sections: Array.from({ length: 120 }, (_, i) => `Goal ${i}`),
      buttons: [{ label: 'Set a goal', action: { kind: 'goal.form' as const } }],
    };
    const home = renderMessage(message, 100);
    expect(home.blocks).toHaveLength(100);
    expect(home.blocks.at(-1)?.type).toBe('actions');
    expect(renderMessage({ text: 'short' }).blocks).toHaveLength(1);
  });
});

describe('Slack button values', () => {
  const draft = (fill: string) => ({
    specific: fill.repeat(200),
    measure: fill.repeat(200),
    firstStep: fill.repeat(200),
    relevance: fill.repeat(300),
    dueOn: '2026-12-18',
    cadence: 'biweekly' as const,
    celebrate: true,
  });
  const coaching = (fill: string) => ({
    text: 'Before I save it',
    buttons: [
      {
        label: 'Save as it is',
        action: { kind: 'goal.save' as const, draft: draft(fill), reworks: 12345, communityId: 12345 },
      },
    ],
  });

  it('carry a goal written to every field limit within the 2,000 Slack takes', () => {
    const [page] = renderMessages(coaching('a'));
    const value = (page.blocks.at(-1) as Block).elements?.[0]?.value ?? '';
    expect(value.length).toBeLessThanOrEqual(2000);
  });

  it('are never cut: one that cannot fit is refused before Slack sees it', () => {
    expect(() => renderMessages(coaching('"'))).toThrow(/button value/);
  });
});

describe('Slack modals within Slack limits', () => {
  const session: Session = {
    id: 7,
    communityId: 1,
    phase: 'opening',
    topic: null,
    channelId: 'C1',
    rootMessageId: null,
    openedAt: new Date(0),
    closedAt: null,
  };

  it('opens the check-in form with an input Slack accepts', () => {
    const modal = renderModal(checkinForm(session, 'opening'), 'C1') as unknown as {
      blocks: { element?: { type: string; max_length?: number } }[];
    };
    const input = modal.blocks.find((b) => b.element?.type === 'plain_text_input')?.element;
    expect(input?.max_length).toBe(3000);
  });

  it('fits titles, labels, options and the carried context, cutting only between graphemes', () => {
    const long = `${'Très bien 👍🏽 '.repeat(300)}`;
    const form: Form = {
      kind: 'goal',
      title: long,
      submitLabel: long,
      intro: `${long}<!channel>`,
      fields: [
        { kind: 'text', name: 'specific', label: long, hint: long, maxLength: 5000, initial: long },
        {
          kind: 'select',
          name: 'cadence',
          label: long,
          options: [{ value: 'weekly', label: long }],
          initial: 'weekly',
        },
        { kind: 'checkbox', name: 'celebrate', label: long, hint: long, initial: true },
      ],
      context: { reworks: 3 },
    };
    const modal = renderModal(form, 'C1') as unknown as Record<string, unknown> & { blocks: Record<string, unknown>[] };
    const texts: { path: string; text: string }[] = [];
    const walk = (value: unknown, path: string): void => {
      if (typeof value === 'string') texts.push({ path, text: value });
      else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`));
      else if (value && typeof value === 'object')
        for (const [key, item] of Object.entries(value)) walk(item, `${path}.${key}`);
    };
    walk(modal, 'view');
    for (const { path, text } of texts) expect(loneSurrogate.test(text), path).toBe(false);
    const limit = (path: string) =>
      /^view\.(title|submit|close)\.text$/.test(path)
        ? 24
        : /options\[\d+\]\.(text|description)\.text$|initial_option\.text\.text$|initial_options\[\d+\]\.(text|description)\.text$/.test(
              path,
            )
          ? 75
          : 3000;
    for (const { path, text } of texts) expect(text.length, path).toBeLessThanOrEqual(limit(path));
    expect(String(modal.private_metadata).length).toBeLessThanOrEqual(3000);
    const input = modal.blocks[1] as { element: { max_length: number; initial_value: string } };
    expect(input.element.max_length).toBe(3000);
    expect(input.element.initial_value.length).toBeLessThanOrEqual(3000);
  });
});
