import { EntityManager } from 'typeorm';
import { Arg, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../core/context';
import { Access, Capability, Rules } from '../core/access';
import { NotFoundError } from '../core/errors';
import { MutationPayload, runMutation } from '../core/mutation';
import { Connection, PageArgs, PageParams } from '../core/pagination';
import { isUuid } from '../core/text';
import { identityLoaders } from '../identity/identity.loaders';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { AgreementFieldDifference, diffContent } from './agreement.compare';
import {
  AgreementEconomyLine,
  AgreementFollowUp,
  AgreementFollowUpEntry,
  AgreementKpi,
  AgreementParty,
  AgreementSignature,
  AgreementTask,
  AgreementTransition,
  AgreementVersion,
  ServiceAgreement,
} from './agreement.entity';
import { AgreementKpiActualSource, AgreementState, isComputedMetric } from './agreement.enums';
import {
  AmendAgreementInput,
  ConfirmAgreementParticipationInput,
  CreateServiceAgreementInput,
  RecordFollowUpInput,
  ServiceAgreementFilter,
  SignAgreementInput,
  TransitionAgreementInput,
  UpdateAgreementDraftInput,
} from './agreement.inputs';
import { manualTargets } from './agreement.lifecycle';
import { agreementLoaders } from './agreement.loaders';
import * as reads from './agreement.reads';
import * as service from './agreement.service';
import { ConflictHolder, todayLocal } from './agreement.service';

// ---------------------------------------------------------------------------------------------------
// Payloads and result types

@ObjectType()
export class ServiceAgreementConnection extends Connection(ServiceAgreement, 'ServiceAgreement') {}

@ObjectType({ description: 'Result of a write to an agreement.' })
export class ServiceAgreementPayload extends MutationPayload {
  @Field(() => ServiceAgreement, { nullable: true, description: 'The agreement after the write; null when nothing was written.' })
  agreement: ServiceAgreement | null = null;

  @Field(() => ServiceAgreement, {
    nullable: true,
    description: 'Only on VERSION_CONFLICT: the agreement as it is now on the server, to show next to your unsaved edit.',
  })
  current: ServiceAgreement | null = null;
}

@ObjectType({ description: 'Result of signing an agreement.' })
export class SignAgreementPayload extends ServiceAgreementPayload {
  @Field(() => AgreementSignature, { nullable: true })
  signature: AgreementSignature | null = null;
}

@ObjectType({ description: 'Result of recording a follow-up.' })
export class RecordFollowUpPayload extends ServiceAgreementPayload {
  @Field(() => AgreementFollowUp, { nullable: true })
  followUp: AgreementFollowUp | null = null;
}

@ObjectType({ description: 'Two versions of an agreement and how they differ, field by field.' })
export class AgreementVersionComparison {
  @Field(() => ID) agreementId!: string;
  @Field(() => AgreementVersion) from!: AgreementVersion;
  @Field(() => AgreementVersion) to!: AgreementVersion;
  @Field(() => [AgreementFieldDifference]) differences!: AgreementFieldDifference[];
}

@ObjectType({ description: 'A KPI with its actual against its target.' })
export class AgreementKpiAttainment {
  @Field(() => AgreementKpi) kpi!: AgreementKpi;
  @Field(() => Float, { nullable: true, description: 'Computed from recorded work (never typed in), or for EXTERNAL metrics the latest reported figure.' })
  actual!: number | null;
  @Field(() => AgreementKpiActualSource) source!: AgreementKpiActualSource;
  @Field(() => Float, { nullable: true, description: 'actual / target in percent; null without an actual or with a zero target.' })
  attainmentPercent!: number | null;
  @Field(() => Int, { nullable: true, description: 'How many recorded entries a computed actual is based on (see agreementKpiDrillDown).' })
  countedEntries!: number | null;
  @Field(() => String, { nullable: true, description: 'For EXTERNAL metrics: the source named in the follow-up.' })
  externalSource!: string | null;
  @Field(() => Date, { nullable: true, description: 'For EXTERNAL metrics: when the figure was reported.' })
  reportedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why there is no actual, if there is none.' })
  note!: string | null;
}

@ObjectType({ description: 'KPI attainment of an agreement now (computed live).' })
export class AgreementKpiAttainmentReport {
  @Field(() => ID) agreementId!: string;
  @Field(() => Int, { description: 'The version whose KPIs are shown: the one in force, or the draft before any is in force.' }) versionNumber!: number;
  @Field({ description: 'Server time of the computation.' }) computedAt!: Date;
  @Field(() => [AgreementKpiAttainment]) kpis!: AgreementKpiAttainment[];
}

@ObjectType({
  description:
    'One recorded entry a KPI counted. Firm register data and the date are always shown; which party recorded it only for parties; ' +
    'the content (summary, value, entry id) only to the organisation that recorded it. Entries by non-parties show no recorder.',
})
export class AgreementCountedEntry {
  @Field() occurredAt!: Date;
  @Field(() => ID, { nullable: true, description: 'The firm, when it is a register firm (or a prospect of yours).' }) firmId!: string | null;
  @Field(() => String, { nullable: true }) firmName!: string | null;
  @Field(() => String, { nullable: true }) cvr!: string | null;
  @Field(() => String, { nullable: true }) organisationsnummer!: string | null;
  @Field({ description: 'Whether a party of the agreement recorded it.' }) recordedByParty!: boolean;
  @Field(() => ID, { nullable: true, description: 'The recording party (null when not a party).' }) recordedByOrganisationId!: string | null;
  @Field({ description: 'Whether the content below is shown (only to the recording organisation).' }) contentVisible!: boolean;
  @Field(() => ID, { nullable: true }) touchpointId!: string | null;
  @Field(() => String, { nullable: true }) summary!: string | null;
  @Field(() => Float, { nullable: true, description: 'What the entry contributed (1 per mapping/partnership/private-advisor referral, jobs for outcomes).' })
  value!: number | null;
}

@ObjectType({ description: 'Counted entries you may not see under the journey-sharing rules: only how many, per recording organisation.' })
export class AgreementHiddenEntryCount {
  @Field(() => ID) organisationId!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class AgreementCountedEntryConnection extends Connection(AgreementCountedEntry, 'AgreementCountedEntry') {
  @Field(() => [AgreementHiddenEntryCount], {
    description:
      'Entries the KPI counted that you may not see (no consent or open referral, not yours): counts per recording organisation, whatever the page. ' +
      'Visible entries (the edges) plus these counts make up the KPI\'s counted entries.',
  })
  hiddenEntries!: AgreementHiddenEntryCount[];
}

@ObjectType({ description: 'Result of confirming participation in an agreement.' })
export class ConfirmAgreementParticipationPayload extends ServiceAgreementPayload {
  @Field(() => AgreementParty, { nullable: true })
  party: AgreementParty | null = null;
}

// ---------------------------------------------------------------------------------------------------

const loaders = agreementLoaders;

/** runMutation with the agreement's conflict holder: on VERSION_CONFLICT the payload carries `current`. */
function agreementMutation<P extends ServiceAgreementPayload>(
  ctx: RequestContext,
  input: object,
  Payload: new () => P,
  work: (em: EntityManager, holder: ConflictHolder) => Promise<Partial<P>>,
) {
  const holder: ConflictHolder = { current: null };
  return runMutation(ctx, input, async (em) => Object.assign(new Payload(), await work(em, holder)), () => Object.assign(new Payload(), { current: holder.current }));
}

@Resolver(() => ServiceAgreement)
export class ServiceAgreementResolver {
  // ----- queries

  @Query(() => ServiceAgreement, { nullable: true, description: 'An agreement by id; null when it does not exist or you are not party to it.' })
  @Access(Rules.member(Capability.READ))
  serviceAgreement(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return isUuid(id) ? loaders(ctx).byId.load(id) : null;
  }

  @Query(() => ServiceAgreementConnection, { description: 'Agreements your organisations are party to, newest first.' })
  @Access(Rules.member(Capability.READ))
  async serviceAgreements(
    @Arg('filter', () => ServiceAgreementFilter, { nullable: true }) filter: ServiceAgreementFilter | undefined,
    @PageParams() { first, after }: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return reads.listAgreements(ctx, filter, first, after);
  }

  @Query(() => AgreementVersionComparison, { description: 'Field-by-field differences between two versions of an agreement.' })
  @Access(Rules.member(Capability.READ))
  async compareAgreementVersions(
    @Arg('agreementId', () => ID) agreementId: string,
    @Arg('from', () => Int) from: number,
    @Arg('to', () => Int) to: number,
    @Ctx() ctx: RequestContext,
  ): Promise<AgreementVersionComparison> {
    const a = await reads.visibleAgreementOrThrow(ctx, agreementId);
    const versions = await loaders(ctx).versions.load(a.id);
    const vFrom = versions.find((v) => v.number === from);
    const vTo = versions.find((v) => v.number === to);
    if (!vFrom || !vTo) throw new NotFoundError('Agreement version');
    return { agreementId: a.id, from: vFrom, to: vTo, differences: diffContent(vFrom, vTo) };
  }

  @Query(() => AgreementKpiAttainmentReport, { description: 'Each KPI\'s actual (computed live from recorded work) against its target.' })
  @Access(Rules.member(Capability.READ))
  async agreementKpiAttainment(@Arg('agreementId', () => ID) agreementId: string, @Ctx() ctx: RequestContext): Promise<AgreementKpiAttainmentReport> {
    return reads.kpiAttainment(ctx, await reads.visibleAgreementOrThrow(ctx, agreementId));
  }

  @Query(() => AgreementCountedEntryConnection, {
    description:
      'The recorded entries a computed KPI counted that you may see under the journey-sharing rules (yours, or on a consent or open referral; ' +
      'newest first; such reads of other organisations\' entries are logged), and the others as counts per organisation (hiddenEntries). ' +
      'Content is shown only to the organisation that recorded it.',
  })
  @Access(Rules.userMember(Capability.READ))
  async agreementKpiDrillDown(
    @Arg('agreementId', () => ID) agreementId: string,
    @Arg('kpiKey') kpiKey: string,
    @PageParams() { first, after }: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return reads.kpiDrillDown(ctx, await reads.visibleAgreementOrThrow(ctx, agreementId), kpiKey, first, after);
  }

  // ----- mutations

  @Mutation(() => ServiceAgreementPayload, { description: 'Create an agreement as a DRAFT, with its parties and the content of version 1.' })
  @Access(Rules.member(Capability.EDIT))
  createServiceAgreement(@Arg('input', { validate: false }) input: CreateServiceAgreementInput, @Ctx() ctx: RequestContext) {
    return agreementMutation(ctx, input, ServiceAgreementPayload, (em, holder) => service.createServiceAgreement(ctx, em, holder, input));
  }

  @Mutation(() => ServiceAgreementPayload, {
    description:
      'Save the version being edited (a draft / version in negotiation, or a pending amendment). Replaces its content; any change makes earlier signatures of it invalid.',
  })
  @Access(Rules.member(Capability.EDIT))
  updateAgreementDraft(@Arg('input', { validate: false }) input: UpdateAgreementDraftInput, @Ctx() ctx: RequestContext) {
    return agreementMutation(ctx, input, ServiceAgreementPayload, (em, holder) => service.updateAgreementDraft(ctx, em, holder, input));
  }

  @Mutation(() => ServiceAgreementPayload, { description: 'Move an agreement along its life cycle. SIGNED is reached only when every party has signed.' })
  @Access(Rules.member(Capability.EDIT))
  transitionAgreement(@Arg('input', { validate: false }) input: TransitionAgreementInput, @Ctx() ctx: RequestContext) {
    return agreementMutation(ctx, input, ServiceAgreementPayload, (em, holder) => service.transitionAgreement(ctx, em, holder, input));
  }

  @Mutation(() => SignAgreementPayload, {
    description:
      'Sign the current version for one party (only an ADMIN of that party can). When the last party signs, version 1 makes the agreement SIGNED; an amendment comes into force.',
  })
  @Access(Rules.member(Capability.ADMINISTER))
  signAgreement(@Arg('input', { validate: false }) input: SignAgreementInput, @Ctx() ctx: RequestContext) {
    return agreementMutation(ctx, input, SignAgreementPayload, (em, holder) => service.signAgreement(ctx, em, holder, input));
  }

  @Mutation(() => ConfirmAgreementParticipationPayload, {
    description:
      'Confirm that a party takes part in an agreement (an EDITOR or ADMIN of that party can). Until a party has confirmed or signed, ' +
      'none of its recorded work flows into the agreement\'s KPI actuals or drill-down.',
  })
  @Access(Rules.member(Capability.EDIT))
  confirmAgreementParticipation(@Arg('input', { validate: false }) input: ConfirmAgreementParticipationInput, @Ctx() ctx: RequestContext) {
    return agreementMutation(ctx, input, ConfirmAgreementParticipationPayload, (em, holder) => service.confirmAgreementParticipation(ctx, em, holder, input));
  }

  @Mutation(() => ServiceAgreementPayload, {
    description: 'Start an amendment (DA tillæg) of a SIGNED or ACTIVE agreement: version n+1, in force only once every party has signed it.',
  })
  @Access(Rules.member(Capability.EDIT))
  amendAgreement(@Arg('input', { validate: false }) input: AmendAgreementInput, @Ctx() ctx: RequestContext) {
    return agreementMutation(ctx, input, ServiceAgreementPayload, (em, holder) => service.amendAgreement(ctx, em, holder, input));
  }

  @Mutation(() => RecordFollowUpPayload, {
    description:
      'Record a follow-up (DA opfølgning) for a period: computed KPIs are computed now and kept as a snapshot; EXTERNAL KPIs are given with their source. Append-only.',
  })
  @Access(Rules.member(Capability.EDIT))
  recordFollowUp(@Arg('input', { validate: false }) input: RecordFollowUpInput, @Ctx() ctx: RequestContext) {
    return agreementMutation(ctx, input, RecordFollowUpPayload, (em, holder) => service.recordFollowUp(ctx, em, holder, input));
  }

  // ----- fields

  @FieldResolver(() => [AgreementParty])
  parties(@Root() a: ServiceAgreement, @Ctx() ctx: RequestContext) {
    return loaders(ctx).parties.load(a.id);
  }

  @FieldResolver(() => String, { description: 'Title of the newest version.' })
  async title(@Root() a: ServiceAgreement, @Ctx() ctx: RequestContext) {
    const versions = await loaders(ctx).versions.load(a.id);
    return versions.find((v) => v.number === a.currentVersionNumber)?.title ?? '';
  }

  @FieldResolver(() => [AgreementVersion], { description: 'Every version, oldest first. All stay readable.' })
  versions(@Root() a: ServiceAgreement, @Ctx() ctx: RequestContext) {
    return loaders(ctx).versions.load(a.id);
  }

  @FieldResolver(() => AgreementVersion, { nullable: true, description: 'A version by its number (1 = original, n+1 = amendments).' })
  async versionByNumber(@Root() a: ServiceAgreement, @Arg('number', () => Int) number: number, @Ctx() ctx: RequestContext) {
    return (await loaders(ctx).versions.load(a.id)).find((v) => v.number === number) ?? null;
  }

  @FieldResolver(() => AgreementVersion, { description: 'The newest version: the one being edited or signed, or the one in force.' })
  async currentVersion(@Root() a: ServiceAgreement, @Ctx() ctx: RequestContext) {
    return (await loaders(ctx).versions.load(a.id)).find((v) => v.number === a.currentVersionNumber)!;
  }

  @FieldResolver(() => AgreementVersion, { nullable: true, description: 'The version in force (every party signed it); null before the first signing.' })
  async inForceVersion(@Root() a: ServiceAgreement, @Ctx() ctx: RequestContext) {
    if (a.inForceVersionNumber == null) return null;
    return (await loaders(ctx).versions.load(a.id)).find((v) => v.number === a.inForceVersionNumber) ?? null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether an amendment is being prepared or signed.' })
  hasPendingAmendment(@Root() a: ServiceAgreement) {
    return a.inForceVersionNumber != null && a.currentVersionNumber > a.inForceVersionNumber;
  }

  @FieldResolver(() => [AgreementState], { description: 'States the agreement can be moved to by hand now (EXPIRED only once its period has ended).' })
  async allowedTransitions(@Root() a: ServiceAgreement, @Ctx() ctx: RequestContext) {
    const targets = manualTargets(a.state);
    if (!targets.includes(AgreementState.EXPIRED)) return targets;
    // Same rule as transitionAgreement: the version in force must have ended.
    const inForce = await reads.kpiVersion(ctx, a);
    return inForce && inForce.periodEnd < todayLocal() ? targets : targets.filter((t) => t !== AgreementState.EXPIRED);
  }

  @FieldResolver(() => Boolean, { description: 'Whether you can change it (you are EDITOR or ADMIN of a party).' })
  async canEdit(@Root() a: ServiceAgreement, @Ctx() ctx: RequestContext) {
    const parties = await loaders(ctx).parties.load(a.id);
    return parties.some((p) => ctx.scope.has(p.organisationId, Capability.EDIT));
  }

  @FieldResolver(() => [Organisation], { description: 'Parties you may sign for (you are their ADMIN).' })
  async signableParties(@Root() a: ServiceAgreement, @Ctx() ctx: RequestContext) {
    const parties = await loaders(ctx).parties.load(a.id);
    const ids = parties.filter((p) => ctx.scope.has(p.organisationId, Capability.ADMINISTER)).map((p) => p.organisationId);
    return (await organisationLoaders(ctx).byId.loadMany(ids)).filter((o): o is Organisation => !!o && !(o instanceof Error));
  }

  @FieldResolver(() => [AgreementTransition], { description: 'The life-cycle history, oldest first.' })
  transitions(@Root() a: ServiceAgreement, @Ctx() ctx: RequestContext) {
    return loaders(ctx).transitions.load(a.id);
  }

  @FieldResolver(() => [AgreementFollowUp], { description: 'Follow-up reports, newest first (append-only).' })
  followUps(@Root() a: ServiceAgreement, @Ctx() ctx: RequestContext) {
    return loaders(ctx).followUps.load(a.id);
  }

  @FieldResolver(() => Organisation, { description: 'The party that created the agreement.' })
  async createdByOrganisation(@Root() a: ServiceAgreement, @Ctx() ctx: RequestContext) {
    return (await organisationLoaders(ctx).byId.load(a.createdByOrganisationId))!;
  }
}

@Resolver(() => AgreementParty)
export class AgreementPartyResolver {
  @FieldResolver(() => Organisation)
  async organisation(@Root() p: AgreementParty, @Ctx() ctx: RequestContext) {
    return (await organisationLoaders(ctx).byId.load(p.organisationId))!;
  }
}

type SignatureView = AgreementSignature & { currentRevision?: number };

@Resolver(() => AgreementVersion)
export class AgreementVersionResolver {
  @FieldResolver(() => [AgreementSignature], { description: 'Every signature given on this version, including those a later edit made invalid.' })
  async signatures(@Root() v: AgreementVersion, @Ctx() ctx: RequestContext): Promise<SignatureView[]> {
    const rows = await loaders(ctx).signatures.load(v.id);
    return rows.map((s) => Object.assign(Object.create(AgreementSignature.prototype), s, { currentRevision: v.revision }));
  }

  @FieldResolver(() => [Organisation], { description: 'Parties that have not (validly) signed the current revision.' })
  async unsignedParties(@Root() v: AgreementVersion, @Ctx() ctx: RequestContext) {
    const [parties, sigs] = await Promise.all([loaders(ctx).parties.load(v.agreementId), loaders(ctx).signatures.load(v.id)]);
    const ids = parties.map((p) => p.organisationId).filter((id) => !sigs.some((s) => s.partyOrganisationId === id && s.revision === v.revision));
    return (await organisationLoaders(ctx).byId.loadMany(ids)).filter((o): o is Organisation => !!o && !(o instanceof Error));
  }
}

@Resolver(() => AgreementSignature)
export class AgreementSignatureResolver {
  @FieldResolver(() => Boolean, { description: 'True while the signed revision is the version\'s current revision.' })
  valid(@Root() s: SignatureView) {
    return s.currentRevision === undefined ? true : s.revision === s.currentRevision;
  }

  @FieldResolver(() => Organisation)
  async party(@Root() s: AgreementSignature, @Ctx() ctx: RequestContext) {
    return (await organisationLoaders(ctx).byId.load(s.partyOrganisationId))!;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The admin who signed.' })
  signedBy(@Root() s: AgreementSignature, @Ctx() ctx: RequestContext) {
    return identityLoaders(ctx).userById.load(s.signedByUserId);
  }
}

@Resolver(() => AgreementTask)
export class AgreementTaskResolver {
  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() t: AgreementTask, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(t.organisationId);
  }
}

@Resolver(() => AgreementEconomyLine)
export class AgreementEconomyLineResolver {
  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() l: AgreementEconomyLine, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(l.organisationId);
  }
}

@Resolver(() => AgreementKpi)
export class AgreementKpiResolver {
  @FieldResolver(() => Boolean, { description: 'Whether the actual is computed from recorded work (false for EXTERNAL).' })
  computed(@Root() k: AgreementKpi) {
    return isComputedMetric(k.metric);
  }
}

type EntryView = AgreementFollowUpEntry & { agreementId?: string };

@Resolver(() => AgreementFollowUp)
export class AgreementFollowUpResolver {
  @FieldResolver(() => [AgreementFollowUpEntry])
  entries(@Root() f: AgreementFollowUp): EntryView[] {
    return f.entries.map((e) => ({ ...e, agreementId: f.agreementId }));
  }

  @FieldResolver(() => User, { nullable: true })
  reportedBy(@Root() f: AgreementFollowUp, @Ctx() ctx: RequestContext) {
    return identityLoaders(ctx).userById.load(f.reportedByUserId);
  }

  @FieldResolver(() => Organisation)
  async reportedByOrganisation(@Root() f: AgreementFollowUp, @Ctx() ctx: RequestContext) {
    return (await organisationLoaders(ctx).byId.load(f.reportedByOrganisationId))!;
  }
}

@Resolver(() => AgreementFollowUpEntry)
export class AgreementFollowUpEntryResolver {
  @FieldResolver(() => Float, {
    nullable: true,
    description: 'The same computed KPI recomputed now over the same days (differs from `actual` when entries were recorded or corrected since).',
  })
  async liveActual(@Root() e: EntryView, @Ctx() ctx: RequestContext) {
    if (!isComputedMetric(e.metric) || !e.agreementId) return null;
    return (await loaders(ctx).kpiActual.load({ agreementId: e.agreementId, metric: e.metric, from: e.countedFrom, to: e.countedTo })).actual;
  }
}

@Resolver(() => AgreementTransition)
export class AgreementTransitionResolver {
  @FieldResolver(() => User, { nullable: true })
  by(@Root() t: AgreementTransition, @Ctx() ctx: RequestContext) {
    return t.byUserId ? identityLoaders(ctx).userById.load(t.byUserId) : null;
  }
}

export const AGREEMENT_RESOLVERS = [
  ServiceAgreementResolver,
  AgreementPartyResolver,
  AgreementVersionResolver,
  AgreementSignatureResolver,
  AgreementTaskResolver,
  AgreementEconomyLineResolver,
  AgreementKpiResolver,
  AgreementFollowUpResolver,
  AgreementFollowUpEntryResolver,
  AgreementTransitionResolver,
] as const;
