// `npm start` and `npm run migrate`: run the JavaScript that `npm run build` wrote to dist/, building it
// first when it is missing or older than the TypeScript sources, so nothing is compiled at start-up.
// Plain JavaScript because it runs before anything is built.
//
//   node src/start.mjs                          the bot (dist/src/main.js)
//   node src/start.mjs src/db/migrate-cli.ts    another entry point, named by its source file
//   node src/start.mjs --build                  only bring dist/ up to date

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
/** What the build reads: a change to any of these makes dist/ stale. */
const SOURCES = ['src', 'adapters', 'migrations', 'tsconfig.json', 'tsconfig.build.json'];
const BUILD_HINT = 'Run `npm install` (it builds), or `npm run build` where TypeScript is installed.';

/** The newest modification time of any TypeScript source, in ms. */
function newestSource(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return path.endsWith('.ts') || path.endsWith('.json') ? stat.mtimeMs : 0;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestSource(join(path, entry)));
  return newest;
}

const MAIN = join(root, 'dist/src/main.js');
/** Written by every build that changed something (builds are incremental, so unchanged outputs keep their times). */
const BUILD_INFO = join(root, 'dist/.tsbuildinfo');

/** dist/ is stale when it was never built or a source changed since its last build. */
function isStale() {
  if (!existsSync(MAIN) || !existsSync(BUILD_INFO)) return true;
  const sources = SOURCES.map((path) => join(root, path)).filter((path) => existsSync(path));
  return Math.max(...sources.map(newestSource)) > statSync(BUILD_INFO).mtimeMs;
}

function build() {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    if (existsSync(MAIN)) {
      process.stderr.write(
        `dist/ is older than the sources, and TypeScript is not installed to rebuild it: running it as it is. ${BUILD_HINT}\n`,
      );
      return;
    }
    process.stderr.write(
      `Mentor Circle is not built (no dist/), and TypeScript is not installed to build it. ${BUILD_HINT}\n`,
    );
    process.exit(1);
  }
  process.stderr.write('Building Mentor Circle (TypeScript to dist/)...\n');
  // Without its outputs the build info would tell tsc there is nothing to emit.
  if (!existsSync(MAIN)) rmSync(BUILD_INFO, { force: true });
  const { status } = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: 'inherit',
  });
  // tsc still writes JavaScript when it finds type errors; running it is what `tsx` did before.
  if (!existsSync(MAIN)) process.exit(status ?? 1);
  if (status !== 0)
    process.stderr.write('The build reported the errors above; starting anyway. `npm run typecheck` lists them.\n');
  // A source touched without a change leaves the build info as it was: mark this build as the latest,
  // or every start would run the compiler again.
  if (existsSync(BUILD_INFO)) utimesSync(BUILD_INFO, new Date(), new Date());
}

const [argument] = process.argv.slice(2);
if (isStale()) build();
if (argument !== '--build') {
  const entry = (argument ?? 'src/main.ts').replace(/\.ts$/, '.js');
  // Stack traces name the TypeScript lines.
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(join(root, 'dist', entry)).href);
}
