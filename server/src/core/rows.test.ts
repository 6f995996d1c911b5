import { memoisedSql } from './rows';

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
