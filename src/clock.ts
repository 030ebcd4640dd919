import { readFileSync } from 'node:fs';

/** Every "now" the bot uses comes from here, never from `new Date()` in the core. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * Tests and benchmarks only (refused in production by the config): the file holds an ISO instant and
 * is read at every call, so a test can move time for several processes at once.
 */
export function fileClock(path: string): Clock {
  return () => {
    const text = readFileSync(path, 'utf8').trim();
    const instant = new Date(text);
    if (Number.isNaN(instant.getTime())) {
      throw new Error(
        `TEST_CLOCK_FILE ${path} should hold an ISO instant such as 2026-03-02T09:00:00Z, not "${text.slice(0, 40)}"`,
      );
    }
    return instant;
  };
}
