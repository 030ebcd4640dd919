import { BaseSequencer, type TestSpecification } from 'vitest/node';

// With a few workers, a long file that starts last sets the length of the whole run. These files
// spend most of their time waiting (on bot processes, a slow fake Slack, a simulated month), so they
// start first and the short files fill the other workers around them. The rest keep vitest's order.

const SLOW_FIRST = [
  'test/e2e/delivery-replicas-killed.test.ts',
  'test/e2e/console.test.ts',
  'test/e2e/delivery-replicas.test.ts',
  'test/db/nudge-month-postgres.test.ts',
  'test/db/nudge-month.test.ts',
  'test/e2e/slack-fuzz.test.ts',
  'test/e2e/guards-process.test.ts',
  'test/e2e/slack-process.test.ts',
  'test/e2e/console-everyday.test.ts',
  'test/db/digest-weeks.test.ts',
  'test/e2e/slack-presses.test.ts',
  'test/e2e/teams-fuzz.test.ts',
  'test/db/crowded-slot.test.ts',
  'test/e2e/console-digest-table.test.ts',
];

function rank(spec: TestSpecification): number {
  const index = SLOW_FIRST.findIndex((path) => spec.moduleId.endsWith(path));
  return index === -1 ? SLOW_FIRST.length : index;
}

export class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Array.prototype.sort is stable: files outside the list keep the order vitest chose.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
