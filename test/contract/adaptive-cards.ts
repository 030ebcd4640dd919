import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };

// Two independent checks of an Adaptive Card, as Teams' renderers see it:
// - the `adaptivecards` package (Microsoft's JavaScript renderer, 3.x) parses it targeting
//   version 1.5 and validates its properties: every parse event (unknown element, property or value)
//   and every validation event (such as a required input without an error message) is a fault;
// - the Adaptive Cards 1.5 JSON schema, `schemas/adaptive-card-1.5.json`. No npm package ships it
//   (adaptivecards 3.0.6, adaptivecards-designer 2.4.4 (a 1.0 schema only), @microsoft/teams.cards
//   2.0.16, @microsoft/adaptivecards-tools 1.3.11 and @microsoft/teamsfx-core 3.1.3 were searched), so it is
//   Microsoft's published file, schemas/1.5.0/adaptive-card.json of github.com/microsoft/AdaptiveCards
//   (MIT licence, blob 8301d0efef25d6626b52d6e38b20dc81dc59502e), copied unchanged. Teams' documented
//   `msteams` extension on the card (width, entities for mentions) is allowed on top of it here.

// Checked with Teams' own host config (its limits, such as 6 actions a card), as the designer of the
// same project ships it: lib/hostConfigs/microsoft-teams-light.json of adaptivecards-designer 2.4.4
// on npm, copied unchanged to `schemas/teams-host-config.json`.

// The package's `lib` is ES modules without file extensions, which Node cannot load; its `dist`
// bundle is the same code as one CommonJS file.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

const teamsHostConfig = new AC.HostConfig(JSON.parse(readFileSync(new URL('./schemas/teams-host-config.json', import.meta.url), 'utf8')));

/** Faults the adaptivecards renderer reports for a card parsed as Adaptive Cards 1.5, hosted as Teams hosts it. */
export function rendererFaults(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  parsed.hostConfig = teamsHostConfig;
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  const faults = Array.from({ length: context.eventCount }, (_, i) => `parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) {
    const source = event.source as { getJsonTypeName?: () => string; id?: string } | undefined;
    faults.push(`validate: ${event.message} (${source?.getJsonTypeName?.() ?? 'card'}${source?.id ? ` "${source.id}"` : ''})`);
  }
  return faults;
}

/** Teams' card extension: https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format */
const MSTEAMS = {
  type: 'object',
  additionalProperties: false,
  properties: {
    width: { enum: ['Full'] },
    entities: { type: 'array', items: { type: 'object', required: ['type', 'text', 'mentioned'] } },
  },
};

function compileSchema(): ValidateFunction {
  const { id, ...schema } = JSON.parse(readFileSync(new URL('./schemas/adaptive-card-1.5.json', import.meta.url), 'utf8')) as {
    id: string;
    definitions: { AdaptiveCard: { properties: Record<string, unknown> } };
  };
  schema.definitions.AdaptiveCard.properties.msteams = MSTEAMS;
  // The schema names draft-06 but writes its identifier as draft-04's `id`, which Ajv reads as `$id`
  // only; its own keywords (`version`, `features`) are notes.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addMetaSchema(draft06);
  return ajv.compile({ $id: id, ...schema });
}

let validate: ValidateFunction | undefined;

/** Where a card breaks the Adaptive Cards 1.5 schema (with `msteams`). */
export function schemaFaults(card: unknown): string[] {
  validate ??= compileSchema();
  if (validate(card)) return [];
  // anyOf over every element type reports each branch; the deepest paths say what is wrong.
  return [...new Set((validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`))];
}
