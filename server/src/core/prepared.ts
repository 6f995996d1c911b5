import { createHash } from 'node:crypto';

/**
 * Server-side prepared statements for the hottest read shapes (issue 12). Under row-level security most of
 * a small read's database time is parse, rewrite (policy expansion) and planning, not execution: the
 * journey page's two statements took 2.2 + 0.7 ms to plan and 0.6 + 0.55 ms to run as the app role.
 * A text marked with `prepared(sql)` is sent as a named statement (pg's `{ name, text, values }`), so each
 * pooled connection parses it once and PostgreSQL's plan cache may keep a generic plan (it does so only
 * when that plan's estimate is no worse than the custom plans it made first: `plan_cache_mode = auto`).
 * The policies read the request's scope through current_setting() at execution, so a cached plan is as
 * scoped as a fresh one; the plan cache replans by itself after DDL or a change of role.
 *
 * Mark only statements whose best plan is the same for every parameter value (a lookup by key, as the journey
 * page's): a generic plan knows no values. A generic plan cannot use `LIKE $n` as an index range; firm search
 * by name prefix is therefore sent as the range itself (`lower(name) COLLATE "C" >= $lo AND < $hi`, firms/
 * firm.service.ts prefixRange): its generic plan walks IDX_firm_name_prefix in order (0.06 ms to plan, as fast
 * to run as the custom plan at 20,000 firms), and with plan_cache_mode = auto PostgreSQL keeps custom plans
 * while they are estimated cheaper - then the parse and policy rewrite are still saved.
 *
 * A connection pooler in transaction mode between the API and PostgreSQL (PgBouncer before 1.21) would not keep a
 * connection's named statements: there is none in this stack; one added later must be set up for them.
 *
 * Opt-in per statement and capped: each distinct text costs a plan per connection, so only texts built from
 * a fixed shape (placeholders, never inlined values) may be marked. Past the cap a text is sent as before.
 */
const MAX_TEXTS = 64;
const names = new Map<string, string>();

/** Marks `sql` for a named statement and returns it unchanged (use: `ctx.ds.query(prepared(sql), params)`). */
export function prepared(sql: string): string {
  if (!names.has(sql) && names.size < MAX_TEXTS) names.set(sql, `gg_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`);
  return sql;
}

/** The statement name of a marked text, or undefined. */
export const preparedName = (sql: string): string | undefined => names.get(sql);

const PATCHED = Symbol('gg.preparedStatements');

/**
 * Makes a pg client send marked texts as named statements (idempotent; the patch lives as long as the
 * pooled client, whose connection holds the parsed statements). Other calls pass through untouched.
 */
export function usePreparedStatements<T extends { query: (...args: any[]) => any }>(client: T): T {
  const c = client as T & { [PATCHED]?: true };
  if (c[PATCHED]) return client;
  const original = client.query.bind(client);
  c.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    const name = typeof text === 'string' && Array.isArray(values) ? names.get(text) : undefined;
    if (!name) return original(text, values, callback as any);
    return callback === undefined ? original({ name, text, values }) : original({ name, text, values }, callback as any);
  }) as T['query'];
  c[PATCHED] = true;
  return client;
}
