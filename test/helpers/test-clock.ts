import { renameSync, writeFileSync } from 'node:fs';

/**
 * Moves the shared TEST_CLOCK_FILE on. Written beside it and renamed into place, so a process that
 * reads it at that moment sees the old instant or the new one, never an empty file.
 */
export function setTestClock(path: string, instant: Date | string): void {
  const text = typeof instant === 'string' ? instant : instant.toISOString();
  writeFileSync(`${path}.next`, text);
  renameSync(`${path}.next`, path);
}
