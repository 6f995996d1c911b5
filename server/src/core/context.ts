import type { DataSource } from 'typeorm';
import type { IdempotencyRequest } from './idempotency';
import { RequestDb, RlsSettings, rlsSettingsOf } from './rls';
import { Scope } from './scope';

export type Principal =
  | { kind: 'user'; userId: string; sessionId: string }
  | { kind: 'apiKey'; apiKeyId: string; organisationId: string };

/** Per-request state: who is calling, what they may see, and this request's DataLoaders. */
/** Process-wide settings the resolvers need. */
export interface AppConfig {
  /** HMAC secret for session tokens. */
  authSecret: string;
}

export interface RequestContext {
  /**
   * This request's database: its one transaction on the app role (row-level security applies), scoped to
   * the caller. Same call shapes as a DataSource (getRepository, query, createQueryBuilder, transaction).
   */
  ds: DataSource;
  /** Ends the request's transaction (the Apollo plugin in core/rls.ts). */
  db: RequestDb;
  config: AppConfig;
  principal: Principal | null;
  scope: Scope;
  loaders: LoaderRegistry;
  /** The organisation the client acts for (header `x-organisation-id`), if it chose one. */
  activeOrganisationId: string | null;
  /** The client's network address (behind TRUST_PROXY proxies), for per-address throttles; absent in tests. */
  clientAddress?: string | null;
  /** Set for a mutation sent with an `Idempotency-Key` header (see core/idempotency.ts). */
  idempotency?: IdempotencyRequest;
}

/**
 * Lazily creates each domain area's loaders once per request. Areas expose a small accessor, e.g.
 * `organisationLoaders(ctx)`, so core does not need to know about them.
 */
export class LoaderRegistry {
  private readonly created = new Map<unknown, unknown>();
  constructor(private readonly ctx: () => RequestContext) {}

  get<T>(factory: (ctx: RequestContext) => T): T {
    let loaders = this.created.get(factory) as T | undefined;
    if (!loaders) {
      loaders = factory(this.ctx());
      this.created.set(factory, loaders);
    }
    return loaders;
  }
}

/** `appDs`: the pool of the app role (never the owner), so the policies apply to everything the request reads. */
export function createContext(
  appDs: DataSource,
  config: AppConfig,
  principal: Principal | null,
  scope: Scope,
  activeOrganisationId: string | null = null,
  /** A transaction authentication already began (with the scope set_config stored then). */
  begun?: { db: RequestDb; applied: RlsSettings },
): RequestContext {
  const settings = rlsSettingsOf(principal, scope);
  const db = begun ? begun.db.rescope(settings, begun.applied) : new RequestDb(appDs, settings);
  return new Context(db, config, principal, scope, activeOrganisationId);
}

/**
 * The context as a class so that `ds` and `loaders` are getters on the PROTOTYPE (issue 12): Apollo copies a
 * context's own enumerable properties into a clone for every operation (`cloneObject`, Object.assign), which
 * ran an own `ds` getter and so built the query runner and the facade for every request, `{ __typename }`
 * included. The clone keeps the prototype, so both getters still work on it, and still only on first use.
 */
class Context implements RequestContext {
  declare idempotency?: IdempotencyRequest;
  /** The HTTP request whose `ip` is the client's address (Express's getter: parses X-Forwarded-For under TRUST_PROXY). */
  declare addressOf?: { readonly ip?: string };
  private declare givenAddress?: string | null;
  private declare ownLoaders?: LoaderRegistry;

  constructor(
    public db: RequestDb,
    public config: AppConfig,
    public principal: Principal | null,
    public scope: Scope,
    public activeOrganisationId: string | null,
  ) {}

  /** The facade is built when a resolver first reaches for it (RequestDb), not for every request. */
  get ds(): DataSource {
    return this.db.facade;
  }

  /**
   * On the prototype too, read on use: an own enumerable getter ran req.ip (proxy-addr, ~20 us) in Apollo's clone
   * of every request, while only the sign-in throttles read it.
   */
  get clientAddress(): string | null | undefined {
    if (this.givenAddress !== undefined) return this.givenAddress;
    return this.addressOf ? (this.addressOf.ip ?? null) : undefined;
  }

  set clientAddress(address: string | null | undefined) {
    this.givenAddress = address;
  }

  /** Made on first use: a request that loads nothing (a mutation, `{ __typename }`) makes no registry. */
  get loaders(): LoaderRegistry {
    return (this.ownLoaders ??= new LoaderRegistry(() => this));
  }
}

/** The context answers `clientAddress` from this request's `ip` when asked (not before). */
export function withClientAddressOf(ctx: RequestContext, req: { readonly ip?: string }): RequestContext {
  // Every context comes from createContext; another would silently lose the per-address sign-in throttle.
  if (!(ctx instanceof Context)) throw new Error('withClientAddressOf: a context made by createContext was expected.');
  ctx.addressOf = req;
  return ctx;
}

/** The signed-in user's id, or null for an API key or anonymous caller (for "recorded by" columns). */
export const userIdOf = (ctx: RequestContext): string | null => (ctx.principal?.kind === 'user' ? ctx.principal.userId : null);

