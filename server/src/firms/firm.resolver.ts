import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Field, FieldResolver, ID, Info, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { updateIfVersion, versionConflict } from '../core/versioned';
import { Access, Capability, Rules } from '../core/access';
import { RequestContext, userIdOf } from '../core/context';
import { identityLoaders } from '../identity/identity.loaders';
import { User } from '../identity/user.entity';
import { actingOrganisation } from '../journeys/journey.access';
import { userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { MutationPayload, runMutation } from '../core/mutation';
import { Connection, decodeCursor, PageArgs, PageParams, toConnection } from '../core/pagination';
import { isUuid } from '../core/text';
import { Organisation, OrganisationKind } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { FirmChange } from './firm-change.entity';
import { Firm, FirmStatus, GrowthPotentialLevel, SizeClass, sizeClassOf } from './firm.entity';
import { FirmChangeConnection, FirmGrowthPotential, firmRegisterLoaders, recordFirmChanges } from './firm.history';
import { CreateFirmInput, FirmSearch, LinkFirmIdentifierInput, UpdateFirmInput } from './firm.inputs';
import { firmLoaders, firmPropertiesFor } from './firm.loaders';
import { checkFirmFields, findFirms, FIRM_UNIQUE_FIELDS } from './firm.service';
import { restrictToVisibleFirms } from './firm.visibility';
import { isValidOrganisationsnummer, normaliseOrganisationsnummer } from './identifiers';

@ObjectType()
export class FirmConnection extends Connection(Firm, 'Firm') {}

@ObjectType()
export class FirmPayload extends MutationPayload {
  @Field(() => Firm, { nullable: true })
  firm: Firm | null = null;
}

const firmKey = (f: Firm) => [f.name.toLowerCase(), f.id];

@Resolver(() => Firm)
export class FirmResolver {
  @Query(() => Firm, { nullable: true, description: 'A firm by id; null if it does not exist or is not yours to see.' })
  @Access(Rules.signedIn())
  firm(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return isUuid(id) ? firmLoaders(ctx).byId.load(id) : null;
  }

  @Query(() => FirmConnection, { description: 'Search firms by name prefix, identifier or municipality, ordered by name.' })
  @Access(Rules.signedIn())
  async firms(
    @Arg('search', () => FirmSearch, { nullable: true }) search: FirmSearch | undefined,
    @PageParams() { first, after }: PageArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const cursor = decodeCursor(after, ['text', 'uuid']) as [string, string] | null;
    const identifier = search?.identifier?.trim() ? normaliseIdentifier(search.identifier) : undefined;
    const rows = await findFirms(ctx, { ...search, identifier }, first, cursor, firmPropertiesFor(ctx, info, ['id', 'name']));
    return toConnection(rows, first, firmKey, !!cursor);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The municipality the firm is located in.' })
  municipality(@Root() firm: Firm, @Ctx() ctx: RequestContext) {
    return firm.municipalityId ? organisationLoaders(ctx).byId.load(firm.municipalityId) : null;
  }

  @FieldResolver(() => SizeClass, { nullable: true })
  sizeClass(@Root() firm: Firm) {
    return sizeClassOf(firm.employees);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'For a prospect: the organisation that recorded it.' })
  recordedBy(@Root() firm: Firm, @Ctx() ctx: RequestContext) {
    return firm.ownerOrganisationId ? organisationLoaders(ctx).byId.load(firm.ownerOrganisationId) : null;
  }

  @FieldResolver(() => Firm, { nullable: true, description: 'For a merged prospect: the register firm it turned out to be.' })
  mergedInto(@Root() firm: Firm, @Ctx() ctx: RequestContext) {
    return firm.mergedIntoId ? firmLoaders(ctx).byId.load(firm.mergedIntoId) : null;
  }

  @Mutation(() => FirmPayload, { description: 'Record a register firm, or a would-be entrepreneur without an identifier (a prospect).' })
  @Access(Rules.member(Capability.RECORD))
  createFirm(@Arg('input', { validate: false }) input: CreateFirmInput, @Ctx() ctx: RequestContext) {
    return runMutation(
      ctx,
      input,
      async (em) => {
        const checked = await checkFirmFields(em, input.country, input);
        // Only spaces is as empty as "" (the name is stored trimmed): the same REQUIRED shape as the validator's.
        if (!input.name.trim()) checked.errors.push(userError('name', 'name must not be empty', UserErrorCode.REQUIRED, { constraint: 'minLength', min: 1 }));
        const isProspect = input.cvr == null && input.organisationsnummer == null;
        let owner: string | null = null;
        if (isProspect) {
          const recording = ctx.scope.organisationIds(Capability.RECORD);
          owner = input.recordedByOrganisationId ?? (recording.length === 1 ? recording[0] : null);
          if (!owner) checked.errors.push(userError('recordedByOrganisationId', 'Say which of your organisations records this prospect.', UserErrorCode.REQUIRED));
          else if (!recording.includes(owner)) checked.errors.push(userError('recordedByOrganisationId', 'You cannot record firms for that organisation.', UserErrorCode.NOT_ALLOWED));
        }
        if (checked.errors.length) throw new UserInputRejection(checked.errors);
        const firm = await em.save(
          em.create(Firm, {
            status: isProspect ? FirmStatus.PROSPECT : FirmStatus.REGISTERED,
            country: input.country,
            cvr: checked.cvr ?? null,
            organisationsnummer: checked.organisationsnummer ?? null,
            name: input.name.trim(),
            industryCode: input.industryCode ?? null,
            municipalityId: checked.municipalityId ?? null,
            employees: input.employees ?? null,
            foundedOn: input.foundedOn ?? null,
            ownerOrganisationId: owner,
          }),
        );
        return Object.assign(new FirmPayload(), { firm });
      },
      () => new FirmPayload(),
      { uniqueFields: FIRM_UNIQUE_FIELDS },
    );
  }

  @Mutation(() => FirmPayload, {
    description:
      'Correct a firm\'s details. Register firms (public register data other organisations\' eligibility checks and KPI areas rely on): ' +
      'EDITOR or ADMIN only; a prospect: the organisation that recorded it. Every change is kept in the firm\'s history. Identifiers are immutable.',
  })
  @Access(Rules.member(Capability.RECORD))
  updateFirm(@Arg('input', { validate: false }) input: UpdateFirmInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const firm = await findEditableFirm(ctx, em, input.id);
      let actingOrgId: string;
      if (firm.status === FirmStatus.PROSPECT) {
        // A prospect is the recording organisation's own record (findEditableFirm checked RECORD there).
        if (input.organisationId && input.organisationId !== firm.ownerOrganisationId) {
          throw new UserInputRejection([userError('organisationId', 'Only the organisation that recorded this prospect can change it.', UserErrorCode.NOT_ALLOWED)]);
        }
        actingOrgId = firm.ownerOrganisationId!;
      } else {
        if (!ctx.scope.organisationIds(Capability.EDIT).length) {
          throw new UserInputRejection([userError('id', 'Register data of a firm can be changed by editors and admins only.', UserErrorCode.NOT_ALLOWED)]);
        }
        actingOrgId = actingOrganisation(ctx, input.organisationId, Capability.EDIT).organisationIds[0];
      }
      const checked = await checkFirmFields(em, firm.country, input);
      if (checked.errors.length) throw new UserInputRejection(checked.errors);
      const patch: Partial<Firm> = {};
      if (input.name !== undefined) patch.name = input.name.trim();
      if (input.industryCode !== undefined) patch.industryCode = input.industryCode;
      if (checked.municipalityId !== undefined) patch.municipalityId = checked.municipalityId;
      if (input.employees !== undefined) patch.employees = input.employees;
      const updated = await updateIfVersion(em, Firm, firm.id, input.expectedVersion, patch);
      if (!updated) throw versionConflict('firm', firm.version);
      await recordFirmChanges(em, firm, patch, { userId: userIdOf(ctx), organisationId: actingOrgId });
      return Object.assign(new FirmPayload(), { firm: updated });
    }, () => new FirmPayload());
  }

  @Mutation(() => FirmPayload, {
    description: 'Give a prospect its CVR / organisationsnummer. If that firm is already registered, the prospect is merged into it.',
  })
  @Access(Rules.member(Capability.RECORD))
  linkFirmIdentifier(@Arg('input', { validate: false }) input: LinkFirmIdentifierInput, @Ctx() ctx: RequestContext) {
    return runMutation(
      ctx,
      input,
      async (em) => {
        const firm = await findEditableFirm(ctx, em, input.firmId, 'firmId');
        if (firm.status !== FirmStatus.PROSPECT) {
          throw new UserInputRejection([userError('firmId', 'This firm has its identifier already; identifiers cannot be changed.', UserErrorCode.IMMUTABLE)]);
        }
        if ((input.cvr == null) === (input.organisationsnummer == null)) {
          throw new UserInputRejection([userError(firm.country === 'DK' ? 'cvr' : 'organisationsnummer', 'Give exactly one identifier.', UserErrorCode.REQUIRED)]);
        }
        const checked = await checkFirmFields(em, firm.country, input);
        if (checked.errors.length) throw new UserInputRejection(checked.errors);
        const existing = await em.findOne(Firm, { where: checked.cvr ? { cvr: checked.cvr } : { organisationsnummer: checked.organisationsnummer! } });
        const patch: Partial<Firm> = existing
          ? { status: FirmStatus.MERGED, mergedIntoId: existing.id }
          : { status: FirmStatus.REGISTERED, cvr: checked.cvr ?? null, organisationsnummer: checked.organisationsnummer ?? null };
        const updated = await updateIfVersion(em, Firm, firm.id, input.expectedVersion, patch);
        if (!updated) throw versionConflict('firm', firm.version);
        await recordFirmChanges(em, firm, patch, { userId: userIdOf(ctx), organisationId: firm.ownerOrganisationId! });
        return Object.assign(new FirmPayload(), { firm: updated });
      },
      () => new FirmPayload(),
      { uniqueFields: FIRM_UNIQUE_FIELDS },
    );
  }

  @FieldResolver(() => FirmChangeConnection, { description: 'Changes of the firm\'s register data, newest first (append-only; server time; who and for which organisation).' })
  async history(@Root() firm: Firm, @PageParams() { first, after }: PageArgs, @Ctx() ctx: RequestContext) {
    const cursor = decodeCursor(after, ['timestamp', 'uuid']) as [string, string] | null;
    const rows = await firmRegisterLoaders(ctx).historyPage.load({ firmId: firm.id, first, after: cursor });
    return toConnection(rows, first, (c) => [c.changedAt.toISOString(), c.id], !!cursor);
  }

  @FieldResolver(() => FirmGrowthPotential, { nullable: true, description: 'The current growth-potential level: the latest assessment by any organisation, with who made it; null if never assessed.' })
  growthPotential(@Root() firm: Firm, @Ctx() ctx: RequestContext) {
    return firmRegisterLoaders(ctx).growthPotential.load(firm.id);
  }

  @FieldResolver(() => GrowthPotentialLevel, { nullable: true, description: 'Shorthand for growthPotential.level (the latest assessment).' })
  async growthPotentialLevel(@Root() firm: Firm, @Ctx() ctx: RequestContext) {
    return (await firmRegisterLoaders(ctx).growthPotential.load(firm.id))?.level ?? null;
  }
}

