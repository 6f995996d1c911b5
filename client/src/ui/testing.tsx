import { render } from '@testing-library/react';
import type { DocumentNode } from 'graphql';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { fromValue, never } from 'wonka';
import { Provider, type Client } from 'urql';
import { setLanguage, type Language } from './i18n';

/**
 * The one test helper for components that talk to the API: a urql client whose answers the test
 * gives, per operation name or as a function of the operation. An answer of `undefined` never
 * arrives (the query stays loading).
 */
export interface MockOperation {
  query: DocumentNode;
  variables: Record<string, unknown>;
}
type Answer = unknown | ((operation: MockOperation) => unknown);

export const operationName = (query: DocumentNode) => query.definitions.flatMap((d) => (d.kind === 'OperationDefinition' && d.name ? [d.name.value] : []))[0] ?? '';

export function mockClient({
  queries,
  mutations,
  query,
  mutation,
}: {
  /** Answers by operation name (data, or a function of the operation giving data). */
  queries?: Record<string, Answer>;
  mutations?: Record<string, Answer>;
  /** One answer for every query / mutation (a function of the operation). */
  query?: (operation: MockOperation) => unknown;
  mutation?: (operation: MockOperation) => unknown;
} = {}) {
  const answer = (byName: Record<string, Answer> | undefined, fn: ((op: MockOperation) => unknown) | undefined) => (operation: MockOperation) => {
    let data: unknown = fn ? fn(operation) : byName?.[operationName(operation.query)];
    if (!fn && typeof data === 'function') data = (data as (op: MockOperation) => unknown)(operation);
    return data === undefined ? never : fromValue({ operation, data });
  };
  const executeQuery = vi.fn(answer(queries, query));
  const executeMutation = vi.fn(answer(mutations, mutation));
  const client = { executeQuery, executeMutation, executeSubscription: vi.fn(() => never) } as unknown as Client;
  const callsOf = (fn: typeof executeQuery, name?: string) =>
    fn.mock.calls.map(([op]) => op).filter((op) => !name || operationName(op.query) === name).map((op) => op.variables);
  return {
    client,
    executeQuery,
    executeMutation,
    /** The variables of the queries sent (of one operation, if named). */
    queryCalls: (name?: string) => callsOf(executeQuery, name),
    /** The variables of the mutations sent (of one operation, if named). */
    mutationCalls: (name?: string) => callsOf(executeMutation, name),
  };
}

/** Renders `ui` with the client, in a language (English unless told). */
export function renderWithClient(client: Client, ui: ReactNode, language: Language = 'en') {
  setLanguage(language, false);
  return render(<Provider value={client}>{ui}</Provider>);
}
