import { createAgreementLoaders } from './agreements/agreement.loaders';
import { createClusterLoaders } from './clusters/cluster.loaders';
import { createContext, RequestContext } from './core/context';
import { Role, Scope } from './core/scope';
import { createInvestmentLoaders } from './investment/investment.loaders';
import { createJourneyLoaders } from './journeys/journey.loaders';
import { createNetworkLoaders } from './networks/network.loaders';
import { createTestApp, TestApp } from './testing/harness';

/**
 * Gap closed (issue 8): child rows are guarded by their own loader, not only by the road that leads to
 * them. Each loader is called directly with a parent id: the parent's owner gets the rows, an unrelated
 * organisation gets nothing (as if it had guessed the id).
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
  // A consent naming recipients (the seed has none with named recipients).
  const [{ firm_id, organisation_id }] = await app.ds.query(`SELECT firm_id, organisation_id FROM touchpoint ORDER BY id LIMIT 1`);
  const [{ id }] = await app.ds.query(
    `INSERT INTO firm_consent (firm_id, organisation_id, scope, purpose, valid_until) VALUES ($1, $2, 'NAMED_ORGANISATIONS', 'Test', now() + interval '1 year') RETURNING id`,
    [firm_id, organisation_id],
  );
  await app.ds.query(`INSERT INTO firm_consent_recipient (consent_id, organisation_id) VALUES ($1, $2)`, [id, app.org('gh:hovedstaden').id]);
});
afterAll(() => app?.close());

/** A request context acting for one organisation (VIEWER: read only). Each holds its request's connection until ended. */
const open: RequestContext[] = [];
const asOrg = (organisationId: string): RequestContext => {
  const ctx = createContext(app.ds, app.config, { kind: 'user', userId: '00000000-0000-0000-0000-000000000000', sessionId: 'x' }, new Scope([{ organisationId, role: Role.VIEWER }], false));
  open.push(ctx);
  return ctx;
};
afterEach(async () => {
  // End each context's transaction (the Apollo plugin does this for real requests).
  await Promise.all(open.splice(0).map((ctx) => ctx.db.finish(false)));
});

type Case = { name: string; parent: string; load: (ctx: RequestContext, id: string) => Promise<unknown> };

/** Parent id and its owning organisation, per parent kind. */
const PARENTS: Record<string, string> = {
  agreement: `SELECT a.id, a.created_by_organisation_id AS owner FROM service_agreement a WHERE a.state = 'ACTIVE' AND a.kind = 'LOCAL_COOPERATION' ORDER BY a.created_at LIMIT 1`,
  version: `SELECT v.id, a.created_by_organisation_id AS owner FROM service_agreement_version v JOIN service_agreement a ON a.id = v.agreement_id
             WHERE EXISTS (SELECT 1 FROM service_agreement_signature s WHERE s.version_id = v.id) ORDER BY v.created_at LIMIT 1`,
  network: `SELECT n.id, n.owner_organisation_id AS owner FROM network n WHERE EXISTS (SELECT 1 FROM network_member m WHERE m.network_id = n.id)
             AND EXISTS (SELECT 1 FROM network_meeting mt WHERE mt.network_id = n.id) AND EXISTS (SELECT 1 FROM network_working_group_member w WHERE w.network_id = n.id) LIMIT 1`,
  member: `SELECT m.id, n.owner_organisation_id AS owner FROM network_member m JOIN network n ON n.id = m.network_id LIMIT 1`,
  meeting: `SELECT mt.id, n.owner_organisation_id AS owner FROM network_meeting mt JOIN network n ON n.id = mt.network_id
             WHERE EXISTS (SELECT 1 FROM network_meeting_participant p WHERE p.meeting_id = mt.id AND p.registered_at IS NOT NULL) LIMIT 1`,
  referral: `SELECT r.id, r.sender_organisation_id AS owner FROM referral r WHERE EXISTS (SELECT 1 FROM referral_step s WHERE s.referral_id = r.id) LIMIT 1`,
  consent: `SELECT c.id, c.organisation_id AS owner FROM firm_consent c WHERE EXISTS (SELECT 1 FROM firm_consent_recipient r WHERE r.consent_id = c.id) LIMIT 1`,
  delegation: `SELECT d.id, d.reception_organisation_id AS owner FROM delegation d WHERE EXISTS (SELECT 1 FROM delegation_follow_up f WHERE f.delegation_id = d.id) LIMIT 1`,
  inquiry: `SELECT i.id, i.coordinator_organisation_id AS owner FROM establishment_inquiry i WHERE EXISTS (SELECT 1 FROM establishment_inquiry_state_change h WHERE h.inquiry_id = i.id) LIMIT 1`,
  proposal: `SELECT p.id, p.cluster_organisation_id AS owner FROM office_placement_proposal p WHERE EXISTS (SELECT 1 FROM office_placement_score s WHERE s.proposal_id = p.id) LIMIT 1`,
  coFinancing: `SELECT c.id, c.cluster_organisation_id AS owner FROM office_co_financing c
                 WHERE EXISTS (SELECT 1 FROM office_co_financing_share s WHERE s.co_financing_id = c.id) AND EXISTS (SELECT 1 FROM office_co_financing_amount a WHERE a.co_financing_id = c.id) LIMIT 1`,
};

