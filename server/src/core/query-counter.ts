import { AsyncLocalStorage } from 'node:async_hooks';
import { AbstractLogger, LogLevel, LogMessage, ObjectLiteral, QueryRunner } from 'typeorm';
import { logger, logRateLimited } from './logger';
import { databaseUnavailableReason, logDatabaseUnavailable } from './outage';

/** Counts SQL statements per request, so tests can prove a nested query does not grow with its rows. */
export interface QueryTally {
  count: number;
  statements: string[];
  /** The parameters of each statement (same index), e.g. to EXPLAIN them. */
  parameters: unknown[][];
}

const storage = new AsyncLocalStorage<QueryTally>();

export function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; tally: QueryTally }> {
  const tally: QueryTally = { count: 0, statements: [], parameters: [] };
  return storage.run(tally, async () => ({ result: await fn(), tally }));
}

/**
 * TypeORM's logger: counts statements, and writes through the server's logger. Query parameters are
 * never logged (they are what users typed); only our SQL text, codes and timings.
 */
export class CountingLogger extends AbstractLogger {
  constructor(private readonly echo: boolean) {
    super(['query', 'error', 'warn']);
  }

  logQuery(query: string, parameters?: any[] | ObjectLiteral, _queryRunner?: QueryRunner): void {
    const tally = storage.getStore();
    if (tally) {
      tally.count++;
      tally.statements.push(query);
      tally.parameters.push(Array.isArray(parameters) ? parameters : []); // kept in memory for tests, never logged
    }
    if (this.echo) logger.info({ sql: query }, 'query');
  }

  logQueryError(error: string | Error, query: string, _parameters?: any[] | ObjectLiteral, _queryRunner?: QueryRunner): void {
    const reason = databaseUnavailableReason(error);
    if (reason) return logDatabaseUnavailable(reason, 'query');
    // Expected failures (e.g. a unique violation that becomes a user error) are handled by the caller;
    // unexpected ones are logged once by formatError. Here only at debug level, without parameters.
    const code = typeof error === 'object' ? (error as { code?: string }).code : undefined;
    logger.debug({ code, sql: query.slice(0, 500) }, 'query failed');
  }

  logQuerySlow(time: number, query: string, _parameters?: any[] | ObjectLiteral, _queryRunner?: QueryRunner): void {
    logRateLimited(`slow-query:${query.slice(0, 200)}`, 'warn', { ms: time, sql: query.slice(0, 500) }, 'Slow query');
  }

  protected writeLog(level: LogLevel, message: LogMessage | string | number | (LogMessage | string | number)[]): void {
    if (level === 'query') return;
    const messages = Array.isArray(message) ? message : [message];
    for (const m of messages) {
      const text = String(typeof m === 'object' ? m.message : m);
      // e.g. "Postgres pool raised an error. Error: Connection terminated unexpectedly" during an outage.
      if (level === 'error' || level === 'warn') logRateLimited(`db:${text.slice(0, 120)}`, 'warn', {}, `[db ${level}] ${text.slice(0, 500)}`);
      else if (this.echo) logger.info(`[db ${level}] ${text.slice(0, 500)}`);
    }
  }
}
