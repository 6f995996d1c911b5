import { createTestApp, TestApp } from '../testing/harness';

/**
 * The demo data is read on Danish and Swedish pages: a free text that a Danish or Swedish organisation
 * recorded must be in its language, not in English (the browser sweep found "First meeting (demo)" and
 * the like on Danish pages). English marker words - common words that no Danish or Swedish sentence of
 * the seed uses - catch a text left in English.
 *
 * Deliberately not checked: the investor portal's public titles and descriptions (written in English for
 * foreign investors, as Invest in Greater Copenhagen does) and system reasons the client translates
 * ("Signed by every party." in the agreement history, client/src/agreements/ui.tsx).
 */
const ENGLISH = /(?<!\p{L})(the|and|with|of|from|meeting|agreed|owner|plan|firm|firms|growth|help|referred|reported|measured|enrolled|programme|site|after)(?!\p{L})/iu;

/** [what, SQL giving (organisation_id, text)] for every seeded free-text field of an organisation's record. */
const FIELDS: Array<[string, string]> = [
  ['organisation.description', `SELECT id, description FROM organisation`],
  ['touchpoint.summary', `SELECT organisation_id, summary FROM touchpoint`],
  ...['topic', 'reason', 'ambition', 'title', 'ownerName', 'eventName', 'organiserName', 'programmeName'].map(
    (k): [string, string] => [`touchpoint.details.${k}`, `SELECT organisation_id, details->>'${k}' FROM touchpoint`],
  ),
  ['growth_plan_milestone.title', `SELECT organisation_id, title FROM growth_plan_milestone`],
  ['growth_plan_milestone.owner_name', `SELECT organisation_id, owner_name FROM growth_plan_milestone`],
  ['referral.reason', `SELECT sender_organisation_id, reason FROM referral`],
  ['referral_step.note', `SELECT by_organisation_id, note FROM referral_step`],
  ['firm_consent.purpose', `SELECT organisation_id, purpose FROM firm_consent`],
  ['contact_person.role', `SELECT organisation_id, role FROM contact_person`],
  ['contact_person.sensitive_note', `SELECT organisation_id, sensitive_note FROM contact_person`],
  ['programme.name', `SELECT operator_organisation_id, name FROM programme`],
  ['programme.description', `SELECT operator_organisation_id, description FROM programme`],
  ['programme_enrolment_event.note', `SELECT p.operator_organisation_id, e.note FROM programme_enrolment_event e JOIN programme_enrolment n ON n.id = e.enrolment_id JOIN programme p ON p.id = n.programme_id`],
  ['delegation.name', `SELECT reception_organisation_id, name FROM delegation`],
  ['delegation.programme', `SELECT reception_organisation_id, programme FROM delegation`],
  ['delegation_follow_up.note', `SELECT d.reception_organisation_id, f.note FROM delegation_follow_up f JOIN delegation d ON d.id = f.delegation_id`],
  ['establishment_inquiry.project_name', `SELECT coordinator_organisation_id, project_name FROM establishment_inquiry`],
  ['establishment_inquiry.summary', `SELECT coordinator_organisation_id, summary FROM establishment_inquiry`],
  ['establishment_inquiry_state_change.note', `SELECT changed_by_organisation_id, note FROM establishment_inquiry_state_change`],
  ['establishment_offer.description', `SELECT municipality_id, description FROM establishment_offer`],
  ['investor_portal_project.internal_notes', `SELECT owner_organisation_id, internal_notes FROM investor_portal_project`],
  ['service_agreement_version.title', `SELECT a.created_by_organisation_id, v.title FROM service_agreement_version v JOIN service_agreement a ON a.id = v.agreement_id`],
  ['service_agreement_version.purpose', `SELECT a.created_by_organisation_id, v.purpose FROM service_agreement_version v JOIN service_agreement a ON a.id = v.agreement_id`],
  ['service_agreement_version.amendment_reason', `SELECT a.created_by_organisation_id, v.amendment_reason FROM service_agreement_version v JOIN service_agreement a ON a.id = v.agreement_id`],
  ['service_agreement_follow_up.comment', `SELECT reported_by_organisation_id, comment FROM service_agreement_follow_up`],
];

let app: TestApp;
let texts: Array<{ field: string; country: string; text: string }>;

beforeAll(async () => {
  app = await createTestApp();
  const sql = FIELDS.map(([field, q], i) =>
    `SELECT '${field}'::text AS field, o.country::text AS country, s.t AS text
       FROM (${q}) AS s(org_id, t) JOIN organisation o ON o.id = s.org_id
      WHERE s.t IS NOT NULL AND s.t <> '' AND o.country IN ('DK', 'SE') /* ${i} */`,
  ).join('\nUNION ALL\n');
  // Distinct texts: the dashboards' seed writes the same few texts thousands of times.
  texts = await app.ds.query(`SELECT DISTINCT field, country, text FROM (${sql}) x ORDER BY field, country, text`);
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe('seeded free texts of Danish and Swedish organisations', () => {
  it('the marker words catch the English texts the sweep found, and pass the Danish and Swedish ones', () => {
    for (const en of ['First meeting (demo)', 'Growth partnership agreed (demo)', "The firm's owner (demo)", 'Growth plan: sales', 'Received from Business Sweden']) {
      expect(en).toMatch(ENGLISH);
    }
    for (const local of ['Første møde (demo)', 'Vækstplan: salg', 'Tillväxtpartnerskap ingått (demo)', 'Företagets ägare (demo)', 'Mottagen från Business Sweden']) {
      expect(local).not.toMatch(ENGLISH);
    }
  });

  it('there are texts of both countries to check, from the dashboards, journeys, programmes, investment and agreement seeds', () => {
    const fields = new Set(texts.map((t) => t.field));
    for (const f of ['touchpoint.summary', 'growth_plan_milestone.title', 'referral.reason', 'programme.description', 'delegation_follow_up.note', 'establishment_inquiry.summary', 'service_agreement_version.purpose']) {
      expect(fields).toContain(f);
    }
    expect(texts.filter((t) => t.country === 'DK').length).toBeGreaterThan(40);
    expect(texts.filter((t) => t.country === 'SE' && t.field === 'touchpoint.summary').length).toBeGreaterThanOrEqual(8);
  });

  it('none of them is plain English', () => {
    const english = texts.filter((t) => ENGLISH.test(t.text)).map((t) => `${t.country} ${t.field}: ${t.text}`);
    expect(english).toEqual([]);
  });
});
