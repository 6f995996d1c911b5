import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** A DataSource or a request's EntityManager (ctx.ds may become request-bound): both reach the metadata. */
type Db = DataSource | EntityManager;
const dataSourceOf = (db: Db): DataSource => ('dataSource' in db ? db.dataSource : db);

/**
 * Lean reads: hot read paths load plain rows (pg through `ctx.ds.query` / a query builder's
 * `getRawMany`) with entity property names as keys, instead of hydrating TypeORM entities column by column.
 * Measured on the nested partner read (~1,000 firms): hydrating whole entities cost 13.7 ms, plain rows of
 * every column 5.2 ms, plain rows of the 4 needed columns 1.4 ms. TypeORM stays for writes.
 *
 * Rows look like the entity to field resolvers: same property names, timestamps as Date, `date` columns as
 * 'YYYY-MM-DD' strings (as TypeORM returns them).
 */
export type Plain<T> = { [K in keyof T]: T[K] };

interface ColumnInfo {
  property: string;
  expression: (alias: string) => string;
  /** timestamp / timestamptz: a Date in a driver row, a string in JSON built by PostgreSQL. */
  isTimestamp: boolean;
}

const columnCache = new WeakMap<object, Map<string, ColumnInfo>>();

/** Property -> SQL of every column of an entity, from TypeORM's metadata (new columns are picked up by themselves). */
function columnsOf(ds: Db, entity: EntityTarget<ObjectLiteral>): Map<string, ColumnInfo> {
  const key = entity as object;
  let map = columnCache.get(key);
  if (!map) {
    map = new Map();
    for (const c of dataSourceOf(ds).getMetadata(entity).columns) {
      const db = c.databaseName;
      const property = c.propertyName;
      const isDate = c.type === 'date';
      map.set(property, {
        property,
        isTimestamp: c.type === 'timestamptz' || c.type === 'timestamp' || c.type === 'timestamp with time zone' || c.type === 'timestamp without time zone' || (c.type as unknown) === Date,
        expression: isDate
          ? (alias) => `to_char("${alias}"."${db}", 'YYYY-MM-DD') AS "${property}"`
          : (alias) => `"${alias}"."${db}" AS "${property}"`,
      });
    }
    columnCache.set(key, map);
  }
  return map;
}

/**
 * The SELECT list of an entity's columns under `alias`, keyed by property name: the given properties, or
 * every column when `properties` is null.
 */
export function selectList(ds: Db, entity: EntityTarget<ObjectLiteral>, alias: string, properties: Iterable<string> | null = null): string {
  const columns = columnsOf(ds, entity);
  if (!properties) return [...columns.values()].map((c) => c.expression(alias)).join(', ');
  const out: string[] = [];
  for (const p of new Set(properties)) {
    const c = columns.get(p);
    if (!c) throw new Error(`no column for property ${p}`);
    out.push(c.expression(alias));
  }
  return out.join(', ');
}

/**
 * A JSON object of an entity's row under `alias`, keyed by property name (every column), for reading a joined
 * row along with another (`fromJson` turns it back into the row a driver would give).
 */
export function jsonObject(ds: Db, entity: EntityTarget<ObjectLiteral>, alias: string): string {
  const parts: string[] = [];
  for (const c of dataSourceOf(ds).getMetadata(entity).columns) {
    const col = `"${alias}"."${c.databaseName}"`;
    parts.push(`'${c.propertyName}', ${c.type === 'date' ? `to_char(${col}, 'YYYY-MM-DD')` : col}`);
  }
  return `json_build_object(${parts.join(', ')})`;
}

/** A row read as JSON (jsonObject, json_agg), with its timestamps as Dates again. */
export function fromJson<T extends ObjectLiteral>(ds: Db, entity: EntityTarget<ObjectLiteral>, row: T): T {
  for (const p of timestampProperties(ds, entity, null)) if (row[p] != null) (row as ObjectLiteral)[p] = new Date(row[p]);
  return row;
}

/**
 * The timestamp properties among `properties` (every column when null): rows built as JSON in SQL
 * (json_agg) carry them as strings, which the reader turns into Dates so rows look the same either way.
 */
export function timestampProperties(ds: Db, entity: EntityTarget<ObjectLiteral>, properties: Iterable<string> | null): string[] {
  const columns = columnsOf(ds, entity);
  const out: string[] = [];
  for (const p of properties ?? columns.keys()) if (columns.get(p)?.isTimestamp) out.push(p);
  return out;
}

/**
 * Which entity properties a selection needs. `path` leads from the resolved field to the object whose
 * fields are read (e.g. ['edges', 'node'] for a connection). Each selected field is a column of the same
 * name, or is listed in `needs` (field resolvers: the columns they read), or is unknown - then null:
 * load every column. So a field added later (by any area) is never served a missing column.
 */
export function neededProperties(
  ds: Db,
  entity: EntityTarget<ObjectLiteral>,
  info: GraphQLResolveInfo,
  path: readonly string[],
  needs: Readonly<Record<string, readonly string[]>>,
  always: readonly string[],
): string[] | null {
  const columns = columnsOf(ds, entity);
  const fields = new Set<string>();
  let sets: SelectionSetNode[] = info.fieldNodes.map((n) => n.selectionSet).filter((s): s is SelectionSetNode => !!s);
  for (const step of path) {
    const next: SelectionSetNode[] = [];
    for (const f of collectFields(info, sets)) if (f.name.value === step && f.selectionSet) next.push(f.selectionSet);
    sets = next;
  }
  for (const f of collectFields(info, sets)) fields.add(f.name.value);
  const out = new Set(always);
  for (const name of fields) {
    if (name === '__typename') continue;
    const extra = needs[name];
    if (extra) for (const p of extra) out.add(p);
    else if (columns.has(name)) out.add(name);
    else return null;
  }
  return [...out];
}

