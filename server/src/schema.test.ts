import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { printAppSchema } from './schema';

const root = path.resolve(__dirname, '../..');

/** The committed SDL and the client's generated hooks must match the code; regenerate and commit when this fails. */
describe('generated artefacts are up to date', () => {
  it('schema/schema.graphql matches the server (run `npm run schema`)', () => {
    const committed = fs.readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8');
    expect(committed).toBe(printAppSchema());
  });

  it('client/src/generated/graphql.ts matches schema + documents (run `npm run codegen`)', () => {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/lib/codegen-output.mjs')], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.stderr).toBe('');
    const outputs: Array<{ filename: string; content: string }> = JSON.parse(r.stdout);
    expect(outputs.map((o) => o.filename)).toEqual(['client/src/generated/graphql.ts']);
    for (const out of outputs) {
      const committed = fs.readFileSync(path.join(root, out.filename), 'utf8');
      expect(committed).toBe(out.content);
    }
  });
});
