import { Arg, Args, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { RequestContext, userIdOf } from '../core/context';
import { Access, Capability, Rules } from '../core/access';
import { NotFoundError, userError, UserError, UserErrorCode, UserInputRejection } from '../core/errors';
import { MutationPayload, runMutation } from '../core/mutation';
import { Connection, decodeCursor, PageArgs, PageParams, toConnection } from '../core/pagination';
import { isUuid } from '../core/text';
import { identityLoaders } from '../identity/identity.loaders';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';
import { loadGrants } from '../journeys/journey.access';
import { logForeignReads } from '../journeys/journey.resolver';
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
import { computeKpiActuals, KpiRequest, listCountedEntries } from './agreement.kpi';
import { AMENDABLE_STATES, EDITABLE_ORIGINAL_STATES, manualTargets, REPORTABLE_STATES, transitionProblem } from './agreement.lifecycle';
import { agreementLoaders, partyOf } from './agreement.loaders';
import {
  assertExpectedVersion,
  commitAgreement,
  ConflictHolder,
  loadVisibleForWrite,
  recordTransition,
  requireEditorOf,
  todayLocal,
  versionRow,
} from './agreement.service';
import { AgreementContent, checkContent, checkParties, checkPeriod, contentOf, sameContent } from './agreement.validation';

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
const agreementKey = (a: ServiceAgreement) => [a.createdAt.toISOString(), a.id];

/** The version whose KPIs count: the one in force, else the newest. */
async function kpiVersion(ctx: RequestContext, a: ServiceAgreement): Promise<AgreementVersion> {
  const versions = await loaders(ctx).versions.load(a.id);
  return versions.find((v) => v.number === (a.inForceVersionNumber ?? a.currentVersionNumber))!;
}

async function visibleAgreementOrThrow(ctx: RequestContext, id: string): Promise<ServiceAgreement> {
  const a = isUuid(id) ? await loaders(ctx).byId.load(id) : null;
  if (!a) throw new NotFoundError('Service agreement');
  return a;
}

function agreementMutation<P extends ServiceAgreementPayload>(
  ctx: RequestContext,
  input: object,
  make: () => P,
  work: (em: import('typeorm').EntityManager, holder: ConflictHolder) => Promise<P>,
) {
  const holder: ConflictHolder = { current: null };
  return runMutation(ctx, input, (em) => work(em, holder), () => Object.assign(make(), { current: holder.current }));
}

/** A party row; accepted now (by the caller) when `accepts`. */
const partyRow = (ctx: RequestContext, agreementId: string, p: { organisationId: string; role: AgreementParty['role'] }, accepts: boolean) => ({
  agreementId,
  organisationId: p.organisationId,
  role: p.role,
  acceptedAt: accepts ? () => 'now()' : null,
  acceptedByUserId: accepts ? userIdOf(ctx) : null,
});

// The drill-down lists journey entries (work records, not aggregates): signed-in people only, like journeys.

const reject = (errors: UserError[]) => {
  if (errors.length) throw new UserInputRejection(errors);
};

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
    const scope = ctx.scope.require(Capability.READ);
    const qb = ctx.ds.getRepository(ServiceAgreement).createQueryBuilder('a').where(partyOf('a'), { visibleOrgs: scope.organisationIds });
    if (filter?.states?.length) qb.andWhere('a.state = ANY(:states)', { states: filter.states });
    if (filter?.kinds?.length) qb.andWhere('a.kind = ANY(:kinds)', { kinds: filter.kinds });
    if (filter?.partyOrganisationId) {
      qb.andWhere('EXISTS (SELECT 1 FROM service_agreement_party fp WHERE fp.agreement_id = a.id AND fp.organisation_id = :party)', { party: filter.partyOrganisationId });
    }
    const cursor = decodeCursor(after, ['timestamp', 'uuid']) as [string, string] | null;
    if (cursor) qb.andWhere('(a.createdAt, a.id) < (:cAt, :cId)', { cAt: cursor[0], cId: cursor[1] });
    const rows = await qb.orderBy('a.createdAt', 'DESC').addOrderBy('a.id', 'DESC').limit(first + 1).getMany();
    return toConnection(rows, first, agreementKey, !!cursor);
  }

  @Query(() => AgreementVersionComparison, { description: 'Field-by-field differences between two versions of an agreement.' })
  @Access(Rules.member(Capability.READ))
  async compareAgreementVersions(
    @Arg('agreementId', () => ID) agreementId: string,
    @Arg('from', () => Int) from: number,
    @Arg('to', () => Int) to: number,
    @Ctx() ctx: RequestContext,
  ): Promise<AgreementVersionComparison> {
    const a = await visibleAgreementOrThrow(ctx, agreementId);
    const versions = await loaders(ctx).versions.load(a.id);
    const vFrom = versions.find((v) => v.number === from);
    const vTo = versions.find((v) => v.number === to);
    if (!vFrom || !vTo) throw new NotFoundError('Agreement version');
    return { agreementId: a.id, from: vFrom, to: vTo, differences: diffContent(vFrom, vTo) };
  }

  @Query(() => AgreementKpiAttainmentReport, { description: 'Each KPI\'s actual (computed live from recorded work) against its target.' })
  @Access(Rules.member(Capability.READ))
  async agreementKpiAttainment(@Arg('agreementId', () => ID) agreementId: string, @Ctx() ctx: RequestContext): Promise<AgreementKpiAttainmentReport> {
    const a = await visibleAgreementOrThrow(ctx, agreementId);
    const version = await kpiVersion(ctx, a);
    const computed = await Promise.all(
      version.kpis.map((k) => loaders(ctx).kpiActual.load({ agreementId: a.id, metric: k.metric, from: k.periodStart, to: k.periodEnd })),
    );
    const followUps = await loaders(ctx).followUps.load(a.id);
    const kpis = version.kpis.map((kpi, i) => {
      let { actual, source, counted, note } = computed[i];
      let externalSource: string | null = null;
      let reportedAt: Date | null = null;
      if (!isComputedMetric(kpi.metric)) {
        // The latest follow-up that reported this external KPI (follow-ups are newest first).
        for (const f of followUps) {
          const e = f.entries.find((x) => x.kpiKey === kpi.key && x.actualSource === AgreementKpiActualSource.EXTERNAL_REPORTED);
          if (e) {
            actual = e.actual;
            source = AgreementKpiActualSource.EXTERNAL_REPORTED;
            externalSource = e.externalSource;
            reportedAt = f.reportedAt;
            note = null;
            break;
          }
        }
      }
      return {
        kpi,
        actual,
        source,
        attainmentPercent: actual == null || !kpi.target ? null : Math.round((actual / kpi.target) * 10000) / 100,
        countedEntries: counted,
        externalSource,
        reportedAt,
        note,
      };
    });
    return { agreementId: a.id, versionNumber: version.number, computedAt: new Date(), kpis };
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
    const a = await visibleAgreementOrThrow(ctx, agreementId);
    const version = await kpiVersion(ctx, a);
    const kpi = version.kpis.find((k) => k.key === kpiKey);
    if (!kpi) throw new NotFoundError('KPI');
    const cursor = decodeCursor(after, ['timestamp', 'uuid']) as [string, string] | null;
    if (!isComputedMetric(kpi.metric)) return Object.assign(toConnection([], first, () => [], !!cursor), { hiddenEntries: [] });
    const mine = ctx.scope.organisationIds(Capability.READ);
    const { rows, hidden, scope } = await listCountedEntries(
      ctx.ds.manager, { agreementId: a.id, metric: kpi.metric, from: kpi.periodStart, to: kpi.periodEnd }, mine, first, cursor,
    );
    const page = rows.slice(0, first);
    // Entries of other organisations are shown on a consent/referral basis: log them like journey reads.
    const foreign = page.filter((r) => !mine.includes(r.organisation_id));
    if (foreign.length) {
      const grants = await loadGrants(ctx, [...new Set(foreign.map((r) => r.firm_id))], mine);
      await logForeignReads(ctx, foreign.map((r) => ({ id: r.id, firmId: r.firm_id, organisationId: r.organisation_id })), mine, [...grants.values()].flat());
    }
    const parties = scope?.partyIds ?? [];
    const entries = rows.map((r): AgreementCountedEntry & { key: [string, string] } => {
      const own = mine.includes(r.organisation_id);
      const party = parties.includes(r.organisation_id);
      const registerFirm = r.firm_status === 'REGISTERED' || (r.owner_organisation_id != null && mine.includes(r.owner_organisation_id));
      const occurredAt = new Date(r.occurred_at);
      return {
        key: [occurredAt.toISOString(), r.id],
        occurredAt,
        firmId: registerFirm ? r.firm_id : null,
        firmName: registerFirm ? r.firm_name : null,
        cvr: registerFirm ? r.cvr : null,
        organisationsnummer: registerFirm ? r.organisationsnummer : null,
        recordedByParty: party,
        recordedByOrganisationId: party ? r.organisation_id : null,
        contentVisible: own,
        touchpointId: own ? r.id : null,
        summary: own ? r.summary : null,
        value: own ? Number(r.value) : null,
      };
    });
    const hiddenEntries = hidden.map((h) => ({ organisationId: h.organisation_id, count: h.n }));
    return Object.assign(toConnection(entries, first, (e) => e.key, !!cursor), { hiddenEntries });
  }

  // ----- mutations

  @Mutation(() => ServiceAgreementPayload, { description: 'Create an agreement as a DRAFT, with its parties and the content of version 1.' })
  @Access(Rules.member(Capability.EDIT))
  createServiceAgreement(@Arg('input', { validate: false }) input: CreateServiceAgreementInput, @Ctx() ctx: RequestContext) {
    return agreementMutation(ctx, input, () => new ServiceAgreementPayload(), async (em) => {
      const errors: UserError[] = [];
      const editable = ctx.scope.organisationIds(Capability.EDIT);
      await checkParties(em, input.parties, editable, errors);
      const content = checkContent(input.content, input.parties.map((p) => p.organisationId), errors);
      reject(errors);
      const creator = input.parties.find((p) => editable.includes(p.organisationId))!.organisationId;
      const agreement = await em.save(
        em.create(ServiceAgreement, {
          kind: input.kind,
          state: AgreementState.DRAFT,
          currentVersionNumber: 1,
          inForceVersionNumber: null,
          terminationReason: null,
          createdByOrganisationId: creator,
          createdByUserId: userIdOf(ctx),
        }),
      );
      // The caller accepts for the parties it edits for (the creator among them); the others only by
      // confirming participation or signing themselves.
      await em.insert(AgreementParty, input.parties.map((p) => partyRow(ctx, agreement.id, p, editable.includes(p.organisationId))));
      await em.insert(AgreementVersion, versionRow(agreement.id, 1, content, userIdOf(ctx), null) as AgreementVersion);
      await recordTransition(ctx, em, agreement.id, null, AgreementState.DRAFT);
      return Object.assign(new ServiceAgreementPayload(), { agreement });
    });
  }

  @Mutation(() => ServiceAgreementPayload, {
    description:
      'Save the version being edited (a draft / version in negotiation, or a pending amendment). Replaces its content; any change makes earlier signatures of it invalid.',
  })
  @Access(Rules.member(Capability.EDIT))
  updateAgreementDraft(@Arg('input', { validate: false }) input: UpdateAgreementDraftInput, @Ctx() ctx: RequestContext) {
    return agreementMutation(ctx, input, () => new ServiceAgreementPayload(), async (em, holder) => {
      const { agreement, parties } = await loadVisibleForWrite(ctx, em, input.agreementId);
      requireEditorOf(ctx, parties);
      assertExpectedVersion(holder, agreement, input.expectedVersion);
      const original = agreement.inForceVersionNumber == null;
      if (original ? !EDITABLE_ORIGINAL_STATES.includes(agreement.state) : !(AMENDABLE_STATES.includes(agreement.state) && agreement.currentVersionNumber > agreement.inForceVersionNumber!)) {
        throw new UserInputRejection([
          userError(
            'agreementId',
            AMENDABLE_STATES.includes(agreement.state)
              ? 'A signed agreement is changed only by an amendment (amendAgreement).'
              : `An agreement that is ${agreement.state} cannot be changed.`,
            UserErrorCode.IMMUTABLE,
          ),
        ]);
      }
      const errors: UserError[] = [];
      let partyIds = parties.map((p) => p.organisationId);
      if (input.parties) {
        if (!original) throw new UserInputRejection([userError('parties', 'The parties cannot change once the agreement has been signed.', UserErrorCode.IMMUTABLE)]);
        await checkParties(em, input.parties, ctx.scope.organisationIds(Capability.EDIT), errors);
        partyIds = input.parties.map((p) => p.organisationId);
      }
      const content = checkContent(input.content, partyIds, errors);
      reject(errors);
      const version = await em.findOneByOrFail(AgreementVersion, { agreementId: agreement.id, number: agreement.currentVersionNumber });
      const partiesChanged =
        !!input.parties &&
        JSON.stringify(parties.map((p) => [p.organisationId, p.role]).sort()) !== JSON.stringify(input.parties.map((p) => [p.organisationId, p.role]).sort());
      const contentChanged = !sameContent(version, content);
      const updated = await commitAgreement(em, holder, agreement, input.expectedVersion);
      if (partiesChanged) {
        // Parties that stay keep their acceptance; new ones accept only through the caller (if it edits for them) or themselves.
        const before = new Map(parties.map((p) => [p.organisationId, p]));
        const editable = ctx.scope.organisationIds(Capability.EDIT);
        await em.delete(AgreementParty, { agreementId: agreement.id });
        await em.insert(
          AgreementParty,
          input.parties!.map((p) => {
            const kept = before.get(p.organisationId);
            return kept?.acceptedAt
              ? { agreementId: agreement.id, organisationId: p.organisationId, role: p.role, acceptedAt: kept.acceptedAt, acceptedByUserId: kept.acceptedByUserId }
              : partyRow(ctx, agreement.id, p, editable.includes(p.organisationId));
          }),
        );
      }
      if (contentChanged || partiesChanged) {
        await em
          .createQueryBuilder()
          .update(AgreementVersion)
          .set({ ...content, revision: () => 'revision + 1', editedAt: () => 'now()' } as never)
          .where('id = :id', { id: version.id })
          .execute();
      }
      return Object.assign(new ServiceAgreementPayload(), { agreement: updated });
    });
  }

  @Mutation(() => ServiceAgreementPayload, { description: 'Move an agreement along its life cycle. SIGNED is reached only when every party has signed.' })
  @Access(Rules.member(Capability.EDIT))
  transitionAgreement(@Arg('input', { validate: false }) input: TransitionAgreementInput, @Ctx() ctx: RequestContext) {
    return agreementMutation(ctx, input, () => new ServiceAgreementPayload(), async (em, holder) => {
      const { agreement, parties } = await loadVisibleForWrite(ctx, em, input.agreementId);
      requireEditorOf(ctx, parties);
      assertExpectedVersion(holder, agreement, input.expectedVersion);
      const problem = transitionProblem(agreement.state, input.to, 'HAND');
      if (problem) throw new UserInputRejection([userError('to', problem, UserErrorCode.INVALID_STATE)]);
      const reason = input.reason?.trim() || null;
      if (input.to === AgreementState.TERMINATED && !reason) throw new UserInputRejection([userError('reason', 'Say why the agreement is terminated.', UserErrorCode.REQUIRED)]);
      if (input.to === AgreementState.EXPIRED) {
        const inForce = await em.findOneByOrFail(AgreementVersion, { agreementId: agreement.id, number: agreement.inForceVersionNumber! });
        if (inForce.periodEnd >= todayLocal()) {
          throw new UserInputRejection([userError('to', `The agreement runs until ${inForce.periodEnd}; it expires after that. To end it earlier, terminate it.`, UserErrorCode.INVALID_STATE)]);
        }
      }
      const updated = await commitAgreement(em, holder, agreement, input.expectedVersion, {
        state: input.to,
        stateChangedAt: () => 'now()',
        ...(input.to === AgreementState.TERMINATED ? { terminationReason: reason } : {}),
      } as never);
      await recordTransition(ctx, em, agreement.id, agreement.state, input.to, reason);
      return Object.assign(new ServiceAgreementPayload(), { agreement: updated });
    });
  }

  @Mutation(() => SignAgreementPayload, {
    description:
      'Sign the current version for one party (only an ADMIN of that party can). When the last party signs, version 1 makes the agreement SIGNED; an amendment comes into force.',
  })
  @Access(Rules.member(Capability.ADMINISTER))
  signAgreement(@Arg('input', { validate: false }) input: SignAgreementInput, @Ctx() ctx: RequestContext) {
    return agreementMutation(ctx, input, () => new SignAgreementPayload(), async (em, holder) => {
      const { agreement, parties } = await loadVisibleForWrite(ctx, em, input.agreementId);
      if (!parties.some((p) => p.organisationId === input.partyOrganisationId)) {
        throw new UserInputRejection([userError('partyOrganisationId', 'This organisation is not a party of the agreement.', UserErrorCode.NOT_FOUND)]);
      }
      if (!ctx.scope.has(input.partyOrganisationId, Capability.ADMINISTER)) {
        throw new UserInputRejection([userError('partyOrganisationId', 'Only an admin of this party can sign for it.', UserErrorCode.NOT_ALLOWED)]);
      }
      assertExpectedVersion(holder, agreement, input.expectedVersion);
      const original = agreement.inForceVersionNumber == null;
      const signable = original
        ? agreement.state === AgreementState.IN_NEGOTIATION
        : AMENDABLE_STATES.includes(agreement.state) && agreement.currentVersionNumber > agreement.inForceVersionNumber!;
      if (!signable) {
        const why =
          agreement.state === AgreementState.DRAFT
            ? 'Send the draft to negotiation (IN_NEGOTIATION) before signing.'
            : AMENDABLE_STATES.includes(agreement.state)
              ? 'There is nothing to sign: the agreement is signed; changes need an amendment.'
              : `An agreement that is ${agreement.state} cannot be signed.`;
        throw new UserInputRejection([userError('agreementId', why, UserErrorCode.INVALID_STATE)]);
      }
      const version = await em.findOneByOrFail(AgreementVersion, { agreementId: agreement.id, number: agreement.currentVersionNumber });
      const existing = await em.findOneBy(AgreementSignature, { versionId: version.id, partyOrganisationId: input.partyOrganisationId, revision: version.revision });
      if (existing) throw new UserInputRejection([userError('partyOrganisationId', 'This party has signed this version already.', UserErrorCode.DUPLICATE)]);

      // Is this the last signature missing? Read at the expected version: if anyone signs or edits in
      // between, the conditional update below fails and this write is refused as a conflict.
      const validSigners = new Set(
        (await em.findBy(AgreementSignature, { versionId: version.id, revision: version.revision })).map((s) => s.partyOrganisationId),
      );
      validSigners.add(input.partyOrganisationId);
      const complete = parties.every((p) => validSigners.has(p.organisationId));
      const patch: Record<string, unknown> = {};
      if (complete) {
        patch.inForceVersionNumber = version.number;
        if (original) {
          const problem = transitionProblem(agreement.state, AgreementState.SIGNED, 'SIGNATURES');
          if (problem) throw new UserInputRejection([userError('agreementId', problem, UserErrorCode.INVALID_STATE)]);
          Object.assign(patch, { state: AgreementState.SIGNED, stateChangedAt: () => 'now()' });
        }
      }
      const updated = await commitAgreement(em, holder, agreement, input.expectedVersion, patch as Partial<ServiceAgreement>);
      const signature = await em.save(
        em.create(AgreementSignature, {
          agreementId: agreement.id,
          versionId: version.id,
          partyOrganisationId: input.partyOrganisationId,
          signedByUserId: userIdOf(ctx)!,
          versionNumber: version.number,
          revision: version.revision,
        }),
      );
      // Signing is accepting.
      await em.query(
        `UPDATE service_agreement_party SET accepted_at = now(), accepted_by_user_id = $3 WHERE agreement_id = $1 AND organisation_id = $2 AND accepted_at IS NULL`,
        [agreement.id, input.partyOrganisationId, userIdOf(ctx)],
      );
      if (complete) {
        await em.update(AgreementVersion, { id: version.id }, { completedAt: () => 'now()' } as never);
        if (original) await recordTransition(ctx, em, agreement.id, agreement.state, AgreementState.SIGNED, 'Signed by every party.');
      }
      return Object.assign(new SignAgreementPayload(), { agreement: updated, signature });
    });
  }

  @Mutation(() => ConfirmAgreementParticipationPayload, {
    description:
      'Confirm that a party takes part in an agreement (an EDITOR or ADMIN of that party can). Until a party has confirmed or signed, ' +
      'none of its recorded work flows into the agreement\'s KPI actuals or drill-down.',
  })
  @Access(Rules.member(Capability.EDIT))
  confirmAgreementParticipation(@Arg('input', { validate: false }) input: ConfirmAgreementParticipationInput, @Ctx() ctx: RequestContext) {
    return agreementMutation(ctx, input, () => new ConfirmAgreementParticipationPayload(), async (em) => {
      const { agreement, parties } = await loadVisibleForWrite(ctx, em, input.agreementId);
      const party = parties.find((p) => p.organisationId === input.partyOrganisationId);
      if (!party) throw new UserInputRejection([userError('partyOrganisationId', 'This organisation is not a party of the agreement.', UserErrorCode.NOT_FOUND)]);
      if (!ctx.scope.has(input.partyOrganisationId, Capability.EDIT)) {
        throw new UserInputRejection([userError('partyOrganisationId', 'Only an editor or admin of this party can confirm for it.', UserErrorCode.NOT_ALLOWED)]);
      }
      if (party.acceptedAt) throw new UserInputRejection([userError('partyOrganisationId', 'This party has accepted the agreement already.', UserErrorCode.DUPLICATE)]);
      const [[row]] = await em.query(
        `UPDATE service_agreement_party SET accepted_at = now(), accepted_by_user_id = $3
          WHERE agreement_id = $1 AND organisation_id = $2 AND accepted_at IS NULL RETURNING id`,
        [agreement.id, input.partyOrganisationId, userIdOf(ctx)],
      );
      if (!row) throw new UserInputRejection([userError('partyOrganisationId', 'This party has accepted the agreement already.', UserErrorCode.DUPLICATE)]);
      const updated = await em.findOneByOrFail(AgreementParty, { id: row.id });
      return Object.assign(new ConfirmAgreementParticipationPayload(), { agreement, party: updated });
    });
  }

  @Mutation(() => ServiceAgreementPayload, {
    description: 'Start an amendment (DA tillæg) of a SIGNED or ACTIVE agreement: version n+1, in force only once every party has signed it.',
  })
  @Access(Rules.member(Capability.EDIT))
  amendAgreement(@Arg('input', { validate: false }) input: AmendAgreementInput, @Ctx() ctx: RequestContext) {
    return agreementMutation(ctx, input, () => new ServiceAgreementPayload(), async (em, holder) => {
      const { agreement, parties } = await loadVisibleForWrite(ctx, em, input.agreementId);
      requireEditorOf(ctx, parties);
      assertExpectedVersion(holder, agreement, input.expectedVersion);
      if (!AMENDABLE_STATES.includes(agreement.state)) {
        throw new UserInputRejection([userError('agreementId', `Only a SIGNED or ACTIVE agreement can be amended (this one is ${agreement.state}).`, UserErrorCode.INVALID_STATE)]);
      }
      if (agreement.currentVersionNumber > agreement.inForceVersionNumber!) {
        throw new UserInputRejection([userError('agreementId', `Amendment ${agreement.currentVersionNumber} is still being signed; finish it first.`, UserErrorCode.INVALID_STATE)]);
      }
      const inForce = await em.findOneByOrFail(AgreementVersion, { agreementId: agreement.id, number: agreement.inForceVersionNumber! });
      const errors: UserError[] = [];
      const content: AgreementContent = input.content ? checkContent(input.content, parties.map((p) => p.organisationId), errors) : contentOf(inForce);
      reject(errors);
      const number = agreement.currentVersionNumber + 1;
      const updated = await commitAgreement(em, holder, agreement, input.expectedVersion, { currentVersionNumber: number });
      await em.insert(AgreementVersion, versionRow(agreement.id, number, content, userIdOf(ctx), input.reason.trim()) as AgreementVersion);
      return Object.assign(new ServiceAgreementPayload(), { agreement: updated });
    });
  }

  @Mutation(() => RecordFollowUpPayload, {
    description:
      'Record a follow-up (DA opfølgning) for a period: computed KPIs are computed now and kept as a snapshot; EXTERNAL KPIs are given with their source. Append-only.',
  })
  @Access(Rules.member(Capability.EDIT))
  recordFollowUp(@Arg('input', { validate: false }) input: RecordFollowUpInput, @Ctx() ctx: RequestContext) {
    return agreementMutation(ctx, input, () => new RecordFollowUpPayload(), async (em, holder) => {
      const { agreement, parties } = await loadVisibleForWrite(ctx, em, input.agreementId);
      const mine = requireEditorOf(ctx, parties);
      const reporter = input.reportingOrganisationId ?? (mine.length === 1 ? mine[0] : null);
      if (!reporter) throw new UserInputRejection([userError('reportingOrganisationId', 'Say which of your party organisations reports.', UserErrorCode.REQUIRED)]);
      if (!mine.includes(reporter)) throw new UserInputRejection([userError('reportingOrganisationId', 'You cannot report for that organisation.', UserErrorCode.NOT_ALLOWED)]);
      assertExpectedVersion(holder, agreement, input.expectedVersion);
      if (!REPORTABLE_STATES.includes(agreement.state) || agreement.inForceVersionNumber == null) {
        throw new UserInputRejection([userError('agreementId', 'Follow-ups are reported on agreements that are or were in force (ACTIVE, EXPIRED, TERMINATED).', UserErrorCode.INVALID_STATE)]);
      }
      const errors: UserError[] = [];
      if (!checkPeriod(errors, input.periodStart, input.periodEnd)) reject(errors);
      const version = await em.findOneByOrFail(AgreementVersion, { agreementId: agreement.id, number: agreement.inForceVersionNumber });
      const overlapping = version.kpis.filter((k) => k.periodStart <= input.periodEnd && k.periodEnd >= input.periodStart);
      const given = new Map<string, { actual: number; source: string; i: number }>();
      input.externalActuals.forEach((x, i) => {
        const at = (f: string) => ['externalActuals', `${i}`, f];
        const kpi = version.kpis.find((k) => k.key === x.kpiKey);
        if (!kpi) errors.push(userError(at('kpiKey'), 'The agreement has no KPI with this key.', UserErrorCode.NOT_FOUND));
        else if (isComputedMetric(kpi.metric)) errors.push(userError(at('kpiKey'), `${kpi.name} is computed from recorded work; it cannot be typed in.`, UserErrorCode.NOT_ALLOWED));
        else if (!overlapping.includes(kpi)) errors.push(userError(at('kpiKey'), 'This KPI\'s period does not overlap the follow-up period.'));
        else if (given.has(x.kpiKey)) errors.push(userError(at('kpiKey'), 'This KPI is given twice.', UserErrorCode.DUPLICATE));
        if (!Number.isFinite(x.actual) || x.actual < 0) errors.push(userError(at('actual'), 'An actual cannot be negative.'));
        const source = x.source?.trim();
        if (!source) errors.push(userError(at('source'), 'Name the source of an external figure (e.g. the survey).', UserErrorCode.REQUIRED));
        given.set(x.kpiKey, { actual: x.actual, source: source ?? '', i });
      });
      reject(errors);
      const windows = overlapping.map((k) => ({
        kpi: k,
        from: k.periodStart > input.periodStart ? k.periodStart : input.periodStart,
        to: k.periodEnd < input.periodEnd ? k.periodEnd : input.periodEnd,
      }));
      // Lock first, then compute: the snapshot is taken with the agreement row locked.
      const updated = await commitAgreement(em, holder, agreement, input.expectedVersion);
      const requests: KpiRequest[] = windows.map((w) => ({ agreementId: agreement.id, metric: w.kpi.metric, from: w.from, to: w.to }));
      const actuals = await computeKpiActuals(em, requests);
      const entries: AgreementFollowUpEntry[] = windows.map((w, i) => {
        const external = given.get(w.kpi.key);
        const computed = isComputedMetric(w.kpi.metric);
        return {
          kpiKey: w.kpi.key,
          name: w.kpi.name,
          metric: w.kpi.metric,
          unit: w.kpi.unit,
          target: w.kpi.target,
          countedFrom: w.from,
          countedTo: w.to,
          actual: computed ? actuals[i].actual : (external?.actual ?? null),
          actualSource: computed ? actuals[i].source : external ? AgreementKpiActualSource.EXTERNAL_REPORTED : AgreementKpiActualSource.NOT_REPORTED,
          externalSource: computed ? null : (external?.source ?? null),
          countedEntries: computed ? actuals[i].counted : null,
        };
      });
      const followUp = await em.save(
        em.create(AgreementFollowUp, {
          agreementId: agreement.id,
          versionNumber: version.number,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          comment: input.comment?.trim() || null,
          entries,
          reportedByUserId: userIdOf(ctx)!,
          reportedByOrganisationId: reporter,
        }),
      );
      return Object.assign(new RecordFollowUpPayload(), { agreement: updated, followUp });
    });
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
    const inForce = await kpiVersion(ctx, a);
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
