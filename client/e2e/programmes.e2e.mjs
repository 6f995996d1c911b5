// Browser test of the Programmes pages against a running server (API at /graphql, client at /).
//   E2E_BASE_URL=http://127.0.0.1:4567 node --test client/e2e/programmes.e2e.mjs
// Main path: the catalogue, a programme's page, a refused enrolment (with its reason), an enrolment that
// takes a seat and a drop-out that frees it again (so the seeded programme keeps its seat count), and an
// organisation that sees the programme but not its enrolled firms. On failure: /tmp/gg-e2e-programmes-failure.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { apiSignIn, BASE_URL, CHROMIUM, eventually, fillSignIn, graphql, launch, newContext, SCREENSHOT_DIR, TIMEOUT } from './helpers.mjs';

const OPERATOR = 'consultant@midtjylland.demo';
const OTHER = 'consultant@hovedstaden.demo';
const EDITOR = 'admin@midtjylland.demo';
const PROGRAMME = 'Vækstiværksætterprogram Midtjylland';
const FAILURE_SCREENSHOT = '/tmp/gg-e2e-programmes-failure.png';

const FIRMS_OF = `query($country: Country!, $code: String!) { organisationByCode(country: $country, kind: MUNICIPALITY, officialCode: $code) {
  firms(first: 100) { edges { node { id name cvr status } } } } }`;
const ELIGIBILITY = 'query($p: ID!, $f: ID!) { programmeEligibility(programmeId: $p, firmId: $f) { eligible failedCriteria } }';

/** The first registered firm with a CVR of a municipality (by kommunekode) that passes `accept`. */
async function findFirm(token, codes, accept) {
  for (const code of codes) {
    const { organisationByCode } = await graphql(FIRMS_OF, { country: 'DK', code }, token);
    for (const { node } of organisationByCode?.firms.edges ?? []) {
      if (node.status === 'REGISTERED' && node.cvr && (await accept(node))) return node;
    }
  }
  return null;
}

