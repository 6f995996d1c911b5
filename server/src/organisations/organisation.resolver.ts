import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Access, Capability, Rules } from '../core/access';
import { EntityManager } from 'typeorm';
import { RequestContext, userIdOf } from '../core/context';
import { NotFoundError, userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { MutationPayload, runMutation } from '../core/mutation';
import { Connection, decodeCursor, PageArgs, PageParams, toConnection } from '../core/pagination';
import { LIST_CAPS } from '../core/list-bounds';
import { updateIfVersion, versionConflict } from '../core/versioned';
import { Country, Organisation, OrganisationKind } from './organisation.entity';
import { OrganisationRelationship, RelationshipKind, RelationshipState } from './organisation-relationship.entity';
import { isUuid } from '../core/text';
import {
  AddOrganisationRelationshipInput,
  ConfirmOrganisationRelationshipInput,
  DeclineOrganisationRelationshipInput,
  OrganisationFilter,
  RelationshipDirection,
  RemoveOrganisationRelationshipInput,
  UpdateOrganisationInput,
} from './organisation.inputs';
import { organisationLoaders } from './organisation.loaders';
import { findOrganisationByCode, findOrganisations } from './organisation.service';

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
    return findOrganisationByCode(ctx, country, kind, officialCode);
  }

  @Query(() => OrganisationConnection, { description: 'Organisations ordered by name.' })
  @Access(Rules.signedIn())
  async organisations(
    @Arg('filter', () => OrganisationFilter, { nullable: true }) filter: OrganisationFilter | undefined,
    @PageParams() { first, after }: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    const cursor = decodeCursor(after, ['text', 'uuid']) as [string, string] | null;
    const rows = await findOrganisations(ctx, filter, first, cursor);
    return toConnection(rows, first, (o) => [o.name.toLowerCase(), o.id], !!cursor);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The region (DA region / SE län) the organisation lies in.' })
  region(@Root() org: Organisation, @Ctx() ctx: RequestContext) {
    return org.regionId ? organisationLoaders(ctx).byId.load(org.regionId) : null;
  }

  @FieldResolver(() => [OrganisationRelationship], {
    description: 'Typed relationships with other organisations, in either direction: those in force, plus proposed or declined ones if you belong to one of the two sides (see state).',
  })
  async relationships(
    @Root() org: Organisation,
    @Arg('direction', () => RelationshipDirection, { defaultValue: RelationshipDirection.BOTH }) direction: RelationshipDirection,
    @Arg('kinds', () => [RelationshipKind], { nullable: true, description: 'Only these kinds.' }) kinds: RelationshipKind[] | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<OrganisationRelationship[]> {
    const all = await organisationLoaders(ctx).relationshipsWithPending.load(org.id);
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

  @Mutation(() => OrganisationRelationshipPayload, {
    description:
      'Propose a relationship between an organisation you administer and another (either direction). It is PROPOSED - changing nothing, ' +
      'visible only to the two sides - until an admin of the other side confirms it (ACTIVE). If you administer both sides it is ACTIVE at once.',
  })
  @Access(Rules.member(Capability.ADMINISTER))
  addOrganisationRelationship(@Arg('input', { validate: false }) input: AddOrganisationRelationshipInput, @Ctx() ctx: RequestContext) {
    return runMutation(
      ctx,
      input,
      async (em) => {
        const proposer = [input.fromId, input.toId].find((id) => ctx.scope.has(id, Capability.ADMINISTER));
        if (!proposer) {
          throw new UserInputRejection([userError('fromId', 'You can only propose relationships of an organisation you administer.', UserErrorCode.NOT_ALLOWED)]);
        }
        if (input.fromId === input.toId) throw new UserInputRejection([userError('toId', 'An organisation cannot relate to itself.')]);
        const other = proposer === input.fromId ? input.toId : input.fromId;
        if (!(await em.existsBy(Organisation, { id: other }))) {
          throw new UserInputRejection([userError(other === input.toId ? 'toId' : 'fromId', 'No organisation with this id.', UserErrorCode.NOT_FOUND)]);
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
        const both = ctx.scope.has(other, Capability.ADMINISTER);
        const fields = {
          state: both ? RelationshipState.ACTIVE : RelationshipState.PROPOSED,
          proposedByOrganisationId: proposer,
          proposedByUserId: userIdOf(ctx),
          decidedAt: both ? () => 'now()' : null,
          decidedByUserId: both ? userIdOf(ctx) : null,
        };
        // A declined edge may be proposed again (the unique key keeps one row per edge).
        const reopened = await em
          .createQueryBuilder()
          .update(OrganisationRelationship)
          .set(fields as never)
          .where('kind = :kind AND from_id = :fromId AND to_id = :toId AND state = :declined', { ...input, declined: RelationshipState.DECLINED })
          .returning('id')
          .execute();
        const id: string | undefined = reopened.raw?.[0]?.id;
        if (id) return Object.assign(new OrganisationRelationshipPayload(), { relationship: await em.findOneByOrFail(OrganisationRelationship, { id }) });
        const [row] = (await em.createQueryBuilder().insert().into(OrganisationRelationship).values({ ...input, ...fields } as never).returning('id').execute()).raw;
        return Object.assign(new OrganisationRelationshipPayload(), { relationship: await em.findOneByOrFail(OrganisationRelationship, { id: row.id }) });
      },
      () => new OrganisationRelationshipPayload(),
      { uniqueFields: { UQ_relationship: { field: 'kind', message: 'This relationship exists already (in force or proposed).' } } },
    );
  }

  @Mutation(() => OrganisationRelationshipPayload, { description: 'Confirm a relationship the other side proposed (you administer this side): it takes effect.' })
  @Access(Rules.member(Capability.ADMINISTER))
  confirmOrganisationRelationship(@Arg('input', { validate: false }) input: ConfirmOrganisationRelationshipInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, (em) => decideRelationship(ctx, em, input.id, RelationshipState.ACTIVE), () => new OrganisationRelationshipPayload());
  }

  @Mutation(() => OrganisationRelationshipPayload, { description: 'Decline a relationship the other side proposed (you administer this side): it never takes effect.' })
  @Access(Rules.member(Capability.ADMINISTER))
  declineOrganisationRelationship(@Arg('input', { validate: false }) input: DeclineOrganisationRelationshipInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, (em) => decideRelationship(ctx, em, input.id, RelationshipState.DECLINED), () => new OrganisationRelationshipPayload());
  }

  @Mutation(() => RemoveOrganisationRelationshipPayload, { description: 'Remove a relationship (or withdraw a proposal) of an organisation you administer, on either side.' })
  @Access(Rules.member(Capability.ADMINISTER))
  removeOrganisationRelationship(@Arg('input', { validate: false }) input: RemoveOrganisationRelationshipInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const administered = ctx.scope.require(Capability.ADMINISTER);
      const result = await em
        .createQueryBuilder()
        .delete()
        .from(OrganisationRelationship)
        .where('id = :id AND (from_id = ANY(:orgs) OR to_id = ANY(:orgs))', { id: input.id, orgs: administered.organisationIds })
        .execute();
      if (!result.affected) throw new UserInputRejection([userError('id', 'Relationship not found.', UserErrorCode.NOT_FOUND)]);
      return Object.assign(new RemoveOrganisationRelationshipPayload(), { removedId: input.id });
    }, () => new RemoveOrganisationRelationshipPayload());
  }
}

