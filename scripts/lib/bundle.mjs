// One-file bundle of the built server for `npm start` (issue 12, warm start): loading server/dist/main.js
// resolves, stats and reads ~1,700 files (server/dist and node_modules) - about a third of the CPU of a warm
// start, and far more wall time on a busy machine. esbuild bundles the JavaScript swc made (decorator metadata
// is already emitted there; esbuild itself would not emit it), so the bundle behaves like the plain dist.
// It sits next to main.js, so `__dirname` inside the server's own modules is the same folder.
// Docker, tests and the fault scripts keep running the plain server/dist/main.js.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root, step } from './setup.mjs';

export const BUNDLE = path.join(root, 'server/dist/main.bundle.js');
const STAMP = path.join(root, 'server/dist/.bundle-stamp');
const SERVER_STAMP = path.join(root, 'server/dist/.build-stamp');

const OPTIONS = {
  entryPoints: [path.join(root, 'server/dist/main.js')],
  outfile: BUNDLE,
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
};

/**
 * Builds the bundle when the server build changed since the last bundle (its stamp is the server build's
 * fingerprint plus esbuild's version). Returns the file to load: the bundle, or the plain main.js when
 * GG_BUNDLE=0 or the bundle cannot be built.
 */
export async function bundleServer() {
  const main = path.join(root, 'server/dist/main.js');
  if (process.env.GG_BUNDLE === '0') return main;
  let version;
  try {
    version = createRequire(import.meta.url)('esbuild/package.json').version;
  } catch {
    return main; // esbuild not installed (e.g. a production-only install): the plain dist works the same
  }
  const want = createHash('sha256').update(`${readOr(SERVER_STAMP, '')}\n${version}\n${JSON.stringify(OPTIONS)}`).digest('hex');
  if (fs.existsSync(BUNDLE) && readOr(STAMP, '') === want) return BUNDLE;
  step('Bundling the server into one file (esbuild; faster start-up)');
  try {
    const esbuild = await import('esbuild'); // loaded only when a build is needed
    fs.rmSync(STAMP, { force: true });
    await esbuild.build(OPTIONS);
    fs.writeFileSync(STAMP, want);
    return BUNDLE;
  } catch (e) {
    console.error(`  (bundling failed, starting the plain server/dist instead: ${e?.message ?? e})`);
    fs.rmSync(BUNDLE, { force: true });
    return main;
  }
}

function readOr(file, fallback) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}