test('programmes: catalogue, programme page, refused and accepted enrolment, drop-out, what another organisation sees', { timeout: 120_000 }, async () => {
  assert.ok(BASE_URL, 'Set E2E_BASE_URL to the running app, e.g. http://127.0.0.1:4567');
  assert.ok(fs.existsSync(CHROMIUM), `No Chromium at ${CHROMIUM}: apt-get install -y chromium`);

  // From the API: the programme, a firm it refuses (outside its region) and one it admits that is not enrolled yet.
  const token = await apiSignIn(OPERATOR);
  const { programmeCatalogue } = await graphql(
    'query($f: ProgrammeCatalogueFilter) { programmeCatalogue(filter: $f, first: 5) { edges { node { id name capacity availableSeats } } } }',
    { f: { namePrefix: PROGRAMME } },
    token,
  );
  const programme = programmeCatalogue.edges.map((e) => e.node).find((p) => p.name === PROGRAMME);
  assert.ok(programme, `the demo data has "${PROGRAMME}" in the catalogue`);
  assert.ok(programme.availableSeats > 0, 'the programme has a free seat');
  const enrolledIds = new Set();
  for (let after = null; ; ) {
    const { programme: p } = await graphql(
      'query($id: ID!, $after: String) { programme(id: $id) { enrolments(first: 100, after: $after) { edges { node { firm { id } } } pageInfo { hasNextPage endCursor } } } }',
      { id: programme.id, after },
      token,
    );
    p.enrolments.edges.forEach((e) => e.node.firm && enrolledIds.add(e.node.firm.id));
    if (!p.enrolments.pageInfo.hasNextPage) break;
    after = p.enrolments.pageInfo.endCursor;
  }
  const eligible = async (firm) => (await graphql(ELIGIBILITY, { p: programme.id, f: firm.id }, token)).programmeEligibility;
  const ineligible = await findFirm(token, ['101', '147'], async (f) => (await eligible(f))?.eligible === false);
  assert.ok(ineligible, 'a firm in København the programme refuses');
  // Midtjylland municipalities: Aarhus, Randers, Silkeborg, Herning, Viborg, Horsens.
  const admitted = await findFirm(token, ['751', '730', '740', '657', '791', '615'], async (f) => !enrolledIds.has(f.id) && (await eligible(f))?.eligible === true);
  assert.ok(admitted, 'a firm in Region Midtjylland the programme admits and that is not enrolled yet');
  const seatsBefore = programme.availableSeats;

  const browser = await launch();
  const problems = [];
  let page;
  const shot = async (name) => {
    if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, `programmes-${name}.png`), fullPage: true });
  };
  const signIn = async (email) => {
    await page.goto(`${BASE_URL}/`);
    await fillSignIn(page, email);
    await page.getByTestId('user-name').waitFor();
  };
  const seats = async () => Number((await page.getByTestId('available-seats').textContent())?.trim());
  /** Finds a firm by CVR in the enrolment form's firm finder and chooses it. */
  const chooseFirm = async (firm) => {
    const form = page.getByTestId('enrol-firm');
    await form.getByTestId('firm-finder-input').fill(firm.cvr);
    await form.getByTestId('firm-finder-submit').click();
    await form.getByRole('button', { name: `Choose ${firm.name}` }).click();
    await form.getByTestId('chosen-firm').getByRole('heading', { name: firm.name }).waitFor();
    await form.getByTestId('eligibility-hint').waitFor();
  };
  try {
    const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(TIMEOUT);
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));

    // The catalogue, filtered: the programme is open to high-potential firms; not to large ones.
    await signIn(OPERATOR);
    await page.getByTestId('nav-programmes').click();
    await page.getByRole('heading', { level: 1, name: 'Programmes' }).waitFor();
    const items = page.getByTestId('programme-item');
    await items.first().waitFor();
    await page.getByTestId('filter-name').fill('Vækst');
    await page.getByTestId('filter-level').selectOption('HIGH');
    await page.getByTestId('filter-kind').selectOption('ACCELERATOR');
    await page.getByTestId('filter-submit').click();
    await eventually(async () => assert.match(await page.evaluate(() => window.location.hash), /level=HIGH/));
    await items.getByRole('link', { name: PROGRAMME, exact: true }).waitFor();
    for (const line of await items.locator('p.muted').allTextContents()) assert.match(line, /^Accelerator/, 'only accelerators are listed');
    await shot('1-catalogue');
    await page.getByTestId('filter-size').selectOption('LARGE');
    await page.getByTestId('filter-submit').click();
    await eventually(async () => assert.equal(await items.getByRole('link', { name: PROGRAMME, exact: true }).count(), 0, 'not open to large firms'));

    // The programme's page: operator, funding shares (100 %), eligibility, seats, KPIs, throughput.
    await page.goto(`${BASE_URL}/#/programmes?name=${encodeURIComponent('Vækstiværksætter')}`);
    await items.getByRole('link', { name: PROGRAMME, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    await page.getByRole('link', { name: 'Erhvervshus Midtjylland' }).first().waitFor();
    assert.equal((await page.getByTestId('funding-total').textContent())?.trim(), '100 %');
    assert.match(await page.getByTestId('programme-page').textContent(), /Region Midtjylland/);
    assert.match(await page.getByTestId('programme-page').textContent(), /Virksomheder gennemført/);
    await eventually(async () => assert.equal(await seats(), seatsBefore));
    await page.getByTestId('enrolments').waitFor();
    await shot('2-programme');

    // A firm outside the programme's region is refused, with the reason and the criterion it fails.
    await chooseFirm(ineligible);
    // The hint follows the chosen firm once its eligibility check has answered.
    await eventually(async () => assert.match(await page.getByTestId('eligibility-hint').textContent(), /Does not meet/));
    await page.getByTestId('enrol-submit').click();
    const refusal = page.getByTestId('enrol-refusal');
    await refusal.waitFor();
    // Worded from the error's code for the user, not the server's developer message.
    assert.match(await refusal.textContent(), /The firm does not meet the programme’s criteria\./);
    assert.match(await page.getByTestId('failed-criteria').textContent(), /Region/);
    assert.equal(await seats(), seatsBefore, 'a refusal takes no seat');
    await shot('3-refused');

    // An eligible firm is enrolled: it takes a seat and is listed.
    await chooseFirm(admitted);
    await eventually(async () => assert.match(await page.getByTestId('eligibility-hint').textContent(), /Meets all/));
    await page.getByTestId('enrol-submit').click();
    await page.getByTestId('enrol-success').waitFor();
    await eventually(async () => assert.equal(await seats(), seatsBefore - 1));
    const row = page.getByTestId('enrolment-row').filter({ has: page.getByRole('link', { name: admitted.name, exact: true }) });
    await eventually(async () => assert.equal((await row.getByTestId('enrolment-state').textContent())?.trim(), 'Enrolled'));
    await shot('4-enrolled');

    // It drops out (with the enrolment's version): the seat is free again.
    await row.getByTestId('drop-out').click();
    await row.getByLabel('Reason for leaving (optional)').fill('E2E test: frees the seat again');
    await row.getByTestId('confirm-state').click();
    await eventually(async () => assert.equal((await row.getByTestId('enrolment-state').textContent())?.trim(), 'Dropped out'));
    await eventually(async () => assert.equal(await seats(), seatsBefore));
    assert.deepEqual(problems, [], 'no errors in the page');

    // Another growth house sees the programme and its counts, but not which firms take part, and cannot enrol.
    await page.getByTestId('sign-out').click();
    await signIn(OTHER);
    await page.getByTestId('nav-programmes').click();
    await page.getByTestId('filter-name').fill(PROGRAMME);
    await page.getByTestId('filter-submit').click();
    await items.getByRole('link', { name: PROGRAMME, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    await page.getByTestId('enrolments-hidden').waitFor();
    assert.equal(await page.getByTestId('enrolments').count(), 0);
    assert.equal(await page.getByTestId('enrol-firm').count(), 0);
    assert.equal(await seats(), seatsBefore);
    await shot('5-other-organisation');

    assert.deepEqual(problems, [], 'no errors in the page');
  } catch (error) {
    if (page) await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => {});
    if (problems.length > 0 && error instanceof Error) error.message += `\nBrowser problems:\n${problems.join('\n')}`;
    throw error;
  } finally {
    await browser.close();
  }
});