/**
 * The other side's answer to a proposal: only an admin of the side that did not propose it, only while it
 * is PROPOSED. A relationship the caller is no side of is NOT_FOUND, as one that does not exist.
 */
async function decideRelationship(ctx: RequestContext, em: EntityManager, id: string, to: RelationshipState.ACTIVE | RelationshipState.DECLINED) {
  const administered = ctx.scope.require(Capability.ADMINISTER).organisationIds;
  const rel = await em
    .getRepository(OrganisationRelationship)
    .createQueryBuilder('r')
    .where('r.id = :id AND (r.fromId = ANY(:orgs) OR r.toId = ANY(:orgs))', { id, orgs: administered })
    .setLock('pessimistic_write')
    .getOne();
  if (!rel) throw new UserInputRejection([userError('id', 'Relationship not found.', UserErrorCode.NOT_FOUND)]);
  const answering = rel.proposedByOrganisationId === rel.fromId ? rel.toId : rel.fromId;
  if (!administered.includes(answering)) {
    throw new UserInputRejection([userError('id', 'Only an admin of the other side can answer this proposal.', UserErrorCode.NOT_ALLOWED)]);
  }
  if (rel.state !== RelationshipState.PROPOSED) {
    throw new UserInputRejection([userError('id', `This relationship is ${rel.state}, not awaiting an answer.`, UserErrorCode.INVALID_STATE)]);
  }
  await em.update(OrganisationRelationship, { id: rel.id }, { state: to, decidedAt: () => 'now()', decidedByUserId: userIdOf(ctx) } as never);
  return Object.assign(new OrganisationRelationshipPayload(), { relationship: await em.findOneByOrFail(OrganisationRelationship, { id: rel.id }) });
}

@Resolver(() => OrganisationRelationship)
export class OrganisationRelationshipResolver {
  @FieldResolver(() => Organisation)
  from(@Root() r: OrganisationRelationship, @Ctx() ctx: RequestContext): Promise<Organisation> {
    return organisationLoaders(ctx).byId.load(r.fromId).then(orMissing);
  }

  @FieldResolver(() => Organisation)
  to(@Root() r: OrganisationRelationship, @Ctx() ctx: RequestContext): Promise<Organisation> {
    return organisationLoaders(ctx).byId.load(r.toId).then(orMissing);
  }
}

const missing = (): never => {
  throw new NotFoundError('Organisation');
};
// One promise per call instead of an async function's two (a nested read resolves ~100 sides).
const orMissing = (o: Organisation | null): Organisation => o ?? missing();
