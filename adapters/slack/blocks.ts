import { randomUUID } from 'node:crypto';
import type { Button, Form, Message } from '../../src/core/messages.js';

// The core's messages as Block Kit. Everything people wrote is escaped, so a check-in can never
// ping the channel or forge a link; a button's value carries the core's action as JSON.

export const ACTION_PREFIX = 'mc_';
export const FORM_CALLBACK = 'mc_form';
const SECTION_LIMIT = 3000;

/** Slack's three control characters in mrkdwn. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function section(text: string) {
  const safe = escapeText(text);
  return { type: 'section', text: { type: 'mrkdwn', text: safe.length > SECTION_LIMIT ? `${safe.slice(0, SECTION_LIMIT - 1)}…` : safe } };
}

function button(item: Button, index: number) {
  return {
    type: 'button',
    action_id: `${ACTION_PREFIX}${index}`,
    text: { type: 'plain_text', text: item.label.slice(0, 75) },
    // The nonce makes a press of this button act once, however often its request is sent.
    value: JSON.stringify({ ...item.action, nonce: randomUUID() }),
    ...(item.style ? { style: item.style } : {}),
  };
}

export interface SlackMessage {
  /** The notification and accessibility text. */
  text: string;
  blocks: Record<string, unknown>[];
}

export function renderMessage(message: Message): SlackMessage {
  const blocks: Record<string, unknown>[] = [message.text, ...(message.sections ?? [])].map(section);
  if (message.buttons?.length) blocks.push({ type: 'actions', elements: message.buttons.map(button) });
  // The plain text is a fallback for notifications; Slack does not parse it as mrkdwn with blocks.
  return { text: escapeText(message.text).slice(0, 3000), blocks };
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
  const inputs = form.fields.map((field) => {
    const input = (element: Record<string, unknown>, optional: boolean, hint?: string) => ({
      type: 'input',
      block_id: field.name,
      optional,
      label: { type: 'plain_text', text: field.label.slice(0, 2000) },
      ...(hint ? { hint: { type: 'plain_text', text: hint } } : {}),
      element: { action_id: 'value', ...element },
    });
    switch (field.kind) {
      case 'text':
        return input(
          { type: 'plain_text_input', multiline: field.multiline === true, max_length: field.maxLength, ...(field.initial ? { initial_value: field.initial } : {}) },
          field.optional === true,
          field.hint,
        );
      case 'date':
        return input({ type: 'datepicker', ...(field.initial ? { initial_date: field.initial } : {}) }, false, field.hint);
      case 'select': {
        const option = (o: { value: string; label: string }) => ({ text: { type: 'plain_text', text: o.label.slice(0, 75) }, value: o.value });
        const initial = field.options.find((o) => o.value === field.initial);
        return input({ type: 'static_select', options: field.options.map(option), ...(initial ? { initial_option: option(initial) } : {}) }, false);
      }
      case 'checkbox': {
        const box = {
          text: { type: 'plain_text', text: field.label.slice(0, 75) },
          value: 'yes',
          ...(field.hint ? { description: { type: 'plain_text', text: field.hint.slice(0, 75) } } : {}),
        };
        return input({ type: 'checkboxes', options: [box], ...(field.initial ? { initial_options: [box] } : {}) }, true);
      }
    }
  });
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: form.title.slice(0, 24) },
    submit: { type: 'plain_text', text: form.submitLabel.slice(0, 24) },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [...(form.intro ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: escapeText(form.intro) }] }] : []), ...inputs],
  };
}
