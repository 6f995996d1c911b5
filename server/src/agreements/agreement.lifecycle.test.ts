import { createTestApp, TestApp } from '../testing/harness';
import { AgreementState } from './agreement.enums';
import { manualTargets, transitionProblem, TRANSITIONS } from './agreement.lifecycle';
import { COUNCIL_ADMIN, createAgreement, EDITOR, GH_ADMIN, M, MUN_ADMIN, Q, versionOf } from './agreement.testkit';

const STATES = Object.values(AgreementState);
/** Written out independently of TRANSITIONS: the moves a user may make by hand. */
const LEGAL_BY_HAND = new Set([
  'DRAFT>IN_NEGOTIATION',
  'DRAFT>TERMINATED',
  'IN_NEGOTIATION>DRAFT',
  'IN_NEGOTIATION>TERMINATED',
  'SIGNED>ACTIVE',
  'SIGNED>TERMINATED',
  'ACTIVE>EXPIRED',
  'ACTIVE>TERMINATED',
]);

describe('the transition table (pure)', () => {
  it('allows exactly the reviewed moves by hand, and SIGNED only by signatures', () => {
    for (const from of STATES) {
      for (const to of STATES) {
        const key = `${from}>${to}`;
        expect([key, transitionProblem(from, to, 'HAND') === null]).toEqual([key, LEGAL_BY_HAND.has(key)]);
        expect([key, transitionProblem(from, to, 'SIGNATURES') === null]).toEqual([key, key === 'IN_NEGOTIATION>SIGNED']);
      }
    }
    expect(manualTargets(AgreementState.IN_NEGOTIATION).sort()).toEqual(['DRAFT', 'TERMINATED']);
    expect(Object.keys(TRANSITIONS[AgreementState.EXPIRED])).toEqual([]);
    expect(Object.keys(TRANSITIONS[AgreementState.TERMINATED])).toEqual([]);
  });
});

