import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync, getMetadataStorage } from 'type-graphql';
import { applyAccessRules, DeclaredAccess } from './core/access';
import { directFieldResolvers, passRootsAsTheyAre } from './core/executor';
import { getMetadataStorage as validationMetadataStorage } from 'class-validator';
import { applyInputGuard, memoiseValidationMetadata, syncArgumentValidation } from './core/input-guard';
import { applyListCaps } from './core/list-bounds';
import { AGREEMENT_RESOLVERS } from './agreements';
import { CLUSTER_RESOLVERS } from './clusters';
import { DASHBOARD_RESOLVERS } from './dashboards';
import { FIRM_RESOLVERS } from './firms';
import { IDENTITY_RESOLVERS } from './identity';
import { INVESTMENT_RESOLVERS } from './investment';
import { JOURNEY_RESOLVERS } from './journeys';
import { NETWORK_RESOLVERS } from './networks';
import { ORGANISATION_RESOLVERS } from './organisations';
import { PROGRAMME_RESOLVERS } from './programmes';

/**
 * Every resolver class, area by area. Each area lists its classes in its own index.ts (`<AREA>_RESOLVERS`);
 * this file imports only those modules (lint rule gg/schema-imports-areas, scripts/lint/rules.mjs).
 */
export const resolvers = [
  ...ORGANISATION_RESOLVERS,
  ...FIRM_RESOLVERS,
  ...IDENTITY_RESOLVERS,
  ...JOURNEY_RESOLVERS,
  ...PROGRAMME_RESOLVERS,
  ...CLUSTER_RESOLVERS,
  ...NETWORK_RESOLVERS,
  ...INVESTMENT_RESOLVERS,
  ...DASHBOARD_RESOLVERS,
  ...AGREEMENT_RESOLVERS,
] as const;

/** class-validator options of every validated argument (type-graphql's `validate`, and syncArgumentValidation's). */
const VALIDATE = { forbidUnknownValues: false, validationError: { target: false, value: false } };

let built: { schema: GraphQLSchema; access: DeclaredAccess[] } | undefined;

/** The executable schema with access rules applied (built once per process). */
export function buildAppSchema(): { schema: GraphQLSchema; access: DeclaredAccess[] } {
  if (!built) {
    // type-graphql wraps every plain property field in a resolver of its own (a resolverData object and a
    // middleware chain per field and row) unless the field is "simple". Nothing here uses field middlewares
    // or @Authorized (access rules wrap the root fields, see applyAccessRules), so plain fields resolve with
    // graphql-js's default resolver, which reads the same property. Field resolvers are unaffected.
    for (const field of getMetadataStorage().fields) {
      if (field.simple === undefined && !field.middlewares?.length && !field.roles?.length) field.simple = true;
    }
    // Rows reach field resolvers as they are, not copied into an instance per call (core/executor.ts).
    passRootsAsTheyAre(getMetadataStorage().params as Parameters<typeof passRootsAsTheyAre>[0]);
    // Input classes' validation rules looked up once per class, not per validated argument (core/input-guard.ts).
    memoiseValidationMetadata(validationMetadataStorage() as unknown as Parameters<typeof memoiseValidationMetadata>[0]);
    // Input-object arguments checked by a validateFn made once, synchronously, with the same rules and options (core/input-guard.ts).
    syncArgumentValidation(getMetadataStorage().params as Parameters<typeof syncArgumentValidation>[0], VALIDATE, validationMetadataStorage() as never);
    const options: Parameters<typeof buildSchemaSync>[0] = {
      resolvers: resolvers as unknown as [Function, ...Function[]],
      validate: VALIDATE,
      emitSchemaFile: false,
      // type-graphql's check runs the whole introspection query (~0.3 s of CPU per start, issue 12). In production
      // Apollo's assertValidSchema still validates the schema at start; tests and `npm run schema` keep the check.
      skipCheck: process.env.NODE_ENV === 'production',
    };
    const schema = buildSchemaSync(options);
    // Field resolvers called without type-graphql's per-call parameter machinery where it does nothing (core/executor.ts);
    // it refuses build options (global middlewares, an auth checker) that its direct calls would skip.
    directFieldResolvers(schema, getMetadataStorage() as unknown as Parameters<typeof directFieldResolvers>[1], options);
    const access = applyAccessRules(schema);
    // After the access rules, so that the input check runs first (see core/input-guard.ts).
    applyInputGuard(schema);
    // Every list of objects pages or has a hard cap (core/list-bounds.ts).
    applyListCaps(schema);
    built = { schema, access };
  }
  return built;
}

/** The SDL committed as schema/schema.graphql (sorted, so diffs stay small). */
export function printAppSchema(): string {
  return printSchema(lexicographicSortSchema(buildAppSchema().schema)) + '\n';
}
