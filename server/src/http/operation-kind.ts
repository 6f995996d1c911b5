import { Kind, parse, type OperationDefinitionNode } from 'graphql';

/**
 * Whether an HTTP request's body is a single query operation, before Apollo parses it: the context (and the
 * request's transaction) is made before Apollo's pipeline, and a query's transaction is READ ONLY (core/rls.ts).
 * The same parser as Apollo's, so both pick the same operation; if they ever differed, PostgreSQL would refuse
 * the write of a "query" (never the other way round: anything unknown is treated as a possible write).
 */
export function isQueryOperation(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const { query, operationName } = body as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string' || (operationName != null && typeof operationName !== 'string')) return false;
  let kinds = cache.get(query);
  if (kinds === undefined) {
    kinds = operationKinds(query);
    if (query.length <= MAX_CACHED_TEXT) {
      if (cache.size >= MAX_CACHED) cache.clear(); // a bounded memo: clients send few distinct documents
      cache.set(query, kinds);
    }
  }
  if (kinds === null) return false;
  const op = operationName == null ? (kinds.size === 1 ? [...kinds.values()][0] : undefined) : kinds.get(operationName as string);
  return op === 'query';
}

const MAX_CACHED = 1000;
const MAX_CACHED_TEXT = 20_000;
const cache = new Map<string, Map<string | null, string> | null>();

/** Each operation's kind by name (an anonymous one under null); null when the text does not parse. */
function operationKinds(text: string): Map<string | null, string> | null {
  try {
    // Apollo's parse options (app.ts: maxTokens 2000); a text it refuses is answered before any transaction.
    const doc = parse(text, { noLocation: true, maxTokens: 2000 });
    const kinds = new Map<string | null, string>();
    for (const d of doc.definitions) {
      if (d.kind !== Kind.OPERATION_DEFINITION) continue;
      const name = (d as OperationDefinitionNode).name?.value ?? null;
      // Two operations of one name (or two anonymous ones) fail validation; treat as unknown.
      kinds.set(name, kinds.has(name) ? 'duplicate' : (d as OperationDefinitionNode).operation);
    }
    return kinds;
  } catch {
    return null;
  }
}
