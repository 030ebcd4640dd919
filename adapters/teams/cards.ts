import { randomUUID } from 'node:crypto';
import type { Activity, Attachment } from 'botbuilder';
import type { Button, Form, FormField, Message } from '../../src/core/messages.js';
import { escapeTeams } from './escape.js';
import { cutToUnits } from '../../src/core/text/graphemes.js';
import { TEAMS_LIMITS, teamsText, teamsTitle } from './teams-text.js';

// The core's messages as Teams activities: plain text when there is nothing to press, an Adaptive
// Card (schema 1.5) with Action.Submit buttons otherwise, and forms as cards of Input.* fields. A
// button's data carries the core's action; a form's carries its kind and context. Both come back in
// the submission's `value` and are parsed again by the core.

const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

function card(body: Record<string, unknown>[], actions: Record<string, unknown>[]): Attachment {
  return {
    contentType: CARD_CONTENT_TYPE,
    content: {
      type: 'AdaptiveCard',
      $schema: CARD_SCHEMA,
      version: '1.5',
      body,
      ...(actions.length ? { actions } : {}),
      msteams: { width: 'Full' },
    },
  };
}

/** A TextBlock of text from the core, which may hold what people wrote: escaped for the card. */
const textBlock = (text: string, extra: Record<string, unknown> = {}) =>
  markdownBlock(escapeTeams(text, 'card'), extra);
/** A TextBlock of Markdown the adapter wrote itself (a link to our own server). */
const markdownBlock = (markdown: string, extra: Record<string, unknown> = {}) => ({
  type: 'TextBlock',
  text: teamsText(markdown, 'text'),
  wrap: true,
  ...extra,
});

function submit(button: Button) {
  return {
    type: 'Action.Submit',
    title: teamsTitle(button.label, 'title'),
    // The nonce makes a press of this button act once, however often its activity is sent.
    data: { mcAction: { ...button.action, nonce: randomUUID() } },
    ...(button.style === 'primary' ? { style: 'positive' } : button.style === 'danger' ? { style: 'destructive' } : {}),
  };
}

/**
 * `ownMarkdown`: paragraphs the adapter wrote (links to our own server), added after the message
 * unescaped; everything from the core is escaped, since it may hold what people wrote.
 */
/**
 * The message as one or more activities, in order: a long text goes on in further messages, split
 * between paragraphs (a paragraph longer than a message, between graphemes, each piece escaped on its
 * own so no escape is cut in two), so nothing is cut off. A card (a message with buttons) is one.
 */
export function renderMessages(
  message: Message,
  ownMarkdown: string[] = [],
): [Partial<Activity>, ...Partial<Activity>[]] {
  const paragraphs = [message.text, ...(message.sections ?? [])];
  const full = [...paragraphs.map((paragraph) => escapeTeams(paragraph, 'text')), ...ownMarkdown].join('\n\n');
  if (message.buttons?.length || full.length <= TEAMS_LIMITS.text) return [renderMessage(message, ownMarkdown)];
  // Escaping can make a text up to five times longer (`&` is `&amp;`): pieces of a fifth always fit.
  const pieces = [
    ...paragraphs.flatMap((paragraph) => {
      const escaped = escapeTeams(paragraph, 'text');
      return escaped.length <= TEAMS_LIMITS.text
        ? [escaped]
        : splitUnits(paragraph, Math.floor(TEAMS_LIMITS.text / 5)).map((part) => escapeTeams(part, 'text'));
    }),
    ...ownMarkdown,
  ];
  const texts: string[] = [];
  for (const piece of pieces) {
    const last = texts.at(-1);
    if (last !== undefined && last.length + 2 + piece.length <= TEAMS_LIMITS.text)
      texts[texts.length - 1] = `${last}\n\n${piece}`;
    else texts.push(piece);
  }
  const [first = '', ...rest] = texts;
  return [
    { type: 'message', textFormat: 'markdown', text: first },
    ...rest.map((text) => ({ type: 'message', textFormat: 'markdown', text })),
  ];
}

