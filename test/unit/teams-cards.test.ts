import { describe, expect, it } from 'vitest';
import { renderForm, renderMessage } from '../../adapters/teams/cards.js';
import type { Form } from '../../src/core/messages.js';

// What Teams would warn about or refuse in a card: a required choice without its error message, and a
// cut that leaves half an emoji behind.

const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('Teams cards', () => {
  const form: Form = {
    kind: 'goal',
    title: 'A SMART goal',
    submitLabel: 'Save',
    context: {},
    fields: [
      {
        kind: 'select',
        name: 'cadence',
        label: 'How often',
        initial: 'weekly',
        options: [{ value: 'weekly', label: 'Every week' }],
      },
    ],
  };

  it('gives every required choice set an error message', () => {
    const card = (renderForm(form, 'c').attachments?.[0]?.content ?? {}) as { body: Record<string, unknown>[] };
    const choices = card.body.filter((block) => block.type === 'Input.ChoiceSet');
    expect(choices).toHaveLength(1);
    for (const choice of choices) expect(choice).toMatchObject({ isRequired: true, errorMessage: expect.any(String) });
  });

  it('cuts long labels, titles and texts on grapheme boundaries', () => {
    const emoji = '👍🏽';
    const long = (units: number) => `${'a'.repeat(units - 1)}${emoji.repeat(4)}`;
    const rendered = [
      renderForm(
        {
          ...form,
          title: long(200),
          submitLabel: long(80),
          fields: [
            { kind: 'select', name: 'g', label: long(200), initial: 'x', options: [{ value: 'x', label: long(80) }] },
          ],
        },
        'c',
      ),
      renderMessage({ text: long(200), buttons: [{ label: long(80), action: { kind: 'goal.form' } }] }),
      renderMessage({ text: long(20_000) }),
    ];
    const strings = (value: unknown): string[] =>
      typeof value === 'string'
        ? [value]
        : value && typeof value === 'object'
          ? Object.values(value).flatMap(strings)
          : [];
    const all = strings(rendered);
    expect(all.filter((s) => s.startsWith('aaaa')).length).toBeGreaterThanOrEqual(7);
    expect(all.filter((s) => lone.test(s))).toEqual([]);
  });
});