const agreements = (ctx: RequestContext) => createAgreementLoaders(ctx);
const CASES: Case[] = [
  { name: 'agreement parties', parent: 'agreement', load: (ctx, id) => agreements(ctx).parties.load(id) },
  { name: 'agreement versions', parent: 'agreement', load: (ctx, id) => agreements(ctx).versions.load(id) },
  { name: 'agreement transitions', parent: 'agreement', load: (ctx, id) => agreements(ctx).transitions.load(id) },
  { name: 'agreement follow-ups', parent: 'agreement', load: (ctx, id) => agreements(ctx).followUps.load(id) },
  {
    name: 'agreement KPI actuals', parent: 'agreement',
    load: async (ctx, id) => {
      const r = await agreements(ctx).kpiActual.load({ agreementId: id, metric: 'GROWTH_MAPPINGS' as never, from: '2000-01-01', to: '2100-12-31' });
      return r.counted == null ? [] : [r];
    },
  },
  { name: 'agreement signatures', parent: 'version', load: (ctx, id) => agreements(ctx).signatures.load(id) },
  { name: 'network members (page)', parent: 'network', load: (ctx, id) => createNetworkLoaders(ctx).memberPageByNetwork.load({ networkId: id, first: 10, after: null }) },
  { name: 'network member count', parent: 'network', load: async (ctx, id) => ((await createNetworkLoaders(ctx).memberCountByNetwork.load(id)) ? [1] : []) },
  { name: 'network member by id', parent: 'member', load: async (ctx, id) => [await createNetworkLoaders(ctx).memberById.load(id)].filter(Boolean) },
  { name: 'network meetings', parent: 'network', load: (ctx, id) => createNetworkLoaders(ctx).meetingsByNetwork.load(id) },
  { name: 'network working group', parent: 'network', load: (ctx, id) => createNetworkLoaders(ctx).workingGroupByNetwork.load(id) },
  { name: 'meeting participants', parent: 'meeting', load: (ctx, id) => createNetworkLoaders(ctx).participantsByMeeting.load(id) },
  { name: 'meeting counts', parent: 'meeting', load: async (ctx, id) => ((await createNetworkLoaders(ctx).countsByMeeting.load(id)).registered ? [1] : []) },
  { name: 'referral steps', parent: 'referral', load: (ctx, id) => createJourneyLoaders(ctx).stepsByReferral.load(id) },
  { name: 'consent recipients', parent: 'consent', load: (ctx, id) => createJourneyLoaders(ctx).recipientsByConsent.load(id) },
  { name: 'delegation follow-ups', parent: 'delegation', load: (ctx, id) => createInvestmentLoaders(ctx).followUpsByDelegation.load(id) },
  { name: 'delegation results', parent: 'delegation', load: async (ctx, id) => ((await createInvestmentLoaders(ctx).resultsByDelegation.load(id)).followUpCount ? [1] : []) },
  { name: 'delegation hosts', parent: 'delegation', load: (ctx, id) => createInvestmentLoaders(ctx).hostIdsByDelegation.load(id) },
  { name: 'inquiry state changes', parent: 'inquiry', load: (ctx, id) => createInvestmentLoaders(ctx).historyByInquiry.load(id) },
  { name: 'inquiry group', parent: 'inquiry', load: (ctx, id) => createInvestmentLoaders(ctx).groupIdsByInquiry.load(id) },
  { name: 'placement scores', parent: 'proposal', load: (ctx, id) => createClusterLoaders(ctx).scores.load(id) },
  { name: 'co-financing shares', parent: 'coFinancing', load: (ctx, id) => createClusterLoaders(ctx).shares.load(id) },
  { name: 'co-financing amounts', parent: 'coFinancing', load: (ctx, id) => createClusterLoaders(ctx).amounts.load(id) },
];

describe('child-row loaders apply their parent\'s visibility themselves', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: the owner gets rows, an unrelated organisation none', async (_name, c) => {
    const [parent] = await app.ds.query(PARENTS[c.parent]);
    expect(parent).toBeDefined();
    const outsider = app.org('advisor:kalmar').id; // a Swedish private advisor: party to nothing
    expect(parent.owner).not.toBe(outsider);
    const own = (await c.load(asOrg(parent.owner), parent.id)) as unknown[];
    expect(own.length).toBeGreaterThan(0);
    const foreign = (await c.load(asOrg(outsider), parent.id)) as unknown[];
    expect(foreign).toEqual([]);
  });
});
