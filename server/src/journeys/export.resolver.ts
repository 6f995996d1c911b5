import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { RequestContext } from '../core/context';
import { Access, Capability, Rules } from '../core/access';
import { NotFoundError } from '../core/errors';
import { isUuid } from '../core/text';
import { Firm } from '../firms/firm.entity';
import { firmLoaders } from '../firms/firm.loaders';
import { Organisation } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { ContactPersonRevealLog } from './contact-person.entity';
import { ContactPersonView } from './contact-person.resolver';
import { FirmConsent, JourneyAccessLog } from './consent.entity';
import { firmDataOf } from './journey.service';
import { Referral } from './referral.entity';
import { GrowthPlanMilestone, GrowthPotentialAssessment, Touchpoint } from './touchpoint.entity';

/** Reason written to the reveal log when an export includes sensitive fields. */
export const EXPORT_REVEAL_REASON = 'Data export (data-access request)';

@ObjectType({ description: 'Everything one organisation holds about a firm, for a data-access request. Sensitive fields are included (and the reveal logged).' })
export class FirmDataExport {
  @Field() generatedAt!: Date;
  @Field(() => Firm) firm!: Firm;
  @Field(() => Organisation, { description: 'The organisation whose data this is.' }) organisation!: Organisation;
  @Field(() => [Touchpoint], { description: 'All its journey entries, corrected ones included, oldest first.' }) touchpoints!: Touchpoint[];
  @Field(() => [Referral], { description: 'Referrals it sent or received.' }) referrals!: Referral[];
  @Field(() => [FirmConsent]) consents!: FirmConsent[];
  @Field(() => [GrowthPlanMilestone]) milestones!: GrowthPlanMilestone[];
  @Field(() => [GrowthPotentialAssessment]) growthPotentialAssessments!: GrowthPotentialAssessment[];
  @Field(() => [ContactPersonView], { description: 'Contact persons, sensitive fields revealed.' }) contactPersons!: ContactPersonView[];
  @Field(() => [ContactPersonRevealLog], { description: 'Reveals of the contact persons\' sensitive fields (this export\'s included).' }) contactPersonReveals!: ContactPersonRevealLog[];
  @Field(() => [JourneyAccessLog], { description: 'Reads of its entries about the firm by other organisations.' }) accessLog!: JourneyAccessLog[];
}

@Resolver(() => FirmDataExport)
export class FirmDataExportResolver {
  @Query(() => FirmDataExport, {
    description: 'A firm\'s complete data held by one of your organisations (you must administer it), for a data-access request. NOT_FOUND for a firm you may not see.',
  })
  @Access(Rules.userMember(Capability.ADMINISTER))
  async firmDataExport(
    @Arg('firmId', () => ID) firmId: string,
    @Arg('organisationId', () => ID, { nullable: true, description: 'Defaults to your only organisation you administer.' }) organisationId: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<FirmDataExport> {
    const admin = ctx.scope.organisationIds(Capability.ADMINISTER);
    const orgId = organisationId ?? (admin.length === 1 ? admin[0] : undefined);
    if (!orgId || !admin.includes(orgId)) throw new NotFoundError('Organisation');
    const firm = isUuid(firmId) ? await firmLoaders(ctx).byId.load(firmId) : null;
    if (!firm) throw new NotFoundError('Firm');
    const { people, ...data } = await firmDataOf(ctx, firm.id, orgId, EXPORT_REVEAL_REASON);
    return Object.assign(new FirmDataExport(), {
      generatedAt: new Date(), firm, organisation: await organisationLoaders(ctx).byId.load(orgId), ...data,
      contactPersons: people.map((p) => ContactPersonView.of(p, true)),
    });
  }
}
