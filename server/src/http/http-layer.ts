import type { ApolloServerPlugin, GraphQLRequest, GraphQLResponse } from '@apollo/server';
import express, { ErrorRequestHandler, RequestHandler } from 'express';
import { logRateLimited, serializeError } from '../core/logger';

/**
 * The HTTP edge of /graphql: what a request must look like before Apollo sees it, and the JSON answers
 * for everything that goes wrong outside GraphQL. Every answer is a GraphQL-style
 * `{ "errors": [{ "message", "extensions": { "code" } }] }` body: never Express's HTML error page
 * (which printed the stack and file paths), in development as in production.
 */

/** Largest accepted request body (the biggest legitimate mutation, an agreement with all its lines, is far below). */
export const MAX_BODY_BYTES = 1024 * 1024;

export const errorBody = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

const sendError = (res: express.Response, status: number, message: string, code: string) => {
  res.status(status).type('application/json; charset=utf-8').send(JSON.stringify(errorBody(message, code)));
};

/** Media types a POST body may have (the spec's only required one; +json variants such as application/graphql+json too). */
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

const charsetOf = (params: string[]) => params.find((p) => /^charset=/i.test(p))?.slice(8).replace(/^"|"$/g, '');

/** Whether a Content-Type header names a JSON media type (what express.json below parses). */
export const isJsonType = (header: string) => JSON_TYPE.test(header.split(';')[0].trim());

/** Whether a Content-Type header names a charset other than UTF-8 (checkType's 415). */
export const unsupportedCharset = (header: string) => {
  if (header.indexOf(';') < 0) return false;
  const charset = charsetOf(header.split(';').slice(1).map((s) => s.trim()));
  return !!charset && !/^utf-?8$/i.test(charset);
};

/**
 * POST bodies: JSON in UTF-8 only, at most MAX_BODY_BYTES. A missing or other content type is 415
 * (the spec: a server SHOULD answer 4xx when none is given), another charset 415, malformed JSON 400,
 * a larger body 413, each with a JSON error body.
 */
export function graphqlBody(): RequestHandler[] {
  const checkType: RequestHandler = (req, res, next) => {
    if (req.method !== 'POST') return next();
    const header = req.headers['content-type'];
    const [type, ...params] = (header ?? '').split(';').map((s) => s.trim());
    if (!type) return sendError(res, 415, 'A POST request needs a Content-Type: send application/json.', 'UNSUPPORTED_MEDIA_TYPE');
    if (!JSON_TYPE.test(type)) return sendError(res, 415, `Content-Type ${type.slice(0, 100)} is not supported: send application/json.`, 'UNSUPPORTED_MEDIA_TYPE');
    const charset = charsetOf(params);
    if (charset && !/^utf-?8$/i.test(charset)) return sendError(res, 415, `Charset ${charset.slice(0, 40)} is not supported: send UTF-8.`, 'UNSUPPORTED_MEDIA_TYPE');
    next();
  };
  // `type` matches what checkType let through; `strict` refuses a bare string/number as the whole body.
  return [checkType, express.json({ limit: MAX_BODY_BYTES, type: (req) => JSON_TYPE.test(String(req.headers['content-type'] ?? '').split(';')[0].trim()), strict: true })];
}

/** Names the problems body-parser reports (err.type), so each gets its own status and a JSON body. */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'The request body is not valid JSON.', 'BAD_REQUEST'],
  'entity.too.large': [413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`, 'PAYLOAD_TOO_LARGE'],
  'charset.unsupported': [415, 'The request body must be UTF-8.', 'UNSUPPORTED_MEDIA_TYPE'],
  'encoding.unsupported': [415, 'This Content-Encoding is not supported (use gzip, deflate or none).', 'UNSUPPORTED_MEDIA_TYPE'],
  'request.aborted': [400, 'The request was aborted.', 'BAD_REQUEST'],
  'request.size.invalid': [400, 'The request body does not match its Content-Length.', 'BAD_REQUEST'],
};

/**
 * The last error handler: a body-parser problem gets its own status; any other client error (4xx) a
 * generic message; anything else 500 "Internal server error." with the details only in the log.
 */
export const finalErrorHandler: ErrorRequestHandler = (err, _req, res, next) => {
  if (res.headersSent) return next(err); // Express then closes the connection: nothing more can be sent.
  const known = typeof err?.type === 'string' ? BODY_ERRORS[err.type] : undefined;
  if (known) return sendError(res, ...known);
  const status = Number(err?.status ?? err?.statusCode);
  if (status >= 400 && status < 500) return sendError(res, status, status === 404 ? 'Not found.' : 'Bad request.', status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST');
  logRateLimited('http-error', 'error', { err: serializeError(err) }, 'Unhandled HTTP error');
  sendError(res, 500, 'Internal server error.', 'INTERNAL_SERVER_ERROR');
};

/** Unknown routes (anything that is neither the API nor the web client): a JSON 404, not Express's HTML page. */
export const notFound: RequestHandler = (req, res) => {
  sendError(res, 404, `Nothing here: ${req.method} ${req.path.slice(0, 200)}. The API is at /graphql.`, 'NOT_FOUND');
};

/**
 * The GraphQL-over-HTTP spec's status codes for a request that fails before execution (syntax,
 * validation, variable coercion): 400 when the client accepts application/graphql-response+json, but
 * 200 when the response is application/json (legacy clients treat any non-2xx as a transport failure).
 * Apollo answers 400 to both; this plugin brings the application/json case in line.
 */
export const specStatusPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return { willSendResponse: async (rc) => applySpecStatus(rc) };
  },
};

/** specStatusPlugin's step (also called from the app's folded request plugin). */
export function applySpecStatus({ request, response }: { request: GraphQLRequest; response: GraphQLResponse }): void {
  if (response.http.status !== 400 || response.body.kind !== 'single') return;
  const result = response.body.singleResult;
  if (result.data !== undefined || !result.errors?.length) return;
  if (!result.errors.every((e) => REQUEST_ERROR_CODES.has(String(e.extensions?.code)))) return;
  if (prefersLegacyJson(request.http?.headers.get('accept'))) response.http.status = 200;
}

const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/**
 * Whether Apollo will answer with application/json rather than application/graphql-response+json
 * (the same negotiation: highest q, then the more specific match, then the client's order, then JSON).
 */
export function prefersLegacyJson(accept: string | undefined | null): boolean {
  if (!accept) return true;
  const ranges = accept.split(',').map((part, order) => {
    const [range, ...params] = part.trim().toLowerCase().split(';').map((s) => s.trim());
    const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    return { range, q: Number.isFinite(q) ? q : 0, order };
  });
  const best = (type: string) => {
    let pick: { q: number; s: number; order: number } | null = null;
    for (const r of ranges) {
      const s = r.range === type ? 2 : r.range === 'application/*' ? 1 : r.range === '*/*' ? 0 : -1;
      if (s < 0) continue;
      if (!pick || s > pick.s) pick = { q: r.q, s, order: r.order };
    }
    return pick && pick.q > 0 ? pick : null;
  };
  const json = best('application/json');
  const gql = best('application/graphql-response+json');
  if (!gql) return true;
  if (!json) return false;
  if (json.q !== gql.q) return json.q > gql.q;
  if (json.s !== gql.s) return json.s > gql.s;
  return json.order <= gql.order;
}
