// Browser tests of the service-agreement desk (client/src/agreements) against a running server.
//   E2E_BASE_URL=http://127.0.0.1:4567 node --test client/e2e/agreements.e2e.mjs
// Drives Debian's Chromium through playwright-core, launched like firm-search.e2e.mjs. Every test creates
// its own agreements (unique titles) and only reads the seeded ones. On failure a screenshot is written to
// /tmp/gg-e2e-agreements-failure-<n>.png; E2E_SCREENSHOT_DIR=<dir> also saves screenshots of the pages.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { apiSignIn, BASE_URL, CHROMIUM, eventually, fillSignIn, graphql as api, launch, newContext, SCREENSHOT_DIR, text, TIMEOUT } from './helpers.mjs';
/** The API as one of the demo users (by e-mail), or anonymously. */
const graphql = async (query, variables = {}, email = null) => api(query, variables, email ? await apiSignIn(email) : null);

const EDITOR = 'editor@randers.demo'; // Randers Kommune EDITOR, Erhverv Randers VIEWER
const MUN_ADMIN = 'admin@randers.demo'; // Randers Kommune ADMIN (agreement signatory of the demo data)
const COUNCIL_ADMIN = 'admin@erhvervranders.demo';
const GH_ADMIN = 'admin@midtjylland.demo';
const OTHER = 'consultant@hovedstaden.demo';
const RANDERS_TITLE = 'Lokal samarbejdsaftale om erhvervsservice mellem Erhverv Randers, Randers Kommune og Erhvervshus Midtjylland 2025-2026';

// ---- API helpers (setup and expectations; what the browser shows is checked through the page)

async function orgIds() {
  const find = async (name) => {
    const { organisations } = await graphql('query($p: String!) { organisations(first: 5, filter: { namePrefix: $p }) { edges { node { id name } } } }', { p: name }, EDITOR);
    const org = organisations.edges.map((e) => e.node).find((o) => o.name === name);
    assert.ok(org, `organisation ${name} exists`);
    return org.id;
  };
  return { mun: await find('Randers Kommune'), council: await find('Erhverv Randers'), gh: await find('Erhvervshus Midtjylland') };
}
const WRITE = 'agreement { id version state } userErrors { field message code }';
function expectNoUserErrors(payload, what) {
  assert.deepEqual(payload.userErrors, [], `${what}: ${JSON.stringify(payload.userErrors)}`);
  return payload.agreement;
}

/** A new DRAFT (as the editor) with the three Randers parties, one computed and one external KPI. */
async function createDraft(title) {
  const o = await orgIds();
  const { createServiceAgreement } = await graphql(
    `mutation($i: CreateServiceAgreementInput!) { createServiceAgreement(input: $i) { ${WRITE} } }`,
    {
      i: {
        kind: 'LOCAL_COOPERATION',
        parties: [
          { organisationId: o.mun, role: 'MUNICIPALITY' },
          { organisationId: o.council, role: 'BUSINESS_COUNCIL' },
          { organisationId: o.gh, role: 'GROWTH_HOUSE' },
        ],
        content: {
          title,
          periodStart: '2026-01-01',
          periodEnd: '2027-12-31',
          purpose: 'Original purpose.',
          targetGroups: ['Iværksættere'],
          currency: 'DKK',
          taskDivision: [{ organisationId: o.council, tasks: 'Lokal erhvervsservice.' }],
          economy: [{ organisationId: o.mun, year: 2026, amount: 1000000 }],
          kpis: [
            { key: 'mappings', name: 'Vækstkortlægninger', metric: 'GROWTH_MAPPINGS', target: 40, periodStart: '2026-01-01', periodEnd: '2026-12-31' },
            { key: 'satisfaction', name: 'Tilfredshed', metric: 'EXTERNAL', target: 8, unit: 'SCORE', periodStart: '2026-01-01', periodEnd: '2026-12-31' },
          ],
        },
      },
    },
    EDITOR,
  );
  return { ...expectNoUserErrors(createServiceAgreement, 'create'), orgs: o };
}
const versionOf = async (id) => (await graphql('query($id: ID!) { serviceAgreement(id: $id) { version } }', { id }, EDITOR)).serviceAgreement.version;
async function transition(id, to) {
  const { transitionAgreement } = await graphql(`mutation($i: TransitionAgreementInput!) { transitionAgreement(input: $i) { ${WRITE} } }`, { i: { agreementId: id, expectedVersion: await versionOf(id), to } }, EDITOR);
  return expectNoUserErrors(transitionAgreement, `to ${to}`);
}
async function sign(id, email, partyOrganisationId) {
  const { signAgreement } = await graphql(`mutation($i: SignAgreementInput!) { signAgreement(input: $i) { ${WRITE} } }`, { i: { agreementId: id, expectedVersion: await versionOf(id), partyOrganisationId } }, email);
  return expectNoUserErrors(signAgreement, `sign as ${email}`);
}

