import {
  defaultFieldResolver, DocumentNode, FieldNode, FragmentDefinitionNode, getNamedType, getNullableType, GraphQLError, GraphQLField, GraphQLNamedType,
  GraphQLSchema, isInterfaceType, isListType, isObjectType, Kind, OperationDefinitionNode, SelectionSetNode, valueFromAST,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { MAX_PAGE_SIZE } from './pagination';
import { logRateLimited } from './logger';

/**
 * Every list in the schema is bounded, and this file is the one place that says how.
 *
 * A list field of objects either pages (it takes `first`, at most MAX_PAGE_SIZE per page) or has a
 * hard cap registered in LIST_CAPS. The cap is printed into the field's description and enforced
 * when the field resolves (a longer list is cut to the cap and logged: the cap is a guarantee of the
 * API, not a hope). `list-bounds.test.ts` fails for a list field that has neither.
 *
 * The query cost rule (`listCostPlugin`) counts what a response can hold at most: every field 1,
 * multiplied by `first` (its actual value, or its default) for a paged field and by the cap for a
 * capped list, nested lists multiplying. So `relationships { to { relationships { ... } } }` costs
 * what it could return, not one field each.
 */
export interface ListCap {
  cap: number;
  /** Why the list cannot hold more (shown to nobody; for review). */
  why: string;
}

export const LIST_CAPS: Record<string, ListCap> = {
  'UserError.parameters': { cap: 20, why: 'the parameters of one validation rule (max, min, length, ...)' },
  // Dashboards: one answer's panels, measures and groups (municipalities of both countries at most).
  'Dashboard.panels': { cap: 20, why: 'the panels of one dashboard' },
  'DashboardPanel.measures': { cap: 30, why: 'the measures of one panel' },
  'DashboardPanel.rows': { cap: 2000, why: 'one row per group: at most the 388 municipalities, or organisations/time buckets of one period' },
  'DashboardDrillDown.entries': { cap: 200, why: 'the drill-down examines the first 200 entries (truncated says when there are more)' },
  'AgreementCountedEntryConnection.hiddenEntries': { cap: 500, why: 'one count per recording organisation' },
  // Agreements: one agreement's content is written by its parties, in one document.
  'AgreementFollowUp.entries': { cap: 100, why: 'lines of one follow-up report' },
  'AgreementKpiAttainmentReport.kpis': { cap: 50, why: 'the KPIs of one agreement version' },
  'AgreementVersion.economy': { cap: 100, why: 'budget lines of one agreement' },
  'AgreementVersion.kpis': { cap: 50, why: 'KPIs of one agreement' },
  'AgreementVersion.signatures': { cap: 50, why: 'one signature per party' },
  'AgreementVersion.taskDivision': { cap: 100, why: 'tasks of one agreement' },
  'AgreementVersion.unsignedParties': { cap: 50, why: 'parties of one agreement' },
  'AgreementVersionComparison.differences': { cap: 500, why: 'field differences between two versions of one document' },
  'ServiceAgreement.followUps': { cap: 100, why: 'follow-ups of one agreement (a few per year)' },
  'ServiceAgreement.parties': { cap: 50, why: 'parties of one agreement' },
  'ServiceAgreement.signableParties': { cap: 50, why: 'parties of one agreement' },
  'ServiceAgreement.transitions': { cap: 200, why: 'life-cycle transitions of one agreement' },
  'ServiceAgreement.versions': { cap: 100, why: 'versions of one agreement (one per amendment)' },
  // Clusters.
  'Cluster.offices': { cap: 15, why: 'regional offices of one national cluster (one per region or so)' },
  'Cluster.placementProposals': { cap: 100, why: 'placement proposals of one cluster' },
  'ClusterActivity.attendance': { cap: 500, why: 'attendees of one activity' },
  'ClusterOffice.coFinancings': { cap: 10, why: 'co-financing agreements of one office (one per agreement period)' },
  'ClusterOffice.placementProposals': { cap: 100, why: 'placement proposals of one office' },
  'OfficeCoFinancing.allocations': { cap: 100, why: 'allocations of one co-financing agreement' },
  'OfficeCoFinancing.annualAmounts': { cap: 100, why: 'one amount per year' },
  'OfficeCoFinancing.shares': { cap: 50, why: 'one share per financing party (the municipalities of a region, the region, the cluster)' },
  'OfficePlacementProposal.scores': { cap: 20, why: 'one score per criterion (five today)' },
  'Query.officeCoFinancings': { cap: 500, why: 'co-financing agreements of your organisations' },
  // Journeys and personal data.
  'ContactPerson.fieldCategories': { cap: 50, why: 'one entry per personal-data field of the type' },
  'FirmConsent.recipients': { cap: 100, why: 'named recipient organisations of one consent' },
  'FirmDataExport.accessLog': { cap: 1000, why: 'one organisation\'s data-access export of one firm' },
  'FirmDataExport.consents': { cap: 500, why: 'a data-access export of one firm' },
  'FirmDataExport.contactPersonReveals': { cap: 1000, why: 'a data-access export of one firm' },
  'FirmDataExport.contactPersons': { cap: 1000, why: 'a data-access export of one firm' },
  'FirmDataExport.growthPotentialAssessments': { cap: 1000, why: 'a data-access export of one firm' },
  'FirmDataExport.milestones': { cap: 1000, why: 'a data-access export of one firm' },
  'FirmDataExport.referrals': { cap: 500, why: 'a data-access export of one firm' },
  'FirmDataExport.touchpoints': { cap: 1000, why: 'a data-access export of one firm' },
  'FirmJourney.accessGrants': { cap: 200, why: 'consents and referrals that open one firm\'s journey to you' },
  'FirmJourney.growthPotentialAssessments': { cap: 200, why: 'assessments of one firm' },
  'FirmJourney.hiddenOrganisations': { cap: 500, why: 'other organisations working with one firm' },
  'GrowthMappingDetails.scores': { cap: 50, why: 'one score per Growth Wheel area' },
  'Query.contactPersons': { cap: 500, why: 'contact persons of one firm' },
  'Query.firmConsents': { cap: 500, why: 'consents of one firm' },
  'Query.growthWheelModel': { cap: 50, why: 'the fixed Growth Wheel model' },
  'Referral.steps': { cap: 50, why: 'steps of one referral' },
  'Worklist.organisations': { cap: 200, why: 'the organisations you belong to' },
  // Investment.
  'Delegation.followUps': { cap: 200, why: 'follow-ups of one delegation visit' },
  'Delegation.hostMunicipalities': { cap: 100, why: 'municipalities hosting one visit' },
  'EstablishmentInquiry.group': { cap: 100, why: 'the coordinator group of one inquiry' },
  'EstablishmentInquiry.offers': { cap: 400, why: 'at most one offer per municipality' },
  'EstablishmentInquiry.stateHistory': { cap: 200, why: 'state changes of one inquiry' },
  'InvestorPortalProject.listingProblems': { cap: 50, why: 'one problem per listing criterion' },
  'Query.receptionMunicipalities': { cap: 200, why: 'municipalities of one shared reception' },
  // Networks.
  'FundingApplication.budgetLines': { cap: 200, why: 'budget lines of one application' },
  'Network.fundingApplications': { cap: 500, why: 'applications of one network' },
  'Network.meetings': { cap: 200, why: 'meetings of one network' },
  'Network.workingGroup': { cap: 200, why: 'working-group members of one network' },
  'NetworkMeeting.participants': { cap: 200, why: 'participants of one meeting' },
  // Organisations and identity.
  'Organisation.members': { cap: 1000, why: 'members of one organisation' },
  'Organisation.relationships': { cap: 500, why: 'typed relationships of one organisation (a KKR with every municipality of its region is about 30)' },
  'Programme.fundingSources': { cap: 50, why: 'funding sources of one programme' },
  'Programme.kpis': { cap: 100, why: 'KPIs of one programme' },
  'ProgrammeEligibility.regions': { cap: 50, why: 'regions of one eligibility rule' },
  'ProgrammeEnrolment.history': { cap: 200, why: 'state changes of one enrolment' },
  'User.memberships': { cap: 200, why: 'memberships of one user' },
};

/** `userErrors` of a mutation payload: one per input field at fault. */
export const USER_ERRORS_CAP = 100;

/** Whether a type is a page of a connection (its `edges` are bounded by the `first` of the field returning it). */
export const isConnectionType = (t: GraphQLNamedType) => isObjectType(t) && 'pageInfo' in t.getFields();

/** The cap of a list field: registered, or a payload's userErrors; undefined when the field pages or is not a list. */
export function listCap(typeName: string, fieldName: string): number | undefined {
  const registered = LIST_CAPS[`${typeName}.${fieldName}`];
  if (registered) return registered.cap;
  if (fieldName === 'userErrors' && typeName.endsWith('Payload')) return USER_ERRORS_CAP;
  return undefined;
}

const returnsList = (field: GraphQLField<unknown, unknown>) => isListType(getNullableType(field.type));

/**
 * Prints each cap into its field's description and enforces it when the field resolves. Call once,
 * on the built schema; throws when LIST_CAPS names a field that is not a list (a stale entry).
 */
export function applyListCaps(schema: GraphQLSchema): void {
  for (const [key, entry] of Object.entries(LIST_CAPS)) {
    const { cap } = entry;
    const [typeName, fieldName] = key.split('.');
    const type = schema.getType(typeName);
    const field = type && isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (!field || !returnsList(field)) throw new Error(`LIST_CAPS names ${key}, which is not a list field of the schema.`);
    field.description = `${field.description ? field.description.replace(/\s*$/, '') + ' ' : ''}At most ${cap} (a hard cap; more are left out).`;
    const resolve = field.resolve ?? defaultFieldResolver;
    const cut = (list: unknown) => {
      // entry.cap at call time, not at build time: tests lower it to prove the cut.
      if (Array.isArray(list) && list.length > entry.cap) {
        logRateLimited(`list-cap:${key}`, 'warn', { field: key, items: list.length, cap: entry.cap }, 'A list was cut at its cap');
        return list.slice(0, entry.cap);
      }
      return list;
    };
    field.resolve = (parent, args, ctx, info) => {
      const result = resolve(parent, args, ctx, info);
      return result && typeof (result as Promise<unknown>).then === 'function' ? (result as Promise<unknown>).then(cut) : cut(result);
    };
  }
}

// ---------------------------------------------------------------------------------------------------
// The cost rule

/** Largest cost a request may have: the most values its response could hold (see listCostPlugin). */
export const MAX_COST = 1_000_000;

interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
}

