// `node --test scripts/lint/rules.test.mjs` (run by the lint stage of scripts/test.mjs): the project's
// own lint rules catch what they are for and pass what they allow.
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import gg from './rules.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schemaTs = path.join(root, 'server/src/schema.ts');
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' } });

test('schema-imports-areas: schema.ts imports area modules and core, never resolver files', () => {
  tester.run('schema-imports-areas', gg.rules['schema-imports-areas'], {
    valid: [
      { filename: schemaTs, code: "import { AGREEMENT_RESOLVERS } from './agreements';" },
      { filename: schemaTs, code: "import { CLUSTER_RESOLVERS } from './clusters/index';" },
      { filename: schemaTs, code: "import { applyAccessRules } from './core/access';" },
      { filename: schemaTs, code: "import { GraphQLSchema } from 'graphql';" },
      // Other files may import resolver files.
      { filename: path.join(root, 'server/src/app.ts'), code: "import { FirmResolver } from './firms/firm.resolver';" },
    ],
    invalid: [
      { filename: schemaTs, code: "import { FirmResolver } from './firms/firm.resolver';", errors: [{ messageId: 'notArea' }] },
      { filename: schemaTs, code: "export { NetworkResolver } from './networks/network.resolver';", errors: [{ messageId: 'notArea' }] },
      // A top-level module is no area (no index.ts).
      { filename: schemaTs, code: "import { ENTITIES } from './entities';", errors: [{ messageId: 'notArea' }] },
    ],
  });
});

test('no-raw-db-in-resolver: ctx.ds and ds repository/query use in a resolver file is refused', () => {
  const file = path.join(root, 'server/src/example/example.resolver.ts');
  tester.run('no-raw-db-in-resolver', gg.rules['no-raw-db-in-resolver'], {
    valid: [
      { filename: file, code: 'const rows = service.list(ctx, first, after);' },
      { filename: path.join(root, 'server/src/example/example.service.ts'), code: "const qb = ctx.ds.getRepository(X).createQueryBuilder('x');" },
    ],
    invalid: [
      { filename: file, code: "const qb = ctx.ds.getRepository(X).createQueryBuilder('x');", errors: [{ messageId: 'raw' }] },
      { filename: file, code: "await ctx.ds.query('SELECT 1');", errors: [{ messageId: 'raw' }] },
    ],
  });
});