// ---- Browser helpers

let failures = 0;
/** Runs `body` with a fresh Chromium; collects page errors; screenshots every open page on failure. */
async function withBrowser(body) {
  assert.ok(BASE_URL, 'Set E2E_BASE_URL to the running app, e.g. http://127.0.0.1:4567');
  assert.ok(fs.existsSync(CHROMIUM), `No Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  const browser = await launch();
  const problems = [];
  const pages = [];
  const open = async () => {
    const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(TIMEOUT);
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
    pages.push(page);
    return page;
  };
  try {
    await body(open);
    assert.deepEqual(problems, [], 'no errors in the page');
  } catch (error) {
    failures++;
    for (const [i, page] of pages.entries()) {
      await page.screenshot({ path: `/tmp/gg-e2e-agreements-failure-${failures}-${i}.png`, fullPage: true }).catch(() => {});
    }
    if (problems.length > 0 && error instanceof Error) error.message += `\nBrowser problems:\n${problems.join('\n')}`;
    throw error;
  } finally {
    await browser.close();
  }
}

const shot = async (page, name) => {
  if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, `agreements-${name}.png`), fullPage: true });
};

/** Opens `hash` and signs in there as `email`. */
async function signInAt(page, email, hash = '#/agreements') {
  await page.goto(`${BASE_URL}/${hash}`);
  await fillSignIn(page, email);
  await page.getByTestId('user-name').waitFor();
}

// ---- Tests

test('an editor creates a draft (with field errors first), edits it and sends it to negotiation', { timeout: 60_000 }, async () => {
  const title = `E2E samarbejdsaftale ${Date.now()}`;
  await withBrowser(async (open) => {
    const page = await open();
    await signInAt(page, EDITOR);
    await page.getByTestId('nav-agreements').click();
    await page.getByRole('heading', { level: 1, name: 'Service agreements' }).waitFor();
    await page.getByTestId('agreement-list').getByRole('link', { name: RANDERS_TITLE }).waitFor();
    await shot(page, '1-list');

    // A new draft: my organisation is a party already; add the two others through the search.
    await page.getByTestId('new-agreement').click();
    await page.getByRole('heading', { level: 1, name: 'New agreement' }).waitFor();
    const partyRows = page.getByTestId('party-editor-row');
    assert.deepEqual(await partyRows.locator('.party-name').allTextContents(), ['Randers Kommune']);
    for (const name of ['Erhverv Randers', 'Erhvervshus Midtjylland']) {
      await page.getByTestId('party-search').fill(name);
      await page.getByTestId('party-option').filter({ hasText: `Add ${name}` }).first().click();
    }
    assert.deepEqual(await partyRows.locator('.party-name').allTextContents(), ['Randers Kommune', 'Erhverv Randers', 'Erhvervshus Midtjylland']);
    assert.equal(await page.getByLabel('Role of Erhverv Randers').inputValue(), 'BUSINESS_COUNCIL');
    assert.equal(await page.getByLabel('Role of Erhvervshus Midtjylland').inputValue(), 'GROWTH_HOUSE');

    // Bad input first: the server's user errors appear next to the fields they name.
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Period starts').fill('2027-06-01');
    await page.getByLabel('Period ends').fill('2027-05-31');
    await page.getByTestId('add-economy-line').click();
    await page.locator('#f-content-economy-0-amount').fill('-5000');
    await page.getByTestId('add-kpi').click();
    await page.locator('#f-content-kpis-0-name').fill('Vækstkortlægninger i Randers');
    assert.equal(await page.locator('#f-content-kpis-0-key').inputValue(), 'vaekstkortlaegninger-i-randers', 'the key follows the name');
    await page.getByTestId('save-agreement').click();
    await page.locator('#f-content-periodEnd-error').waitFor();
    assert.match(await text(page.locator('#f-content-periodEnd-error')), /must end after it starts/);
    assert.equal(await page.getByLabel('Period ends').getAttribute('aria-invalid'), 'true');
    assert.match(await text(page.locator('#f-content-economy-0-amount-error')), /cannot be negative/);
    assert.match(await text(page.locator('#f-content-kpis-0-target-error')), /Give the KPI a target/);
    await shot(page, '2-field-errors');

    // Fix them and create the draft.
    await page.getByLabel('Period starts').fill('2027-01-01');
    await page.getByLabel('Period ends').fill('2027-12-31');
    await page.locator('#f-content-economy-0-amount').fill('1250000');
    await page.locator('#f-content-kpis-0-target').fill('30');
    await page.locator('#f-content-kpis-0-periodStart').fill('2027-01-01');
    await page.locator('#f-content-kpis-0-periodEnd').fill('2027-12-31');
    await page.getByLabel('Purpose').fill('Sammenhængende erhvervsservice i Randers.');
    await page.getByLabel('Target groups').fill('Iværksættere\nEtablerede virksomheder');
    await page.getByTestId('save-agreement').click();
    await page.getByTestId('saved-notice').waitFor();
    assert.equal(await text(page.getByTestId('agreement-title')), title);
    assert.equal(await page.getByTestId('lifecycle').getByTestId('agreement-state').getAttribute('data-state'), 'DRAFT');
    assert.deepEqual(await page.getByTestId('party-row').evaluateAll((rows) => rows.map((r) => r.dataset.party)), ['Randers Kommune', 'Erhverv Randers', 'Erhvervshus Midtjylland']);
    assert.match(await text(page.getByTestId('content-kpis')), /Vækstkortlægninger i Randers.*30/);
    const id = await page.getByTestId('agreement-page').getAttribute('data-agreement-id');

    // Edit: every save names the version it edits; the content shows the change.
    await page.getByTestId('edit-agreement').click();
    await page.getByRole('heading', { level: 1, name: 'Edit agreement' }).waitFor();
    const save = page.waitForRequest((r) => r.url().endsWith('/graphql') && (r.postData() ?? '').includes('UpdateAgreementDraft'));
    await page.getByLabel('Purpose').fill('Sammenhængende erhvervsservice i Randers, ændret.');
    await page.getByTestId('save-agreement').click();
    const sent = JSON.parse((await save).postData());
    assert.equal(sent.variables.input.expectedVersion, 1, 'the save names the version it edits');
    await page.getByTestId('saved-notice').waitFor();
    assert.equal(await text(page.getByTestId('content-purpose')), 'Sammenhængende erhvervsservice i Randers, ændret.');
    assert.match(await text(page.getByTestId('current-version')), /^1 \(revision 2\)/);

    // Life cycle: only the legal moves are offered; send it to negotiation.
    assert.equal(await page.getByTestId('transition-ACTIVE').count(), 0, 'a draft cannot be activated');
    await page.getByTestId('transition-IN_NEGOTIATION').click();
    await eventually(async () => assert.equal(await page.getByTestId('lifecycle').getByTestId('agreement-state').getAttribute('data-state'), 'IN_NEGOTIATION'));
    await page.getByTestId('transition-DRAFT').waitFor();
    assert.match(await text(page.getByTestId('transitions')), /Draft → In negotiation/);
    assert.match(await text(page.getByTestId('unsigned-parties')), /Randers Kommune, Erhverv Randers, Erhvervshus Midtjylland/);
    assert.equal(await page.getByTestId('sign-for').count(), 0, 'an editor who is no admin cannot sign');
    await shot(page, '3-in-negotiation');

    // The list, filtered by state, has it.
    await page.goto(`${BASE_URL}/#/agreements?state=IN_NEGOTIATION`);
    await page.getByTestId('agreement-list').getByRole('link', { name: title }).waitFor();
    for (const state of await page.getByTestId('agreement-row').getByTestId('agreement-state').evaluateAll((els) => els.map((e) => e.dataset.state))) {
      assert.equal(state, 'IN_NEGOTIATION');
    }
    assert.ok(id);
  });
});