/**
 * operationCost per parsed operation (Apollo keeps parsed documents across requests): the cost depends on the
 * document and only on the variables given as `first`, so it is kept per those variables' values (a few per
 * operation) instead of walking the selection again on every request.
 */
const costMemo = new WeakMap<OperationDefinitionNode, { schema: GraphQLSchema; vars: string[]; costs: Map<string, number> }>();

function costKey(vars: readonly string[], variables: Record<string, unknown>): string {
  return vars.length ? JSON.stringify(vars.map((v) => variables[v] ?? null)) : '';
}

/** The most values (objects and scalars) the response to `operation` could hold. */
export function operationCost(input: CostInput): number {
  const memo = costMemo.get(input.operation);
  if (memo && memo.schema === input.schema) {
    const known = memo.costs.get(costKey(memo.vars, input.variables));
    if (known !== undefined) return known;
  }
  const vars = new Set<string>();
  const cost = computeOperationCost(input, vars);
  const entry = memo && memo.schema === input.schema ? memo : { schema: input.schema, vars: [...vars], costs: new Map<string, number>() };
  if (entry.costs.size < 16) entry.costs.set(costKey(entry.vars, input.variables), cost);
  costMemo.set(input.operation, entry);
  return cost;
}

function computeOperationCost({ schema, document, operation, variables }: CostInput, firstVariables: Set<string>): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return 0;

  const selectionCost = (set: SelectionSetNode, parent: GraphQLNamedType, seen: Set<string>): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) total += fieldCost(sel, parent, seen);
      else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const on = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) ?? parent : parent;
        total += selectionCost(sel.selectionSet, on, seen);
      } else {
        const frag = fragments.get(sel.name.value);
        if (!frag || seen.has(frag.name.value)) continue; // a cycle is refused by validation anyway
        const on = schema.getType(frag.typeCondition.name.value) ?? parent;
        total += selectionCost(frag.selectionSet, on, new Set([...seen, frag.name.value]));
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLNamedType, seen: Set<string>): number => {
    if (node.name.value.startsWith('__')) return 1; // __typename; introspection is off in production
    const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
    if (!field) return 1;
    const named = getNamedType(field.type);
    let times = 1;
    const firstArg = field.args.find((a) => a.name === 'first');
    if (firstArg) {
      const given = node.arguments?.find((a) => a.name.value === 'first');
      if (given?.value.kind === Kind.VARIABLE) firstVariables.add(given.value.name.value);
      const value = given ? valueFromAST(given.value, firstArg.type, variables) : firstArg.defaultValue;
      times = typeof value === 'number' && value > 0 ? Math.min(value, MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
    } else if (returnsList(field) && node.selectionSet && !(isConnectionType(parent) && (field.name === 'edges' || field.name === 'nodes'))) {
      // A list of objects; lists of scalars and enums are bounded by the input that wrote them.
      times = listCap(parent.name, field.name) ?? MAX_PAGE_SIZE;
    }
    const inner = node.selectionSet ? selectionCost(node.selectionSet, named, seen) : 0;
    return times * (1 + inner);
  };

  return selectionCost(operation.selectionSet, root, new Set());
}

/**
 * Refuses an operation whose response could hold more than MAX_COST values, before it runs (with the
 * request's variables, so `first: $n` counts as what $n is). Replaces graphql-armor's cost rule,
 * which cannot see types: it counted a list without `first` as one object however long it was.
 */
export function listCostPlugin(schema: GraphQLSchema, maxCost = MAX_COST): ApolloServerPlugin {
  const listener = { didResolveOperation: async (rc: CostRequest) => checkListCost(schema, rc, maxCost) };
  return { requestDidStart: async () => listener };
}

type CostRequest = { document: DocumentNode; operation?: OperationDefinitionNode | null; request: { variables?: Record<string, unknown> } };

/** listCostPlugin's check (didResolveOperation), also called from the app's folded request plugin. */
export function checkListCost(schema: GraphQLSchema, { document, operation, request }: CostRequest, maxCost = MAX_COST): void {
  if (!operation) return;
  const cost = operationCost({ schema, document, operation, variables: request.variables ?? {} });
  if (cost > maxCost) {
    throw new GraphQLError(`Query cost limit of ${maxCost} exceeded, found ${cost}: ask for fewer items (smaller \`first\`) or fewer nested lists.`, {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
    });
  }
}
