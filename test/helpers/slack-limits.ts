import type { types } from '@slack/bolt';

// Slack's documented Block Kit limits, checked on a payload as the bot sends it. Slack refuses a
// message or view that breaks one (`invalid_blocks`, `invalid_arguments`) instead of cutting it, so
// the contract tests and the fake Web API both hold every payload to them. Lengths are counted in
// UTF-16 units, as Slack counts them; a text must also be well-formed (no half of an emoji).
//
// Sources (Slack reference, docs.slack.dev):
// - reference/block-kit/blocks: 50 blocks a message, 100 a modal or Home tab; block_id 255;
//   section text 3000 and fields at most 10 of 2000 each; header text plain_text 150; context at
//   most 10 elements; actions at most 25 elements; input label and hint plain_text 2000.
// - reference/block-kit/block-elements: action_id 255; button text plain_text 75, value 2000,
//   url 3000, style primary|danger; plain-text input max_length 1..3000, min_length 0..3000,
//   placeholder plain_text 150; select options at most 100; checkboxes 1..10 options.
// - reference/block-kit/composition-objects: option text 75, value 150, description 75; a text
//   object's text is 1..3000 characters.
// - reference/views/modal-views and home-tab-views: title plain_text 24 (required), submit and close
//   plain_text 24, submit required with an input block, private_metadata 3000, callback_id 255.

export type SlackMessagePayload = { text?: string; blocks?: types.KnownBlock[] };
export type SlackView = types.ModalView | types.HomeView;

const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  blockId: 255,
  actionId: 255,
  text: 3000,
  sectionFields: 10,
  sectionField: 2000,
  header: 150,
  contextElements: 10,
  actionsElements: 25,
  inputLabel: 2000,
  inputHint: 2000,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  placeholder: 150,
  inputLength: 3000,
  options: 100,
  checkboxOptions: 10,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  /** chat.postMessage's `text`, past which Slack cuts it. */
  messageText: 40_000,
} as const;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value as a refusal names it: a string as it is, anything else as JSON. */
const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const LONE_SURROGATE = /\p{Cs}/u;
const REGIONAL_INDICATOR = /^\p{RI}$/u;

/**
 * What is wrong with a text as text: half an emoji (a lone surrogate, which Slack refuses or shows
 * as a replacement character), a cut that left a joiner or half a flag before the ellipsis or at the
 * end, or a NUL.
 */
export function textFaults(text: string): string[] {
  const faults: string[] = [];
  if (LONE_SURROGATE.test(text)) faults.push('holds a lone surrogate (an emoji cut in half)');
  if (text.includes('\u0000')) faults.push('holds a NUL character');
  const parts = Array.from(segmenter.segment(text), (s) => s.segment);
  parts.forEach((part, index) => {
    const next = parts[index + 1];
    if (next !== undefined && next !== '…') return;
    if (part.endsWith('\u200d')) faults.push('ends a cut with a zero-width joiner (an emoji sequence cut in half)');
    else if (REGIONAL_INDICATOR.test(part)) faults.push('ends a cut with half a flag');
  });
  return faults;
}

class Checker {
  readonly problems: string[] = [];

  fail(path: string, rule: string): void {
    this.problems.push(`${path}: ${rule}`);
  }

  length(path: string, value: unknown, max: number, min = 0): void {
    if (typeof value !== 'string') {
      this.fail(path, 'must be a string');
      return;
    }
    if (value.length > max) this.fail(path, `${value.length} characters, more than ${max}`);
    if (value.length < min) this.fail(path, `${value.length} characters, fewer than ${min}`);
    for (const fault of textFaults(value)) this.fail(path, fault);
  }

  count(path: string, value: unknown, max: number, min = 0): unknown[] {
    if (!Array.isArray(value)) {
      if (min > 0 || value !== undefined) this.fail(path, 'must be an array');
      return [];
    }
    if (value.length > max) this.fail(path, `${value.length} items, more than ${max}`);
    if (value.length < min) this.fail(path, `${value.length} items, fewer than ${min}`);
    return value;
  }

