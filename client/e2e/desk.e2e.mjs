// Browser test of the consultant's desk (client/src/desk) against a running server:
//   E2E_BASE_URL=http://127.0.0.1:4567 node --test client/e2e/desk.e2e.mjs
// A consultant of Erhvervshus Midtjylland records a growth mapping and a milestone for a firm of its own
// (created for this run), refers it to Revision Nord; Revision Nord's advisor answers the referral from its
// inbox and then sees the journey on that basis; Erhvervshus Hovedstaden sees only that a journey exists.
// On failure a screenshot is written to /tmp/gg-e2e-desk-failure.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { apiSignIn, BASE_URL, CHROMIUM, createFirm, eventually, fillSignIn, graphql, launch, newContext, randomCvr, SCREENSHOT_DIR, TIMEOUT } from './helpers.mjs';

const MIDT = 'consultant@midtjylland.demo';
const ADVISOR = 'advisor@revisionnord.demo';
const HOVED = 'consultant@hovedstaden.demo';
const FAILURE_SCREENSHOT = '/tmp/gg-e2e-desk-failure.png';
const DAY = 24 * 60 * 60 * 1000;

/** "YYYY-MM-DDTHH:MM" in local time, for datetime-local inputs. */
const localDateTime = (d) => {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};

test("consultant's desk: growth mapping, milestone and referral; the receiver answers it; another growth house sees only the hidden notice", { timeout: 120_000 }, async () => {
  assert.ok(BASE_URL, 'Set E2E_BASE_URL to the running app, e.g. http://127.0.0.1:4567');
  assert.ok(fs.existsSync(CHROMIUM), `No Chromium at ${CHROMIUM}: apt-get install -y chromium`);

  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const firmName = `Desk E2E ${stamp} ApS`;
  const ambition = `Ambition ${stamp}: double export`;
  const reason = `Desk e2e ${stamp}: help with financing the export plan`;
  const milestoneTitle = `Export plan ${stamp}`;
  const midtToken = await apiSignIn(MIDT);
  const firm = await createFirm(midtToken, firmName);
  const { growthWheelModel } = await graphql('{ growthWheelModel { area decisionAreas } }', {}, midtToken);
  const decisionAreas = growthWheelModel.flatMap((a) => a.decisionAreas);
  assert.equal(decisionAreas.length, 20);

  const browser = await launch();
  const problems = [];
  let page;
  const shot = async (name) => {
    if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, `desk-${name}.png`), fullPage: true });
  };
  async function signInAs(email) {
    const context = await newContext(browser, { viewport: { width: 1400, height: 1000 } });
    context.setDefaultTimeout(TIMEOUT);
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`${email}: page error: ${error.message}`));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(`${email}: console: ${msg.text()}`));
    await page.goto(`${BASE_URL}/`);
    await fillSignIn(page, email);
    await page.getByTestId('user-name').waitFor();
    return context;
  }
  const timeline = () => page.getByTestId('journey-timeline');

  try {
    // --- Erhvervshus Midtjylland's consultant: find the firm at the desk.
    const midt = await signInAs(MIDT);
    await page.getByTestId('nav-desk').click();
    await page.getByRole('heading', { level: 1, name: "Consultant's desk" }).waitFor();
    await page.getByTestId('referral-inbox').waitFor();
    await page.getByLabel('Firm name, CVR or organisationsnummer').fill(firmName);
    await page.getByTestId('firm-finder-submit').click();
    await page.getByTestId('firm-finder-results').getByRole('link', { name: firmName, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: firmName }).waitFor();
    assert.match(page.url(), new RegExp(`#/desk/firm/${firm.id}$`));
    await timeline().getByText('No journey entries you may see yet.').waitFor();
    assert.equal(await page.getByTestId('hidden-journey-notice').count(), 0, 'nothing hidden on a new firm');

    // Growth mapping: a score for each of the 20 decision areas; exactly 3 focus areas.
    const form = page.getByTestId('growth-mapping-form');
    for (const [i, d] of decisionAreas.entries()) await form.getByTestId(`score-${d}`).selectOption(String(1 + (i % 5)));
    await form.getByTestId('focus-SALES').check();
    await form.getByTestId('focus-FINANCING').check();
    await form.getByTestId('mapping-submit').click();
    await form.getByText('Pick exactly 3 focus areas (2 picked).').waitFor();
    await form.getByTestId('focus-INTERNATIONALISATION').check();
    assert.equal(await form.getByTestId('focus-VISION').isDisabled(), true, 'a 4th focus area cannot be picked');
    await form.getByLabel('Growth ambition (optional)').fill(ambition);
    // Back-dated beyond the window: the server's user error is shown next to the time field.
    await form.getByLabel('When it happened').fill(localDateTime(new Date(Date.now() - 20 * DAY)));
    await form.getByTestId('mapping-submit').click();
    await form.locator('#mapping-occurred-error').getByText(/at most 14 days back/).waitFor();
    assert.equal(await form.getByLabel('When it happened').getAttribute('aria-invalid'), 'true');
    await form.getByLabel('When it happened').fill(localDateTime(new Date(Date.now() - 60 * 60 * 1000)));
    await form.getByTestId('mapping-submit').click();
    await form.getByTestId('mapping-saved').waitFor();
    const mapping = timeline().locator('[data-testid="journey-entry"][data-kind="GROWTH_MAPPING"]');
    await mapping.waitFor();
    const mappingText = await mapping.textContent();
    assert.match(mappingText, /Erhvervshus Midtjylland/);
    assert.match(mappingText, /Sales, Financing, Internationalisation/);
    assert.match(mappingText, new RegExp(ambition));
    await shot('1-growth-mapping');

    // A growth-plan milestone: add it, change its status; a stale version is shown as a conflict.
    await page.getByTestId('tool-milestones').click();
    const due = new Date(Date.now() + 7 * DAY);
    await page.getByLabel('Title').fill(milestoneTitle);
    await page.getByLabel('Owner').fill('CEO');
    await page.getByLabel('Due on').fill(due.toISOString().slice(0, 10));
    await page.getByTestId('milestone-add').click();
    const milestone = page.getByTestId('milestone').filter({ hasText: milestoneTitle });
    await milestone.getByTestId('milestone-status').getByText('Planned').waitFor();
    await milestone.getByTestId('milestone-status-select').selectOption('IN_PROGRESS');
    await milestone.getByTestId('milestone-save').click();
    await milestone.getByTestId('milestone-status').getByText('In progress').waitFor();
    // Someone else changes it meanwhile (through the API, with the current version).
    const milestoneId = await milestone.getAttribute('data-milestone-id');
    const { recordTouchpoint: other } = await graphql(
      'mutation($i: RecordTouchpointInput!) { recordTouchpoint(input: $i) { milestone { version status } userErrors { message } } }',
      { i: { firmId: firm.id, kind: 'GROWTH_PLAN_MILESTONE', occurredAt: new Date().toISOString(), milestone: { milestoneId, expectedVersion: 2, ownerName: 'CFO' } } },
      midtToken,
    );
    assert.deepEqual(other.userErrors, []);
    await milestone.getByTestId('milestone-status-select').selectOption('DONE');
    await milestone.getByTestId('milestone-save').click();
    await milestone.getByTestId('version-conflict').getByText(/Someone else changed this in the meantime/).waitFor();
    await milestone.getByTestId('milestone-reload').click();
    await milestone.getByText(/CFO · due/).waitFor();
    assert.equal(await milestone.getByTestId('version-conflict').count(), 0, 'the conflict clears once reloaded');
    await milestone.getByTestId('milestone-save').click();
    await milestone.getByTestId('milestone-status').getByText('Done').waitFor();

    // Refer the firm to Revision Nord (demo), chosen by name.
    await page.getByTestId('tool-referral').click();
    await page.getByLabel('Receiving organisation').fill('Revision Nord');
    await page.getByTestId('organisation-option').filter({ hasText: 'Revision Nord (demo)' }).click();
    await page.getByTestId('referral-receiver').getByText('Revision Nord (demo)').waitFor();
    await page.getByLabel('What should they help with?').fill(reason);
    await page.getByTestId('referral-send').click();
    await page.getByTestId('referral-sent').waitFor();
    const referralEntry = timeline().locator('[data-testid="journey-entry"][data-kind="REFERRAL"]');
    await referralEntry.getByText(reason).waitFor();
    assert.match(await referralEntry.textContent(), /Revision Nord \(demo\).*Status nowSent/);
    await shot('2-referral-sent');
    // Filters: only growth mappings; then all again.
    await page.getByTestId('filter-kind').selectOption('GROWTH_MAPPING');
    await page.getByTestId('filter-apply').click();
    await eventually(async () => assert.deepEqual(await timeline().getByTestId('journey-entry').evaluateAll((es) => es.map((e) => e.dataset.kind)), ['GROWTH_MAPPING']));
    assert.match(page.url(), /\?kind=GROWTH_MAPPING$/);
    await page.getByRole('button', { name: 'Clear' }).click();
    await timeline().locator('[data-kind="REFERRAL"]').waitFor();

    // The worklist lists the firm among our recent firms and its milestone... and opens it again.
    await page.getByRole('link', { name: "← Consultant's desk" }).click();
    const recent = page.getByTestId('recent-firms').getByRole('link', { name: firmName, exact: true });
    await recent.waitFor();
    await shot('3-worklist');
    await recent.click();
    await page.getByRole('heading', { level: 1, name: firmName }).waitFor();
    await timeline().locator('[data-kind="GROWTH_MAPPING"]').waitFor();
    await midt.close();

    // --- Revision Nord's advisor: the referral waits in the inbox; accept it.
    const advisor = await signInAs(ADVISOR);
    await page.getByTestId('nav-desk').click();
    const inbox = page.getByTestId('referral-inbox');
    const item = inbox.getByTestId('referral-item').filter({ hasText: reason });
    // The inbox pages (the demo data keeps other referrals open there): load more until ours shows.
    const findInInbox = async () => {
      await inbox.getByTestId('referral-item').first().waitFor();
      for (let i = 0; i < 20 && !(await item.count()); i++) {
        await inbox.getByTestId('load-more').click();
        await page.waitForTimeout(300);
      }
      await item.waitFor();
    };
    await findInInbox();
    assert.match(await item.textContent(), new RegExp(`${firmName}.*Sent.*From Erhvervshus Midtjylland`));
    await item.getByTestId('referral-accept').click();
    await item.getByTestId('referral-status').getByText('Accepted').waitFor();
    await shot('4-inbox-accepted');
    // While the referral is open, the receiver sees the sender's entries (on that basis, logged).
    await item.getByRole('link', { name: firmName }).click();
    await page.getByRole('heading', { level: 1, name: firmName }).waitFor();
    await page.getByTestId('access-grant').getByText(/Erhvervshus Midtjylland's entries because of an open referral/).waitFor();
    await timeline().locator('[data-kind="GROWTH_MAPPING"]').getByText(ambition).waitFor();
    await shot('5-receiver-journey');
    // Then the loop: first contact, close (it leaves the inbox).
    await page.getByRole('link', { name: "← Consultant's desk" }).click();
    await findInInbox();
    await item.getByTestId('referral-record-first-contact').click();
    await item.getByTestId('referral-status').getByText('First contact made').waitFor();
    await item.getByTestId('referral-close').click();
    await eventually(async () => assert.equal(await item.count(), 0, 'a closed referral leaves the inbox'));
    await advisor.close();

    // --- Erhvervshus Hovedstaden: the same firm shows only that Midtjylland has a journey with it.
    const hoved = await signInAs(HOVED);
    await page.getByTestId('nav-desk').click();
    await page.getByLabel('Firm name, CVR or organisationsnummer').fill(firm.cvr);
    await page.getByTestId('firm-finder-submit').click();
    await page.getByTestId('firm-finder-results').getByRole('link', { name: firmName, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: firmName }).waitFor();
    const notice = page.getByTestId('hidden-journey-notice');
    await notice.getByText('Erhvervshus Midtjylland also works with this firm — details not shared with you (no consent or referral).').waitFor();
    await timeline().getByText('No journey entries you may see yet.').waitFor();
    const text = await page.locator('main').textContent();
    for (const secret of [ambition, reason, milestoneTitle]) assert.ok(!text.includes(secret), `"${secret}" is not shown to Hovedstaden`);
    await shot('6-hidden');
    await hoved.close();

    assert.deepEqual(problems, [], 'no errors in the pages');
  } catch (error) {
    if (page) await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => {});
    if (problems.length > 0 && error instanceof Error) error.message += `\nBrowser problems:\n${problems.join('\n')}`;
    throw error;
  } finally {
    await browser.close();
  }
});

