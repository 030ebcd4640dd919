import type { Button, Message } from '../../src/core/messages.js';

// Plain-text rendering for the terminal: the first line after a label, the rest indented under it,
// buttons numbered so `/press <n>` can press them.

export function renderButtons(buttons: readonly Button[]): string {
  return buttons.map((button, index) => `[${index + 1}] ${button.label}`).join('  ');
}

export function renderMessage(label: string, message: Message): string {
  const lines = [message.text, ...(message.sections ?? [])].join('\n').split('\n');
  const [first = '', ...rest] = lines;
  const out = [`${label} ${first}`, ...rest.map((line) => `  ${line}`)];
  if (message.buttons?.length) out.push(`  ${renderButtons(message.buttons)}`);
  return out.join('\n');
}