/** Field nodes of selection sets, through fragment spreads and inline fragments (directives are not evaluated: a superset is fine). */
function collectFields(info: GraphQLResolveInfo, sets: readonly SelectionSetNode[], out: FieldNode[] = [], seen = new Set<string>()): FieldNode[] {
  for (const set of sets) {
    for (const s of set.selections) {
      if (s.kind === 'Field') out.push(s);
      else if (s.kind === 'InlineFragment') collectFields(info, [s.selectionSet], out, seen);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const fragment = info.fragments[s.name.value];
        if (fragment) collectFields(info, [fragment.selectionSet], out, seen);
      }
    }
  }
  return out;
}

/**
 * The SQL text of a query builder, built once per `shape` (issue 12: TypeORM's getQuery - property-name
 * rewriting over the whole statement, WHERE expressions - was a measurable share of a small request, and
 * getRawMany adds a JSON.stringify of the parameters for its unused result cache). `shape` must name every
 * choice that changes the text (which conditions were added, LIMIT, selected columns, the visibility
 * branch); parameter values are not part of the text. Outside production every use compares the cached
 * text with a fresh build, so a shape key that misses a choice fails the tests instead of sending the
 * wrong statement.
 */
export function memoisedSql(shape: string, qb: { getQuery(): string }, wrap: (sql: string) => string = (sql) => sql): string {
  let sql = statementTexts.get(shape);
  if (sql === undefined) {
    sql = wrap(qb.getQuery());
    // Shapes come from query documents (bounded), but never let them grow without limit.
    if (statementTexts.size >= MAX_STATEMENT_TEXTS) statementTexts.clear();
    statementTexts.set(shape, sql);
  } else if (CHECK_STATEMENT_TEXTS) {
    const fresh = wrap(qb.getQuery());
    if (fresh !== sql) throw new Error(`memoisedSql: shape ${shape} gave another statement than the cached one:\n${fresh}\n---\n${sql}`);
  }
  return sql;
}
const statementTexts = new Map<string, string>();
const MAX_STATEMENT_TEXTS = 2000;
const CHECK_STATEMENT_TEXTS = process.env.NODE_ENV !== 'production';

/** A query builder's rows as plain objects (like getRawMany), its SQL text memoised per `shape` (memoisedSql). */
export async function rawRows<R>(ds: Db, shape: string, qb: { getQuery(): string; getParameters(): ObjectLiteral }): Promise<R[]> {
  const [sql, params] = dataSourceOf(ds).driver.escapeQueryWithParameters(memoisedSql(shape, qb), qb.getParameters());
  return ds.query(sql, params);
}

/**
 * A query builder's statement as pg takes it ([text with $n, values]), the builder built only the first time per
 * `shape` (issue 12: building the builder - createQueryBuilder, the WHERE brackets, the visibility rule - and
 * TypeORM's escapeQueryWithParameters regex over the text were most of TypeORM's share of a one-firm lookup).
 * `params` must give the values the builder would hold under the same names; the cached text keeps their order.
 * `wrap` puts text around the numbered statement (no parameters of its own). The same string object comes back for
 * a shape each time, so the Map lookups of core/prepared.ts hash it once, not per request.
 * As memoisedSql: outside production every call also builds the builder and compares text and values, so a shape
 * or a parameter that drifts fails the tests. Array spreads (`:...x`) and function parameters are not cached.
 */
export function memoisedStatement(
  ds: Db,
  shape: string,
  build: () => { getQuery(): string; getParameters(): ObjectLiteral },
  params: ObjectLiteral,
  wrap: (sql: string) => string = (sql) => sql,
): [string, unknown[]] {
  const cached = statements.get(shape);
  if (cached && !CHECK_STATEMENT_TEXTS) return [cached.sql, cached.names.map((n) => params[n])];
  const qb = build();
  // Wrapped after numbering: `wrap` adds text around the statement, never parameters.
  const built = dataSourceOf(ds).driver.escapeQueryWithParameters(qb.getQuery(), qb.getParameters()) as [string, unknown[]];
  built[0] = wrap(built[0]);
  if (cached) {
    const values = cached.names.map((n) => params[n]);
    if (built[0] !== cached.sql || JSON.stringify(built[1]) !== JSON.stringify(values)) {
      throw new Error(`memoisedStatement: shape ${shape} gave another statement or other values than the cached one:\n${built[0]}\n${JSON.stringify(built[1])}\n---\n${cached.sql}\n${JSON.stringify(values)}`);
    }
    return [cached.sql, values];
  }
  const names = parameterOrder(qb.getQuery(), qb.getParameters());
  if (names) {
    if (statements.size >= MAX_STATEMENT_TEXTS) statements.clear();
    statements.set(shape, { sql: built[0], names });
  }
  return built;
}
const statements = new Map<string, { sql: string; names: string[] }>();

/** The parameter names in the order escapeQueryWithParameters numbers them ($1, $2, ...), or null when it would not number them one to one. */
function parameterOrder(sql: string, parameters: ObjectLiteral): string[] | null {
  const names: string[] = [];
  let plain = true;
  // The same pattern as TypeORM's PostgresDriver.escapeQueryWithParameters.
  for (const m of sql.matchAll(/:(\.\.\.)?([A-Za-z0-9_.]+)/g)) {
    const key = m[2];
    if (!Object.prototype.hasOwnProperty.call(parameters, key)) continue;
    if (m[1] || typeof parameters[key] === 'function') plain = false;
    if (!names.includes(key)) names.push(key);
  }
  return plain ? names : null;
}
