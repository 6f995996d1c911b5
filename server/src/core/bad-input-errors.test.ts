import { GraphQLError } from 'graphql';
import { formatError } from './errors';
import { BadInputError } from './input-guard';

describe('formatError for bad input', () => {
  it('keeps the named fields of a bad-input error and nothing else of its extensions', () => {
    const e = new BadInputError('input.name', 'contains a NUL character');
    const out = formatError({ message: e.message, extensions: { ...e.extensions, stacktrace: ['at x (/src/a.ts:1:1)'] } }, e);
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.name', message: 'contains a NUL character' }] });
  });

  it("answers PostgreSQL's data exceptions (22xxx) as BAD_USER_INPUT without the SQL message", () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => {});
    const driverError = Object.assign(new Error('invalid input syntax for type uuid: "secret typed value"'), { code: '22P02', table: 'firm' });
    const queryFailed = Object.assign(new Error(driverError.message), { driverError, query: 'SELECT * FROM firm WHERE id = $1' });
    const out = formatError({ message: queryFailed.message, path: ['firm'] }, new GraphQLError(queryFailed.message, { originalError: queryFailed }));
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(out)).not.toMatch(/uuid|SELECT|secret/);
    expect(JSON.stringify(spy.mock.calls)).not.toMatch(/secret/);
    spy.mockRestore();
  });

  it('still hides other database errors as internal errors', () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => {});
    const e = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    expect(formatError({ message: e.message }, new GraphQLError(e.message, { originalError: e })).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    spy.mockRestore();
  });
});
