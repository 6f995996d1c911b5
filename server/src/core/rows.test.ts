import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { memoisedSql, memoisedStatement } from './rows';

/** memoisedSql (issue 12): a statement's text is built once per shape, and outside production each use is checked. */
describe('memoisedSql', () => {
  const builder = (text: string) => {
    const qb = { builds: 0, getQuery: () => (qb.builds++, text) };
    return qb;
  };

  it('keeps the text of the first build for its shape, wrapped once', () => {
    const shape = `test-${Math.random()}`;
    const a = builder('SELECT 1');
    expect(memoisedSql(shape, a, (s) => `WITH x AS (${s}) SELECT * FROM x`)).toBe('WITH x AS (SELECT 1) SELECT * FROM x');
    const b = builder('SELECT 1');
    expect(memoisedSql(shape, b, (s) => `WITH x AS (${s}) SELECT * FROM x`)).toBe('WITH x AS (SELECT 1) SELECT * FROM x');
  });

  it('fails (outside production) when a shape key misses a choice that changed the text', () => {
    const shape = `test-${Math.random()}`;
    memoisedSql(shape, builder('SELECT 1 WHERE a = :a'));
    expect(() => memoisedSql(shape, builder('SELECT 1 WHERE a = :a AND b = :b'))).toThrow(/another statement than the cached one/);
  });
});

/** memoisedStatement (issue 12): the builder is built once per shape; the values come from the caller's dictionary in the cached order. */
describe('memoisedStatement', () => {
  // TypeORM's own numbering of named parameters, on a stand-in for the data source.
  const driver = Object.assign(Object.create(PostgresDriver.prototype), { parametersPrefix: '$', createParameter: (_k: string, i: number) => `$${i + 1}` });
  const ds = { driver } as never;
  const builder = (text: string, params: Record<string, unknown>) => {
    const qb = { builds: 0, getQuery: () => (qb.builds++, text), getParameters: () => params };
    return qb;
  };

  it('numbers the parameters as TypeORM does, and takes later values from the dictionary in that order', () => {
    const shape = `test-${Math.random()}`;
    const text = 'SELECT 1 WHERE b = :b AND a = :a AND c = ANY(:b) AND x::text = :a';
    const first = memoisedStatement(ds, shape, () => builder(text, { a: 1, b: [2], unused: 3 }), { a: 1, b: [2] });
    expect(first).toEqual(['SELECT 1 WHERE b = $1 AND a = $2 AND c = ANY($1) AND x::text = $2', [[2], 1]]);
    const second = memoisedStatement(ds, shape, () => builder(text, { a: 5, b: [6] }), { a: 5, b: [6], other: 7 });
    expect(second).toEqual(['SELECT 1 WHERE b = $1 AND a = $2 AND c = ANY($1) AND x::text = $2', [[6], 5]]);
  });

  it('fails (outside production) when the dictionary does not give the builder\'s values', () => {
    const shape = `test-${Math.random()}`;
    memoisedStatement(ds, shape, () => builder('SELECT :a', { a: 1 }), { a: 1 });
    expect(() => memoisedStatement(ds, shape, () => builder('SELECT :a', { a: 2 }), { a: 3 })).toThrow(/other values than the cached one/);
    expect(() => memoisedStatement(ds, shape, () => builder('SELECT :a, :b', { a: 2, b: 1 }), { a: 2 })).toThrow(/another statement/);
  });
});
