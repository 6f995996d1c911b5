import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The start bundle's rewrites of dependencies (scripts/lib/bundle-rewrites.json, scripts/lib/bundle.mjs): each
 * must still find its text in the installed package (else the start silently loads the work again), and the
 * rewritten module must still work - loaded here from its own place, so its relative requires resolve as in the bundle.
 */
interface Rewrite {
  module: string;
  why: string;
  from: string;
  to: string;
}
const rewrites: Rewrite[] = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../scripts/lib/bundle-rewrites.json'), 'utf8'));

/**
 * Runs `check` (an async function body; `mod` is the rewritten module's exports, `req` requires next to it) in a
 * plain Node process, where the module is loaded as the bundle has it, and returns what `check` returns.
 * Not in Jest's realm: graphql's class checks would see two copies.
 */
function withRewritten(name: string, check: string): unknown {
  const r = rewrites.find((x) => x.module === name);
  if (!r) throw new Error(`no rewrite for ${name}`);
  const script = `
    const Module = require('node:module'), fs = require('node:fs'), path = require('node:path');
    const [file, from, to] = JSON.parse(process.argv[1]);
    const m = new Module(file);
    m.filename = file;
    m.paths = Module._nodeModulePaths(path.dirname(file));
    m._compile(fs.readFileSync(file, 'utf8').replace(from, to), file);
    const mod = m.exports, req = Module.createRequire(file);
    (async () => { ${check} })().then((v) => process.stdout.write(JSON.stringify(v ?? null)), (e) => { console.error(e); process.exit(1); });`;
  const out = spawnSync(process.execPath, ['-e', script, JSON.stringify([require.resolve(name), r.from, r.to])], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout);
}

describe('start bundle: dependency rewrites', () => {
  it.each(rewrites.map((r) => [r.module, r]))('%s: the text to replace occurs exactly once', (_name, r) => {
    const text = fs.readFileSync(require.resolve((r as Rewrite).module), 'utf8');
    expect(text.split((r as Rewrite).from).length - 1).toBe(1);
  });

  it('pg: streams are still Node sockets, and loading pg no longer loads fetch', () => {
    expect(
      withRewritten('pg/lib/stream.js', `
        const s = mod.getStream(false); s.destroy();
        return [s.constructor.name, process.moduleLoadList.some((x) => x.includes('undici'))];`),
    ).toEqual(['Socket', false]);
  });

  it('graphql-jit: compiles and runs queries, also with customJSONSerializer (fast-json-stringify on first use)', () => {
    expect(
      withRewritten('graphql-jit/dist/execution.js', `
        const { buildSchema, parse } = req('graphql');
        const schema = buildSchema('type Query { hello: String }');
        const out = [];
        for (const customJSONSerializer of [false, true]) {
          const q = mod.compileQuery(schema, parse('{ hello }'), undefined, { customJSONSerializer });
          out.push(q.errors ?? q.stringify(await q.query({ hello: 'hej' }, {}, {})));
        }
        return out;`),
    ).toEqual(['{"data":{"hello":"hej"}}', '{"data":{"hello":"hej"}}']);
  });

  it('class-validator: isPhoneNumber still checks (libphonenumber-js on first use)', () => {
    expect(
      withRewritten('class-validator/cjs/decorator/string/IsPhoneNumber.js', `
        return [mod.isPhoneNumber('+45 33 12 34 56', 'DK'), mod.isPhoneNumber('+46 8 123 456 78', 'DK'), mod.isPhoneNumber('not a number')];`),
    ).toEqual([true, false, false]);
  });
});