test('programmes: an editor creates a draft programme; funding shares must add up to 100 %', { timeout: 60_000 }, async () => {
  assert.ok(BASE_URL, 'Set E2E_BASE_URL to the running app, e.g. http://127.0.0.1:4567');
  const name = `E2E programme ${Date.now()}`;
  const browser = await launch();
  const problems = [];
  let page;
  try {
    const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(TIMEOUT);
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(`${BASE_URL}/`);
    await fillSignIn(page, EDITOR);
    await page.getByTestId('user-name').waitFor();
    await page.getByTestId('nav-programmes').click();
    await page.getByTestId('new-programme').click();

    const form = page.getByTestId('create-programme-form');
    await form.getByLabel('Operator').selectOption({ label: 'Erhvervshus Midtjylland' });
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel('Starts on').fill('2027-01-10');
    await form.getByLabel('Ends on').fill('2027-06-30');
    await form.getByLabel('Capacity (firms)').fill('12');
    await form.getByRole('checkbox', { name: 'High' }).check();
    await form.getByTestId('funding-0-funderName').fill('Erhvervshus Midtjylland');
    await form.getByTestId('funding-0-sharePercent').fill('33.33');
    await form.getByTestId('add-funder').click();
    await form.getByTestId('funding-1-funderName').fill('EU Regionalfond');
    await form.getByTestId('funding-1-sharePercent').fill('66.66');
    assert.match(await form.getByTestId('funding-form-total').textContent(), /99\.99 %: must be exactly 100 %/);
    await form.getByTestId('create-programme-submit').click();
    // The server refuses, naming the list of funding sources; the message stands next to it.
    await eventually(async () => assert.equal((await form.getByTestId('error-fundingSources').textContent())?.trim(), 'The shares must add up to exactly 100 %.'));
    if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'programmes-6-create-refused.png'), fullPage: true });

    await form.getByTestId('funding-1-sharePercent').fill('66.67');
    await form.getByTestId('create-programme-submit').click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    assert.equal((await page.getByTestId('programme-state').textContent())?.trim(), 'Draft');
    assert.equal((await page.getByTestId('funding-total').textContent())?.trim(), '100 %');
    assert.equal((await page.getByTestId('available-seats').textContent())?.trim(), '12');
    assert.deepEqual(problems, [], 'no errors in the page');
  } catch (error) {
    if (page) await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => {});
    if (problems.length > 0 && error instanceof Error) error.message += `\nBrowser problems:\n${problems.join('\n')}`;
    throw error;
  } finally {
    await browser.close();
  }
});
