import { DataSource, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from './context';
import { rlsSettingsOf } from './rls';
import { ROW_RULES, RowRule } from './row-rules';

/**
 * The one road to owned rows: `scoped(ctx, Entity, 'a')` is a query builder on the request's transaction
 * (or the mutation's `em`, a savepoint of it) that already carries the entity's visibility rule from
 * core/row-rules.ts - the same rule the RLS policies mirror - for the caller's scope. A service adds its
 * filters, order and page to it; it cannot forget the rule, and the rule holds even where RLS does not
 * (the owner's connection: seeds, jobs, tests). Areas may narrow further (e.g. parties only), never widen.
 *
 * - `owned` tables: the rule's `oracle` condition, with $1 = the caller's READ organisations, $2 = the
 *   signed-in user (null for an API key) and $3 = the organisations it administers (as the policies read them).
 * - `public` and `view` tables: no condition (their rule says why everyone may read them).
 * - `system` tables: refused; they are read only by their own core module.
 */
export type ScopedCaller = Pick<RequestContext, 'ds' | 'principal' | 'scope'>;

/** Rows of other organisations a caller may see besides the rule (journey sharing: consent, referral). */
export interface AlsoVisible {
  sql: string;
  params: Record<string, unknown>;
}

const PARAMS = { $1: 'scopedOrgIds', $2: 'scopedUserId', $3: 'scopedAdminOrgIds' } as const;

const conditionCache = new Map<string, string>();

/** The table's rule as a condition on `alias` with named parameters (cached: the text depends on table and alias only). */
export function ruleCondition(table: string, alias: string): string | null {
  const rule: RowRule | undefined = ROW_RULES[table];
  if (!rule) throw new Error(`Table ${table} has no entry in core/row-rules.ts.`);
  if (rule.kind === 'system') throw new Error(`Table ${table} is a system table; it is not read through scoped().`);
  if (rule.kind !== 'owned') return null;
  const key = `${table}|${alias}`;
  let sql = conditionCache.get(key);
  if (sql === undefined) {
    // A subquery alias of the rule equal to the builder's alias would capture the rule's references to
    // the row (`t.x` inside `FROM firm f ...` with alias f): refuse rather than filter by the wrong row.
    const inner = [...rule.oracle.matchAll(/\b(?:FROM|JOIN)\s+\w+\s+(\w+)/gi)].map((m) => m[1].toLowerCase());
    if (inner.includes(alias.toLowerCase())) throw new Error(`scoped(${table}): alias "${alias}" is used inside its row rule; choose another.`);
    sql = rule.oracle
      .replace(/\bt\./g, `"${alias}".`)
      .replace(/\$([123])/g, (_, n: '1' | '2' | '3') => `:${PARAMS[`$${n}`]}`);
    conditionCache.set(key, sql);
  }
  return sql;
}

/** The named parameters of a rule condition for this caller. */
export function ruleParameters(caller: Pick<RequestContext, 'principal' | 'scope'>): Record<string, unknown> {
  const s = rlsSettingsOf(caller.principal, caller.scope);
  return { [PARAMS.$1]: [...s.orgIds], [PARAMS.$2]: s.userId, [PARAMS.$3]: [...s.adminOrgIds] };
}

/**
 * A select query builder of `entity` under `alias` that returns only the rows the caller may see.
 * `db`: the mutation's EntityManager when reading inside runMutation (defaults to the request's ctx.ds).
 */
export function scoped<T extends ObjectLiteral>(
  ctx: ScopedCaller,
  entity: EntityTarget<T>,
  alias: string,
  db: DataSource | EntityManager = ctx.ds,
  alsoVisible?: AlsoVisible,
): SelectQueryBuilder<T> {
  const qb = db.getRepository(entity).createQueryBuilder(alias);
  const condition = ruleCondition(qb.expressionMap.mainAlias!.metadata.tableName, alias);
  if (condition === null) return qb;
  const params = ruleParameters(ctx);
  if (alsoVisible) qb.where(`((${condition}) OR (${alsoVisible.sql}))`, { ...params, ...alsoVisible.params });
  else qb.where(`(${condition})`, params);
  return fenced(qb);
}

/**
 * The rule is the builder's first condition; a later `.where()` would replace it and a top-level
 * `.orWhere()` would escape it. So on this builder `where` adds (like andWhere) and `orWhere` is refused:
 * alternatives go inside `andWhere(new Brackets(...))`.
 */
function fenced<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  const and = qb.andWhere.bind(qb);
  Object.defineProperty(qb, 'where', { value: and });
  Object.defineProperty(qb, 'orWhere', {
    value: () => {
      throw new Error('scoped(): orWhere would escape the visibility rule; use andWhere(new Brackets(...)).');
    },
  });
  return qb;
}
