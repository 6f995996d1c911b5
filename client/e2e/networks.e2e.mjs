// Browser test of the networks area against a running server (API at /graphql, client at /).
//   E2E_BASE_URL=http://127.0.0.1:4567 node --test client/e2e/networks.e2e.mjs
// Drives Debian's Chromium (/usr/bin/chromium) through playwright-core. On failure a screenshot is
// written to /tmp/gg-e2e-networks-failure.png. E2E_SCREENSHOT_DIR=<dir> also saves screenshots of the pages.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { apiSignIn, BASE_URL, CHROMIUM, eventually, graphql, launch, newContext, SCREENSHOT_DIR, signIn, text, TIMEOUT } from './helpers.mjs';

const NETWORK_USER = 'network@amager.demo'; // Erhvervsnetværk Amager Øst - EDITOR
const POOL_OWNER = 'editor@kobenhavn.demo'; // København Kommune - EDITOR: owns the local committee's pool
const NETWORK = 'Erhvervsnetværk Amager Øst';
const FAILURE_SCREENSHOT = '/tmp/gg-e2e-networks-failure.png';

test('networks: members, meetings with attendance, a funding application from draft to decision', { timeout: 90_000 }, async () => {
  assert.ok(BASE_URL, 'Set E2E_BASE_URL to the running app, e.g. http://127.0.0.1:4567');
  assert.ok(fs.existsSync(CHROMIUM), `No Chromium at ${CHROMIUM}: apt-get install -y chromium`);

  // What to expect, asked from the API directly.
  const token = await apiSignIn(NETWORK_USER);
  const { networks } = await graphql('query { networks(first: 50) { edges { node { id name memberCount meetings { id heldOn registrationCount attendeeCount } } } } }', {}, token);
  const network = networks.edges.map((e) => e.node).find((n) => n.name === NETWORK);
  assert.ok(network, `${NETWORK_USER} sees ${NETWORK}`);
  assert.ok(network.memberCount > 100, `the demo network has ~118 members (${network.memberCount})`);
  const pastMeeting = network.meetings.find((m) => m.attendeeCount !== null && m.registrationCount > 0);
  assert.ok(pastMeeting, 'the demo network has a meeting with attendance recorded');

  const browser = await launch();
  const problems = [];
  let page;
  const shot = async (name) => {
    if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, `networks-${name}.png`), fullPage: true });
  };
  try {
    const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(TIMEOUT);
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));

    // The network: ~118 members page by page, working group, secretariat, meetings with counts.
    await signIn(page, NETWORK_USER);
    await page.getByTestId('nav-networks').click();
    await page.getByTestId('my-networks').getByRole('link', { name: NETWORK, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: NETWORK }).waitFor();
    assert.equal(await text(page.getByTestId('network-member-count')), String(network.memberCount));
    assert.equal(await text(page.getByTestId('network-secretariat')), 'København Kommune');
    assert.match(await text(page.getByTestId('working-group')), /Lasse Rossen/);
    const members = page.getByTestId('network-member');
    await eventually(async () => assert.equal(await members.count(), 20, 'a first page of 20 members'));
    await page.getByTestId('load-more').click();
    await eventually(async () => assert.equal(await members.count(), 40, '"Load more" appends the next 20'));
    const meetingRows = page.getByTestId('meeting');
    assert.equal(await meetingRows.count(), network.meetings.length);
    for (const m of network.meetings) {
      const row = page.locator(`[data-testid="meeting"][data-held-on="${m.heldOn}"]`).first();
      assert.equal(await text(row.getByTestId('meeting-registrations')), String(m.registrationCount), `registrations of ${m.heldOn}`);
      if (m.attendeeCount !== null) assert.equal(await text(row.getByTestId('meeting-attendees')), String(m.attendeeCount), `attendance of ${m.heldOn}`);
    }
    await shot('1-network');

    // Attendance of a past meeting: one box per registration, ticked for those who came (not saved: seeded data stays as it is).
    await page.locator(`[data-testid="meeting"][data-held-on="${pastMeeting.heldOn}"]`).first().getByTestId('record-attendance-link').click();
    await page.getByTestId('attendance-form').waitFor();
    await eventually(async () => assert.ok((await page.getByTestId('attendance-participant').count()) >= pastMeeting.registrationCount));
    assert.equal(await text(page.getByTestId('attendance-ticked')), String(pastMeeting.attendeeCount));
    await shot('2-attendance');
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.getByRole('heading', { level: 1, name: NETWORK }).waitFor();

    // A new draft application in the shape of the seed application, with budget lines.
    const projectName = `E2E netværksmøder ${Date.now()}`;
    await page.getByTestId('new-network-application').click();
    await page.getByTestId('application-form').waitFor();
    const poolSelect = page.getByLabel('Funding pool');
    await eventually(async () => assert.ok((await poolSelect.locator('option', { hasText: 'Amager Øst Lokaludvalg' }).count()) > 0, 'the pool is offered'));
    const poolValue = await poolSelect.locator('option', { hasText: 'Amager Øst Lokaludvalg' }).first().getAttribute('value');
    await poolSelect.selectOption(poolValue);
    assert.equal(await page.getByLabel('For the network').inputValue(), network.id, 'the network is preselected');
    await eventually(async () => assert.notEqual(await page.getByLabel('Applicant').inputValue(), '', 'the applicant defaults to the network owner'));
    await page.getByLabel('Project name').fill(projectName);
    await page.getByLabel(/^Project responsible/).fill('Arbejdsgruppen v. tovholder');
    await page.getByLabel(/^Purpose/).fill('Fire netværksmøder for bydelens erhvervsliv.');
    await page.getByLabel(/^Why do we want it/).fill('Netværket skal blive selvkørende.');
    await page.getByLabel(/^Target group/).fill('Små og mellemstore virksomheder i bydelen.');
    await page.getByLabel(/^Activities/).fill('Fire morgenmøder og en facebookgruppe.');
    await page.getByLabel(/^Expected results, short term/).fill('Dialog med lokale erhvervsdrivende.');
    const lines = page.getByTestId('budget-line-input');
    await lines.nth(0).getByLabel('Description').fill('Lokaleleje');
    await lines.nth(0).getByLabel('Amount').fill('1600');
    await page.getByTestId('add-budget-line').click();
    await lines.nth(1).getByLabel('Description').fill('Morgenmad og kaffe/te');
    await lines.nth(1).getByLabel('Amount').fill('8.000'); // a thousands separator: refused by the server, naming the line
    await page.getByTestId('add-budget-line').click();
    await lines.nth(2).getByLabel('Description').fill('Ekstern oplægsholder');
    await lines.nth(2).getByLabel('Amount').fill('5000');
    await page.getByTestId('save-application').click();
    await page.getByTestId('error-budgetLines.1.amount').waitFor();
    assert.equal(await lines.nth(1).getByLabel('Amount').getAttribute('aria-invalid'), 'true');
    await shot('3-application-error');
    await lines.nth(1).getByLabel('Amount').fill('8000.50');
    assert.match(await text(page.getByTestId('budget-preview')), /14,600\.50 DKK/);
    await page.getByTestId('save-application').click();

    // The draft: the total is the server's, computed from the lines.
    await page.getByRole('heading', { level: 1, name: projectName }).waitFor();
    assert.equal(await page.getByTestId('application-status').getAttribute('data-status'), 'DRAFT');
    assert.equal(await page.getByTestId('application-total').getAttribute('data-amount'), '14600.50');
    assert.equal(await text(page.getByTestId('application-total')), '14,600.50 DKK');
    assert.equal(await page.getByTestId('budget-line').count(), 3);
    const applicationId = await page.evaluate(() => window.location.hash.split('/')[3]);

    // Edit the draft (sent with the version seen): the server recomputes the total.
    await page.getByTestId('edit-application').click();
    await page.getByTestId('application-form').waitFor();
    await page.getByTestId('budget-line-input').nth(2).getByLabel('Amount').fill('5000.25');
    await page.getByTestId('save-application').click();
    await page.getByRole('heading', { level: 1, name: projectName }).waitFor();
    await eventually(async () => assert.equal(await page.getByTestId('application-total').getAttribute('data-amount'), '14600.75'));
    await shot('4-application-draft');

    // Submit: it is then with the pool owner and can no longer be edited.
    await page.getByTestId('submit-application').click();
    await eventually(async () => assert.equal(await page.getByTestId('application-status').getAttribute('data-status'), 'SUBMITTED'));
    assert.equal(await page.getByTestId('edit-application').count(), 0, 'a submitted application cannot be edited');
    assert.equal(await page.getByTestId('decision-form').count(), 0, 'the applicant does not decide');
    const { fundingApplication } = await graphql('query($id: ID!) { fundingApplication(id: $id) { status totalAmount projectName } }', { id: applicationId }, token);
    assert.deepEqual(fundingApplication, { status: 'SUBMITTED', totalAmount: '14600.75', projectName });
    await shot('5-application-submitted');

    // The pool owner decides: more than the total is refused naming the amount; then approved.
    await page.getByTestId('sign-out').click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await signIn(page, POOL_OWNER);
    await page.goto(`${BASE_URL}/#/networks/applications/${applicationId}`);
    await page.getByTestId('decision-form').waitFor();
    await page.getByLabel('Amount granted (DKK)').fill('20000');
    await page.getByLabel('Reason').fill('E2E: bevilget');
    await page.getByTestId('decide-application').click();
    await page.getByTestId('error-amountGranted').waitFor();
    await page.getByLabel('Amount granted (DKK)').fill('12000');
    await page.getByTestId('decide-application').click();
    await eventually(async () => assert.equal(await page.getByTestId('application-status').getAttribute('data-status'), 'APPROVED'));
    assert.equal(await text(page.getByTestId('application-granted')), '12,000 DKK');
    await shot('6-application-approved');

    assert.deepEqual(problems, [], 'no errors in the page');
  } catch (error) {
    if (page) await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => {});
    if (problems.length > 0 && error instanceof Error) error.message += `\nBrowser problems:\n${problems.join('\n')}`;
    throw error;
  } finally {
    await browser.close();
  }
});
