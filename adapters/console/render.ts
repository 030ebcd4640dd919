import type { Button, Message } from '../../src/core/messages.js';

// Plain-text rendering for the terminal: the first line after a label, the rest indented under it,
// buttons numbered so `/press <n>` can press them.

function renderButtons(buttons: readonly Button[]): string {
  return buttons.map((button, index) => `[${index + 1}] ${button.label}`).join('  ');
}

/**
 * People are written `@name` in the console. A mention typed there reaches the core as `<@id|name>`
 * (the form every adapter hands the parser) and may come back inside a text, such as a topic.
 */
function showMentions(text: string): string {
  return text.replace(
    /<@([^<>|\s]+)(?:\|([^<>]+))?>/gu,
    (_match, id: string, name: string | undefined) => `@${name ?? id}`,
  );
}

export function renderMessage(label: string, message: Message): string {
  const lines = showMentions([message.text, ...(message.sections ?? [])].join('\n')).split('\n');
  const [first = '', ...rest] = lines;
  const out = [`${label} ${first}`, ...rest.map((line) => `  ${line}`)];
  if (message.buttons?.length) out.push(`  ${renderButtons(message.buttons)}`);
  return out.join('\n');
}

/** What `/press` takes: "from 1 to 1" would read oddly when there is one button. */
export function pressHint(buttons: number): string {
  return buttons === 1 ? 'There is one button: `/press 1` presses it.' : `Press a number from 1 to ${buttons}.`;
}
