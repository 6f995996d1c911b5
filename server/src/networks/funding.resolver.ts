import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../core/context';
import { Access, Capability, Rules } from '../core/access';
import { MutationPayload, runMutation } from '../core/mutation';
import { Connection, PageArgs, PageParams } from '../core/pagination';
import { isUuid } from '../core/text';
import { identityLoaders } from '../identity/identity.loaders';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { FundingApplication, FundingBudgetLine, FundingPool } from './funding.entity';
import * as funding from './funding.service';
import {
  CreateFundingApplicationInput,
  CreateFundingPoolInput,
  DecideFundingApplicationInput,
  FundingApplicationFilter,
  SubmitFundingApplicationInput,
  UpdateFundingApplicationInput,
} from './network.inputs';
import { Network } from './network.entity';
import { networkLoaders } from './network.loaders';
import * as service from './network.service';

@ObjectType()
export class FundingApplicationConnection extends Connection(FundingApplication, 'FundingApplication') {}

@ObjectType()
export class FundingPoolConnection extends Connection(FundingPool, 'FundingPool') {}

@ObjectType()
export class FundingPoolPayload extends MutationPayload {
  @Field(() => FundingPool, { nullable: true })
  pool: FundingPool | null = null;
}

@ObjectType()
export class FundingApplicationPayload extends MutationPayload {
  @Field(() => FundingApplication, { nullable: true })
  application: FundingApplication | null = null;
}

@Resolver(() => FundingPool)
export class FundingPoolResolver {
  @Query(() => FundingPoolConnection, { description: 'Funding pools one can apply to (DA puljer), by name. Pools are announced to every signed-in caller.' })
  @Access(Rules.signedIn())
  async fundingPools(@PageParams() { first, after }: PageArgs, @Ctx() ctx: RequestContext) {
    return service.listFundingPools(ctx, first, after);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation owning the pool; it decides on applications.' })
  owner(@Root() p: FundingPool, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(p.ownerOrganisationId);
  }

  @Mutation(() => FundingPoolPayload, { description: 'Open a funding pool owned by one of your organisations.' })
  @Access(Rules.member(Capability.EDIT))
  createFundingPool(@Arg('input', { validate: false }) input: CreateFundingPoolInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new FundingPoolPayload(), await funding.createFundingPool(ctx, em, input)), () => new FundingPoolPayload());
  }
}

@Resolver(() => FundingApplication)
export class FundingApplicationResolver {
  @Query(() => FundingApplication, { nullable: true, description: 'A funding application by id; null if it does not exist or is not yours to see.' })
  @Access(Rules.member(Capability.READ))
  fundingApplication(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return isUuid(id) ? networkLoaders(ctx).applicationById.load(id) : null;
  }

  @Query(() => FundingApplicationConnection, {
    description: 'Applications of your organisations, and submitted applications to pools your organisations own, by project name.',
  })
  @Access(Rules.member(Capability.READ))
  async fundingApplications(
    @Arg('filter', () => FundingApplicationFilter, { nullable: true }) filter: FundingApplicationFilter | undefined,
    @PageParams() { first, after }: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return service.listApplications(ctx, filter, first, after);
  }

  @FieldResolver(() => FundingPool)
  pool(@Root() a: FundingApplication, @Ctx() ctx: RequestContext) {
    return networkLoaders(ctx).poolById.load(a.poolId);
  }

  @FieldResolver(() => Organisation, { description: 'The applying organisation.' })
  applicant(@Root() a: FundingApplication, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(a.applicantOrganisationId);
  }

  @FieldResolver(() => Network, { nullable: true, description: 'The network the application is for (null if you cannot see it).' })
  network(@Root() a: FundingApplication, @Ctx() ctx: RequestContext) {
    return a.networkId ? networkLoaders(ctx).networkById.load(a.networkId) : null;
  }

  @FieldResolver(() => [FundingBudgetLine], { description: 'The budget lines, in order.' })
  budgetLines(@Root() a: FundingApplication, @Ctx() ctx: RequestContext) {
    return networkLoaders(ctx).budgetLinesByApplication.load(a.id);
  }

  @FieldResolver(() => String, { description: 'Total requested in DKK: the sum of the budget lines, computed (never typed in).' })
  totalAmount(@Root() a: FundingApplication, @Ctx() ctx: RequestContext) {
    return networkLoaders(ctx).totalByApplication.load(a.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who submitted it.' })
  submittedBy(@Root() a: FundingApplication, @Ctx() ctx: RequestContext) {
    return a.submittedByUserId ? identityLoaders(ctx).userById.load(a.submittedByUserId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who decided (a member of the pool-owning organisation).' })
  decidedBy(@Root() a: FundingApplication, @Ctx() ctx: RequestContext) {
    return a.decidedByUserId ? identityLoaders(ctx).userById.load(a.decidedByUserId) : null;
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation that decided (the pool owner).' })
  decidedByOrganisation(@Root() a: FundingApplication, @Ctx() ctx: RequestContext) {
    return a.decidedByOrganisationId ? organisationLoaders(ctx).byId.load(a.decidedByOrganisationId) : null;
  }

  @Mutation(() => FundingApplicationPayload, { description: 'Start a draft application to a pool, with its budget lines.' })
  @Access(Rules.member(Capability.EDIT))
  createFundingApplication(@Arg('input', { validate: false }) input: CreateFundingApplicationInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new FundingApplicationPayload(), await funding.createFundingApplication(ctx, em, input)), () => new FundingApplicationPayload());
  }

  @Mutation(() => FundingApplicationPayload, { description: 'Edit a draft. Sending budgetLines replaces all lines. Submitted applications are refused (IMMUTABLE).' })
  @Access(Rules.member(Capability.EDIT))
  updateFundingApplication(@Arg('input', { validate: false }) input: UpdateFundingApplicationInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new FundingApplicationPayload(), await funding.updateFundingApplication(ctx, em, input)), () => new FundingApplicationPayload());
  }

  @Mutation(() => FundingApplicationPayload, { description: 'Submit a draft to the pool owner. Afterwards it cannot be edited.' })
  @Access(Rules.member(Capability.EDIT))
  submitFundingApplication(@Arg('input', { validate: false }) input: SubmitFundingApplicationInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new FundingApplicationPayload(), await funding.submitFundingApplication(ctx, em, input)), () => new FundingApplicationPayload());
  }

  @Mutation(() => FundingApplicationPayload, { description: 'Approve (with the amount granted) or reject a submitted application to a pool you own.' })
  @Access(Rules.member(Capability.EDIT))
  decideFundingApplication(@Arg('input', { validate: false }) input: DecideFundingApplicationInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new FundingApplicationPayload(), await funding.decideFundingApplication(ctx, em, input)), () => new FundingApplicationPayload());
  }
}