test("consultant's desk: a correction is shown as such; consent to a named organisation is recorded, opens the journey to it, and is withdrawn", { timeout: 120_000 }, async () => {
  assert.ok(BASE_URL, 'Set E2E_BASE_URL to the running app, e.g. http://127.0.0.1:4567');
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const firmName = `Desk E2E consent ${stamp} A/S`;
  const midtToken = await apiSignIn(MIDT);
  const hovedToken = await apiSignIn(HOVED);
  const firm = await createFirm(midtToken, firmName);
  // A note and its correction, recorded through the API.
  const { recordTouchpoint } = await graphql(
    'mutation($i: RecordTouchpointInput!) { recordTouchpoint(input: $i) { touchpoint { id } userErrors { message } } }',
    { i: { firmId: firm.id, kind: 'NOTE', occurredAt: new Date().toISOString(), note: { text: `First note ${stamp}` } } },
    midtToken,
  );
  assert.deepEqual(recordTouchpoint.userErrors, []);
  const { correctTouchpoint } = await graphql(
    'mutation($i: CorrectTouchpointInput!) { correctTouchpoint(input: $i) { touchpoint { id } userErrors { message } } }',
    { i: { touchpointId: recordTouchpoint.touchpoint.id, reason: 'Wrong contact person', note: { text: `Corrected note ${stamp}` } } },
    midtToken,
  );
  assert.deepEqual(correctTouchpoint.userErrors, []);
  const hovedSees = async () =>
    (await graphql('query($f: ID!) { firmJourney(firmId: $f) { edges { node { id } } hiddenOrganisations { name } } }', { f: firm.id }, hovedToken)).firmJourney;
  assert.deepEqual((await hovedSees()).hiddenOrganisations, [{ name: 'Erhvervshus Midtjylland' }]);

  const browser = await launch();
  const problems = [];
  let page;
  try {
    const context = await newContext(browser, { viewport: { width: 1400, height: 1000 } });
    context.setDefaultTimeout(TIMEOUT);
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
    await page.goto(`${BASE_URL}/`);
    await fillSignIn(page, MIDT);
    await page.getByTestId('user-name').waitFor();
    await page.goto(`${BASE_URL}/#/desk/firm/${firm.id}`);
    await page.getByRole('heading', { level: 1, name: firmName }).waitFor();

    // The correction and the entry it supersedes are both shown, marked as such.
    const entries = page.getByTestId('journey-timeline').getByTestId('journey-entry');
    await entries.nth(1).waitFor();
    const states = await entries.evaluateAll((es) => es.map((e) => [e.dataset.state, e.textContent]));
    assert.equal(states.length, 2);
    const correction = states.find(([state]) => state === 'correction');
    const superseded = states.find(([state]) => state === 'superseded');
    assert.match(correction[1], new RegExp(`Correction of an earlier entry: Wrong contact person.*Corrected note ${stamp}`));
    assert.match(superseded[1], new RegExp(`Superseded: a later entry corrects this one.*First note ${stamp}`));
    // Hiding corrected entries leaves the correction only.
    await page.getByLabel('Hide corrected entries').check();
    await page.getByTestId('filter-apply').click();
    await eventually(async () => assert.deepEqual(await entries.evaluateAll((es) => es.map((e) => e.dataset.state)), ['correction']));

    // Consent: named organisations, but none named -> the API's error next to the field.
    await page.getByTestId('tool-consent').click();
    await page.getByTestId('consent-panel').getByText('No consent recorded by us.').waitFor();
    await page.getByLabel('Purpose').fill(`Coordinated export support ${stamp}`);
    await page.getByTestId('consent-submit').click();
    await page.locator('#consent-recipients-error').getByText('Name the organisations the firm consented to.').waitFor();
    await page.getByLabel('Add an organisation').fill('Erhvervshus Hoved');
    await page.getByTestId('organisation-option').filter({ hasText: 'Erhvervshus Hovedstaden' }).click();
    await page.getByTestId('consent-recipients').getByText('Erhvervshus Hovedstaden').waitFor();
    await page.getByTestId('consent-submit').click();
    await page.getByTestId('consent-saved').waitFor();
    const consent = page.getByTestId('consent').filter({ hasText: `Coordinated export support ${stamp}` });
    await consent.getByTestId('consent-state').getByText('In effect').waitFor();
    assert.match(await consent.textContent(), /Erhvervshus Hovedstaden/);
    // The consent takes effect at once: Hovedstaden sees Midtjylland's entries, nothing hidden.
    const shared = await hovedSees();
    assert.deepEqual(shared.hiddenOrganisations, []);
    assert.equal(shared.edges.length, 2);
    if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'desk-7-consent.png'), fullPage: true });

    // Withdraw it: in effect no more, and hidden again at once.
    await consent.getByTestId('consent-withdraw').click();
    await consent.getByTestId('consent-withdraw-confirm').click();
    await consent.getByTestId('consent-state').getByText(/^Withdrawn/).waitFor();
    const after = await hovedSees();
    assert.deepEqual(after.hiddenOrganisations, [{ name: 'Erhvervshus Midtjylland' }]);
    assert.equal(after.edges.length, 0);
    await context.close();
    assert.deepEqual(problems, [], 'no errors in the page');
  } catch (error) {
    if (page) await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => {});
    if (problems.length > 0 && error instanceof Error) error.message += `\nBrowser problems:\n${problems.join('\n')}`;
    throw error;
  } finally {
    await browser.close();
  }
});


