import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ManifestUtil } from '@microsoft/app-manifest';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildManifest, buildPackage } from '../../adapters/teams/app-package.js';

// The Teams app package against Microsoft's own manifest schema of the version it declares, as
// shipped in @microsoft/app-manifest and checked by that package's validator: what an admin uploads
// is what Teams' own tooling accepts.

const settings = { appId: '3F2504E0-4F89-41D3-9A0C-0305E82C3301', publicUrl: 'https://circle.example.org/' };

function officialSchema(manifestVersion: string) {
  const path = createRequire(import.meta.url).resolve(
    `@microsoft/app-manifest/build/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`,
  );
  return JSON.parse(readFileSync(path, 'utf8')) as Parameters<typeof ManifestUtil.validateManifestAgainstSchema>[1];
}

describe('the Teams app package against the official manifest schema', () => {
  const manifest = buildManifest(settings);

  it('declares the schema of its own manifest version', () => {
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
  });

  it(`meets the v${manifest.manifestVersion} schema, as packaged`, async () => {
    const packaged = JSON.parse(
      new TextDecoder().decode(unzipSync(buildPackage(settings))['manifest.json']),
    ) as typeof manifest;
    expect(
      await ManifestUtil.validateManifestAgainstSchema(packaged as never, officialSchema(manifest.manifestVersion)),
    ).toEqual([]);
  });

  it('would be refused with a field the schema does not know', async () => {
    const errors = await ManifestUtil.validateManifestAgainstSchema(
      { ...manifest, colour: 'blue' },
      officialSchema(manifest.manifestVersion),
    );
    expect(errors.join('\n')).toMatch(/colour|additional/i);
  });
});
