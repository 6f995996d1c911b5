import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import type { DataSource, EntityManager } from 'typeorm';
import { ErrorCode } from './errors';
import type { Principal, RequestContext } from './context';
import { logRateLimited, serializeError } from './logger';

/**
 * Safe retries of mutations: a client sends an `Idempotency-Key` header (any mutation, no schema change);
 * the same key from the same caller for the same mutation within IDEMPOTENCY_TTL_HOURS (default 24) gets
 * the first answer again instead of a second record.
 *
 * How it stays exactly-once, also across API processes:
 * - `runMutation` claims the key as the first statement of the mutation's own transaction (an INSERT on
 *   the table's primary key). The claim therefore commits if and only if the mutation's writes commit; a
 *   mutation that fails (user errors, crash) leaves the key free for the retry.
 * - A duplicate that arrives while the first is still running blocks on that INSERT (PostgreSQL makes a
 *   conflicting insert wait for the other transaction), then finds the key taken, writes nothing, and
 *   answers with the first answer once it is stored - or IDEMPOTENCY_KEY_IN_PROGRESS (HTTP 409,
 *   Retry-After) if the first answer is not stored within IDEMPOTENCY_WAIT_MS.
 * - The answer is stored right after the commit (this plugin's willSendResponse); a duplicate arriving in
 *   between waits the same way.
 * - The same key with a different request (other query text, variables or acting organisation) gets
 *   IDEMPOTENCY_KEY_REUSED (HTTP 422); nothing runs.
 * - Answers that carry a secret shown only once (signIn's token, createApiKey's key) are never stored:
 *   the key is still claimed (no second session or key), and a repeat gets IDEMPOTENT_RESULT_WITHHELD.
 * One key covers one HTTP request: a document with several mutation fields is claimed by the first
 * that writes. Expired keys are deleted by a scheduled job (core/jobs.ts).
 */
export const IdempotencyErrorCode = {
  INVALID: 'IDEMPOTENCY_KEY_INVALID',
  REUSED: 'IDEMPOTENCY_KEY_REUSED',
  IN_PROGRESS: 'IDEMPOTENCY_KEY_IN_PROGRESS',
  WITHHELD: 'IDEMPOTENT_RESULT_WITHHELD',
} as const;

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/; // visible ASCII, e.g. a UUID

const ttlHours = () => Number(process.env.IDEMPOTENCY_TTL_HOURS) || 24;
const waitMs = () => Number(process.env.IDEMPOTENCY_WAIT_MS) || 10_000;

export interface IdempotencyRequest {
  principal: string;
  /** The mutation's root field name(s), e.g. "createFirm". */
  operation: string;
  key: string;
  /** Hash of what was asked: a repeat must ask exactly the same. */
  fingerprint: string;
  /** Set once the claim has committed with the mutation's writes. */
  claimed: boolean;
  /** The key was already taken when this request tried to claim it: answer with the stored result. */
  taken: boolean;
}

const principalOf = (p: Principal | null): string =>
  !p ? 'anonymous' : p.kind === 'user' ? `user:${p.userId}` : `apikey:${p.apiKeyId}`;

/** Inside the mutation's transaction: true when this request now owns the key. */
export async function claimIdempotencyKey(em: EntityManager, req: IdempotencyRequest, secretResult: boolean): Promise<boolean> {
  const rows: unknown[] = await em.query(
    `INSERT INTO idempotency_key AS k (principal, operation, key, fingerprint, withheld, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(hours => $6))
     ON CONFLICT (principal, operation, key) DO UPDATE
        SET fingerprint = excluded.fingerprint, withheld = excluded.withheld, response = NULL,
            created_at = now(), expires_at = excluded.expires_at
      WHERE k.expires_at <= now()
     RETURNING 1`,
    [req.principal, req.operation, req.key, req.fingerprint, secretResult, ttlHours()],
  );
  return rows.length > 0;
}

/** Thrown by runMutation when the key is taken; the plugin replaces the answer with the stored one. */
export class IdempotencyKeyTaken extends GraphQLError {
  constructor() {
    super('This Idempotency-Key was already used for this mutation.', { extensions: { code: ErrorCode.CONFLICT } });
  }
}

export async function deleteExpiredIdempotencyKeys(db: DataSource | EntityManager): Promise<number> {
  const [, affected] = await db.query('DELETE FROM idempotency_key WHERE expires_at <= now()');
  return affected ?? 0;
}

type Stored =
  | { state: 'none' }
  | { state: 'done'; response: Record<string, unknown> }
  | { state: 'mismatch' }
  | { state: 'withheld' }
  | { state: 'pending' };

