import { describe, expect, it } from 'vitest';
import { messageProblems, textFaults, viewProblems } from '../helpers/slack-limits.js';
import { rendererFaults } from './adaptive-cards.js';

// The checkers themselves: each refuses what the platform refuses, so a clean corpus means something.

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const modal = (extra: Record<string, unknown> = {}, blocks: unknown[] = []) => ({
  type: 'modal',
  title: { type: 'plain_text', text: 'Form' },
  submit: { type: 'plain_text', text: 'Save' },
  blocks,
  ...extra,
});
const textInput = (element: Record<string, unknown>) => ({
  type: 'input',
  block_id: 'b',
  label: { type: 'plain_text', text: 'Label' },
  element: { type: 'plain_text_input', action_id: 'value', ...element },
});

describe('the Block Kit limits checker', () => {
  it('passes a plain message and modal', () => {
    expect(messageProblems({ text: 'hi', blocks: [section('hi')] })).toEqual([]);
    expect(viewProblems(modal({}, [textInput({ max_length: 3000 })]))).toEqual([]);
  });

  it('refuses messages past the documented limits', () => {
    expect(messageProblems({ blocks: Array.from({ length: 51 }, () => section('x')) })).toEqual([
      'blocks: 51 items, more than 50',
    ]);
    expect(messageProblems({ blocks: [section('x'.repeat(3001))] })).toEqual([
      'blocks[0].text.text: 3001 characters, more than 3000',
    ]);
    expect(messageProblems({ blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'x'.repeat(151) } }] })).toEqual([
      'blocks[0].text.type: must be plain_text',
      'blocks[0].text.text: 151 characters, more than 150',
    ]);
    const button = {
      type: 'button',
      action_id: 'a'.repeat(256),
      text: { type: 'plain_text', text: 'x'.repeat(76) },
      value: 'v'.repeat(2001),
    };
    expect(messageProblems({ blocks: [{ type: 'actions', elements: [button] }] })).toEqual([
      'blocks[0].elements[0].action_id: 256 characters, more than 255',
      'blocks[0].elements[0].text.text: 76 characters, more than 75',
      'blocks[0].elements[0].value: 2001 characters, more than 2000',
    ]);
    expect(
      messageProblems({
        blocks: [{ type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'x' })) }],
      }),
    ).toEqual(['blocks[0].elements: 11 items, more than 10']);
    expect(
      messageProblems({
        blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'x' })) }],
      }),
    ).toEqual(['blocks[0].fields: 11 items, more than 10']);
  });

  it('refuses modals past the documented limits', () => {
    expect(viewProblems(modal({}, [textInput({ max_length: 4000 })]))).toEqual([
      'view.blocks[0].element.max_length: 4000 is outside 1..3000',
    ]);
    expect(viewProblems(modal({}, [textInput({ min_length: 3001, max_length: 10 })]))).toContain(
      'view.blocks[0].element.min_length: 3001 is outside 0..3000',
    );
    expect(
      viewProblems(
        modal({
          title: { type: 'plain_text', text: 'x'.repeat(25) },
          private_metadata: 'x'.repeat(3001),
          callback_id: 'x'.repeat(256),
        }),
      ),
    ).toEqual([
      'view.private_metadata: 3001 characters, more than 3000',
      'view.callback_id: 256 characters, more than 255',
      'view.title.text: 25 characters, more than 24',
    ]);
    expect(viewProblems(modal({ submit: undefined }, [textInput({})]))).toEqual([
      'view.submit: a modal with an input block needs a submit button',
    ]);
    const select = {
      type: 'static_select',
      action_id: 'v',
      options: [{ text: { type: 'plain_text', text: 'x'.repeat(76) }, value: 'v'.repeat(151) }],
    };
    expect(viewProblems(modal({}, [{ ...textInput({}), element: select }]))).toEqual([
      'view.blocks[0].element.options[0].text.text: 76 characters, more than 75',
      'view.blocks[0].element.options[0].value: 151 characters, more than 150',
    ]);
  });

  it('refuses half an emoji, a sequence or flag cut before the ellipsis, and NUL', () => {
    expect(textFaults('thumbs 👍🏽 and 🇺🇦 whole')).toEqual([]);
    expect(textFaults('👍🏽'.slice(0, 3))).toEqual(['holds a lone surrogate (an emoji cut in half)']);
    expect(textFaults(`${'👩‍👧'.slice(0, 3)}…`)).toEqual([
      'ends a cut with a zero-width joiner (an emoji sequence cut in half)',
    ]);
    expect(textFaults(`${'🇺🇦'.slice(0, 2)}…`)).toEqual(['ends a cut with half a flag']);
    expect(textFaults('a\u0000b')).toEqual(['holds a NUL character']);
  });
});

describe('the Adaptive Card checkers', () => {
  const card = (body: unknown[]) => ({ type: 'AdaptiveCard', version: '1.5', msteams: { width: 'Full' }, body });

  it('pass a card Teams takes', () => {
    const good = card([
      { type: 'TextBlock', text: 'hi', wrap: true },
      {
        type: 'Input.ChoiceSet',
        id: 'c',
        label: 'Pick',
        isRequired: true,
        errorMessage: 'Pick one',
        choices: [{ title: 'A', value: 'a' }],
      },
    ]);
    expect(rendererFaults(good)).toEqual([]);
  });

  it('report a required input without an error message, an unknown element and an unknown property', () => {
    expect(
      rendererFaults(
        card([
          { type: 'Input.ChoiceSet', id: 'c', label: 'Pick', isRequired: true, choices: [{ title: 'A', value: 'a' }] },
        ]),
      ),
    ).toEqual(['validate: Required inputs should have an error message (Input.ChoiceSet "c")']);
    expect(rendererFaults(card([{ type: 'Bogus' }]))).toEqual([expect.stringMatching(/Unknown element type "Bogus"/)]);
    expect(rendererFaults(card([{ type: 'TextBlock', text: 'x', size: 'Huge' }])).length).toBeGreaterThan(0);
  });
});
