import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Capability } from './access';
import { ForbiddenError } from './errors';

/** The membership roles. A user has one role per organisation. */
export enum Role {
  ADMIN = 'ADMIN',
  EDITOR = 'EDITOR',
  CONSULTANT = 'CONSULTANT',
  VIEWER = 'VIEWER',
}

export const ROLE_CAPABILITIES: Record<Role, readonly Capability[]> = {
  [Role.ADMIN]: [Capability.READ, Capability.RECORD, Capability.EDIT, Capability.ADMINISTER],
  [Role.EDITOR]: [Capability.READ, Capability.RECORD, Capability.EDIT],
  [Role.CONSULTANT]: [Capability.READ, Capability.RECORD],
  [Role.VIEWER]: [Capability.READ],
};

export interface ScopeMembership {
  organisationId: string;
  role: Role;
}

/**
 * A non-empty set of organisations the caller acts for with a given capability. The only way to get one
 * is `Scope.require`, which refuses an empty set: a query of owned records cannot be written without it.
 */
export class OrgScope {
  private constructor(readonly organisationIds: readonly string[], readonly capability: Capability) {}

  /** @internal use Scope.require */
  static of(ids: readonly string[], capability: Capability): OrgScope {
    if (ids.length === 0) throw new ForbiddenError(`Your role does not allow this (needs "${capability}").`);
    return new OrgScope([...ids], capability);
  }

  includes(organisationId: string | null | undefined): boolean {
    return !!organisationId && this.organisationIds.includes(organisationId);
  }

  /** Restricts a query to rows whose `ownerColumn` is one of the scope's organisations. */
  restrict<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, ownerColumn: string): SelectQueryBuilder<T> {
    const param = `scope_${ownerColumn.replace(/\W/g, '_')}`;
    return qb.andWhere(`${ownerColumn} = ANY(:${param})`, { [param]: this.organisationIds });
  }

  /** Restricts to rows that are public (`publicCondition`) or owned by the scope. */
  restrictOrPublic<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, ownerColumn: string, publicCondition: string): SelectQueryBuilder<T> {
    const param = `scope_${ownerColumn.replace(/\W/g, '_')}`;
    return qb.andWhere(
      new Brackets((w) => w.where(publicCondition).orWhere(`${ownerColumn} = ANY(:${param})`, { [param]: this.organisationIds })),
    );
  }
}

/** What the caller may do, per organisation. Built once per request from the caller's memberships. */
export class Scope {
  constructor(private readonly memberships: readonly ScopeMembership[], private readonly readOnly: boolean) {}

  static readonly NONE = new Scope([], true);

  organisationIds(capability: Capability): string[] {
    if (this.readOnly && capability !== Capability.READ) return [];
    return this.memberships.filter((m) => ROLE_CAPABILITIES[m.role].includes(capability)).map((m) => m.organisationId);
  }

  has(organisationId: string, capability: Capability): boolean {
    return this.organisationIds(capability).includes(organisationId);
  }

  /** The caller's organisations with `capability`; throws FORBIDDEN when there are none. */
  require(capability: Capability): OrgScope {
    return OrgScope.of(this.organisationIds(capability), capability);
  }

  /** Scope of exactly one organisation, if the caller holds `capability` there; FORBIDDEN otherwise. */
  requireIn(organisationId: string, capability: Capability): OrgScope {
    if (!this.has(organisationId, capability)) throw new ForbiddenError(`You need "${capability}" in that organisation.`);
    return OrgScope.of([organisationId], capability);
  }

  /** Like require, but an empty scope yields null instead of throwing (for "show nothing" reads). */
  optional(capability: Capability): OrgScope | null {
    const ids = this.organisationIds(capability);
    return ids.length ? OrgScope.of(ids, capability) : null;
  }
}
