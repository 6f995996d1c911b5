import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  DocumentNode,
  execute,
  ExecutionResult,
  getOperationAST,
  GraphQLError,
  GraphQLSchema,
  isEnumType,
  isScalarType,
  isSpecifiedScalarType,
  OperationDefinitionNode,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/**
 * A compiled executor (graphql-jit) for the API's operations (issue 12): graphql-js interprets every field of
 * every row (argument maps, resolve infos, paths, completion by type), graphql-jit compiles each operation
 * once into plain JavaScript and runs that. Resolvers, scalars, unions and errors are the schema's own.
 *
 * Variables are coerced by graphql-js first, so a wrong variable gets graphql-js's own error (which Apollo
 * answers as BAD_USER_INPUT, 400) - graphql-jit's coercion words them differently.
 */
export interface OperationExecutor {
  (args: { document: DocumentNode; operationName?: string | null; variables?: Record<string, unknown> | null; contextValue: unknown; operation?: OperationDefinitionNode | null }):
    | ExecutionResult
    | Promise<ExecutionResult>;
}

export function compiledExecutor(schema: GraphQLSchema): OperationExecutor {
  assertRecoercible(schema);
  // Apollo keeps parsed, validated documents in its document store, so the same query text arrives as the same
  // object: compiled queries live as long as their document (a WeakMap; per operation name within a document).
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();
  return ({ document, operationName, variables, contextValue, operation }) => {
    const op = operation ?? getOperationAST(document, operationName);
    // No operation to run (unknown name, several without a name): graphql-js words the error.
    if (!op) return execute({ schema, document, operationName, variableValues: variables, contextValue });
    const coerced = getVariableValues(schema, op.variableDefinitions ?? [], variables ?? {}, { maxErrors: 50 });
    if (coerced.errors) return { errors: coerced.errors.map((e) => (e.nodes?.length ? e : variableLimitError(op))) };
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map()));
    const key = operationName ?? '';
    let query = byName.get(key);
    if (!query) byName.set(key, (query = compileQuery(schema, document, operationName ?? undefined)));
    if (!isCompiledQuery(query)) return query;
    // graphql-js' coerced values: graphql-jit's own coercion leaves out input fields' defaults (`Int! = 0`
    // missing from a variable fails as "not provided"). It coerces them again, which keeps them as they are
    // (checked for the schema's enums and scalars in compiledExecutor).
    const result = query.query(undefined, contextValue, coerced.coerced);
    return isPromiseLike(result) ? result.then(withPlainErrors) : withPlainErrors(result);
  };
}

/**
 * Past `maxErrors` graphql-js stops with an error of its own that names no variable and has no code, which
 * came out as INTERNAL_SERVER_ERROR (found by the outside probe: 5000 nulls in a list of non-null items).
 * It is the caller's input like the errors before it: typed, and naming the operation's variables.
 */
function variableLimitError(op: OperationDefinitionNode): GraphQLError {
  const names = (op.variableDefinitions ?? []).map((d) => `$${d.variable.name.value}`).join(', ');
  return new GraphQLError(`Too many invalid values in the variables (${names}): the first 50 are listed above.`, { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * Coerced variables go through graphql-jit's coercion a second time: an enum value must coerce to itself
 * (internal value = name), and a custom scalar must take its own parsed value (DateTimeISO takes a Date).
 */
export function assertRecoercible(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isEnumType(type)) {
      const odd = type.getValues().find((v) => v.value !== v.name);
      if (odd) throw new Error(`core/executor.ts: enum ${type.name}.${odd.name} has the internal value ${JSON.stringify(odd.value)}; coerced variables would not coerce again.`);
    } else if (isScalarType(type) && !isSpecifiedScalarType(type) && !RECOERCIBLE_SCALARS.has(type.name)) {
      throw new Error(`core/executor.ts: check that scalar ${type.name}'s parseValue takes its own result, then add it to RECOERCIBLE_SCALARS.`);
    }
  }
}
const RECOERCIBLE_SCALARS = new Set(['DateTimeISO']);

const isPromiseLike = <T>(v: T | Promise<T>): v is Promise<T> => typeof (v as { then?: unknown })?.then === 'function';

/**
 * graphql-jit's errors have a read-only message and no `nodes` (graphql-armor's plugin rewrites messages, and
 * formatError reads originalError): the same errors as graphql-js' own GraphQLError, with path and locations.
 */
function withPlainErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((e) => {
    const plain = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined, extensions: e.extensions });
    if (e.locations) (plain as { locations?: unknown }).locations = e.locations;
    return plain;
  });
  return { ...result, errors };
}

/**
 * Apollo Server runs a gateway's executor instead of graphql-js' execute; this "gateway" only hands Apollo the
 * schema and the compiled executor (parsing, validation, plugins and error formatting stay Apollo's).
 */
export function executorGateway(schema: GraphQLSchema, run: OperationExecutor): GatewayInterface {
  const executor: GatewayExecutor = async (rc) =>
    (await run({
      document: rc.document,
      operationName: rc.operationName ?? rc.request.operationName,
      variables: rc.request.variables,
      contextValue: rc.context,
      operation: rc.operation,
    })) as Awaited<ReturnType<GatewayExecutor>>;
  return {
    async load() {
      return { schema, executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async stop() {},
  };
}

/**
 * type-graphql copies the parent row into a new instance of the `@Root()` parameter's class on every field
 * resolver call (new instance, then Object.assign: 2.9 % of the nested partner read's CPU once execution was
 * compiled). For a class that adds nothing to the data - no methods or getters, no field initialisers, as
 * every entity here - the copy is the same data with another prototype: the row is passed as it is.
 * Classes with behaviour keep the copy. Returns how many parameters were changed.
 */
export function passRootsAsTheyAre(params: ReadonlyArray<{ kind: string; getType?: () => unknown }>): number {
  let changed = 0;
  for (const param of params) {
    if (param.kind !== 'root' || !param.getType) continue;
    if (isBareDataClass(param.getType())) {
      param.getType = undefined;
      changed++;
    }
  }
  return changed;
}

/** A class whose instances are only their data: nothing on its prototype chain but constructors, no own fields when new. */
export function isBareDataClass(type: unknown): boolean {
  if (typeof type !== 'function' || !type.prototype) return false;
  for (let proto = type.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    if (Object.getOwnPropertyNames(proto).some((name) => name !== 'constructor')) return false;
    if (Object.getOwnPropertySymbols(proto).length) return false;
  }
  try {
    return Reflect.ownKeys(new (type as new () => object)()).length === 0;
  } catch {
    return false;
  }
}
