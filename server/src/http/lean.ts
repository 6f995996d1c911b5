import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Express, Request, RequestHandler, Response } from 'express';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { RequestContext } from '../core/context';
import { finalErrorHandler, isJsonType, MAX_BODY_BYTES, unsupportedCharset } from './http-layer';

/**
 * The API's one hot path without Express's router and body-parser (issue 12: router, body-parser, raw-body,
 * content-type, iconv and the express5 integration were ~12 % of a CVR lookup's main-thread CPU).
 *
 * Taken only by a request Express would let through to Apollo unchanged: POST /graphql (no trailing path),
 * a JSON Content-Type in UTF-8, no Content-Encoding, no Transfer-Encoding, a Content-Length of 1 B to 1 MB.
 * Everything else - other methods and routes, encoded or chunked bodies, a wrong or missing content type,
 * a body too large - goes to Express, whose answers (status codes, JSON error bodies) stay the one definition.
 *
 * The request and response get Express's prototypes (as Express's own app.handle does), so `req.ip` keeps
 * its trust-proxy semantics (TRUST_PROXY, via proxy-addr) and the rate limiter is called exactly as Express
 * calls it. Both paths share the server's 'request' event, so main.ts's shutdown drain counts them all.
 */
export function leanGraphql(opts: {
  app: Express;
  apollo: ApolloServer<RequestContext>;
  limiter: RequestHandler;
  context: (args: { req: Request; res: Response }) => Promise<RequestContext>;
}): RequestListener {
  const { app, apollo, limiter, context } = opts;
  // Express's request/response prototypes of this app (req.ip reads the app's 'trust proxy fn').
  const reqProto = (app as unknown as { request: object }).request;
  const resProto = (app as unknown as { response: object }).response;

  const answer = async (req: Request, res: Response, body: unknown) => {
    const headers = new HeaderMap();
    const raw = req.headers;
    for (const key in raw) {
      const value = raw[key];
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const q = req.url!.indexOf('?');
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: q < 0 ? '' : req.url!.slice(q), body },
      context: () => context({ req, res }),
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status || 200;
    if (result.body.kind === 'complete') {
      const text = result.body.string;
      res.setHeader('content-length', Buffer.byteLength(text));
      res.end(text);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  };

  const fail = (req: Request, res: Response, err: unknown) => finalErrorHandler(err, req, res, () => res.destroy());

  return (rawReq: IncomingMessage, rawRes: ServerResponse) => {
    if (!takesLeanPath(rawReq)) return void app(rawReq, rawRes);
    leanStats.served++;
    const req = Object.setPrototypeOf(rawReq, reqProto) as Request;
    const res = Object.setPrototypeOf(rawRes, resProto) as Response;
    (req as { res?: Response }).res = res;
    (res as { req?: Request }).req = req;
    res.locals = Object.create(null);
    limiter(req, res, (err?: unknown) => {
      if (err) return fail(req, res, err);
      readJson(req).then(
        (body) => {
          req.body = body;
          return answer(req, res, body);
        },
        (e) => fail(req, res, e),
      ).catch((e) => fail(req, res, e));
    });
  };
}

const PATH = '/graphql';

/** How many requests took the lean path (so a test can tell which path answered). */
export const leanStats = { served: 0 };

/** Whether Express would hand this request to Apollo with a body express.json parses as is (see above). */
export function takesLeanPath(req: IncomingMessage): boolean {
  if (req.method !== 'POST') return false;
  const url = req.url ?? '';
  if (!(url === PATH || (url.startsWith(PATH) && url.charCodeAt(PATH.length) === 63 /* ? */))) return false;
  const h = req.headers;
  if (h['content-encoding'] !== undefined || h['transfer-encoding'] !== undefined) return false;
  const type = h['content-type'];
  if (!type || !isJsonType(type) || unsupportedCharset(type)) return false;
  const length = Number(h['content-length']);
  return Number.isInteger(length) && length > 0 && length <= MAX_BODY_BYTES;
}

/** body-parser's json() with `strict`, for a body whose framing Node already checked (Content-Length). */
function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.once('error', () => reject(Object.assign(new Error('request aborted'), { type: 'request.aborted', status: 400 })));
    req.once('aborted', () => reject(Object.assign(new Error('request aborted'), { type: 'request.aborted', status: 400 })));
    req.once('end', () => {
      let text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // iconv-lite (body-parser) drops a BOM too
      if (text.length === 0) return resolve({});
      const first = /^[\x20\x09\x0a\x0d]*(.)/.exec(text)?.[1];
      try {
        if (first !== '{' && first !== '[') throw new SyntaxError('not an object or array');
        resolve(JSON.parse(text));
      } catch (e) {
        reject(Object.assign(e as Error, { type: 'entity.parse.failed', status: 400 }));
      }
    });
  });
}

