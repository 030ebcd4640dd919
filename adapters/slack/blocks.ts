import { randomUUID } from 'node:crypto';
import type { Button, Form, Message } from '../../src/core/messages.js';
import { cutToUnits } from '../../src/core/text/graphemes.js';
import { escapeText, fitMrkdwn, inputMaxLength, mrkdwnPieces, plainText, SLACK_LIMITS } from './limits.js';

// The core's messages as Block Kit. Everything people wrote is escaped, so a check-in can never
// ping the channel or forge a link; a button's value carries the core's action as JSON. Every text
// is fitted to Slack's limits (limits.ts): a long paragraph becomes several sections, a long
// message several messages, so nothing anyone wrote is dropped.

export const ACTION_PREFIX = 'mc_';
export const FORM_CALLBACK = 'mc_form';
export { escapeText };

type Block = Record<string, unknown>;

function sections(text: string): Block[] {
  return mrkdwnPieces(text).map((piece) => ({ type: 'section', text: { type: 'mrkdwn', text: piece } }));
}

function button(item: Button, index: number) {
  // The nonce makes a press of this button act once, however often its request is sent.
  const value = JSON.stringify({ ...item.action, nonce: randomUUID() });
  // Cut, the action would not parse when pressed; Slack would refuse the whole message. Said here, clearly.
  if (value.length > SLACK_LIMITS.buttonValue)
    throw new Error(`the ${item.action.kind} button carries more than Slack's button value takes`);
  return {
    type: 'button',
    action_id: `${ACTION_PREFIX}${index}`,
    text: plainText(item.label, SLACK_LIMITS.buttonText),
    value,
    ...(item.style ? { style: item.style } : {}),
  };
}

export interface SlackMessage {
  /** The notification and accessibility text. */
  text: string;
  blocks: Record<string, unknown>[];
}

/**
 * The message as one or more Slack messages of at most `maxBlocks` blocks each, in order; the
 * buttons come last. Most messages are one; a summary of many long check-ins goes on in more.
 */
export function renderMessages(
  message: Message,
  maxBlocks: number = SLACK_LIMITS.blocksPerMessage,
): [SlackMessage, ...SlackMessage[]] {
  const content = [message.text, ...(message.sections ?? [])].flatMap(sections);
  // A message of nothing but blanks still needs one section for Slack to take it.
  if (content.length === 0) content.push({ type: 'section', text: { type: 'mrkdwn', text: '…' } });
  // There is always at least one section, so always a first page.
  const pages: [Block[], ...Block[][]] = [content.slice(0, maxBlocks)];
  for (let start = maxBlocks; start < content.length; start += maxBlocks)
    pages.push(content.slice(start, start + maxBlocks));
  if (message.buttons?.length) {
    const actions = { type: 'actions', elements: message.buttons.map(button) };
    const last = pages[pages.length - 1] ?? pages[0];
    if (last.length < maxBlocks) last.push(actions);
    else pages.push([actions]);
  }
  // The plain text is a fallback for notifications; Slack does not parse it as mrkdwn with blocks.
  const notification = fitMrkdwn(message.text, SLACK_LIMITS.notificationText);
  const continued = `${fitMrkdwn(message.text.split('\n')[0] ?? '', 200)} (continued)`;
  const [first, ...rest] = pages;
  return [{ text: notification, blocks: first }, ...rest.map((blocks) => ({ text: continued, blocks }))];
}

/**
 * The message as a single Slack message or view, for what cannot be several (an update in place, the
 * Home tab): what passes `maxBlocks` is left out, the buttons kept.
 */
export function renderMessage(message: Message, maxBlocks: number = SLACK_LIMITS.blocksPerMessage): SlackMessage {
  const pages = renderMessages(message, maxBlocks);
  const first = pages[0];
  if (pages.length === 1) return first;
  const actions = pages.at(-1)?.blocks.filter((block) => block.type === 'actions') ?? [];
  return { text: first.text, blocks: [...first.blocks.slice(0, maxBlocks - actions.length), ...actions] };
}

/**
 * Where a form came from, carried through the modal so the submission knows its channel, and the nonce
 * that makes its submission act once. The core trusts neither: it acts on what the session it names is.
 */
export interface FormMetadata {
  kind: Form['kind'];
  context: Form['context'];
  channel: string;
  nonce: string;
}

export function renderModal(form: Form, channel: string) {
  const metadata: FormMetadata = { kind: form.kind, context: form.context, channel, nonce: randomUUID() };
  const privateMetadata = JSON.stringify(metadata);
  // Cutting JSON would only make the submission unreadable: a form that cannot carry its context is a bug.
  if (privateMetadata.length > SLACK_LIMITS.privateMetadata)
    throw new Error(`the ${form.kind} form carries more than Slack's private_metadata takes`);
  const inputs = form.fields.map((field) => {
    const input = (element: Record<string, unknown>, optional: boolean, hint?: string) => ({
      type: 'input',
      block_id: field.name,
      optional,
      label: plainText(field.label, SLACK_LIMITS.inputLabel),
      ...(hint ? { hint: plainText(hint, SLACK_LIMITS.inputHint) } : {}),
      element: { action_id: 'value', ...element },
    });
    switch (field.kind) {
      case 'text': {
        // The core's limit is for every platform; a Slack input takes at most 3,000.
        const maxLength = inputMaxLength(field.maxLength);
        return input(
          {
            type: 'plain_text_input',
            multiline: field.multiline === true,
            max_length: maxLength,
            ...(field.initial ? { initial_value: cutToUnits(field.initial, maxLength) } : {}),
          },
          field.optional === true,
          field.hint,
        );
      }
      case 'date':
        return input(
          { type: 'datepicker', ...(field.initial ? { initial_date: field.initial } : {}) },
          false,
          field.hint,
        );
      case 'select': {
        const option = (o: { value: string; label: string }) => ({
          text: plainText(o.label, SLACK_LIMITS.optionText),
          value: o.value,
        });
        const initial = field.options.find((o) => o.value === field.initial);
        return input(
          {
            type: 'static_select',
            options: field.options.map(option),
            ...(initial ? { initial_option: option(initial) } : {}),
          },
          false,
        );
      }
      case 'checkbox': {
        const box = {
          text: plainText(field.label, SLACK_LIMITS.optionText),
          value: 'yes',
          ...(field.hint ? { description: plainText(field.hint, SLACK_LIMITS.optionDescription) } : {}),
        };
        return input(
          { type: 'checkboxes', options: [box], ...(field.initial ? { initial_options: [box] } : {}) },
          true,
        );
      }
    }
  });
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK,
    private_metadata: privateMetadata,
    title: plainText(form.title, SLACK_LIMITS.viewTitle),
    submit: plainText(form.submitLabel, SLACK_LIMITS.viewSubmit),
    close: plainText('Cancel', SLACK_LIMITS.viewClose),
    blocks: [
      ...(form.intro
        ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: fitMrkdwn(form.intro, SLACK_LIMITS.contextText) }] }]
        : []),
      ...inputs,
    ],
  };
}