// In Danish (a Danish browser, no language chosen: the growth house is Danish): the consultant records a
// prospect - a would-be entrepreneur without CVR -, then links it to a CVR that is registered already; the
// desk says the prospect was merged into that firm and links there. A second prospect gets a new CVR and
// becomes a register firm itself.
test('konsulentens skrivebord på dansk: iværksætteremne oprettes og tilknyttes et CVR-nummer (sammenlægning)', { timeout: 120_000 }, async () => {
  assert.ok(BASE_URL, 'Set E2E_BASE_URL to the running app, e.g. http://127.0.0.1:4567');
  assert.ok(fs.existsSync(CHROMIUM), `No Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const token = await apiSignIn(MIDT);
  const registered = await createFirm(token, `Prospekt E2E ${stamp} ApS`);
  const prospectName = `Mette Iværksætter ${stamp}`;

  const browser = await launch();
  const problems = [];
  const context = await newContext(browser, { language: 'da', viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  try {
    await page.goto(`${BASE_URL}/#/desk`);
    await fillSignIn(page, MIDT);
    await page.getByRole('heading', { level: 1, name: 'Konsulentens skrivebord' }).waitFor();

    // A prospect: only a name (no CVR yet); it opens on its own desk page.
    await page.getByTestId('new-prospect').click();
    const form = page.getByTestId('create-prospect-form');
    await form.getByRole('heading', { name: 'Nyt iværksætteremne' }).waitFor();
    await form.getByTestId('create-prospect-submit').click();
    await form.getByTestId('error-name').waitFor(); // no name: said next to the field, in Danish
    assert.equal(await form.getByTestId('prospect-name').getAttribute('aria-invalid'), 'true');
    assert.equal(await form.getByTestId('error-name').textContent(), 'Angiv navnet på personen eller den planlagte virksomhed.');
    await form.getByLabel('Navn (personen eller den planlagte virksomhed)').fill(prospectName);
    await form.getByTestId('create-prospect-submit').click();
    await page.getByRole('heading', { level: 1, name: prospectName }).waitFor();
    const prospectId = decodeURIComponent(/#\/desk\/firm\/([^/?]+)/.exec(page.url())?.[1] ?? '');
    assert.ok(prospectId, `the prospect's desk page: ${page.url()}`);
    await page.getByTestId('firm-desk').getByText('Iværksætteremne', { exact: false }).first().waitFor();

    // Link it to the CVR of a firm already in the graph: merged into it, and the desk says so.
    const link = page.getByTestId('link-identifier-form');
    await link.getByLabel('CVR-nummer').fill('12345678'); // fails the mod-11 check: refused next to the field
    await link.getByTestId('link-identifier-submit').click();
    await link.getByTestId('error-cvr').waitFor();
    await link.getByLabel('CVR-nummer').fill(registered.cvr);
    await link.getByTestId('link-identifier-submit').click();
    const outcome = page.getByTestId('link-outcome');
    await outcome.waitFor();
    assert.equal(await outcome.getAttribute('data-outcome'), 'merged');
    assert.match((await outcome.textContent()) ?? '', new RegExp(`CVR ${registered.cvr} tilhører ${registered.name}, som allerede var registreret`));
    await outcome.getByTestId('merged-into-link').click();
    await page.getByRole('heading', { level: 1, name: registered.name }).waitFor();

    // The API agrees: the prospect is MERGED into the register firm.
    const { firm: merged } = await graphql('query($id: ID!) { firm(id: $id) { status mergedInto { id } } }', { id: prospectId }, token);
    assert.deepEqual([merged.status, merged.mergedInto?.id], ['MERGED', registered.id]);

    // A second prospect, with a CVR nobody has yet: it becomes a register firm itself.
    await page.goto(`${BASE_URL}/#/desk`);
    await page.getByTestId('new-prospect').click();
    await page.getByTestId('prospect-name').fill(`${prospectName} II`);
    await page.getByTestId('create-prospect-submit').click();
    await page.getByRole('heading', { level: 1, name: `${prospectName} II` }).waitFor();
    const fresh = randomCvr();
    await page.getByTestId('link-identifier-value').fill(fresh);
    await page.getByTestId('link-identifier-submit').click();
    await page.getByTestId('link-outcome').waitFor();
    assert.equal(await page.getByTestId('link-outcome').getAttribute('data-outcome'), 'registered');
    assert.match((await page.getByTestId('link-outcome').textContent()) ?? '', /emnet er nu en registreret virksomhed/);
    if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'desk-prospect-da.png'), fullPage: true });
    assert.deepEqual(problems, [], 'no errors in the page');
  } catch (error) {
    await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => {});
    if (problems.length > 0 && error instanceof Error) error.message += `\nBrowser problems:\n${problems.join('\n')}`;
    throw error;
  } finally {
    await context.close();
    await browser.close();
  }
});
