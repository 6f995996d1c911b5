import { registerEnumType } from 'type-graphql';

/**
 * Enums of the service-agreement area. GraphQL names carry the `Agreement` prefix so they cannot clash
 * with other areas' KPI or currency types (programmes, investment).
 */

/** What kind of agreement this is. */
export enum AgreementKind {
  /** DA lokal samarbejdsaftale: municipality + local business council + growth house. */
  LOCAL_COOPERATION = 'LOCAL_COOPERATION',
  /** DA resultatkontrakt: e.g. a growth house with its KKR, carrying national goals. */
  RESULT_CONTRACT = 'RESULT_CONTRACT',
  /** An operator contract for local business service (DA driftsaftale / kontrakt om erhvervsservice). */
  OPERATOR_CONTRACT = 'OPERATOR_CONTRACT',
  /** DA medfinansieringsaftale: co-financing of an activity. */
  CO_FINANCING = 'CO_FINANCING',
}
registerEnumType(AgreementKind, { name: 'AgreementKind', description: 'Kind of service agreement.' });

/** The life cycle of an agreement; the legal moves are in agreement.lifecycle.ts (one table). */
export enum AgreementState {
  /** Being written; only the parties see it. DA udkast. */
  DRAFT = 'DRAFT',
  /** Sent to the parties for negotiation and signing. DA til forhandling. */
  IN_NEGOTIATION = 'IN_NEGOTIATION',
  /** Every party has signed the current version (reached by signing, never set by hand). DA underskrevet. */
  SIGNED = 'SIGNED',
  /** In force. DA i kraft. */
  ACTIVE = 'ACTIVE',
  /** Its period has ended. DA udløbet. */
  EXPIRED = 'EXPIRED',
  /** Ended early (or abandoned before signing), with a reason. DA opsagt. */
  TERMINATED = 'TERMINATED',
}
registerEnumType(AgreementState, { name: 'AgreementState', description: 'Where a service agreement is in its life cycle.' });

/** The role an organisation plays in an agreement. */
export enum AgreementPartyRole {
  MUNICIPALITY = 'MUNICIPALITY',
  /** DA erhvervsråd. */
  BUSINESS_COUNCIL = 'BUSINESS_COUNCIL',
  /** DA erhvervshus. */
  GROWTH_HOUSE = 'GROWTH_HOUSE',
  /** DA KKR (Kommunekontaktråd). */
  REGIONAL_COUNCIL = 'REGIONAL_COUNCIL',
  /** Runs the service or programme the agreement is about. */
  OPERATOR = 'OPERATOR',
  /** Pays (co-finances) without operating. */
  FUNDER = 'FUNDER',
  OTHER = 'OTHER',
}
registerEnumType(AgreementPartyRole, { name: 'AgreementPartyRole', description: 'The role of a party in a service agreement.' });

export enum AgreementCurrency {
  DKK = 'DKK',
  SEK = 'SEK',
}
registerEnumType(AgreementCurrency, { name: 'AgreementCurrency', description: 'Currency of an agreement\'s economy.' });

/** What a KPI measures. All but EXTERNAL are computed from recorded work, never typed in. */
export enum AgreementKpiMetric {
  /** Growth mappings (DA vækstkortlægninger) of firms located in the agreement's municipalities. */
  GROWTH_MAPPINGS = 'GROWTH_MAPPINGS',
  /** Share (percent) of the referrals sent by the parties that went to private advisors. */
  REFERRALS_TO_PRIVATE_ADVISORS_SHARE = 'REFERRALS_TO_PRIVATE_ADVISORS_SHARE',
  /** Distinct firms of the agreement's municipalities that entered a growth partnership (DA vækstpartnerskab). */
  FIRMS_IN_GROWTH_PARTNERSHIPS = 'FIRMS_IN_GROWTH_PARTNERSHIPS',
  /** Jobs in outcome reports of firms of the agreement's municipalities, as the firms reported them. */
  JOBS_SELF_REPORTED = 'JOBS_SELF_REPORTED',
  /** Jobs in outcome reports of firms of the agreement's municipalities, measured in registers. */
  JOBS_REGISTER_MEASURED = 'JOBS_REGISTER_MEASURED',
  /** Not computable here (e.g. satisfaction from an external survey): reported in follow-ups with its source. */
  EXTERNAL = 'EXTERNAL',
}
registerEnumType(AgreementKpiMetric, {
  name: 'AgreementKpiMetric',
  description: 'What a KPI measures. Every metric but EXTERNAL is computed from recorded touchpoints.',
});

export enum AgreementKpiUnit {
  COUNT = 'COUNT',
  PERCENT = 'PERCENT',
  JOBS = 'JOBS',
  AMOUNT = 'AMOUNT',
  /** A score on a scale (e.g. satisfaction 1-10). */
  SCORE = 'SCORE',
}
registerEnumType(AgreementKpiUnit, { name: 'AgreementKpiUnit', description: 'Unit of a KPI\'s target and actual.' });

/** The natural unit of each computed metric (EXTERNAL has none: the KPI says). */
export const METRIC_UNIT: Record<Exclude<AgreementKpiMetric, AgreementKpiMetric.EXTERNAL>, AgreementKpiUnit> = {
  [AgreementKpiMetric.GROWTH_MAPPINGS]: AgreementKpiUnit.COUNT,
  [AgreementKpiMetric.REFERRALS_TO_PRIVATE_ADVISORS_SHARE]: AgreementKpiUnit.PERCENT,
  [AgreementKpiMetric.FIRMS_IN_GROWTH_PARTNERSHIPS]: AgreementKpiUnit.COUNT,
  [AgreementKpiMetric.JOBS_SELF_REPORTED]: AgreementKpiUnit.JOBS,
  [AgreementKpiMetric.JOBS_REGISTER_MEASURED]: AgreementKpiUnit.JOBS,
};

export const isComputedMetric = (m: AgreementKpiMetric) => m !== AgreementKpiMetric.EXTERNAL;

/** Where an actual value comes from. */
export enum AgreementKpiActualSource {
  /** Computed by the server from recorded touchpoints. */
  COMPUTED = 'COMPUTED',
  /** Reported in a follow-up from an external source (named in `externalSource`). */
  EXTERNAL_REPORTED = 'EXTERNAL_REPORTED',
  /** An external metric nobody has reported yet. */
  NOT_REPORTED = 'NOT_REPORTED',
  /** A computed metric whose data is not available (e.g. the agreement has no municipality for an area metric). */
  NOT_COMPUTABLE = 'NOT_COMPUTABLE',
}
registerEnumType(AgreementKpiActualSource, { name: 'AgreementKpiActualSource', description: 'Where a KPI actual comes from.' });

export enum AgreementDifferenceKind {
  ADDED = 'ADDED',
  REMOVED = 'REMOVED',
  CHANGED = 'CHANGED',
}
registerEnumType(AgreementDifferenceKind, { name: 'AgreementDifferenceKind', description: 'How a field differs between two versions.' });
