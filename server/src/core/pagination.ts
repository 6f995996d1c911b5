import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ArgumentValidationError, Args, ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import { IsOptional, Max, Min, MaxLength } from 'class-validator';
import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors';
import { isCleanText } from './input-guard';
import { isUuid } from './text';

/** Relay-style cursor connections. Cursors are opaque base64 of the keyset position. */

@ObjectType({ description: 'Where a page of a connection sits.' })
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

export function Connection<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field() cursor!: string;
    @Field(() => nodeType) node!: T;
  }

  @ObjectType(`${name}ConnectionBase`)
  abstract class ConnectionType {
    @Field(() => [EdgeType]) edges!: EdgeType[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
  }
  return ConnectionType;
}

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `Page size, 1-${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
  @IsOptional()
  @MaxLength(500)
  after?: string | null;
}

/**
 * `@PageParams() { first, after }: PageArgs`: the page arguments, checked by hand. class-validator (the
 * decorators above) took a measurable share of a nested read, because a nested connection's arguments are
 * validated once per parent (98 times for municipalities -> firms); this check costs a few comparisons.
 * The error is the one class-validator gave: BAD_USER_INPUT naming the field.
 */
export const PageParams = () => Args(() => PageArgs, { validateFn: checkPageArgs });

export function checkPageArgs(value: unknown): void {
  const { first, after } = value as PageArgs;
  const errors: Array<{ property: string; constraints: Record<string, string>; children: [] }> = [];
  if (!(first >= 1)) errors.push({ property: 'first', constraints: { min: 'first must not be less than 1' }, children: [] });
  else if (!(first <= MAX_PAGE_SIZE)) errors.push({ property: 'first', constraints: { max: `first must not be greater than ${MAX_PAGE_SIZE}` }, children: [] });
  if (after != null && after.length > 500) errors.push({ property: 'after', constraints: { maxLength: 'after must be shorter than or equal to 500 characters' }, children: [] });
  if (errors.length) throw new ArgumentValidationError(errors as never);
}

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The type of each position in a cursor's key. A cursor is decoded only when every part has the declared
 * type, so a crafted, stale or another connection's cursor is refused here with a typed error naming
 * `after`, instead of reaching PostgreSQL as a bad cast (`text` must be a short string, `uuid` a UUID,
 * `timestamp` an ISO date-time, `date` a YYYY-MM-DD day).
 */
export type CursorPart = 'text' | 'uuid' | 'timestamp' | 'date';

const CURSOR_PART_OK: Record<CursorPart, (v: unknown) => boolean> = {
  text: (v) => typeof v === 'string' && v.length <= 1000 && isCleanText(v),
  uuid: (v) => typeof v === 'string' && isUuid(v),
  timestamp: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(v) && !Number.isNaN(Date.parse(v)),
  date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
};

export class InvalidCursorError extends GraphQLError {
  constructor() {
    super('The cursor in "after" is not valid (use the endCursor of a previous page of this same list).', {
      extensions: { code: ErrorCode.BAD_USER_INPUT, fields: [{ field: 'after', message: 'invalid cursor' }] },
    });
  }
}

/** Decodes `after` into its key parts, checked against `shape` (see CursorPart); null when there is no cursor. */
export function decodeCursor(cursor: string | null | undefined, shape: readonly CursorPart[]): string[] | null {
  if (cursor == null || cursor === '') return null;
  let key: unknown;
  try {
    if (cursor.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError();
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(key) || key.length !== shape.length || !shape.every((part, i) => CURSOR_PART_OK[part](key[i]))) throw new InvalidCursorError();
  return key as string[];
}

/** An edge whose cursor is encoded only when a query asks for it (most nested reads never do). */
class LazyEdge<T> implements Edge<T> {
  constructor(
    readonly node: T,
    private readonly keyOf: (row: T) => unknown[],
  ) {}

  get cursor(): string {
    return encodeCursor(this.keyOf(this.node));
  }
}

/** pageInfo of toConnection: its cursors are encoded only when asked for, from the first / last edge. */
class LazyPageInfo<T> implements PageInfo {
  constructor(
    private readonly edges: Edge<T>[],
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
  ) {}

  get startCursor(): string | null {
    return this.edges.length ? this.edges[0].cursor : null;
  }

  get endCursor(): string | null {
    return this.edges.length ? this.edges[this.edges.length - 1].cursor : null;
  }
}

/**
 * Builds a connection from `first + 1` fetched rows (the extra row only tells whether there is a next page).
 * Objects of fixed classes, no closures per connection (a nested read builds ~100 of them per request).
 */
export function toConnection<T>(rows: T[], first: number, keyOf: (row: T) => unknown[], hasPrevious: boolean): ConnectionShape<T> {
  const n = Math.min(rows.length, first);
  const edges: Edge<T>[] = new Array(n);
  for (let i = 0; i < n; i++) edges[i] = new LazyEdge(rows[i], keyOf);
  return { edges, pageInfo: new LazyPageInfo(edges, rows.length > first, hasPrevious) };
}

export interface KeysetPageOptions<T> {
  first: number;
  after: string | null | undefined;
  /** The ordering expressions (SQL on the builder's alias), the last one unique (the id). */
  order: readonly string[];
  /** The cursor's part types, one per order expression. */
  shape: readonly CursorPart[];
  direction?: 'ASC' | 'DESC';
  /** The row's position as the cursor stores it (same order as `order`). */
  keyOf: (row: T) => unknown[];
}

/**
 * One keyset page of a query builder (the pattern every list query repeated): decode `after`, continue
 * after it in `order`, fetch `first + 1` rows and build the connection.
 */
export async function keysetPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  { first, after, order, shape, direction = 'ASC', keyOf }: KeysetPageOptions<T>,
): Promise<ConnectionShape<T>> {
  const cursor = decodeCursor(after, shape);
  if (cursor) {
    const names = cursor.map((_, i) => `keyset_${i}`);
    qb.andWhere(`(${order.join(', ')}) ${direction === 'ASC' ? '>' : '<'} (${names.map((n) => `:${n}`).join(', ')})`, Object.fromEntries(names.map((n, i) => [n, cursor[i]])));
  }
  order.forEach((o, i) => (i === 0 ? qb.orderBy(o, direction) : qb.addOrderBy(o, direction)));
  qb.limit(first + 1);
  return toConnection(await qb.getMany(), first, keyOf, !!cursor);
}
