import pino, { Logger } from 'pino';

/**
 * The server's one logger. JSON lines (pino) in production and whenever stdout is not a terminal;
 * readable lines (pino-pretty, in-process and synchronous so nothing is lost at exit) in development on a
 * terminal or with LOG_PRETTY=1. LOG_LEVEL sets the level (default info; warn under Jest).
 *
 * Rules for callers: never log query parameters, request bodies or other free text typed by users - log
 * ids, codes and counts. Log errors as `{ err: serializeError(e) }`: it keeps the code, constraint and stack but
 * drops TypeORM's `parameters` and PostgreSQL's `detail` (which quote the values).
 */
function createLogger(): Logger {
  const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info');
  const pretty =
    process.env.LOG_PRETTY === '1' || (process.env.LOG_PRETTY !== '0' && process.env.NODE_ENV !== 'production' && Boolean(process.stdout.isTTY));
  const options: pino.LoggerOptions = {
    level,
    base: { pid: process.pid },
    // Replaces pino's default `err` serializer (which would copy every property, parameters included).
    serializers: { err: (e: unknown) => (e instanceof Error ? serializeError(e) : e) },
  };
  if (pretty) {
    const pinoPretty = require('pino-pretty') as typeof import('pino-pretty');
    return pino(options, pinoPretty({ sync: true, colorize: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' }));
  }
  return pino(options, pino.destination({ dest: 1, sync: true }));
}

export const logger = createLogger();

/** PostgreSQL error fields that are safe to log (names and codes, never values). */
const SAFE_DRIVER_FIELDS = ['code', 'severity', 'constraint', 'table', 'column', 'schema', 'routine', 'errno', 'syscall'] as const;

/**
 * An error as a log object without user data: no TypeORM `parameters`, no PostgreSQL `detail`/`where`,
 * and no message for data exceptions (SQLSTATE class 22, e.g. 'invalid input syntax for type uuid: "…"'
 * quotes the value).
 */
export function serializeError(e: unknown, depth = 0): Record<string, unknown> {
  // Duck-typed: errors from another realm (Jest's sandbox, pg's socket errors) fail `instanceof Error`.
  if (!e || typeof e !== 'object' || typeof (e as Error).message !== 'string' || depth > 3) return { message: String(e).slice(0, 300) };
  const any = e as Error & Record<string, unknown>;
  const out: Record<string, unknown> = { type: any.name ?? 'Error' };
  const driver = (any.driverError ?? null) as (Error & Record<string, unknown>) | null;
  const code = (driver?.code ?? any.code) as string | undefined;
  const dataException = typeof code === 'string' && code.startsWith('22');
  out.message = dataException ? `(data exception ${code}, message withheld: it may quote user input)` : any.message;
  for (const f of SAFE_DRIVER_FIELDS) {
    const v = driver?.[f] ?? any[f];
    if (v !== undefined && v !== null) out[f] = v;
  }
  // The SQL text is ours (placeholders only); its parameters are not logged.
  if (typeof any.query === 'string') out.query = any.query.slice(0, 500);
  if (typeof any.stack === 'string') out.stack = dataException ? any.stack.split('\n').slice(1).join('\n') : any.stack;
  if (any.cause) out.cause = serializeError(any.cause, depth + 1);
  return out;
}

interface Window {
  until: number;
  suppressed: number;
  timer?: NodeJS.Timeout;
}
const windows = new Map<string, Window>();

/**
 * Logs one line per `key` per `intervalMs` and counts the rest: an outage gives one line with a
 * `suppressed` count, not a stack trace per request. A final "repeated N more times" line closes a window
 * that suppressed anything.
 */
export function logRateLimited(
  key: string,
  level: 'warn' | 'error',
  obj: Record<string, unknown>,
  msg: string,
  intervalMs = Number(process.env.LOG_REPEAT_INTERVAL_MS ?? 30_000),
): void {
  const now = Date.now();
  const w = windows.get(key);
  if (w && now < w.until) {
    w.suppressed++;
    if (!w.timer) {
      w.timer = setTimeout(() => {
        windows.delete(key);
        if (w.suppressed) logger[level]({ condition: key, suppressed: w.suppressed }, `${msg} (repeated ${w.suppressed} more times in ${Math.round(intervalMs / 1000)} s)`);
      }, w.until - now);
      w.timer.unref();
    }
    return;
  }
  windows.set(key, { until: now + intervalMs, suppressed: 0 });
  logger[level]({ condition: key, ...obj }, msg);
}

/** For tests: forget the rate-limit windows. */
export function resetLogRateLimits(): void {
  for (const w of windows.values()) if (w.timer) clearTimeout(w.timer);
  windows.clear();
}
