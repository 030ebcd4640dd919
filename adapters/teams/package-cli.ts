import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildPackage, PackageError } from './app-package.js';

// `npm run teams:package [-- <file>]`: writes the Teams app package for the bot named by
// MICROSOFT_APP_ID and PUBLIC_URL, ready for a Teams admin to upload.

const target = resolve(process.argv[2] ?? 'dist/mentor-circle-teams.zip');
try {
  const zip = buildPackage({ appId: process.env.MICROSOFT_APP_ID ?? '', publicUrl: process.env.PUBLIC_URL ?? '' });
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, zip);
  process.stdout.write(
    `Wrote ${target}: upload it in Teams (Apps > Manage your apps > Upload an app), or give it to your Teams admin.\n`,
  );
} catch (error) {
  if (!(error instanceof PackageError)) throw error;
  process.stderr.write(`The Teams app package was not written.\n${error.message}\n`);
  process.exit(1);
}
