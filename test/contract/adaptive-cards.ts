import { createRequire } from 'node:module';

// An Adaptive Card checked as Teams' renderers see it: the `adaptivecards` package (Microsoft's
// JavaScript renderer, 3.x) parses it targeting version 1.5 and validates its properties. Every parse
// event (unknown element, property or value) and every validation event (such as a required input
// without an error message) is a fault.

// The package's `lib` is ES modules without file extensions, which Node cannot load; its `dist`
// bundle is the same code as one CommonJS file.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/**
 * Hosted as Teams hosts cards: interactive, and at most 6 actions on a card (Teams shows no more:
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-reference).
 */
const teamsHostConfig = new AC.HostConfig({ supportsInteractivity: true, actions: { maxActions: 6 } });

/** Faults the adaptivecards renderer reports for a card parsed as Adaptive Cards 1.5, hosted as Teams hosts it. */
export function rendererFaults(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  parsed.hostConfig = teamsHostConfig;
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  const faults = Array.from({ length: context.eventCount }, (_, i) => `parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) {
    const source = event.source as { getJsonTypeName?: () => string; id?: string } | undefined;
    faults.push(
      `validate: ${event.message} (${source?.getJsonTypeName?.() ?? 'card'}${source?.id ? ` "${source.id}"` : ''})`,
    );
  }
  return faults;
}