/** The stored outcome of a key, waiting (bounded) while the first request is still finishing. */
async function storedOutcome(ds: DataSource, req: IdempotencyRequest, waitForMs: number): Promise<Stored> {
  const deadline = Date.now() + waitForMs;
  for (let pause = 25; ; pause = Math.min(pause * 2, 250)) {
    const rows: Array<{ fingerprint: string; response: Record<string, unknown> | null; withheld: boolean }> = await ds.query(
      `SELECT fingerprint, response, withheld FROM idempotency_key
        WHERE principal = $1 AND operation = $2 AND key = $3 AND expires_at > now()`,
      [req.principal, req.operation, req.key],
    );
    const row = rows[0];
    if (!row) return { state: 'none' };
    if (row.fingerprint !== req.fingerprint) return { state: 'mismatch' };
    if (row.withheld) return { state: 'withheld' };
    if (row.response) return { state: 'done', response: row.response };
    if (Date.now() + pause > deadline) return { state: 'pending' };
    await new Promise((r) => setTimeout(r, pause));
  }
}

function errorResponse(status: number, code: string, message: string, headers: Array<[string, string]> = []): GraphQLResponse {
  return {
    http: { status, headers: new HeaderMap(headers) },
    body: { kind: 'single', singleResult: { errors: [{ message, extensions: { code } }] } },
  };
}

function answerFor(outcome: Stored): GraphQLResponse | null {
  switch (outcome.state) {
    case 'none':
      return null;
    case 'done':
      return { http: { status: 200, headers: new HeaderMap([['idempotency-replayed', 'true']]) }, body: { kind: 'single', singleResult: outcome.response } };
    case 'mismatch':
      return errorResponse(422, IdempotencyErrorCode.REUSED, 'This Idempotency-Key was already used for a different request. Use a new key for a new request.');
    case 'withheld':
      return errorResponse(409, IdempotencyErrorCode.WITHHELD, 'This request was already carried out. Its answer held a secret that is shown only once, so it is not repeated.');
    case 'pending':
      return errorResponse(409, IdempotencyErrorCode.IN_PROGRESS, 'A request with this Idempotency-Key is still being processed. Try again shortly.', [['retry-after', '1']]);
  }
}

/** Canonical JSON (sorted keys), so the same variables always hash the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function rootFields(operation: OperationDefinitionNode): string {
  const names = operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD).map((s) => (s as { name: { value: string } }).name.value);
  return [...new Set(names)].sort().join(',') || operation.name?.value || 'mutation';
}

export function idempotencyPlugin(ds: DataSource): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request }) {
      const key = request.http?.headers.get(IDEMPOTENCY_HEADER);
      if (key === undefined) return;
      let req: IdempotencyRequest | undefined;
      return {
        async responseForOperation(rc) {
          if (rc.operation.operation !== 'mutation') return null; // queries are safe to repeat anyway
          if (!KEY_PATTERN.test(key)) {
            return errorResponse(400, IdempotencyErrorCode.INVALID, 'The Idempotency-Key header must be 1-200 visible ASCII characters (e.g. a UUID).');
          }
          req = {
            principal: principalOf(rc.contextValue.principal),
            operation: rootFields(rc.operation),
            key,
            fingerprint: createHash('sha256')
              .update(canonical([rc.source, rc.request.operationName ?? null, rc.request.variables ?? {}, rc.contextValue.activeOrganisationId]))
              .digest('hex'),
            claimed: false,
            taken: false,
          };
          rc.contextValue.idempotency = req;
          // If the lookup fails (database trouble), go on: the claim inside the mutation's transaction is
          // what guarantees one record, and a database that is down fails that transaction too.
          return answerFor(await storedOutcome(ds, req, waitMs()).catch((): Stored => ({ state: 'none' })));
        },
        async willSendResponse(rc) {
          if (!req) return;
          const body = rc.response.body;
          if (req.claimed && body?.kind === 'single') {
            const { data, errors } = body.singleResult;
            // willSendResponse hooks run in parallel: wait for the request's COMMIT (queued first), or this UPDATE
            // on another connection may not see the claim yet and store nothing.
            await rc.contextValue.db?.settled();
            // The mutation has committed; if storing its answer fails, repeats get IN_PROGRESS (never a duplicate).
            await ds
              .query(`UPDATE idempotency_key SET response = $4 WHERE principal = $1 AND operation = $2 AND key = $3 AND NOT withheld`, [
                req.principal,
                req.operation,
                req.key,
                JSON.stringify(errors ? { data, errors } : { data }),
              ])
              .catch((e) => logRateLimited('idempotency-store', 'warn', { err: serializeError(e) }, 'Could not store the answer for an idempotency key'));
          } else if (req.taken) {
            // On a failed lookup the CONFLICT error stays the answer (nothing was written).
            const answer = answerFor(await storedOutcome(ds, req, waitMs()).catch((): Stored => ({ state: 'none' })));
            if (answer) {
              rc.response.body = answer.body;
              rc.response.http.status = answer.http.status;
              for (const [k, v] of answer.http.headers) rc.response.http.headers.set(k, v);
            }
          }
        },
      };
    },
  };
}
