// Browser test of the desk's record-keeping tools (client/src/desk) against a running server:
//   E2E_BASE_URL=http://127.0.0.1:4567 node --test client/e2e/desk-records.e2e.mjs
// On a firm created for this run, Erhvervshus Midtjylland's consultant records a note and a self-reported
// outcome report (a back-dated one is refused), corrects the note (both versions stay visible), adds a
// contact person with a sensitive note (masked, then revealed), and reads the access log after Erhvervshus
// Hovedstaden read the entries on the firm's consent. The admin downloads the firm's data-access export.
// On failure a screenshot is written to /tmp/gg-e2e-desk-records-failure.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { apiSignIn, BASE_URL, CHROMIUM, createFirm, eventually, fillSignIn, graphql, launch, newContext, SCREENSHOT_DIR, TIMEOUT } from './helpers.mjs';

const MIDT = 'consultant@midtjylland.demo';
const MIDT_ADMIN = 'admin@midtjylland.demo';
const HOVED = 'consultant@hovedstaden.demo';
const FAILURE_SCREENSHOT = '/tmp/gg-e2e-desk-records-failure.png';
const DAY = 24 * 60 * 60 * 1000;

const pad = (n) => String(n).padStart(2, '0');
/** "YYYY-MM-DDTHH:MM" in local time, for datetime-local inputs. */
const localDateTime = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
const localDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Runs `body` with a signed-in page; screenshot on failure, the browser always closed. */
async function withPage(email, body) {
  const browser = await launch();
  const problems = [];
  let page;
  try {
    const context = await newContext(browser, { viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    context.setDefaultTimeout(TIMEOUT);
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
    await page.goto(`${BASE_URL}/`);
    await fillSignIn(page, email);
    await page.getByTestId('user-name').waitFor();
    const shot = async (name) => {
      if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, `desk-records-${name}.png`), fullPage: true });
    };
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

test("desk records: note and self-reported outcome, a correction, a masked contact person revealed, the access log of a consent-based read", { timeout: 120_000 }, async () => {
  assert.ok(BASE_URL, 'Set E2E_BASE_URL to the running app, e.g. http://127.0.0.1:4567');
  assert.ok(fs.existsSync(CHROMIUM), `No Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const firmName = `Desk records E2E ${stamp} ApS`;
  const noteText = `Met the CEO ${stamp}: wants to export to Germany`;
  const correctedText = `Met the CFO ${stamp}: wants to export to Germany and Austria`;
  const secret = `Long-term sick leave ${stamp}`;
  const contactName = `Karen Jensen ${stamp}`;
  const midtToken = await apiSignIn(MIDT);
  const hovedToken = await apiSignIn(HOVED);
  const firm = await createFirm(midtToken, firmName);
  const { me: hoved } = await graphql('{ me { displayName memberships { organisation { id name } } } }', {}, hovedToken);
  const hovedOrg = hoved.memberships.find((m) => m.organisation.name === 'Erhvervshus Hovedstaden').organisation;

  await withPage(MIDT, async (page, shot) => {
    await page.goto(`${BASE_URL}/#/desk/firm/${firm.id}`);
    await page.getByRole('heading', { level: 1, name: firmName }).waitFor();
    const timeline = page.getByTestId('journey-timeline');
    await timeline.getByText('No journey entries you may see yet.').waitFor();
    assert.equal(await page.getByTestId('data-export').count(), 0, 'a consultant has no data-access export');

    // A note: back-dated beyond 14 days is refused next to the time; then recorded.
    await page.getByTestId('tool-record').click();
    const form = page.getByTestId('record-form');
    assert.equal(await form.getByTestId('record-kind').inputValue(), 'NOTE');
    await form.getByTestId('field-text').fill(noteText);
    await form.getByTestId('record-occurred').fill(localDateTime(new Date(Date.now() - 20 * DAY)));
    await form.getByTestId('record-submit').click();
    await form.locator('#record-occurred-error').getByText(/at most 14 days back/).waitFor();
    assert.equal(await form.getByTestId('record-occurred').getAttribute('aria-invalid'), 'true');
    await form.getByTestId('record-occurred').fill(localDateTime(new Date(Date.now() - 2 * 60 * 60 * 1000)));
    await form.getByTestId('record-submit').click();
    await form.getByTestId('record-saved').getByText('Note recorded.').waitFor();
    const note = timeline.locator('[data-testid="journey-entry"][data-kind="NOTE"]');
    await note.getByText(noteText).waitFor();

    // An outcome report: the source must be chosen; self-reported figures are labelled as such.
    await form.getByTestId('record-kind').selectOption('OUTCOME_REPORT');
    await form.getByTestId('field-measuredOn').fill(localDate(new Date(Date.now() - DAY)));
    await form.getByTestId('field-jobs').fill('12');
    await form.getByTestId('field-revenue').fill('1 500 000');
    await form.getByTestId('record-submit').click();
    await form.getByText('Choose the source of the figures.').waitFor();
    await form.getByText('Give the currency of revenue and export.').waitFor();
    await form.getByTestId('source-SELF_REPORTED').check();
    await form.getByTestId('field-currency').selectOption('DKK');
    await form.getByTestId('record-submit').click();
    await form.getByTestId('record-saved').getByText('Outcome report recorded.').waitFor();
    const outcome = timeline.locator('[data-testid="journey-entry"][data-kind="OUTCOME_REPORT"]');
    await outcome.waitFor();
    assert.equal(await outcome.getAttribute('data-source'), 'SELF_REPORTED');
    assert.equal((await outcome.getByTestId('outcome-source').textContent()).trim(), 'Self-reported by the firm');
    assert.match(await outcome.textContent(), /Jobs12.*Revenue1,500,000 DKK/);
    await shot('1-recorded');

    // Correct the note: the correction and the superseded entry are both shown.
    await note.getByTestId('correct-entry').click();
    const correctForm = note.getByTestId('correct-form');
    assert.equal(await correctForm.getByTestId('field-text').inputValue(), noteText, 'the form starts from the entry');
    await correctForm.getByTestId('field-text').fill(correctedText);
    await correctForm.getByTestId('correct-submit').click();
    await correctForm.getByText('Say why the entry is corrected.').waitFor();
    await correctForm.getByTestId('correct-reason').fill('It was the CFO, and Austria too');
    await correctForm.getByTestId('correct-submit').click();
    const correction = timeline.locator('[data-testid="journey-entry"][data-kind="NOTE"][data-state="correction"]');
    const superseded = timeline.locator('[data-testid="journey-entry"][data-kind="NOTE"][data-state="superseded"]');
    await correction.getByText(correctedText).waitFor();
    await correction.getByTestId('correction-badge').getByText(/It was the CFO, and Austria too/).waitFor();
    await superseded.getByText(noteText).waitFor();
    await superseded.getByTestId('superseded-badge').waitFor();
    assert.equal(await superseded.getByTestId('correct-entry').count(), 0, 'a superseded entry is corrected through its correction');
    assert.equal(await correction.getByTestId('correct-entry').count(), 1);
    await shot('2-corrected');

    // A contact person with a sensitive note: the categories are shown, the note is masked, then revealed.
    await page.getByTestId('tool-contacts').click();
    const panel = page.getByTestId('contact-persons-panel');
    await panel.getByText('No contact persons recorded by us.').waitFor();
    const add = panel.getByTestId('add-contact-form');
    assert.match(await add.locator('label[for="contact-sensitiveNote"]').textContent(), /Sensitive/);
    assert.match(await add.locator('label[for="contact-email"]').textContent(), /Contact/);
    await add.getByLabel(/^Name/).fill(contactName);
    await add.getByLabel(/^Role/).fill('CFO');
    await add.getByLabel(/^E-mail/).fill('not-an-email');
    await add.getByLabel(/^Sensitive note/).fill(secret);
    await add.getByTestId('contact-add').click();
    await add.locator('#contact-email-error').getByText(/valid e-mail address/).waitFor();
    await add.getByLabel(/^E-mail/).fill(`karen.${stamp}@example.com`);
    await add.getByTestId('contact-add').click();
    await add.getByTestId('contact-saved').waitFor();
    const person = panel.getByTestId('contact-person').filter({ hasText: contactName });
    await person.waitFor();
    const sensitive = person.getByTestId('sensitive-note');
    assert.equal(await sensitive.getAttribute('data-state'), 'masked');
    assert.ok(!(await panel.textContent()).includes(secret), 'the sensitive note is not shown before a reveal');
    await person.getByTestId('reveal-start').click();
    await person.getByText('Your name, the time and this reason are written to the reveal log.').waitFor();
    await person.getByTestId('reveal-reason').fill('Planning the follow-up meeting');
    await person.getByTestId('reveal-submit').click();
    await sensitive.getByText(secret).waitFor();
    assert.equal(await sensitive.getAttribute('data-state'), 'revealed');
    await person.getByTestId('reveal-logged').waitFor();
    await shot('3-contact-revealed');

    // Erhvervshus Hovedstaden reads our entries on the firm's consent (API), 11 times: the log pages.
    const { recordConsent } = await graphql(
      'mutation($i: RecordConsentInput!) { recordConsent(input: $i) { consent { id } userErrors { message } } }',
      { i: { firmId: firm.id, scope: 'NAMED_ORGANISATIONS', recipientOrganisationIds: [hovedOrg.id], purpose: `Export support ${stamp}`, validUntil: new Date(Date.now() + 30 * DAY).toISOString() } },
      midtToken,
    );
    assert.deepEqual(recordConsent.userErrors, []);
    for (let i = 0; i < 11; i++) {
      const { firmJourney } = await graphql('query($f: ID!) { firmJourney(firmId: $f) { edges { node { id } } } }', { f: firm.id }, hovedToken);
      assert.equal(firmJourney.edges.length, 3, 'Hovedstaden sees our 3 entries on the consent');
    }
    await page.getByTestId('tool-access-log').click();
    const log = page.getByTestId('access-log-panel');
    const rows = log.getByTestId('access-log-entry');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 10, 'a first page of 10 reads');
    const first = rows.first();
    assert.equal(await first.getAttribute('data-basis'), 'CONSENT');
    const text = await first.textContent();
    assert.match(text, new RegExp(hoved.displayName));
    assert.match(text, /Erhvervshus Hovedstaden read 3 entries of Erhvervshus Midtjylland on the firm's consent/);
    await first.getByText('Entries read').click();
    const read = await first.getByTestId('access-log-entries').locator('li').allTextContents();
    assert.deepEqual(read.map((r) => r.replace(/ of .*/, '')).sort(), ['Note', 'Note', 'Outcome report'], `entries named: ${read}`);
    await log.getByTestId('load-more').click();
    await eventually(async () => assert.equal(await rows.count(), 11, '"Load more" appends the 11th read'));
    assert.equal(await log.getByTestId('load-more').count(), 0);
    await shot('4-access-log');
  });
});

