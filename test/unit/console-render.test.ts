import { describe, expect, it } from 'vitest';
import { fieldQuestion } from '../../adapters/console/console-forms.js';
import { pressHint, renderMessage } from '../../adapters/console/render.js';

// What the console prints is read by a person at a terminal: no doubled punctuation, people as
// `@name`, and no "from 1 to 1".

describe('console form questions', () => {
  it('gives a label that asks with its own mark no colon after it', () => {
    expect(
      fieldQuestion({ kind: 'text', name: 'text', label: "What's working in your classroom?", maxLength: 900 }),
    ).toBe("  What's working in your classroom?");
    expect(fieldQuestion({ kind: 'text', name: 'note', label: 'Anything else?', maxLength: 900, optional: true })).toBe(
      '  Anything else? (optional; an empty line skips it)',
    );
    expect(fieldQuestion({ kind: 'checkbox', name: 'share', label: 'Share with school leaders?' })).toBe(
      '  Share with school leaders? (yes/no)',
    );
  });

  it('ends a plain label with a colon, or a tick box with a question mark', () => {
    expect(fieldQuestion({ kind: 'text', name: 'text', label: 'Your reflection', maxLength: 900 })).toBe(
      '  Your reflection:',
    );
    expect(
      fieldQuestion({ kind: 'text', name: 'text', label: 'Your reflection', maxLength: 900, initial: 'So far' }),
    ).toBe('  Your reflection (an empty line keeps "So far"):');
    expect(fieldQuestion({ kind: 'checkbox', name: 'share', label: 'Share with school leaders' })).toBe(
      '  Share with school leaders? (yes/no)',
    );
    expect(fieldQuestion({ kind: 'date', name: 'dueOn', label: 'By when?' })).toBe(
      '  By when? (like 2026-12-18, dec 18 or in 6 weeks)',
    );
  });
});

describe('console messages', () => {
  it('shows a person named in a text as @name, never as the mention the parser gets', () => {
    expect(renderMessage('[#circle]', { text: 'Session started: Reading with <@ben|ben> and <@cleo>' })).toBe(
      '[#circle] Session started: Reading with @ben and @cleo',
    );
    expect(renderMessage('[#circle]', { text: 'Title', sections: ['Led by <@ana|Ana>'] })).toBe(
      '[#circle] Title\n  Led by @Ana',
    );
  });

  it('says how to press the only button without "from 1 to 1"', () => {
    expect(pressHint(1)).toBe('There is one button: `/press 1` presses it.');
    expect(pressHint(3)).toBe('Press a number from 1 to 3.');
  });
});