test('the seeded active Randers agreement: compare its versions, KPI attainment and the drill-down', { timeout: 60_000 }, async () => {
  const { serviceAgreements } = await graphql('query { serviceAgreements(first: 50, filter: { states: [ACTIVE] }) { edges { node { id title } } } }', {}, EDITOR);
  const randers = serviceAgreements.edges.map((e) => e.node).find((a) => a.title === RANDERS_TITLE);
  assert.ok(randers, 'the demo data has the active Randers agreement');
  const { agreementKpiAttainment, serviceAgreement } = await graphql(
    'query($id: ID!) { agreementKpiAttainment(agreementId: $id) { kpis { kpi { key } actual countedEntries externalSource } } serviceAgreement(id: $id) { currentVersion { signatures { id } } } }',
    { id: randers.id },
    EDITOR,
  );
  const mappings = agreementKpiAttainment.kpis.find((k) => k.kpi.key === 'vaekstkortlaegninger');
  // The drill-down lists only entries the editor may see (own, consent, open referral); the rest are counts.
  const { agreementKpiDrillDown: drill } = await graphql(
    'query($id: ID!) { agreementKpiDrillDown(agreementId: $id, kpiKey: "vaekstkortlaegninger", first: 1) { hiddenEntries { count } } }',
    { id: randers.id },
    EDITOR,
  );
  const visibleEntries = mappings.countedEntries - drill.hiddenEntries.reduce((n, h) => n + h.count, 0);
  const satisfaction = agreementKpiAttainment.kpis.find((k) => k.kpi.key === 'tilfredshed');

  await withBrowser(async (open) => {
    const page = await open();
    await signInAt(page, EDITOR, '#/agreements?state=ACTIVE&kind=LOCAL_COOPERATION');
    await page.getByTestId('agreement-list').getByRole('link', { name: RANDERS_TITLE }).click();
    await page.getByRole('heading', { level: 1, name: RANDERS_TITLE }).waitFor();
    assert.equal(await page.getByTestId('lifecycle').getByTestId('agreement-state').getAttribute('data-state'), 'ACTIVE');
    assert.equal(await text(page.getByTestId('in-force-version')), '2');
    // Version 2 (the amendment in force) carries one valid signature per party.
    assert.equal(await page.getByTestId('signature').count(), serviceAgreement.currentVersion.signatures.length);

    // KPI attainment: computed actuals against targets.
    const row = page.locator('[data-testid="kpi-row"][data-kpi="vaekstkortlaegninger"]');
    await row.waitFor();
    assert.equal(await page.getByTestId('kpi-row').count(), agreementKpiAttainment.kpis.length);
    assert.equal(await text(row.getByTestId('kpi-actual')), new Intl.NumberFormat('da-DK').format(mappings.actual));
    assert.match(await text(row.getByTestId('kpi-source')), new RegExp(`Computed from ${mappings.countedEntries} recorded`));
    const external = page.locator('[data-testid="kpi-row"][data-kpi="tilfredshed"]');
    assert.ok((await text(external.getByTestId('kpi-source'))).endsWith(`source: ${satisfaction.externalSource}`), 'an external KPI names its source');
    if (visibleEntries > 0) {
      await row.getByTestId('kpi-drilldown-toggle').click();
      const entries = row.getByTestId('counted-entry');
      await entries.first().waitFor();
      assert.equal(await entries.count(), Math.min(10, visibleEntries));
      if (visibleEntries > 10) {
        await row.getByTestId('drilldown-load-more').click();
        await eventually(async () => assert.equal(await entries.count(), Math.min(20, visibleEntries)));
      }
    }
    await shot(page, '4-kpi-attainment');

    // Compare version 1 with version 2 (the amendment raised the growth-mapping target).
    await page.getByTestId('versions').getByTestId('compare-from').selectOption('1');
    await page.getByTestId('versions').getByTestId('compare-to').selectOption('2');
    await page.getByTestId('compare-versions').click();
    await page.getByRole('heading', { level: 1, name: 'Compare versions' }).waitFor();
    const diff = page.getByTestId('difference').filter({ hasText: 'Vækstkortlægninger af virksomheder i Randers Kommune' });
    await diff.waitFor();
    assert.equal(await text(diff.locator('th')), 'KPI “Vækstkortlægninger af virksomheder i Randers Kommune” › Target');
    assert.equal(await text(diff.locator('td.before')), '40');
    assert.equal(await text(diff.locator('td.after')), '55');
    await shot(page, '5-compare');
    // The same version with itself: no differences.
    await page.getByTestId('compare-from').selectOption('2');
    await page.getByTestId('no-differences').waitFor();
  });
});

