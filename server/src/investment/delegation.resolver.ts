import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../core/context';
import { Access, Capability, Rules } from '../core/access';
import { MutationPayload, runMutation } from '../core/mutation';
import { Connection, PageArgs, PageParams } from '../core/pagination';
import { isUuid } from '../core/text';
import { Organisation } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { Delegation, DelegationFollowUp, ReceptionMunicipality } from './delegation.entity';
import { CreateDelegationInput, RecordDelegationFollowUpInput } from './investment.inputs';
import { investmentLoaders } from './investment.loaders';
import { delegationPage, delegationTotals } from './investment.service';
import { createDelegation, recordDelegationFollowUp } from './delegation.service';

@ObjectType({ description: 'Value created by delegations: recorded follow-ups summed, next to the visitor count.' })
export class DelegationResults {
  @Field(() => Int, { description: 'Follow-ups recorded.' }) followUpCount!: number;
  @Field(() => Int) contactsMade!: number;
  @Field(() => Int) projectsStarted!: number;
  @Field(() => Int) establishments!: number;
  @Field(() => Int) jobsCreated!: number;
}

@ObjectType({ description: 'Delegations and the value they created, over the delegations you may see.' })
export class DelegationResultsSummary extends DelegationResults {
  @Field(() => Int) delegationCount!: number;
  @Field(() => Int, { description: 'Visitors in total: one measure among several, not the result.' }) visitorCount!: number;
}

@ObjectType()
export class DelegationConnection extends Connection(Delegation, 'Delegation') {}

@ObjectType()
export class DelegationPayload extends MutationPayload {
  @Field(() => Delegation, { nullable: true })
  delegation: Delegation | null = null;
}

@ObjectType()
export class DelegationFollowUpPayload extends MutationPayload {
  @Field(() => DelegationFollowUp, { nullable: true })
  followUp: DelegationFollowUp | null = null;
}

@Resolver(() => Delegation)
export class DelegationResolver {
  @Query(() => Delegation, { nullable: true, description: 'A delegation by id; null if it does not exist or is not yours to see (reception or host).' })
  @Access(Rules.member(Capability.READ))
  delegation(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return isUuid(id) ? investmentLoaders(ctx).delegationById.load(id) : null;
  }

  @Query(() => DelegationConnection, { description: 'Delegations your organisations received or hosted, latest visit first.' })
  @Access(Rules.member(Capability.READ))
  async delegations(@PageParams() { first, after }: PageArgs, @Ctx() ctx: RequestContext) {
    const scope = ctx.scope.require(Capability.READ);
    return delegationPage(ctx, scope, first, after);
  }

  @Query(() => DelegationResultsSummary, { description: 'Totals over the delegations you may see (optionally of one reception): visitors and value created.' })
  @Access(Rules.member(Capability.READ))
  async delegationResults(
    @Arg('receptionOrganisationId', () => ID, { nullable: true }) receptionOrganisationId: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<DelegationResultsSummary> {
    const scope = ctx.scope.require(Capability.READ);
    const r = await delegationTotals(ctx, scope, receptionOrganisationId);
    return Object.assign(new DelegationResultsSummary(), {
      delegationCount: Number(r.delegations),
      visitorCount: Number(r.visitors),
      followUpCount: Number(r.follow_ups),
      contactsMade: Number(r.contacts),
      projectsStarted: Number(r.projects),
      establishments: Number(r.establishments),
      jobsCreated: Number(r.jobs),
    });
  }

  @Query(() => [ReceptionMunicipality], { description: 'The municipalities taking part in a shared reception (members and pilots), by name. Public profile data.' })
  @Access(Rules.signedIn())
  receptionMunicipalities(@Arg('receptionOrganisationId', () => ID) receptionOrganisationId: string, @Ctx() ctx: RequestContext) {
    return isUuid(receptionOrganisationId) ? investmentLoaders(ctx).receptionMunicipalitiesByReception.load(receptionOrganisationId) : [];
  }

  @FieldResolver(() => Organisation, { description: 'The receiving organisation (e.g. Copenhagen Capacity).' })
  reception(@Root() d: Delegation, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(d.receptionOrganisationId);
  }

  @FieldResolver(() => [Organisation], { description: 'Hosting municipalities.' })
  async hostMunicipalities(@Root() d: Delegation, @Ctx() ctx: RequestContext) {
    const ids = await investmentLoaders(ctx).hostIdsByDelegation.load(d.id);
    return (await organisationLoaders(ctx).byId.loadMany(ids)).filter((o) => o && !(o instanceof Error));
  }

  @FieldResolver(() => [DelegationFollowUp], { description: 'Follow-ups, oldest first.' })
  followUps(@Root() d: Delegation, @Ctx() ctx: RequestContext) {
    return investmentLoaders(ctx).followUpsByDelegation.load(d.id);
  }

  @FieldResolver(() => DelegationResults, { description: 'Value created: the follow-ups summed (computed, never typed in).' })
  results(@Root() d: Delegation, @Ctx() ctx: RequestContext) {
    return investmentLoaders(ctx).resultsByDelegation.load(d.id);
  }

  @Mutation(() => DelegationPayload, { description: 'Record a delegation received by your organisation, with its hosting municipalities.' })
  @Access(Rules.member(Capability.RECORD))
  createDelegation(@Arg('input', { validate: false }) input: CreateDelegationInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new DelegationPayload(), await createDelegation(ctx, em, input)), () => new DelegationPayload());
  }

  @Mutation(() => DelegationFollowUpPayload, { description: 'Record a follow-up on a delegation of your reception, with the value created.' })
  @Access(Rules.member(Capability.RECORD))
  recordDelegationFollowUp(@Arg('input', { validate: false }) input: RecordDelegationFollowUpInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new DelegationFollowUpPayload(), await recordDelegationFollowUp(ctx, em, input)), () => new DelegationFollowUpPayload());
  }
}

@Resolver(() => ReceptionMunicipality)
export class ReceptionMunicipalityResolver {
  @FieldResolver(() => Organisation)
  municipality(@Root() r: ReceptionMunicipality, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(r.municipalityId);
  }
}
