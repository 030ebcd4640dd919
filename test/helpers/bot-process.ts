import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/**
 * Runs what `npm start` runs, started directly so that a signal reaches the bot itself, with only
 * this environment (and PATH and HOME). Every process a test started and left running is killed
 * after it, so a test that failed half-way does not leave its bot holding the data directory.
 */
export function useBotProcesses() {
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const gone = new Promise((done) => child.once('close', done));
      child.kill('SIGKILL');
      await gone;
    }
  });
  return (env: Record<string, string>) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((done) => child.on('close', done));
    children.push(child);
    return { child, exited, stderr: () => stderr };
  };
}