test('two sessions edit the same draft: the stale save shows both versions and is resolved by re-applying it', { timeout: 60_000 }, async () => {
  const title = `E2E konflikt ${Date.now()}`;
  const { id } = await createDraft(title);
  await withBrowser(async (open) => {
    const a = await open();
    const b = await open();
    await signInAt(a, EDITOR, `#/agreements/${id}/edit`);
    await signInAt(b, MUN_ADMIN, `#/agreements/${id}/edit`);
    await a.getByRole('heading', { level: 1, name: 'Edit agreement' }).waitFor();
    await b.getByRole('heading', { level: 1, name: 'Edit agreement' }).waitFor();

    // A saves first.
    await a.getByLabel('Purpose').fill('Purpose written by session A.');
    await a.getByTestId('save-agreement').click();
    await a.getByTestId('saved-notice').waitFor();

    // B saves a different change on the version it read: refused, both versions side by side.
    await b.getByLabel('Target groups').fill('Iværksættere\nEksportvirksomheder (B)');
    await b.getByTestId('save-agreement').click();
    const conflict = b.getByTestId('conflict-view');
    await conflict.waitFor();
    const rowOf = (label) => conflict.getByTestId('conflict-row').filter({ has: b.locator('th', { hasText: label }) });
    assert.equal(await text(rowOf('Purpose').getByTestId('conflict-mine')), 'Original purpose.');
    assert.equal(await text(rowOf('Purpose').getByTestId('conflict-theirs')), 'Purpose written by session A.');
    assert.equal(await text(rowOf('Target groups').getByTestId('conflict-mine')), 'Iværksættere; Eksportvirksomheder (B)');
    assert.equal(await text(rowOf('Target groups').getByTestId('conflict-theirs')), 'Iværksættere');
    assert.equal(await rowOf('Title').getAttribute('data-differs'), 'false');
    await shot(b, '6-conflict');

    // Re-apply B's change on top of A's version, then save with the new expected version.
    await b.getByTestId('conflict-reapply').click();
    await b.getByTestId('editor-notice').waitFor();
    assert.equal(await b.getByLabel('Purpose').inputValue(), 'Purpose written by session A.');
    assert.equal(await b.getByLabel('Target groups').inputValue(), 'Iværksættere\nEksportvirksomheder (B)');
    const save = b.waitForRequest((r) => r.url().endsWith('/graphql') && (r.postData() ?? '').includes('UpdateAgreementDraft'));
    await b.getByTestId('save-agreement').click();
    assert.equal(JSON.parse((await save).postData()).variables.input.expectedVersion, 2);
    await b.getByTestId('saved-notice').waitFor();

    // A, after a reload, sees both changes.
    await a.reload();
    await a.getByTestId('agreement-page').waitFor();
    assert.equal(await text(a.getByTestId('content-purpose')), 'Purpose written by session A.');
    assert.equal(await text(a.getByTestId('content-target-groups')), 'Iværksættere; Eksportvirksomheder (B)');
    assert.equal(await a.getByTestId('agreement-page').getAttribute('data-version'), '3');
  });
});

