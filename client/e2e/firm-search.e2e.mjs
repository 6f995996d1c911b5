// Browser test of the web client against a running server (API at /graphql, client at /).
//   E2E_BASE_URL=http://127.0.0.1:4567 node --test client/e2e/
// Drives Debian's Chromium (/usr/bin/chromium) through playwright-core. On failure a screenshot is
// written to /tmp/gg-e2e-failure.png. E2E_SCREENSHOT_DIR=<dir> also saves screenshots of the pages.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { BASE_URL, CHROMIUM, eventually, fillSignIn, graphql, launch, newContext, PASSWORD, SCREENSHOT_DIR, TIMEOUT } from './helpers.mjs';

const EMAIL = 'consultant@midtjylland.demo';
const FAILURE_SCREENSHOT = '/tmp/gg-e2e-failure.png';

const resultNames = (page) => page.getByTestId('firm-result').locator('th').allTextContents();

test('sign in, search firms by name and CVR, browse the organisation graph', { timeout: 120_000 }, async () => {
  assert.ok(BASE_URL, 'Set E2E_BASE_URL to the running app, e.g. http://127.0.0.1:4567');
  assert.ok(fs.existsSync(CHROMIUM), `No Chromium at ${CHROMIUM}: apt-get install -y chromium`);

  // What to look for: the demo user and a firm that exists, asked from the API directly.
  const { signIn } = await graphql(`mutation{signIn(input:{email:"${EMAIL}",password:"${PASSWORD}"}){token}}`);
  assert.ok(signIn.token, 'the demo user can sign in through the API');
  const { me } = await graphql('query { me { displayName memberships { organisation { name } } } }', {}, signIn.token);
  const { firms } = await graphql('query { firms(first: 1) { edges { node { name cvr } } } }', {}, signIn.token);
  const firm = firms.edges[0]?.node;
  assert.ok(firm?.cvr, 'the demo data has a firm with a CVR');
  const namePrefix = firm.name.split(/\s+/)[0];

  const browser = await launch();
  const problems = [];
  let page;
  const shot = async (name) => {
    if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  };
  try {
    const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(TIMEOUT);
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
    // GraphQL requests in flight, to act only once the page is quiet.
    let inFlight = 0;
    const isGraphQL = (request) => request.url().endsWith('/graphql');
    page.on('request', (r) => isGraphQL(r) && inFlight++);
    page.on('requestfinished', (r) => isGraphQL(r) && inFlight--);
    page.on('requestfailed', (r) => isGraphQL(r) && inFlight--);
    const settled = () =>
      eventually(async () => {
        assert.equal(inFlight, 0, 'GraphQL requests still in flight');
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.equal(inFlight, 0, 'GraphQL requests still in flight');
      });

    // Sign in.
    await page.goto(`${BASE_URL}/`);
    await page.getByText('Demo users: see README').waitFor();
    await shot('1-sign-in');
    await fillSignIn(page, EMAIL);

    // The header shows the user and their organisation.
    await page.getByTestId('user-name').waitFor();
    assert.equal((await page.getByTestId('user-name').textContent())?.trim(), me.displayName);
    const options = await page.getByTestId('organisation-switcher').locator('option').allTextContents();
    assert.ok(options.includes('All my organisations'), `switcher options: ${options}`);
    for (const m of me.memberships) {
      assert.ok(options.some((o) => o.includes(m.organisation.name)), `switcher lists ${m.organisation.name}: ${options}`);
    }
    await shot('2-home');

    // Firm search by name prefix: the firm is among the results, and every result matches.
    await page.getByTestId('nav-firms').click();
    await page.getByLabel('Firm name, CVR or organisationsnummer').fill(namePrefix);
    await page.getByTestId('firm-search-submit').click();
    await eventually(async () => assert.ok((await resultNames(page)).includes(firm.name), `"${firm.name}" in results for "${namePrefix}"`));
    const byName = await resultNames(page);
    for (const name of byName) assert.ok(name.toLowerCase().startsWith(namePrefix.toLowerCase()), `"${name}" starts with "${namePrefix}"`);
    if (await page.getByTestId('load-more').isVisible()) {
      await page.getByTestId('load-more').click();
      await eventually(async () => assert.ok((await resultNames(page)).length > byName.length, 'Load more appends results'));
    }
    await shot('3-firm-search');

    // Firm search by CVR: exactly that firm.
    await page.getByLabel('Firm name, CVR or organisationsnummer').fill(firm.cvr);
    await page.getByTestId('firm-search-submit').click();
    await eventually(async () => assert.deepEqual(await resultNames(page), [firm.name]));
    assert.equal((await page.getByTestId('firm-identifier').textContent())?.trim(), firm.cvr); // the column header names it

    // Its details.
    await page.getByRole('link', { name: firm.name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: firm.name }).waitFor();
    // Labelled "CVR number": the value is the number alone, not "CVR number: CVR 12345678".
    assert.match(await page.getByTestId('firm-details').textContent(), /CVR number/);
    assert.equal((await page.getByTestId('firm-identifier-value').textContent())?.trim(), firm.cvr);
    await shot('4-firm-details');

    // Organisation browser: Randers Kommune and its relationships.
    await page.getByTestId('nav-organisations').click();
    await page.getByLabel('Name starts with').fill('Randers Kommune');
    await page.getByTestId('organisation-results').getByRole('link', { name: 'Randers Kommune', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Randers Kommune' }).waitFor();
    assert.equal((await page.getByTestId('organisation-kind').textContent())?.trim(), 'Municipality');
    const relationships = page.getByTestId('relationships');
    await relationships.getByRole('link', { name: 'Erhvervshus Midtjylland', exact: true }).waitFor();
    assert.ok((await page.getByTestId('relationship-group').count()) >= 2, 'relationships are grouped by kind');
    // Its firms, page by page (how many depends on the amount of demo data).
    const municipalityTable = page.getByRole('table', { name: 'Firms in Randers Kommune' });
    const municipalityFirms = municipalityTable.getByTestId('firm-result');
    await municipalityFirms.or(municipalityTable.getByText('No firms recorded in this municipality.')).first().waitFor();
    const firstPage = await municipalityFirms.count();
    if (await page.getByTestId('load-more').isVisible()) {
      assert.equal(firstPage, 20, 'a full first page before "Load more"');
      await page.getByTestId('load-more').click();
      await eventually(async () => assert.ok((await municipalityFirms.count()) > firstPage, 'Load more appends firms'));
    }
    await shot('5-organisation');

    // Follow the relationship to the growth house: the user is a member, so its members show.
    await relationships.getByRole('link', { name: 'Erhvervshus Midtjylland', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Erhvervshus Midtjylland' }).waitFor();
    await eventually(async () => assert.match(await page.getByTestId('members').textContent(), new RegExp(me.displayName)));
    await shot('6-growth-house');

    // The organisation switcher: requests then carry x-organisation-id, and the choice survives a reload.
    const organisationId = await page.evaluate(() => window.location.hash.split('/').pop());
    const sentOrganisation = page.waitForRequest((r) => r.url().endsWith('/graphql') && r.headers()['x-organisation-id'] === organisationId);
    await page.getByTestId('organisation-switcher').selectOption(organisationId);
    await sentOrganisation;
    await page.reload();
    await page.getByTestId('user-name').waitFor();
    assert.equal(await page.getByTestId('organisation-switcher').inputValue(), organisationId);
    const sentNoOrganisation = page.waitForRequest((r) => r.url().endsWith('/graphql') && !('x-organisation-id' in r.headers()));
    await page.getByTestId('organisation-switcher').selectOption('');
    await sentNoOrganisation;
    await page.getByTestId('members').getByText(me.displayName).waitFor();

    // A token the server no longer accepts (here: revoked through the API) leads back to the sign-in page
    // on the next request. (Revoked while nothing is in flight, so the notice shows after the reload.)
    await settled();
    const browserToken = await page.evaluate(() => localStorage.getItem('growthGraph.token'));
    assert.ok(browserToken, 'the token is kept in localStorage');
    await graphql('mutation { signOut { signedOut } }', {}, browserToken);
    await page.reload();
    await page.getByTestId('sign-in-notice').waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('growthGraph.token')), null);

    // Sign in again, then sign out: the token is revoked and forgotten.
    await fillSignIn(page, EMAIL);
    await page.getByTestId('user-name').waitFor();
    const secondToken = await page.evaluate(() => localStorage.getItem('growthGraph.token'));
    await page.getByTestId('sign-out').click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('growthGraph.token')), null);
    const afterSignOut = await fetch(`${BASE_URL}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secondToken}` },
      body: JSON.stringify({ query: '{ me { id } }' }),
    }).then((r) => r.json());
    assert.equal(afterSignOut.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED', 'signing out revokes the token on the server');

    assert.deepEqual(problems, [], 'no errors in the page');
  } catch (error) {
    if (page) await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => {});
    if (problems.length > 0 && error instanceof Error) error.message += `\nBrowser problems:\n${problems.join('\n')}`;
    throw error;
  } finally {
    await browser.close();
  }
});
