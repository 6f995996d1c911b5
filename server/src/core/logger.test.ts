import { QueryFailedError } from 'typeorm';
import { logger, logRateLimited, resetLogRateLimits, serializeError } from './logger';

afterEach(() => {
  jest.restoreAllMocks();
  resetLogRateLimits();
});

describe('serializeError', () => {
  it('keeps codes and our SQL, drops the parameters and the values PostgreSQL quotes', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "firm_cvr_key"'), {
      code: '23505', constraint: 'firm_cvr_key', table: 'firm', detail: 'Key (cvr)=(12345678) already exists.',
    });
    const e = new QueryFailedError('INSERT INTO firm (cvr, name) VALUES ($1, $2)', ['12345678', 'Secret Name ApS'], driverError);
    const s = serializeError(e);
    expect(s).toMatchObject({ code: '23505', constraint: 'firm_cvr_key', table: 'firm', query: 'INSERT INTO firm (cvr, name) VALUES ($1, $2)' });
    expect(JSON.stringify(s)).not.toMatch(/12345678|Secret Name/);
  });

  it('withholds the message of a data exception (it quotes the input)', () => {
    const e = new QueryFailedError('SELECT 1 WHERE id = $1', ['not-a-uuid <script>'], Object.assign(new Error('invalid input syntax for type uuid: "not-a-uuid <script>"'), { code: '22P02' }));
    expect(JSON.stringify(serializeError(e))).not.toMatch(/not-a-uuid/);
  });
});

describe('logRateLimited', () => {
  it('logs one line per condition per interval and counts the rest', () => {
    const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    for (let i = 0; i < 1000; i++) logRateLimited('database-unavailable:ECONNREFUSED', 'error', { reason: 'ECONNREFUSED' }, 'Database unavailable', 60_000);
    logRateLimited('database-unavailable:statement-timeout', 'error', {}, 'Database unavailable', 60_000);
    expect(error).toHaveBeenCalledTimes(2);
  });

  it('closes a window with the number it suppressed', () => {
    jest.useFakeTimers();
    try {
      const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
      for (let i = 0; i < 5; i++) logRateLimited('readyz:timeout', 'warn', {}, 'Not ready', 1000);
      jest.advanceTimersByTime(1001);
      expect(warn).toHaveBeenCalledTimes(2);
      expect(warn.mock.calls[1][0]).toMatchObject({ suppressed: 4 });
    } finally {
      jest.useRealTimers();
    }
  });
});
