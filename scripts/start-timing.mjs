// Times a warm `npm start` (issue 12): spawns scripts/start.mjs, polls /healthz until 200, reads the start
// process's CPU time, then sends SIGINT and times the stop.
//   node scripts/start-timing.mjs [label] [busy loops]    (PORT, default 4000; GG_BUNDLE=0 etc. are passed on)
// "busy loops" starts that many `for(;;){}` processes for the duration of the start (a reproducibly busy
// machine); they are killed by PID before the stop.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [label = 'start', busy = '0'] = process.argv.slice(2);
const port = Number(process.env.PORT ?? 4000);
const busyLoops = Array.from({ length: Number(busy) }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
await new Promise((r) => setTimeout(r, 300));
const load = os.loadavg()[0].toFixed(1);
const t0 = Date.now();
const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env: { ...process.env, PORT: String(port), GG_START_TIMINGS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
child.stdout.on('data', (d) => (out += d));
child.stderr.on('data', (d) => (out += d));
let ready = 0;
while (!ready && Date.now() - t0 < 180_000 && child.exitCode === null) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) ready = Date.now() - t0;
  } catch { /* not yet */ }
  if (!ready) await new Promise((r) => setTimeout(r, 25));
}
let cpuMs = NaN;
try {
  const stat = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  cpuMs = (Number(stat[11]) + Number(stat[12])) * 10;
} catch { /* no /proc */ }
for (const b of busyLoops) b.kill('SIGKILL');
const t1 = Date.now();
child.kill('SIGINT');
if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
const modules = out.match(/server modules loaded[^)]*/)?.[0] ?? '';
const marks = out.match(/start-up, wall\/CPU ms[^)]*/)?.[0] ?? '';
const phases = out.match(/[^{,]*Ms":[^}]*?(?=,"msg":"Start-up timings")/)?.[0] ?? "";
console.log(`${label}: ready ${ready || 'never'} ms, CPU ${cpuMs} ms, stop ${Date.now() - t1} ms, load ${load}, busy loops ${busy}\n  ${modules}\n  ${marks}\n  ${phases}`);
if (!ready) console.log(out.slice(-3000));
