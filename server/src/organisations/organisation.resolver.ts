import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Access, Capability, Rules } from '../core/access';
import { RequestContext } from '../core/context';
import { NotFoundError, userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { MutationPayload, runMutation } from '../core/mutation';
import { Connection, decodeCursor, PageArgs, PageParams, toConnection } from '../core/pagination';
import { LIST_CAPS } from '../core/list-bounds';
import { updateIfVersion, versionConflict } from '../core/versioned';
import { Country, Organisation, OrganisationKind } from './organisation.entity';
import { OrganisationRelationship, RelationshipKind } from './organisation-relationship.entity';
import { isUuid, likePrefix } from '../core/text';
import {
  AddOrganisationRelationshipInput,
  OrganisationFilter,
  RelationshipDirection,
  RemoveOrganisationRelationshipInput,
  UpdateOrganisationInput,
} from './organisation.inputs';
import { organisationLoaders } from './organisation.loaders';

@ObjectType()
export class OrganisationConnection extends Connection(Organisation, 'Organisation') {}

@ObjectType()
export class UpdateOrganisationPayload extends MutationPayload {
  @Field(() => Organisation, { nullable: true })
  organisation: Organisation | null = null;
}

@ObjectType()
export class OrganisationRelationshipPayload extends MutationPayload {
  @Field(() => OrganisationRelationship, { nullable: true })
  relationship: OrganisationRelationship | null = null;
}

@ObjectType()
export class RemoveOrganisationRelationshipPayload extends MutationPayload {
  @Field(() => ID, { nullable: true })
  removedId: string | null = null;
}

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, { nullable: true, description: 'An organisation by id (profiles are public to signed-in callers).' })
  @Access(Rules.signedIn())
  organisation(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Organisation | null> {
    return isUuid(id) ? organisationLoaders(ctx).byId.load(id) : Promise.resolve(null);
  }

  @Query(() => Organisation, { nullable: true, description: 'An organisation by its official code, e.g. kommunekode 101 (København).' })
  @Access(Rules.signedIn())
  organisationByCode(
    @Arg('country', () => Country) country: Country,
    @Arg('kind', () => OrganisationKind) kind: OrganisationKind,
    @Arg('officialCode') officialCode: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Organisation | null> {
    return ctx.ds.getRepository(Organisation).findOneBy({ country, kind, officialCode });
  }

  @Query(() => OrganisationConnection, { description: 'Organisations ordered by name.' })
  @Access(Rules.signedIn())
  async organisations(
    @Arg('filter', () => OrganisationFilter, { nullable: true }) filter: OrganisationFilter | undefined,
    @PageParams() { first, after }: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    const qb = ctx.ds.getRepository(Organisation).createQueryBuilder('o');
    if (filter?.kinds?.length) qb.andWhere('o.kind = ANY(:kinds)', { kinds: filter.kinds });
    if (filter?.country) qb.andWhere('o.country = :country', { country: filter.country });
    if (filter?.regionId) qb.andWhere('o.regionId = :regionId', { regionId: filter.regionId });
    if (filter?.namePrefix) qb.andWhere(`lower(o.name) LIKE :prefix ESCAPE '\\'`, { prefix: likePrefix(filter.namePrefix) });
    const cursor = decodeCursor(after, ['text', 'uuid']) as [string, string] | null;
    if (cursor) qb.andWhere('(lower(o.name), o.id) > (:cName, :cId)', { cName: cursor[0], cId: cursor[1] });
    const rows = await qb.orderBy('lower(o.name)').addOrderBy('o.id').limit(first + 1).getMany();
    return toConnection(rows, first, (o) => [o.name.toLowerCase(), o.id], !!cursor);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The region (DA region / SE län) the organisation lies in.' })
  region(@Root() org: Organisation, @Ctx() ctx: RequestContext) {
    return org.regionId ? organisationLoaders(ctx).byId.load(org.regionId) : null;
  }

  @FieldResolver(() => [OrganisationRelationship], { description: 'Typed relationships with other organisations, in either direction.' })
  async relationships(
    @Root() org: Organisation,
    @Arg('direction', () => RelationshipDirection, { defaultValue: RelationshipDirection.BOTH }) direction: RelationshipDirection,
    @Arg('kinds', () => [RelationshipKind], { nullable: true, description: 'Only these kinds.' }) kinds: RelationshipKind[] | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<OrganisationRelationship[]> {
    const all = await organisationLoaders(ctx).relationships.load(org.id);
    return all.filter(
      (r) =>
        (direction === RelationshipDirection.BOTH ||
          (direction === RelationshipDirection.OUTGOING ? r.fromId === org.id : r.toId === org.id)) &&
        (!kinds?.length || kinds.includes(r.kind)),
    );
  }

  @Mutation(() => UpdateOrganisationPayload, { description: 'Edit your organisation\'s public profile.' })
  @Access(Rules.member(Capability.ADMINISTER))
  updateOrganisation(@Arg('input', { validate: false }) input: UpdateOrganisationInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      if (!ctx.scope.has(input.id, Capability.ADMINISTER)) throw new UserInputRejection([userError('id', 'Only admins of this organisation can edit it.', UserErrorCode.NOT_ALLOWED)]);
      const { id, expectedVersion, ...patch } = input;
      const updated = await updateIfVersion(em, Organisation, id, expectedVersion, patch);
      if (!updated) {
        const current = await em.findOneBy(Organisation, { id });
        throw versionConflict('organisation', current?.version);
      }
      return Object.assign(new UpdateOrganisationPayload(), { organisation: updated });
    }, () => new UpdateOrganisationPayload());
  }

  @Mutation(() => OrganisationRelationshipPayload, { description: 'Record a relationship from your organisation to another.' })
  @Access(Rules.member(Capability.ADMINISTER))
  addOrganisationRelationship(@Arg('input', { validate: false }) input: AddOrganisationRelationshipInput, @Ctx() ctx: RequestContext) {
    return runMutation(
      ctx,
      input,
      async (em) => {
        if (!ctx.scope.has(input.fromId, Capability.ADMINISTER)) {
          throw new UserInputRejection([userError('fromId', 'You can only add relationships from an organisation you administer.', UserErrorCode.NOT_ALLOWED)]);
        }
        if (input.fromId === input.toId) throw new UserInputRejection([userError('toId', 'An organisation cannot relate to itself.')]);
        if (!(await em.existsBy(Organisation, { id: input.toId }))) {
          throw new UserInputRejection([userError('toId', 'No organisation with this id.', UserErrorCode.NOT_FOUND)]);
        }
        // The list of an organisation's relationships has a hard cap (core/list-bounds.ts): refuse the one that would pass it.
        const cap = LIST_CAPS['Organisation.relationships'].cap;
        const [counts] = await em.query(
          `SELECT count(*) FILTER (WHERE from_id = $1 OR to_id = $1)::int AS "from", count(*) FILTER (WHERE from_id = $2 OR to_id = $2)::int AS "to"
             FROM organisation_relationship WHERE from_id = ANY($3) OR to_id = ANY($3)`,
          [input.fromId, input.toId, [input.fromId, input.toId]],
        );
        if (counts.from >= cap || counts.to >= cap) {
          throw new UserInputRejection([userError(counts.from >= cap ? 'fromId' : 'toId', `An organisation can have at most ${cap} relationships.`, UserErrorCode.INVALID_STATE)]);
        }
        const relationship = await em.save(em.create(OrganisationRelationship, input));
        return Object.assign(new OrganisationRelationshipPayload(), { relationship });
      },
      () => new OrganisationRelationshipPayload(),
      { uniqueFields: { UQ_relationship: { field: 'kind', message: 'This relationship exists already.' } } },
    );
  }

  @Mutation(() => RemoveOrganisationRelationshipPayload, { description: 'Remove a relationship from your organisation.' })
  @Access(Rules.member(Capability.ADMINISTER))
  removeOrganisationRelationship(@Arg('input', { validate: false }) input: RemoveOrganisationRelationshipInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const administered = ctx.scope.require(Capability.ADMINISTER);
      const result = await em
        .createQueryBuilder()
        .delete()
        .from(OrganisationRelationship)
        .where('id = :id AND from_id = ANY(:orgs)', { id: input.id, orgs: administered.organisationIds })
        .execute();
      if (!result.affected) throw new UserInputRejection([userError('id', 'Relationship not found.', UserErrorCode.NOT_FOUND)]);
      return Object.assign(new RemoveOrganisationRelationshipPayload(), { removedId: input.id });
    }, () => new RemoveOrganisationRelationshipPayload());
  }
}

@Resolver(() => OrganisationRelationship)
export class OrganisationRelationshipResolver {
  @FieldResolver(() => Organisation)
  async from(@Root() r: OrganisationRelationship, @Ctx() ctx: RequestContext) {
    return (await organisationLoaders(ctx).byId.load(r.fromId)) ?? missing();
  }

  @FieldResolver(() => Organisation)
  async to(@Root() r: OrganisationRelationship, @Ctx() ctx: RequestContext) {
    return (await organisationLoaders(ctx).byId.load(r.toId)) ?? missing();
  }
}

const missing = (): never => {
  throw new NotFoundError('Organisation');
};
