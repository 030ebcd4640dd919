import { emptyTables, openTestDatabase } from '../helpers/databases.js';
import { scenario } from './corpus-scenarios.js';
import { busyMember, type CoreItem } from './corpus-items.js';
import { built } from './corpus-builders.js';
import { TEXTS } from './corpus-texts.js';

export type { CoreItem } from './corpus-items.js';
// Every message, modal, Home view and card the bot renders, as Slack and Teams would receive them.
// The core's messages are captured by driving its use cases as an adapter does (commands, thread
// replies, buttons, forms, a nudge), once for each text (corpus-texts.ts), and from the builders that need no
// context (summary, digest, forms). Each capture is then rendered by both adapters.

/** The same core item captured twice (a constant refusal, the help) is kept once. */
function distinct(items: CoreItem[]): CoreItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify({ ...item, name: undefined });
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

let cached: Promise<CoreItem[]> | undefined;

/** Every core item, from every text: computed once per test file. */
export function coreCorpus(): Promise<CoreItem[]> {
  cached ??= (async () => {
    const captured: CoreItem[] = [];
    // One embedded database, emptied before each community's life.
    const database = await openTestDatabase('pglite');
    try {
      for (const [label, text] of Object.entries(TEXTS)) {
        await emptyTables(database);
        captured.push(...(await scenario(database, label, text)));
      }
      await emptyTables(database);
      captured.push(...(await busyMember(database, 30)));
    } finally {
      await database.close();
    }
    return distinct([...captured, ...built()]);
  })();
  return cached;
}
