import type { FormField } from '../../src/core/messages.js';

// A form in the terminal asks its fields one per line: an empty line skips an optional field or keeps
// the value shown, `yes`/`no` answers a tick box.

function keeps(initial: string | undefined): string {
  return initial ? `; an empty line keeps "${initial}"` : '';
}

/** A label that is already a question or a sentence ("What's working?") keeps its own mark. */
const endsInPunctuation = (label: string) => /[?!.:…]$/u.test(label.trim());

/** The label, then the hint in brackets, then a colon unless the label asks with its own mark. */
function ask(label: string, hint: string, mark: string): string {
  return `  ${label}${hint ? ` (${hint})` : ''}${endsInPunctuation(label) ? '' : mark}`;
}

export function fieldQuestion(field: FormField): string {
  switch (field.kind) {
    case 'checkbox':
      return `${ask(field.label, '', '?')} (yes/no)`;
    case 'date':
      return ask(field.label, `like 2026-12-18, dec 18 or in 6 weeks${keeps(field.initial)}`, ':');
    case 'select':
      return ask(field.label, `${field.options.map((option) => option.value).join(' / ')}${keeps(field.initial)}`, ':');
    case 'text':
      return ask(
        field.label,
        field.initial ? keeps(field.initial).slice(2) : field.optional ? 'optional; an empty line skips it' : '',
        ':',
      );
  }
}

export type FieldAnswer = { ok: true; value: string | boolean | undefined } | { ok: false; problem: string };

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function answerField(field: FormField, line: string): FieldAnswer {
  const value = line.trim();
  switch (field.kind) {
    case 'checkbox':
      if (/^(y|yes)$/i.test(value)) return { ok: true, value: true };
      if (/^(n|no)$/i.test(value)) return { ok: true, value: false };
      if (value === '') return { ok: true, value: field.initial ?? false };
      return { ok: false, problem: 'Please answer yes or no.' };
    case 'date':
      if (!value)
        return field.initial
          ? { ok: true, value: field.initial }
          : { ok: false, problem: 'A date is needed, like 2026-12-18.' };
      // Words such as `in 6 weeks` go to the core, which reads them in the person's own today.
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
        return value.length <= 40
          ? { ok: true, value }
          : { ok: false, problem: 'That is long for a date; write it like 2026-12-18, dec 18 or in 6 weeks.' };
      return isRealDate(value)
        ? { ok: true, value }
        : { ok: false, problem: `'${value}' isn't a date; write it like 2026-12-18, dec 18 or in 6 weeks.` };
    case 'select': {
      if (!value) return { ok: true, value: field.initial };
      const chosen = field.options.find(
        (option) =>
          option.value.toLowerCase() === value.toLowerCase() || option.label.toLowerCase() === value.toLowerCase(),
      );
      return chosen
        ? { ok: true, value: chosen.value }
        : { ok: false, problem: `Please choose one of: ${field.options.map((o) => o.value).join(', ')}.` };
    }
    case 'text':
      if (!value) {
        if (field.initial) return { ok: true, value: field.initial };
        return field.optional ? { ok: true, value: undefined } : { ok: false, problem: 'This one is needed.' };
      }
      if (value.length > field.maxLength)
        return { ok: false, problem: `Please keep it under ${field.maxLength} characters.` };
      return { ok: true, value };
  }
}
