import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

// The embedded database is one set of files that only one process may open: a second process on the
// same DATA_DIR would corrupt it. A pid file taken with O_EXCL makes the second process stop instead.

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
}

const LOCK_FILE = 'mentor-circle.pid';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock on `dataDir` for this process; returns the function that gives it back. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
        throw new DataDirLockedError(
          `Another Mentor Circle process (pid ${holder}) is using the embedded database in ${dataDir}. ` +
            'Stop that process first, set DATA_DIR to another folder, or set DATABASE_URL so that ' +
            'several processes share one PostgreSQL server.',
        );
      }
      // Left behind by a process that died: take it over.
      rmSync(path, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock ${path}; another process keeps taking it.`);
}
