// `npm run lint` (and the lint stage of `npm test`): the project's own conventions (scripts/lint/rules.mjs).
import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import tseslint from 'typescript-eslint';
import gg from './scripts/lint/rules.mjs';

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', 'client/src/generated/**', 'schema/**', '**/*.d.ts'] },
  {
    files: ['server/src/**/*.ts', 'client/src/**/*.ts', 'client/src/**/*.tsx'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true } } },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    plugins: { gg },
    rules: {
      'gg/root-field-access': 'error',
      'gg/no-raw-db-in-resolver': 'error',
      'gg/no-cross-area-import': 'error',
      'gg/schema-imports-areas': 'error',
    },
  },
  {
    // The client's GraphQL documents against the served schema (schema/schema.graphql, kept fresh by a test):
    // valid operations, known types and fields, named operations, no unused or duplicate fragments.
    files: ['client/src/**/*.graphql'],
    languageOptions: {
      parser: graphqlPlugin.parser,
      parserOptions: { graphQLConfig: { schema: 'schema/schema.graphql', documents: 'client/src/**/*.graphql' } },
    },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: graphqlPlugin.configs['flat/operations-recommended'].rules,
  },
];