  /** A text object; `plainOnly` where Slack requires plain_text. */
  textObject(path: string, value: unknown, max: number, plainOnly: boolean): void {
    if (!isObject(value)) {
      this.fail(path, 'must be a text object');
      return;
    }
    if (value.type !== 'plain_text' && value.type !== 'mrkdwn')
      this.fail(`${path}.type`, `unknown text type ${String(value.type)}`);
    if (plainOnly && value.type !== 'plain_text') this.fail(`${path}.type`, 'must be plain_text');
    this.length(`${path}.text`, value.text, max, 1);
  }

  optional(path: string, value: unknown, check: (path: string, value: unknown) => void): void {
    if (value !== undefined) check(path, value);
  }

  block(path: string, block: unknown, surface: 'message' | 'view'): void {
    if (!isObject(block)) {
      this.fail(path, 'must be an object');
      return;
    }
    this.optional(`${path}.block_id`, block.block_id, (p, v) => this.length(p, v, LIMITS.blockId, 1));
    switch (block.type) {
      case 'section':
        if (block.text === undefined && block.fields === undefined) this.fail(path, 'a section needs text or fields');
        this.optional(`${path}.text`, block.text, (p, v) => this.textObject(p, v, LIMITS.text, false));
        this.count(`${path}.fields`, block.fields, LIMITS.sectionFields).forEach((field, i) =>
          this.textObject(`${path}.fields[${i}]`, field, LIMITS.sectionField, false),
        );
        this.optional(`${path}.accessory`, block.accessory, (p, v) => this.element(p, v));
        break;
      case 'header':
        this.textObject(`${path}.text`, block.text, LIMITS.header, true);
        break;
      case 'divider':
        break;
      case 'context':
        this.count(`${path}.elements`, block.elements, LIMITS.contextElements, 1).forEach((element, i) => {
          const at = `${path}.elements[${i}]`;
          if (isObject(element) && element.type === 'image') return;
          this.textObject(at, element, LIMITS.text, false);
        });
        break;
      case 'actions':
        this.count(`${path}.elements`, block.elements, LIMITS.actionsElements, 1).forEach((element, i) =>
          this.element(`${path}.elements[${i}]`, element),
        );
        break;
      case 'input':
        if (surface === 'message') this.fail(path, 'input blocks belong in modals and the Home tab');
        this.textObject(`${path}.label`, block.label, LIMITS.inputLabel, true);
        this.optional(`${path}.hint`, block.hint, (p, v) => this.textObject(p, v, LIMITS.inputHint, true));
        this.element(`${path}.element`, block.element);
        break;
      default:
        this.fail(`${path}.type`, `unknown block type ${String(block.type)}`);
    }
  }

  option(path: string, option: unknown, textIsPlain: boolean): void {
    if (!isObject(option)) {
      this.fail(path, 'must be an option object');
      return;
    }
    this.textObject(`${path}.text`, option.text, LIMITS.optionText, textIsPlain);
    this.length(`${path}.value`, option.value, LIMITS.optionValue, 1);
    this.optional(`${path}.description`, option.description, (p, v) =>
      this.textObject(p, v, LIMITS.optionDescription, textIsPlain),
    );
  }

