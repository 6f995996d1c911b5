// One-file bundle of the built server for `npm start` (issue 12, warm start): loading server/dist/main.js
// resolves, stats and reads ~1,700 files (server/dist and node_modules) - about a third of the CPU of a warm
// start, and far more wall time on a busy machine. esbuild bundles the JavaScript swc made (decorator metadata
// is already emitted there; esbuild itself would not emit it), so the bundle behaves like the plain dist.
// It sits next to main.js, so `__dirname` inside the server's own modules is the same folder.
// Docker, tests and the fault scripts keep running the plain server/dist/main.js.
//
// Bundling takes 3-5 s of CPU (more on a busy machine), so a start after a server change does not wait for it:
// it runs the plain dist and bundles in the background once the API is up, for the next start.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(root, 'server/dist/main.js');
export const BUNDLE = path.join(root, 'server/dist/main.bundle.js');
const STAMP = path.join(root, 'server/dist/.bundle-stamp');
const SERVER_STAMP = path.join(root, 'server/dist/.build-stamp');

// Dependencies that do work at load time `npm start` never needs (scripts/lib/bundle-rewrites.json: the module,
// why, and a plain-text replacement that requires the thing on first use instead). If a package's text changes,
// nothing is replaced and it loads as before; server/src/start-bundle.test.ts fails then (and checks that each
// rewritten module still works).
const REWRITES_FILE = path.join(root, 'scripts/lib/bundle-rewrites.json');
const REWRITES = JSON.parse(fs.readFileSync(REWRITES_FILE, 'utf8'));
const skipLoadTimeWork = {
  name: 'skip-load-time-work',
  setup(build) {
    for (const r of REWRITES) {
      const filter = new RegExp(`[\\\\/]node_modules[\\\\/]${r.module.split('/').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\\\/]')}$`);
      build.onLoad({ filter }, async (args) => ({ contents: (await fs.promises.readFile(args.path, 'utf8')).replace(r.from, r.to), loader: 'js' }));
    }
  },
};

const OPTIONS = {
  entryPoints: [MAIN],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Class and function names stay as written: type-graphql and TypeORM read them (keepClassNames in .swcrc).
  keepNames: true,
  // pg's optional native driver (not installed) stays a runtime require, as in the plain dist.
  external: ['pg-native'],
  logLevel: 'error',
  legalComments: 'none',
  plugins: [skipLoadTimeWork],
};

/** The bundle's stamp: the server build's fingerprint, esbuild's version and the options; null without esbuild. */
function wantedStamp() {
  let version;
  try {
    version = createRequire(import.meta.url)('esbuild/package.json').version;
  } catch {
    return null; // esbuild not installed (e.g. a production-only install): the plain dist works the same
  }
  return createHash('sha256').update(`${readOr(SERVER_STAMP, '')}\n${version}\n${JSON.stringify(OPTIONS)}\n${JSON.stringify(REWRITES)}`).digest('hex');
}

/**
 * The server entry `npm start` loads: the bundle when it matches the current server build, else the plain
 * server/dist/main.js (GG_BUNDLE=0 always). `stale` says whether bundleInBackground() has work to do.
 */
export function serverEntry() {
  if (process.env.GG_BUNDLE === '0') return { file: MAIN, stale: false };
  const want = wantedStamp();
  if (!want) return { file: MAIN, stale: false };
  if (fs.existsSync(BUNDLE) && readOr(STAMP, '') === want) return { file: BUNDLE, stale: false };
  return { file: MAIN, stale: true };
}

/** Builds the bundle in a child process at low priority (for the next start); never fails the caller. */
export function bundleInBackground() {
  try {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--build'], { cwd: root, stdio: 'ignore' });
    child.on('error', () => {});
    if (child.pid) os.setPriority(child.pid, 10);
    return child;
  } catch {
    return null;
  }
}

/** Builds the bundle now (to a temporary file, renamed into place, then the stamp). */
export async function buildBundle() {
  const want = wantedStamp();
  if (!want) throw new Error('esbuild is not installed');
  const esbuild = await import('esbuild');
  const tmp = `${BUNDLE}.${process.pid}.tmp`;
  // Stopped with `npm start` (Ctrl-C reaches the whole process group): leave no half-written file behind.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => (fs.rmSync(tmp, { force: true }), process.exit(130)));
  try {
    fs.rmSync(STAMP, { force: true });
    await esbuild.build({ ...OPTIONS, outfile: tmp });
    fs.renameSync(tmp, BUNDLE);
    fs.writeFileSync(STAMP, want);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function readOr(file, fallback) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

if (process.argv[2] === '--build' && process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildBundle();
}