/** `text` in pieces of at most `units` UTF-16 units, each ending on a grapheme boundary. */
function splitUnits(text: string, units: number): string[] {
  const parts: string[] = [];
  for (let rest = text; rest.length > 0;) {
    const part = cutToUnits(rest, units) || rest.slice(0, units);
    parts.push(part);
    rest = rest.slice(part.length);
  }
  return parts;
}

/** The message as a single activity, for what cannot be several (an update in place): a long text is cut. */
export function renderMessage(message: Message, ownMarkdown: string[] = []): Partial<Activity> {
  const paragraphs = [message.text, ...(message.sections ?? [])];
  if (!message.buttons?.length) {
    // Markdown keeps the core's `code` spans; a blank line between paragraphs keeps them apart.
    const text = [...paragraphs.map((paragraph) => escapeTeams(paragraph, 'text')), ...ownMarkdown].join('\n\n');
    return { type: 'message', textFormat: 'markdown', text: teamsText(text, 'text') };
  }
  // `summary` is the notification, shown as plain text.
  const body = [
    ...paragraphs.map((paragraph, index) => textBlock(paragraph, index === 0 ? { weight: 'Bolder' } : {})),
    ...ownMarkdown.map((markdown) => markdownBlock(markdown)),
  ];
  return {
    type: 'message',
    summary: teamsTitle(message.text, 'summary'),
    attachments: [card(body, message.buttons.map(submit))],
  };
}

function input(field: FormField): Record<string, unknown>[] {
  const label = teamsTitle(field.label, 'label');
  switch (field.kind) {
    case 'text':
      return [
        {
          type: 'Input.Text',
          id: field.name,
          label,
          isMultiline: field.multiline === true,
          maxLength: field.maxLength,
          isRequired: field.optional !== true,
          ...(field.hint ? { placeholder: field.hint } : {}),
          ...(field.initial ? { value: field.initial } : {}),
          ...(field.optional === true ? {} : { errorMessage: 'Please fill this in.' }),
        },
      ];
    case 'date':
      return [
        {
          type: 'Input.Date',
          id: field.name,
          label,
          isRequired: true,
          errorMessage: 'Please pick a date.',
          ...(field.initial ? { value: field.initial } : {}),
        },
        ...(field.hint ? [textBlock(field.hint, { isSubtle: true, size: 'Small' })] : []),
      ];
    case 'select':
      return [
        {
          type: 'Input.ChoiceSet',
          id: field.name,
          label,
          style: 'compact',
          isRequired: true,
          value: field.initial,
          // Required, so Teams asks for an error message to show when nothing is chosen.
          errorMessage: 'Please choose one.',
          choices: field.options.map((option) => ({ title: teamsTitle(option.label, 'title'), value: option.value })),
        },
      ];
    case 'checkbox':
      return [
        {
          type: 'Input.Toggle',
          id: field.name,
          title: label,
          valueOn: 'true',
          valueOff: 'false',
          value: field.initial ? 'true' : 'false',
        },
        ...(field.hint ? [textBlock(field.hint, { isSubtle: true, size: 'Small' })] : []),
      ];
  }
}

/** Field names a form may use: never our own data keys, which a field could otherwise overwrite. */
const RESERVED = new Set(['mcAction', 'mcForm']);

/**
 * `channel` is where the form was asked for, for the record only: the core acts on the session or goal
 * the form names, for someone the platform says may act there. The nonce makes it act once.
 */
export function renderForm(form: Form, channel: string): Partial<Activity> {
  const body = [
    textBlock(form.title, { size: 'Medium', weight: 'Bolder' }),
    ...(form.intro ? [textBlock(form.intro, { isSubtle: true })] : []),
    ...form.fields.filter((field) => !RESERVED.has(field.name)).flatMap(input),
  ];
  const actions = [
    {
      type: 'Action.Submit',
      title: teamsTitle(form.submitLabel, 'title'),
      style: 'positive',
      data: { mcForm: { kind: form.kind, context: form.context, channel, nonce: randomUUID() } },
    },
  ];
  return { type: 'message', summary: form.title, attachments: [card(body, actions)] };
}