describe('transitions through the API', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ firmCount: 200 });
  });
  afterAll(() => app?.close());

  it('every one of the 36 (from, to) pairs: legal ones succeed, every illegal one is a typed user error and changes nothing', async () => {
    // A past period so that ACTIVE -> EXPIRED is allowed; each pair starts from `from` set directly in the database.
    const a = await createAgreement(app, {
      content: { title: 'Exhaustive', periodStart: '2020-01-01', periodEnd: '2021-12-31', currency: 'DKK', targetGroups: [], taskDivision: [], economy: [], kpis: [] },
    });
    const outcomes: string[] = [];
    for (const from of STATES) {
      for (const to of STATES) {
        await app.ds.query(
          `UPDATE service_agreement SET state = $2::service_agreement_state, in_force_version_number = CASE WHEN $2::text IN ('DRAFT', 'IN_NEGOTIATION') THEN NULL ELSE 1 END WHERE id = $1`,
          [a.id, from],
        );
        const before = await versionOf(app, a.id);
        const r = await app.exec(M.TRANSITION, { i: { agreementId: a.id, expectedVersion: before, to, reason: 'test' } }, EDITOR);
        expect(r.errors).toBeUndefined();
        const p = r.data.transitionAgreement;
        const [{ state, version }] = await app.ds.query('SELECT state, version FROM service_agreement WHERE id = $1', [a.id]);
        if (p.userErrors.length === 0) {
          expect([from, to, state, version]).toEqual([from, to, to, before + 1]);
          outcomes.push(`${from}>${to}`);
        } else {
          expect(p.userErrors).toEqual([{ field: ['input', 'to'], message: expect.any(String), code: 'INVALID_STATE' }]);
          expect([from, to, state, version]).toEqual([from, to, from, before]);
        }
      }
    }
    expect(new Set(outcomes)).toEqual(LEGAL_BY_HAND);
    const [{ n }] = await app.ds.query(`SELECT count(*)::int AS n FROM service_agreement_transition WHERE agreement_id = $1 AND from_state IS NOT NULL`, [a.id]);
    expect(n).toBe(LEGAL_BY_HAND.size);
  });

  it('the main path: draft -> negotiation -> signed by every party -> active -> terminated, and nothing after', async () => {
    const a = await createAgreement(app);
    expect(a).toMatchObject({ state: 'DRAFT', currentVersionNumber: 1, inForceVersionNumber: null, allowedTransitions: ['IN_NEGOTIATION', 'TERMINATED'] });
    const sign = async (who: { email: string }, org: string) =>
      (await app.exec(M.SIGN, { i: { agreementId: a.id, expectedVersion: await versionOf(app, a.id), partyOrganisationId: app.org(org).id } }, who)).data.signAgreement;

    // Signing a draft is refused.
    expect((await sign(MUN_ADMIN, 'mun:DK:730')).userErrors).toMatchObject([{ field: ['input', 'agreementId'], code: 'INVALID_STATE' }]);
    let r = await app.exec(M.TRANSITION, { i: { agreementId: a.id, expectedVersion: await versionOf(app, a.id), to: 'IN_NEGOTIATION' } }, EDITOR);
    expect(r.data.transitionAgreement.agreement.state).toBe('IN_NEGOTIATION');
    // SIGNED cannot be set by hand.
    r = await app.exec(M.TRANSITION, { i: { agreementId: a.id, expectedVersion: await versionOf(app, a.id), to: 'SIGNED' } }, EDITOR);
    expect(r.data.transitionAgreement.userErrors[0]).toMatchObject({ field: ['input', 'to'], code: 'INVALID_STATE', message: expect.stringMatching(/every party has signed/) });

    expect((await sign(MUN_ADMIN, 'mun:DK:730')).agreement.state).toBe('IN_NEGOTIATION');
    expect((await sign(COUNCIL_ADMIN, 'council:randers')).agreement.state).toBe('IN_NEGOTIATION');
    const last = await sign(GH_ADMIN, 'gh:midtjylland');
    expect(last.userErrors).toEqual([]);
    expect(last.agreement).toMatchObject({ state: 'SIGNED', inForceVersionNumber: 1, currentVersion: { unsignedParties: [] } });

    r = await app.exec(M.TRANSITION, { i: { agreementId: a.id, expectedVersion: await versionOf(app, a.id), to: 'ACTIVE' } }, EDITOR);
    expect(r.data.transitionAgreement.agreement.state).toBe('ACTIVE');
    // It runs until 2027: it cannot expire yet, and EXPIRED is not offered.
    expect(r.data.transitionAgreement.agreement.allowedTransitions).toEqual(['TERMINATED']);
    r = await app.exec(M.TRANSITION, { i: { agreementId: a.id, expectedVersion: await versionOf(app, a.id), to: 'EXPIRED' } }, EDITOR);
    expect(r.data.transitionAgreement.userErrors[0]).toMatchObject({ field: ['input', 'to'], code: 'INVALID_STATE' });
    r = await app.exec(M.TRANSITION, { i: { agreementId: a.id, expectedVersion: await versionOf(app, a.id), to: 'TERMINATED' } }, EDITOR);
    expect(r.data.transitionAgreement.userErrors).toMatchObject([{ field: ['input', 'reason'], code: 'REQUIRED' }]);
    r = await app.exec(M.TRANSITION, { i: { agreementId: a.id, expectedVersion: await versionOf(app, a.id), to: 'TERMINATED', reason: 'Kommunen overtager opgaven.' } }, EDITOR);
    expect(r.data.transitionAgreement.agreement).toMatchObject({ state: 'TERMINATED', allowedTransitions: [] });

    const history = await app.exec(`query($id: ID!) { serviceAgreement(id: $id) { terminationReason transitions { fromState toState reason by { displayName } } } }`, { id: a.id }, EDITOR);
    expect(history.data.serviceAgreement.terminationReason).toBe('Kommunen overtager opgaven.');
    expect(history.data.serviceAgreement.transitions.map((t: any) => `${t.fromState}>${t.toState}`)).toEqual([
      'null>DRAFT', 'DRAFT>IN_NEGOTIATION', 'IN_NEGOTIATION>SIGNED', 'SIGNED>ACTIVE', 'ACTIVE>TERMINATED',
    ]);
    expect(history.data.serviceAgreement.transitions[2].by.displayName).toMatch(/Admin/);

    // Terminal: no edits, no amendments, no signatures.
    const v = await versionOf(app, a.id);
    const upd = await app.exec(M.UPDATE, { i: { agreementId: a.id, expectedVersion: v, content: { title: 'x', periodStart: '2026-01-01', periodEnd: '2026-12-31', currency: 'DKK' } } }, EDITOR);
    expect(upd.data.updateAgreementDraft.userErrors).toMatchObject([{ field: ['input', 'agreementId'], code: 'IMMUTABLE' }]);
    const amend = await app.exec(M.AMEND, { i: { agreementId: a.id, expectedVersion: v, reason: 'x' } }, EDITOR);
    expect(amend.data.amendAgreement.userErrors).toMatchObject([{ field: ['input', 'agreementId'], code: 'INVALID_STATE' }]);
  });

  it('the append-only history cannot be rewritten in the database', async () => {
    await expect(app.ds.query(`UPDATE service_agreement_transition SET reason = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(app.ds.query(`DELETE FROM service_agreement_signature`)).rejects.toThrow(/append-only/);
    await expect(app.ds.query(`UPDATE service_agreement_follow_up SET comment = 'x'`)).rejects.toThrow(/append-only/);
  });

  it('the seeded agreements are in their states', async () => {
    const r = await app.exec(Q.LIST, { first: 50 }, GH_ADMIN);
    const states = Object.fromEntries(r.data.serviceAgreements.edges.map((e: any) => [e.node.title, e.node.state]));
    expect(states).toMatchObject({
      'Lokal samarbejdsaftale om erhvervsservice mellem Erhverv Randers, Randers Kommune og Erhvervshus Midtjylland 2025-2026': 'ACTIVE',
      'Resultatkontrakt mellem KKR Midtjylland og Erhvervshus Midtjylland 2026': 'ACTIVE',
      'Lokal samarbejdsaftale om erhvervsservice mellem erhvervsilkeborg, Silkeborg Kommune og Erhvervshus Midtjylland 2027-2028': 'DRAFT',
    });
  });
});
