import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { z } from 'zod';

// The Teams app package an admin uploads: manifest.json with this bot's ids filled in at packaging
// time, and the two icons. The schema below holds the fields Teams requires and the limits it
// enforces on upload, so a package that would be refused fails here, with the reason.

export const APP_PACKAGE_DIR = join(import.meta.dirname, 'appPackage');

const guid = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    'should be a GUID like 00000000-0000-0000-0000-000000000000',
  );
const httpsUrl = z.url({ protocol: /^https$/, error: 'should be an https URL' });
const command = z.object({ title: z.string().min(1).max(32), description: z.string().min(1).max(128) });

export const manifestSchema = z.object({
  $schema: z
    .string()
    .regex(/^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v1\.\d+\/MicrosoftTeams\.schema\.json$/),
  manifestVersion: z.string().regex(/^1\.\d+$/),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  id: guid,
  developer: z.object({
    name: z.string().min(1).max(32),
    websiteUrl: httpsUrl,
    privacyUrl: httpsUrl,
    termsOfUseUrl: httpsUrl,
  }),
  name: z.object({ short: z.string().min(1).max(30), full: z.string().max(100) }),
  description: z.object({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
  icons: z.object({ color: z.string().endsWith('.png'), outline: z.string().endsWith('.png') }),
  accentColor: z.string().regex(/^#[0-9A-Fa-f]{6}$/),
  bots: z
    .array(
      z.object({
        botId: guid,
        scopes: z.array(z.enum(['team', 'personal', 'groupChat'])).min(1),
        commandLists: z
          .array(
            z.object({
              scopes: z.array(z.enum(['team', 'personal', 'groupChat'])).min(1),
              commands: z.array(command).min(1).max(10),
            }),
          )
          .max(3),
      }),
    )
    .length(1),
  validDomains: z.array(z.string().regex(/^[a-z0-9.-]+(:\d+)?$/i, 'should be a host name, without https://')).min(1),
  webApplicationInfo: z.object({ id: guid, resource: z.string().min(1) }),
  authorization: z.object({
    permissions: z.object({
      resourceSpecific: z.array(z.object({ name: z.string(), type: z.enum(['Application', 'Delegated']) })).min(1),
    }),
  }),
});
export type AppManifest = z.infer<typeof manifestSchema>;

export interface PackageSettings {
  /** The bot's Microsoft app id: also the Teams app's id. */
  appId: string;
  /** Where the bot is served, https. */
  publicUrl: string;
}

export class PackageError extends Error {
  override readonly name = 'PackageError';
}

/** The manifest with the bot's ids and address in place, checked against what Teams requires. */
export function buildManifest(
  settings: PackageSettings,
  template = readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8'),
): AppManifest {
  const appId = guid.safeParse(settings.appId);
  if (!appId.success)
    throw new PackageError(
      `MICROSOFT_APP_ID ${appId.error.issues[0]?.message ?? 'is not valid'}: copy the Microsoft App ID of your Azure Bot.`,
    );
  const url = httpsUrl.safeParse(settings.publicUrl);
  if (!url.success)
    throw new PackageError(
      'PUBLIC_URL should be the https address Teams reaches the bot at, like https://circle.example.org.',
    );
  const base = url.data.replace(/\/+$/, '');
  const filled = template
    .replaceAll('{{MICROSOFT_APP_ID}}', appId.data.toLowerCase())
    .replaceAll('{{PUBLIC_URL}}', base)
    .replaceAll('{{PUBLIC_HOST}}', new URL(base).host);
  const parsed = manifestSchema.safeParse(JSON.parse(filled));
  if (!parsed.success) {
    throw new PackageError(
      `The manifest would be refused by Teams:\n${parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  // Kept whole, as written: the schema checks the fields it knows and the rest goes to Teams as is.
  return JSON.parse(filled) as AppManifest;
}

/** The zip Teams takes: manifest.json and the icons it names, at the top level. */
export function buildPackage(settings: PackageSettings): Uint8Array {
  const manifest = buildManifest(settings);
  return zipSync({
    'manifest.json': new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
    [manifest.icons.color]: readFileSync(join(APP_PACKAGE_DIR, manifest.icons.color)),
    [manifest.icons.outline]: readFileSync(join(APP_PACKAGE_DIR, manifest.icons.outline)),
  });
}
