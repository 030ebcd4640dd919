import type { FormField } from '../../src/core/messages.js';

// A form in the terminal asks its fields one per line: an empty line skips an optional field,
// `yes`/`no` answers a tick box.

export function fieldQuestion(field: FormField): string {
  if (field.kind === 'checkbox') return `  ${field.label}? (yes/no)`;
  return `  ${field.label}${field.optional ? ' (optional; an empty line skips it)' : ''}:`;
}

export type FieldAnswer = { ok: true; value: string | boolean | undefined } | { ok: false; problem: string };

export function answerField(field: FormField, line: string): FieldAnswer {
  const value = line.trim();
  if (field.kind === 'checkbox') {
    if (/^(y|yes)$/i.test(value)) return { ok: true, value: true };
    if (value === '' || /^(n|no)$/i.test(value)) return { ok: true, value: false };
    return { ok: false, problem: 'Please answer yes or no.' };
  }
  if (!value) return field.optional ? { ok: true, value: undefined } : { ok: false, problem: 'This one is needed.' };
  if (value.length > field.maxLength) return { ok: false, problem: `Please keep it under ${field.maxLength} characters.` };
  return { ok: true, value };
}