test("desk records: the admin's data-access export downloads a JSON file with the firm's data", { timeout: 90_000 }, async () => {
  assert.ok(BASE_URL, 'Set E2E_BASE_URL to the running app, e.g. http://127.0.0.1:4567');
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const firmName = `Desk export E2E ${stamp} A/S`;
  const midtToken = await apiSignIn(MIDT);
  const firm = await createFirm(midtToken, firmName);
  const { recordTouchpoint } = await graphql(
    'mutation($i: RecordTouchpointInput!) { recordTouchpoint(input: $i) { touchpoint { id } userErrors { message } } }',
    { i: { firmId: firm.id, kind: 'EVENT_ATTENDANCE', occurredAt: new Date().toISOString(), eventAttendance: { eventName: `Growth camp ${stamp}` } } },
    midtToken,
  );
  assert.deepEqual(recordTouchpoint.userErrors, []);

  await withPage(MIDT_ADMIN, async (page, shot) => {
    await page.goto(`${BASE_URL}/#/desk/firm/${firm.id}`);
    await page.getByRole('heading', { level: 1, name: firmName }).waitFor();
    await page.getByTestId('journey-timeline').locator('[data-kind="EVENT_ATTENDANCE"]').getByText(`Growth camp ${stamp}`).waitFor();
    await page.getByTestId('export-button').click();
    const link = page.getByTestId('export-download');
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), new RegExp(`^data-access-export-${firm.cvr}-erhvervshus-midtjylland-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const file = await download.path();
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(data.firm.cvr, firm.cvr);
    assert.equal(data.firm.name, firmName);
    assert.equal(data.organisation.name, 'Erhvervshus Midtjylland');
    assert.deepEqual(data.touchpoints.map((t) => [t.kind, t.details.eventName]), [['EVENT_ATTENDANCE', `Growth camp ${stamp}`]]);
    await shot('5-export');
  });
});
