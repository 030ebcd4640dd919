import { benchCommands } from './commands.js';
import { benchDigest } from './digest.js';
import { benchDistrict } from './district.js';
import { benchNudges } from './nudges.js';
import { benchOutbox } from './outbox.js';
import { benchSlackCommands } from './slack-commands.js';
import { benchSoak } from './soak.js';
import { benchStartup } from './startup.js';

// `npm run bench`: every figure is printed beside a baseline measured in the same run. Set
// DATABASE_URL (or TEST_DATABASE_URL) to measure on PostgreSQL as well as the embedded database.

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  // It creates and drops a database of its own on that server.
  await benchStartup(url);
  await benchCommands('embedded database', { kind: 'embedded', dataDir: null });
  await benchDigest('embedded database', { kind: 'embedded', dataDir: null });
  if (!url) {
    process.stdout.write(
      '\n(set DATABASE_URL to a PostgreSQL server to measure on it, and the Slack commands benchmark)\n',
    );
    return;
  }
  await benchCommands('PostgreSQL', { kind: 'postgres', url });
  await benchOutbox(url);
  await benchNudges(url);
  await benchDigest('PostgreSQL', { kind: 'postgres', url });
  // It creates and drops a database of its own on that server.
  await benchSlackCommands(url);
  await benchSoak(url);
  // The longest: the slot is real time, and its nudges take the platforms' limits to deliver.
  await benchDistrict(url);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