test('signing per party, activation, a follow-up with an external KPI, and an amendment', { timeout: 60_000 }, async () => {
  const title = `E2E signering ${Date.now()}`;
  const { id, orgs } = await createDraft(title);
  await transition(id, 'IN_NEGOTIATION');
  await withBrowser(async (open) => {
    // The municipality's admin signs for it (and only for it).
    const admin = await open();
    await signInAt(admin, MUN_ADMIN, `#/agreements/${id}`);
    const signButton = admin.getByTestId('sign-for');
    await signButton.waitFor();
    assert.deepEqual(await signButton.allTextContents(), ['Sign for Randers Kommune']);
    await signButton.click();
    const munRow = admin.locator('[data-testid="party-row"][data-party="Randers Kommune"]');
    await munRow.getByTestId('signature').waitFor();
    assert.equal(await munRow.getByTestId('signature').getAttribute('data-valid'), 'true');
    assert.equal(await admin.getByTestId('sign-for').count(), 0);
    await shot(admin, '7-signed-by-one');

    // The other two parties sign (through the API): the agreement is SIGNED; the editor activates it.
    await sign(id, COUNCIL_ADMIN, orgs.council);
    await sign(id, GH_ADMIN, orgs.gh);
    const page = await open();
    await signInAt(page, EDITOR, `#/agreements/${id}`);
    await page.getByTestId('transition-ACTIVE').click();
    await eventually(async () => assert.equal(await page.getByTestId('lifecycle').getByTestId('agreement-state').getAttribute('data-state'), 'ACTIVE'));
    assert.equal(await text(page.getByTestId('in-force-version')), '1');

    // A follow-up: the external KPI needs its source next to the figure.
    await page.getByTestId('write-follow-up').click();
    const form = page.getByTestId('follow-up-form');
    await form.getByLabel('Period from').fill('2026-01-01');
    await form.getByLabel('Period to').fill('2026-06-30');
    await form.getByLabel('Comment').fill('Første halvår.');
    await form.locator('#fu-external-satisfaction-actual').fill('8,2');
    await form.getByTestId('submit-follow-up').click();
    await form.locator('#fu-external-satisfaction-source-error').waitFor();
    assert.match(await text(form.locator('#fu-external-satisfaction-source-error')), /Name the source/);
    await form.locator('#fu-external-satisfaction-source').fill('Brugerundersøgelse (E2E)');
    await form.getByTestId('submit-follow-up').click();
    const followUp = page.getByTestId('follow-up').first();
    await followUp.waitFor();
    assert.match(await text(followUp), /1 Jan 2026 – 30 Jun 2026/);
    assert.match(await text(followUp), /Brugerundersøgelse \(E2E\)/);
    const satisfaction = page.locator('[data-testid="kpi-row"][data-kpi="satisfaction"]');
    // Typed as "8,2" (a decimal comma), shown in the chosen language (English in this test).
    await eventually(async () => assert.equal(await text(satisfaction.getByTestId('kpi-actual')), '8.2'));
    await shot(page, '8-follow-up');

    // Amend it: version 2 starts as a copy; change a KPI target, save, and compare with version 1.
    await page.getByTestId('amend-agreement').click();
    await page.getByLabel('Reason for the amendment').fill('Tillæg 1 (E2E)');
    await page.getByTestId('confirm-amend').click();
    await page.getByRole('heading', { level: 1, name: 'Edit amendment 2' }).waitFor();
    await page.locator('#f-content-kpis-0-target').fill('45');
    await page.getByTestId('save-agreement').click();
    await page.getByTestId('saved-notice').waitFor();
    assert.match(await text(page.getByTestId('current-version')), /amendment being prepared/);
    assert.equal(await text(page.getByTestId('in-force-version')), '1');
    await page.getByTestId('compare-versions').click();
    const diff = page.getByTestId('difference');
    await diff.first().waitFor();
    assert.deepEqual(await diff.locator('th').allTextContents(), ['KPI “Vækstkortlægninger” › Target']);
    assert.deepEqual([await text(diff.locator('td.before')), await text(diff.locator('td.after'))], ['40', '45']);
  });
});

test('a non-party does not see the agreement in the list, and its URL shows not found', { timeout: 60_000 }, async () => {
  const title = `E2E fortrolig ${Date.now()}`;
  const { id } = await createDraft(title);
  await withBrowser(async (open) => {
    const page = await open();
    await signInAt(page, OTHER, '#/agreements');
    await page.getByRole('heading', { level: 1, name: 'Service agreements' }).waitFor();
    await page.getByTestId('agreement-list').getByRole('status').or(page.getByTestId('agreement-row').first()).first().waitFor();
    assert.equal(await page.getByTestId('agreement-list').getByRole('link', { name: title }).count(), 0);
    assert.equal(await page.getByTestId('agreement-row').filter({ hasText: 'Randers' }).count(), 0);
    await page.goto(`${BASE_URL}/#/agreements/${id}`);
    await page.getByTestId('agreement-not-found').waitFor();
    assert.match(await text(page.getByTestId('agreement-not-found')), /does not exist, or you are not a party to it/);
    assert.equal(await page.getByText(title).count(), 0);
    await shot(page, '9-not-found');
  });
});
