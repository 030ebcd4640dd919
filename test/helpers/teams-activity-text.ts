import type { SentActivity } from './fake-teams.js';

/** The Markdown as sent: the text, or the card's text blocks, joined. */
export function rawTextOf(sent: SentActivity): string {
  if (sent.activity.text) return sent.activity.text;
  const card = sent.activity.attachments?.[0]?.content;
  return (card?.body ?? [])
    .flatMap((block) => (block.type === 'TextBlock' && typeof block.text === 'string' ? [block.text] : []))
    .join('\n');
}

/** What a sent activity says as a person sees it: its text, or its card's text blocks, joined, with Markdown escapes and entities read. */
export function textOf(sent: SentActivity): string {
  return rawTextOf(sent)
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&(lt|gt|amp);/g, (_entity, name: string) => ({ lt: '<', gt: '>', amp: '&' })[name] ?? '');
}

export function buttons(sent: SentActivity): { title: string; data: Record<string, unknown> }[] {
  return (sent.activity.attachments?.[0]?.content.actions ?? []).map((a) => ({ title: a.title, data: a.data }));
}
