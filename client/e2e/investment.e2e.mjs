// Browser tests of investment promotion and the public investor portal against a running server.
//   E2E_BASE_URL=http://127.0.0.1:4567 node --test client/e2e/investment.e2e.mjs
// Drives Debian's Chromium (/usr/bin/chromium) through playwright-core. On failure a screenshot is
// written to /tmp/gg-e2e-investment-failure.png. E2E_SCREENSHOT_DIR=<dir> also saves screenshots of the pages.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { apiSignIn, BASE_URL, CHROMIUM, eventually, graphql, launch, newContext, SCREENSHOT_DIR, signIn, text, TIMEOUT } from './helpers.mjs';

const COORDINATOR = 'coordinator@kalmar.demo'; // Region Kalmar län - EDITOR; Kalmar kommun - CONSULTANT
const COPCAP = 'investment@copcap.demo'; // Copenhagen Capacity - CONSULTANT
const FAILURE_SCREENSHOT = '/tmp/gg-e2e-investment-failure.png';

/** Runs `body` with a fresh browser page; screenshots on failure; collects page errors; always closes the browser. */
async function withPage(name, body, { language = 'en' } = {}) {
  assert.ok(BASE_URL, 'Set E2E_BASE_URL to the running app, e.g. http://127.0.0.1:4567');
  assert.ok(fs.existsSync(CHROMIUM), `No Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  const browser = await launch();
  const problems = [];
  let page;
  const shot = async (step) => {
    if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, `investment-${name}-${step}.png`), fullPage: true });
  };
  try {
    const context = await newContext(browser, { language, viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(TIMEOUT);
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
    await body(page, shot);
    assert.deepEqual(problems, [], 'no errors in the page');
  } catch (error) {
    if (page) await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => {});
    if (problems.length > 0 && error instanceof Error) error.message += `\nBrowser problems:\n${problems.join('\n')}`;
    throw error;
  } finally {
    await browser.close();
  }
}

test('establishment inquiries: confidential names for handlers, the pipeline, SUCCESSFUL only with evidence', { timeout: 60_000 }, async () => {
  // What the coordinator handles, asked from the API directly.
  const token = await apiSignIn(COORDINATOR);
  const { establishmentInquiries } = await graphql('query { establishmentInquiries(first: 20) { edges { node { codeName confidentialProjectName } } } }', {}, token);
  const confidential = establishmentInquiries.edges.map((e) => e.node).find((i) => i.confidentialProjectName);
  assert.ok(confidential, 'the coordinator handles an inquiry with a confidential project name');

  await withPage('inquiries', async (page, shot) => {
    await signIn(page, COORDINATOR);
    await page.getByTestId('nav-investment').click();
    await page.getByTestId('tab-inquiries').click();
    const row = page.locator(`[data-testid="inquiry-row"][data-code-name="${confidential.codeName}"]`);
    await row.waitFor();
    assert.equal(await text(row.getByTestId('inquiry-name')), confidential.confidentialProjectName);
    assert.match(await text(row), /Konfidentiellt/);
    await page.getByTestId('pipeline').waitFor();
    await shot('1-pipeline');

    // Record an inquiry of our own (unique name), routed to two municipalities of Kalmar län.
    const projectName = `E2E Project ${Date.now()}`;
    await page.getByTestId('new-inquiry').click();
    await page.getByTestId('inquiry-form').waitFor();
    const agency = page.getByLabel('Inkommet från');
    await eventually(async () => assert.ok((await agency.locator('option', { hasText: 'Business Sweden' }).count()) > 0));
    await agency.selectOption({ label: 'Business Sweden' });
    await eventually(async () => assert.match(await page.getByLabel('Regional samordnare').locator('option:checked').innerText(), /Kalmar/));
    await page.getByLabel('Projektnamn (konfidentiellt)').fill(projectName);
    await page.getByLabel('Sammanfattning (konfidentiell)').fill('Nordic data-centre operator looking for 20 MW and a site by the E22.');
    await page.getByLabel('Sektor').selectOption('ICT');
    // The country is picked by its Swedish name, not typed as a code.
    await page.getByLabel('Investerarens land').fill('Finland');
    await page.getByLabel('Förväntade jobb').fill('40');
    await page.getByLabel('Förväntad investering (kr)').fill('250 000 000'); // Swedish thousands spaces
    const group = page.getByTestId('inquiry-group-choices');
    await group.getByLabel('Kalmar kommun').check();
    await group.getByLabel('Nybro kommun').check();
    await page.getByTestId('save-inquiry').click();

    // Its page: the confidential name (the API returns it to handlers), a code name, state LEAD.
    await page.getByTestId('inquiry-page').waitFor();
    await eventually(async () => assert.equal(await text(page.getByRole('heading', { level: 1 }).getByTestId('inquiry-name')), projectName));
    assert.match(await text(page.getByTestId('inquiry-code-name')), /^EI-[A-Z2-9]{6}$/);
    assert.equal(await page.getByTestId('inquiry-state').getAttribute('data-state'), 'LEAD');
    assert.equal(await text(page.getByTestId('projected-jobs')), '40');
    assert.equal(await text(page.getByTestId('inquiry-origin')), 'Finland (FI)');

    // LEAD -> ACTIVE.
    await page.getByTestId('state-select').selectOption('ACTIVE');
    await page.getByTestId('change-state').click();
    await eventually(async () => assert.equal(await page.getByTestId('inquiry-state').getAttribute('data-state'), 'ACTIVE'));
    assert.equal(await page.getByTestId('history-entry').count(), 2);

    // ACTIVE -> SUCCESSFUL without evidence: refused, the error is shown at the evidence.
    await page.getByTestId('state-select').selectOption('SUCCESSFUL');
    await page.getByTestId('evidence-fieldset').waitFor();
    await page.getByTestId('change-state').click();
    const evidenceError = page.getByTestId('evidence-fieldset').getByTestId('error-evidence');
    await evidenceError.waitFor();
    assert.match(await text(evidenceError), /belägg/i);
    assert.equal(await page.getByTestId('inquiry-state').getAttribute('data-state'), 'ACTIVE', 'nothing changed');
    await shot('2-evidence-required');

    // With evidence it counts as successful; realised jobs are shown apart from the projected ones.
    await page.getByLabel('Vad som styrker det').fill('Lease signed; company registered.');
    await page.getByLabel('Etablerat i', { exact: true }).selectOption({ label: 'Nybro kommun' });
    await page.getByLabel('Skapade jobb').fill('12');
    await page.getByTestId('change-state').click();
    await eventually(async () => assert.equal(await page.getByTestId('inquiry-state').getAttribute('data-state'), 'SUCCESSFUL'));
    assert.equal(await text(page.getByTestId('projected-jobs')), '40');
    assert.equal(await text(page.getByTestId('realised-jobs')), '12');
    assert.match(await text(page.getByTestId('inquiry-evidence')), /Lease signed/);
    assert.equal(await page.getByTestId('state-form').count(), 0, 'SUCCESSFUL is final');
    await shot('3-successful');
  }, { language: 'sv' });
});

test('delegations of the shared reception: value created, a new delegation and its follow-up', { timeout: 60_000 }, async () => {
  const token = await apiSignIn(COPCAP);
  const { delegations } = await graphql(
    'query { delegations(first: 50) { edges { node { id name results { contactsMade projectsStarted establishments jobsCreated } } } } }',
    {},
    token,
  );
  const shenzhen = delegations.edges.map((e) => e.node).find((d) => d.name === 'Cleantech-delegation fra Shenzhen');
  assert.ok(shenzhen, 'Copenhagen Capacity received the Shenzhen delegation');

  await withPage('delegations', async (page, shot) => {
    await signIn(page, COPCAP);
    await page.getByTestId('nav-investment').click();
    // Latest visit first: page on until the (2015) delegation shows; other runs may have added newer ones.
    const link = page.getByTestId('delegations').getByRole('link', { name: shenzhen.name, exact: true });
    await page.getByTestId('delegation-row').first().waitFor();
    while (!(await link.isVisible()) && (await page.getByTestId('load-more').isVisible())) {
      const rows = await page.getByTestId('delegation-row').count();
      await page.getByTestId('load-more').click();
      await eventually(async () => assert.ok((await page.getByTestId('delegation-row').count()) > rows));
    }
    await link.click();
    await page.getByRole('heading', { level: 1, name: shenzhen.name }).waitFor();
    assert.equal(await text(page.getByTestId('delegation-origin')), 'China (CN)');
    assert.equal(await text(page.getByTestId('delegation-sector')), 'Cleantech');
    assert.match(await text(page.getByTestId('delegation-hosts')), /København Kommune/);
    const value = page.getByTestId('delegation-value');
    assert.equal(await text(value.getByTestId('value-contacts')), String(shenzhen.results.contactsMade));
    assert.equal(await text(value.getByTestId('value-projects')), String(shenzhen.results.projectsStarted));
    assert.equal(await text(value.getByTestId('value-establishments')), String(shenzhen.results.establishments));
    assert.equal(await text(value.getByTestId('value-jobs')), String(shenzhen.results.jobsCreated));
    assert.ok((await page.getByTestId('follow-up').count()) > 0, 'its follow-ups are listed');
    await shot('1-delegation');

    // A delegation of our own, then a follow-up: the value created is summed by the server.
    const name = `E2E delegation ${Date.now()}`;
    await page.getByRole('link', { name: '← Delegations' }).click();
    await page.getByTestId('new-delegation').click();
    await page.getByTestId('delegation-form').waitFor();
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Country of origin').fill('Japan');
    await page.getByLabel('Sector focus').selectOption('LIFE_SCIENCE');
    await page.getByLabel('First day').fill('2026-05-04');
    await page.getByLabel('Last day').fill('2026-05-03'); // before the start: refused naming the field
    await page.getByLabel('Visitors').fill('9');
    await page.getByLabel('København Kommune').check();
    await page.getByRole('button', { name: 'Record delegation' }).click();
    await page.getByTestId('error-visitEndsOn').waitFor();
    await page.getByLabel('Last day').fill('2026-05-06');
    await page.getByRole('button', { name: 'Record delegation' }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    assert.equal(await text(page.getByTestId('delegation-value').getByTestId('value-jobs')), '0');
    await page.getByLabel('What happened').fill('Two biotech firms opened talks; one established a lab.');
    await page.getByLabel('Contacts made').fill('5');
    await page.getByLabel('Projects started').fill('1');
    await page.getByLabel('Establishments').fill('1');
    await page.getByLabel('Jobs created').fill('7');
    await page.getByRole('button', { name: 'Record follow-up' }).click();
    await eventually(async () => assert.equal(await text(page.getByTestId('delegation-value').getByTestId('value-jobs')), '7'));
    assert.equal(await text(page.getByTestId('delegation-value').getByTestId('value-contacts')), '5');
    assert.equal(await text(page.getByTestId('delegation-value').getByTestId('value-establishments')), '1');
    await shot('2-new-delegation');
  });
});

test('the investor portal is readable without signing in, and nothing else is', { timeout: 60_000 }, async () => {
  const { investorPortalListings } = await graphql('query { investorPortalListings(first: 100) { edges { node { id title isTender } } } }');
  const listings = investorPortalListings.edges.map((e) => e.node);
  assert.ok(listings.length > 0, 'the demo data lists projects on the portal');

  await withPage('portal', async (page, shot) => {
    const authorised = [];
    page.on('request', (r) => r.url().endsWith('/graphql') && r.headers().authorization && authorised.push(r.url()));

    await page.goto(`${BASE_URL}/#/portal`);
    await page.getByRole('heading', { level: 1, name: 'Investor portal' }).waitFor();
    const cards = page.getByTestId('portal-listing');
    await eventually(async () => assert.equal(await cards.count(), Math.min(listings.length, 20)));
    const titles = await cards.locator('h2').allTextContents();
    assert.deepEqual(titles, listings.slice(0, 20).map((l) => l.title));
    assert.equal(await page.getByLabel('Password').count(), 0, 'no sign-in form on the portal');
    await shot('1-listings');

    // Tenders only.
    await page.getByTestId('portal-tenders-only').check();
    await eventually(async () => assert.deepEqual(await cards.locator('h2').allTextContents(), listings.filter((l) => l.isTender).slice(0, 20).map((l) => l.title)));
    await page.getByTestId('portal-tenders-only').uncheck();

    // One project.
    await cards.first().getByRole('link').click();
    await page.getByTestId('portal-listing-details').waitFor();
    assert.equal(await text(page.getByRole('heading', { level: 1 })), listings[0].title);
    await shot('2-listing');

    assert.deepEqual(authorised, [], 'the portal sends no credentials');
    assert.equal(await page.evaluate(() => localStorage.getItem('growthGraph.token')), null, 'and holds no session');

    // Nothing else is reachable without signing in: other pages show the sign-in page.
    for (const hash of ['#/firms', '#/investment', '#/networks', '#/organisations']) {
      await page.goto(`${BASE_URL}/${hash}`);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      assert.equal(await page.getByTestId('portal-listing').count(), 0, `${hash} shows the sign-in page`);
    }
    // The sign-in page links to the portal, and the portal back to signing in.
    await page.getByTestId('investor-portal-link').click();
    await page.getByRole('heading', { level: 1, name: 'Investor portal' }).waitFor();
    await page.getByTestId('portal-sign-in').click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });
});