@Resolver(() => FirmChange)
export class FirmChangeResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who changed it (personal data: null for API keys).' })
  changedBy(@Root() c: FirmChange, @Ctx() ctx: RequestContext) {
    return c.changedByUserId ? identityLoaders(ctx).userById.load(c.changedByUserId) : null;
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation the change was made for.' })
  changedByOrganisation(@Root() c: FirmChange, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(c.changedByOrganisationId);
  }
}

@Resolver(() => FirmGrowthPotential)
export class FirmGrowthPotentialResolver {
  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation that made the assessment.' })
  organisation(@Root() g: FirmGrowthPotential, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(g.organisationId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who made it (personal data: null for API keys).' })
  assessedBy(@Root() g: FirmGrowthPotential, @Ctx() ctx: RequestContext) {
    return g.assessedByUserId ? identityLoaders(ctx).userById.load(g.assessedByUserId) : null;
  }
}

/** Firms located in a municipality (only municipalities have any). */
@Resolver(() => Organisation)
export class OrganisationFirmsResolver {
  @FieldResolver(() => FirmConnection, { description: 'Firms located in this municipality, by name.' })
  firms(@Root() org: Organisation, @PageParams() { first, after }: PageArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    // Called once per municipality (98 times in the partner read): no async wrapper (its promise and closure
    // state) and no per-call arrays; the loader's promise is returned with one `.then`.
    const cursor = decodeCursor(after, FIRM_CURSOR) as [string, string] | null;
    if (org.kind !== OrganisationKind.MUNICIPALITY) return toConnection([], first, firmKey, !!cursor);
    const properties = firmPropertiesFor(ctx, info, MUNICIPALITY_FIRM_ALWAYS);
    return firmLoaders(ctx).pageByMunicipality.load({ municipalityId: org.id, first, after: cursor, properties })
      .then((rows) => toConnection(rows, first, firmKey, cursor !== null));
  }
}

const FIRM_CURSOR = ['text', 'uuid'] as const;
const MUNICIPALITY_FIRM_ALWAYS = ['id', 'name', 'municipalityId'] as const;

/** A firm the caller may change: a register firm, or a prospect of one of the caller's organisations. */
async function findEditableFirm(ctx: RequestContext, em: import('typeorm').EntityManager, id: string, field = 'id'): Promise<Firm> {
  const qb = em.getRepository(Firm).createQueryBuilder('f').where('f.id = :id', { id });
  const firm = await restrictToVisibleFirms(qb, 'f', ctx).getOne();
  const recording = ctx.scope.organisationIds(Capability.RECORD);
  if (!firm || (firm.status === FirmStatus.PROSPECT && !recording.includes(firm.ownerOrganisationId!))) {
    // Same answer for "does not exist" and "not yours": nothing leaks.
    throw new UserInputRejection([userError(field, 'Firm not found.', UserErrorCode.NOT_FOUND)]);
  }
  return firm;
}

export function normaliseIdentifier(raw: string): string {
  const s = raw.replace(/[\s-]/g, '');
  return /^\d{10}$/.test(s) && isValidOrganisationsnummer(s) ? normaliseOrganisationsnummer(s) : s;
}