  element(path: string, element: unknown): void {
    if (!isObject(element)) {
      this.fail(path, 'must be an element object');
      return;
    }
    this.optional(`${path}.action_id`, element.action_id, (p, v) => this.length(p, v, LIMITS.actionId, 1));
    this.optional(`${path}.placeholder`, element.placeholder, (p, v) =>
      this.textObject(p, v, LIMITS.placeholder, true),
    );
    switch (element.type) {
      case 'button':
        this.textObject(`${path}.text`, element.text, LIMITS.buttonText, true);
        this.optional(`${path}.value`, element.value, (p, v) => this.length(p, v, LIMITS.buttonValue, 1));
        this.optional(`${path}.url`, element.url, (p, v) => this.length(p, v, LIMITS.buttonUrl, 1));
        if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger')
          this.fail(`${path}.style`, `unknown style ${shown(element.style)}`);
        break;
      case 'plain_text_input': {
        const { max_length: max, min_length: min } = element;
        if (
          max !== undefined &&
          (!Number.isInteger(max) || (max as number) < 1 || (max as number) > LIMITS.inputLength)
        )
          this.fail(`${path}.max_length`, `${shown(max)} is outside 1..${LIMITS.inputLength}`);
        if (
          min !== undefined &&
          (!Number.isInteger(min) || (min as number) < 0 || (min as number) > LIMITS.inputLength)
        )
          this.fail(`${path}.min_length`, `${shown(min)} is outside 0..${LIMITS.inputLength}`);
        if (typeof max === 'number' && typeof min === 'number' && min > max)
          this.fail(path, 'min_length is more than max_length');
        this.optional(`${path}.initial_value`, element.initial_value, (p, v) =>
          this.length(p, v, typeof max === 'number' ? max : LIMITS.inputLength),
        );
        break;
      }
      case 'static_select': {
        const options = this.count(`${path}.options`, element.options, LIMITS.options, 1);
        options.forEach((option, i) => this.option(`${path}.options[${i}]`, option, true));
        if (element.initial_option !== undefined) {
          this.option(`${path}.initial_option`, element.initial_option, true);
          const initial = JSON.stringify(element.initial_option);
          if (!options.some((option) => JSON.stringify(option) === initial))
            this.fail(`${path}.initial_option`, 'is not one of the options');
        }
        break;
      }
      case 'checkboxes': {
        const options = this.count(`${path}.options`, element.options, LIMITS.checkboxOptions, 1);
        options.forEach((option, i) => this.option(`${path}.options[${i}]`, option, false));
        const initial = this.count(`${path}.initial_options`, element.initial_options, LIMITS.checkboxOptions);
        for (const [i, chosen] of initial.entries()) {
          if (!options.some((option) => JSON.stringify(option) === JSON.stringify(chosen)))
            this.fail(`${path}.initial_options[${i}]`, 'is not one of the options');
        }
        break;
      }
      case 'datepicker':
        this.optional(`${path}.initial_date`, element.initial_date, (p, v) => {
          if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) this.fail(p, 'must be YYYY-MM-DD');
        });
        break;
      default:
        this.fail(`${path}.type`, `unknown element type ${String(element.type)}`);
    }
  }
}

/** What Slack would refuse in a chat.postMessage, chat.update, chat.postEphemeral or response URL body. */
export function messageProblems(payload: unknown): string[] {
  const check = new Checker();
  if (!isObject(payload)) return ['payload: must be an object'];
  if (payload.text === undefined && payload.blocks === undefined) check.fail('payload', 'needs text or blocks');
  check.optional('text', payload.text, (p, v) => check.length(p, v, LIMITS.messageText));
  check
    .count('blocks', payload.blocks, LIMITS.messageBlocks)
    .forEach((block, i) => check.block(`blocks[${i}]`, block, 'message'));
  return check.problems;
}

/** What Slack would refuse in the `view` of views.open, views.update, views.push or views.publish. */
export function viewProblems(view: unknown): string[] {
  const check = new Checker();
  if (!isObject(view)) return ['view: must be an object'];
  if (view.type !== 'modal' && view.type !== 'home') check.fail('view.type', `unknown view type ${String(view.type)}`);
  const blocks = check.count('view.blocks', view.blocks, LIMITS.viewBlocks);
  blocks.forEach((block, i) => check.block(`view.blocks[${i}]`, block, 'view'));
  check.optional('view.private_metadata', view.private_metadata, (p, v) => check.length(p, v, LIMITS.privateMetadata));
  check.optional('view.callback_id', view.callback_id, (p, v) => check.length(p, v, LIMITS.callbackId));
  if (view.type === 'modal') {
    check.textObject('view.title', view.title, LIMITS.viewTitle, true);
    check.optional('view.submit', view.submit, (p, v) => check.textObject(p, v, LIMITS.viewButton, true));
    check.optional('view.close', view.close, (p, v) => check.textObject(p, v, LIMITS.viewButton, true));
    if (view.submit === undefined && blocks.some((block) => isObject(block) && block.type === 'input'))
      check.fail('view.submit', 'a modal with an input block needs a submit button');
  }
  return check.problems;
}
