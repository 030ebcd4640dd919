import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AppsManifestCreateArguments } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };

// No npm package ships Slack's app manifest JSON schema; @slack/web-api ships it as TypeScript, the
// argument of apps.manifest.create. The typecheck holds manifest.json's structure to that type; JSON
// reads scopes and events as plain strings, so this test checks them against the type's own lists of
// the scopes and events Slack knows, read from the same declaration file. (The scope of each Web API
// method the code calls is checked in test/unit/slack-manifest.test.ts.)

type Manifest = AppsManifestCreateArguments['manifest'];
type Settings = NonNullable<Manifest['settings']>;
type Scopes = NonNullable<NonNullable<Manifest['oauth_config']>['scopes']>;
const typed: Manifest = {
  ...manifest,
  oauth_config: { ...manifest.oauth_config, scopes: { bot: manifest.oauth_config.scopes.bot as Scopes['bot'] } },
  settings: {
    ...manifest.settings,
    event_subscriptions: {
      ...manifest.settings.event_subscriptions,
      bot_events: manifest.settings.event_subscriptions.bot_events as NonNullable<
        Settings['event_subscriptions']
      >['bot_events'],
    },
  },
};

const declarations = readFileSync(
  join(dirname(createRequire(import.meta.url).resolve('@slack/web-api')), 'types/request/manifest.d.ts'),
  'utf8',
);
/** The members of a string-literal union type in Slack's manifest declarations. */
function union(name: string): string[] {
  const body = new RegExp(`type ${name} = ([^;]+);`).exec(declarations)?.[1] ?? '';
  return [...body.matchAll(/'([^']+)'/g)].map((m) => m[1] ?? '');
}

describe("manifest.json against Slack's manifest type", () => {
  it('asks only for bot scopes Slack knows', () => {
    const known = union('BotScope');
    expect(known.length).toBeGreaterThan(30);
    expect(typed.oauth_config?.scopes?.bot?.filter((scope) => !known.includes(scope))).toEqual([]);
  });

  it('subscribes only to events Slack knows', () => {
    const known = union('ManifestEvent');
    expect(known).toContain('message.channels');
    expect(typed.settings?.event_subscriptions?.bot_events?.filter((event) => !known.includes(event))).toEqual([]);
  });
});
