import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  DocumentNode,
  execute,
  ExecutionResult,
  getNamedType,
  getOperationAST,
  GraphQLArgument,
  GraphQLError,
  GraphQLResolveInfo,
  GraphQLSchema,
  isEnumType,
  isObjectType,
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

/** What directFieldResolvers reads of type-graphql's metadata storage (getMetadataStorage()). */
interface ResolverStorage {
  fieldResolvers: ReadonlyArray<{
    kind: string;
    schemaName: string;
    methodName: string;
    target: Function;
    params?: ReadonlyArray<{ kind: string; index: number; name?: string; propertyName?: string; getType?: () => unknown; validateFn?: unknown }>;
    middlewares?: readonly unknown[];
    roles?: readonly unknown[];
    getObjectType?: () => unknown;
  }>;
  objectTypes: ReadonlyArray<{ target: Function; name: string }>;
  argumentTypes: ReadonlyArray<{ target: Function; fields: ReadonlyArray<{ name: string }> }>;
}

/** The buildSchema options directFieldResolvers must see: the ones type-graphql's resolver would apply per call. */
export interface DirectBuildOptions {
  globalMiddlewares?: readonly unknown[];
  authChecker?: unknown;
  authMode?: unknown;
}

type ParamGetter = (source: any, args: any, context: unknown, info: GraphQLResolveInfo) => unknown;

/**
 * type-graphql calls every field resolver through getParams: per call it sorts the parameter list, converts each
 * argument, and runs every @Arg / @Args through an async validateArg - so a resolver with arguments always
 * answers through Promise.all and an extra microtask (getParams + validateArg were 6 % of the nested partner
 * read's execution, bench/nested.mjs). For a field resolver whose parameters need none of that, the schema
 * field calls the method directly with parameters read by getters made once:
 * - the parent row (as it is: passRootsAsTheyAre ran first), the context, the info;
 * - an @Arg of a scalar or enum type (type-graphql returns those unchanged and class-validator has no object to check);
 * - an @Args class of scalar/enum fields with its own validateFn (PageParams: checkPageArgs), instantiated as
 *   type-graphql does (the class's defaults, then the given arguments) and checked on every call, as before.
 * Anything else (middlewares, roles, input objects, custom params, a resolver class with instance state) keeps
 * type-graphql's resolver. Global middlewares or an auth checker would run first in type-graphql's resolver and
 * be skipped here: with either in the build options this refuses to run (the build fails, not the access).
 * Returns the number of fields changed.
 */
export function directFieldResolvers(schema: GraphQLSchema, storage: ResolverStorage, buildOptions: DirectBuildOptions): number {
  const bypassed = (['globalMiddlewares', 'authChecker', 'authMode'] as const).filter((k) => {
    const v = buildOptions[k];
    return Array.isArray(v) ? v.length > 0 : v !== undefined;
  });
  if (bypassed.length) throw new Error(`directFieldResolvers would bypass type-graphql's ${bypassed.join(', ')}: remove them from the build options or leave field resolvers to type-graphql.`);
  let changed = 0;
  const instances = new Map<Function, object | null>();
  for (const fr of storage.fieldResolvers) {
    if (fr.kind !== 'external' || fr.middlewares?.length || fr.roles?.length || !fr.params || !fr.getObjectType) continue;
    const objectType = storage.objectTypes.find((t) => t.target === fr.getObjectType!());
    const type = objectType && schema.getType(objectType.name);
    if (!type || !isObjectType(type)) continue;
    const field = type.getFields()[fr.schemaName];
    if (!field?.resolve) continue;
    let instance = instances.get(fr.target);
    if (instance === undefined) instances.set(fr.target, (instance = statelessInstance(fr.target)));
    const method = instance && (instance as Record<string, unknown>)[fr.methodName];
    if (typeof method !== 'function') continue;
    const getters: ParamGetter[] = [];
    let validate: ((source: unknown, args: any, context: unknown, info: GraphQLResolveInfo, value: unknown) => unknown) | null = null;
    let ok = true;
    for (const p of [...fr.params].sort((a, b) => a.index - b.index)) {
      const prop = p.propertyName;
      if (p.kind === 'root' && !p.getType) getters.push(prop ? (s) => s[prop] : (s) => s);
      else if (p.kind === 'context') getters.push(prop ? (_s, _a, c) => (c as Record<string, unknown>)[prop] : (_s, _a, c) => c);
      else if (p.kind === 'info') getters.push((_s, _a, _c, i) => i);
      else if (p.kind === 'arg' && !p.validateFn && p.name && isPlainArg(field.args, p.name)) {
        const name = p.name;
        getters.push((_s, a) => (Array.isArray(a[name]) ? a[name].slice() : a[name]));
      } else if (p.kind === 'args' && typeof p.validateFn === 'function' && !validate && p.getType) {
        const ArgsClass = p.getType() as new () => Record<string, unknown>;
        const argsType = storage.argumentTypes.find((t) => t.target === ArgsClass);
        if (!argsType || storage.argumentTypes.some((t) => t.target === Object.getPrototypeOf(ArgsClass)) || !argsType.fields.every((f) => isPlainArg(field.args, f.name))) {
          ok = false;
          break;
        }
        const names = argsType.fields.map((f) => f.name);
        const validateFn = p.validateFn as (value: unknown, type: unknown, data: unknown) => unknown;
        const at = getters.length;
        getters.push((_s, a) => argsInstance(ArgsClass, names, a));
        validate = (root, args, context, info, params) => validateFn((params as unknown[])[at], ArgsClass, { root, args, context, info });
      } else {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    const run = validate;
    const n = getters.length;
    field.resolve = (source, args, context, info) => {
      const params = new Array(n);
      for (let i = 0; i < n; i++) params[i] = getters[i](source, args, context, info);
      if (run) {
        const checked = run(source, args, context, info, params);
        if (isPromiseLike(checked)) return checked.then(() => method.apply(instance, params));
      }
      return method.apply(instance, params);
    };
    changed++;
  }
  return changed;
}

/** An argument whose GraphQL type is a scalar or an enum (or a list of them): type-graphql passes its value unchanged. */
function isPlainArg(args: ReadonlyArray<GraphQLArgument>, name: string): boolean {
  const arg = args.find((a) => a.name === name);
  if (!arg) return false;
  const named = getNamedType(arg.type);
  return isScalarType(named) || isEnumType(named);
}

/** type-graphql's convertArgsToInstance for an @Args class of plain fields: its defaults, then the given values. */
function argsInstance(ArgsClass: new () => Record<string, unknown>, names: readonly string[], args: Record<string, unknown>): Record<string, unknown> {
  const instance = new ArgsClass();
  for (const key of Object.keys(instance)) if (instance[key] === undefined && (!names.includes(key) || args[key] === undefined)) delete instance[key];
  for (const name of names) if (args[name] !== undefined) instance[name] = args[name];
  return instance;
}

/** One instance of a resolver class (type-graphql's default container keeps one too), if it holds no state of its own. */
function statelessInstance(target: Function): object | null {
  try {
    const instance = new (target as new () => object)();
    return Reflect.ownKeys(instance).length === 0 ? instance : null;
  } catch {
    return null;
  }
}
