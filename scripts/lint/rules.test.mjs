// The lint stage's own tests (`node --test scripts/lint/`, run by scripts/test.mjs): the project's ESLint
// config (eslint.config.mjs) refuses what it is meant to refuse. Documents are linted from text under a
// path where they would live; nothing is written to the tree.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

/** Rule ids of the errors ESLint reports for `code` as if it were the file `file` (relative to the root). */
async function errorsOf(code, file) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

const doc = 'client/src/desk/lint-probe.graphql';

test('a valid, named operation against the schema passes', async () => {
  assert.deepEqual(await errorsOf('query LintProbeMe {\n  me {\n    id\n    displayName\n  }\n}\n', doc), []);
});

test('a field the schema does not have fails', async () => {
  assert.ok((await errorsOf('query LintProbeMe {\n  me {\n    id\n    shoeSize\n  }\n}\n', doc)).includes('@graphql-eslint/fields-on-correct-type'));
});

test('an unknown type fails', async () => {
  const errors = await errorsOf('query LintProbeFirm($id: FirmIdentifier!) {\n  firm(id: $id) {\n    id\n  }\n}\n', doc);
  assert.ok(errors.includes('@graphql-eslint/known-type-names'), errors.join(', '));
});

test('an anonymous operation fails', async () => {
  assert.ok((await errorsOf('{\n  me {\n    id\n  }\n}\n', doc)).includes('@graphql-eslint/no-anonymous-operations'));
});

test('a fragment nobody spreads fails', async () => {
  assert.ok((await errorsOf('fragment LintProbeUnused on User {\n  id\n}\n', doc)).includes('@graphql-eslint/no-unused-fragments'));
});

test('a fragment name another document defines already fails', async () => {
  // AgreementParties is defined in client/src/agreements/agreements.graphql.
  const errors = await errorsOf('fragment AgreementParties on ServiceAgreement {\n  id\n}\n\nquery LintProbeAgreement {\n  me {\n    id\n  }\n}\n', doc);
  assert.ok(errors.includes('@graphql-eslint/unique-fragment-name'), errors.join(', '));
});

test('raw database access in a resolver fails (gg/no-raw-db-in-resolver)', async () => {
  const code = 'export class X {\n  async y(ctx: any) {\n    return ctx.ds.query("SELECT 1");\n  }\n}\n';
  assert.deepEqual(await errorsOf(code, 'server/src/journeys/lint-probe.resolver.ts'), ['gg/no-raw-db-in-resolver']);
});
