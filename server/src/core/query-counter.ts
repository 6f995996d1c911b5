import { AsyncLocalStorage } from 'node:async_hooks';
import { AbstractLogger, LogLevel, LogMessage, ObjectLiteral, QueryRunner } from 'typeorm';

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

export class CountingLogger extends AbstractLogger {
  constructor(private readonly echo: boolean) {
    super(['query', 'error', 'warn']);
  }

  logQuery(query: string, parameters?: any[] | ObjectLiteral, queryRunner?: QueryRunner): void {
    const tally = storage.getStore();
    if (tally) {
      tally.count++;
      tally.statements.push(query);
      tally.parameters.push(Array.isArray(parameters) ? parameters : []);
    }
    if (this.echo) super.logQuery(query, parameters, queryRunner);
  }

  protected writeLog(level: LogLevel, message: LogMessage | string | number | (LogMessage | string | number)[]): void {
    if (!this.echo && level === 'query') return;
    const messages = Array.isArray(message) ? message : [message];
    for (const m of messages) {
      const text = typeof m === 'object' ? m.message : m;
      if (level === 'error' || level === 'warn') console.error(`[db ${level}]`, text);
      else if (this.echo) console.log(`[db ${level}]`, text);
    }
  }
}
