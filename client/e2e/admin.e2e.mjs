// Browser test of the administration screens (issue 11), in Danish: an admin lands on the organisation,
// adds a member by e-mail, changes the role and removes them (confirmed); creates an API key whose secret
// is shown once (copied), sees when it was last used, and revokes it (confirmed).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSignIn, assertSetUp, BASE_URL, eventually, graphql, launch, newPage, signIn, text } from './helpers.mjs';

// Demo users no other browser test signs in as (the tests run in parallel): the admin, and the person added.
const ADMIN = 'admin@hovedstaden.demo';
const PERSON = 'editor@copcap.demo'; // Cecilie Editor
const ORGANISATION = 'Erhvervshus Hovedstaden';

const memberships = async () =>
  (await graphql('{ me { memberships { role organisation { name } } } }', {}, await apiSignIn(PERSON))).me.memberships.map((m) => `${m.role}@${m.organisation.name}`);

test('a Danish admin manages members and API keys on the organisation page', { timeout: 120_000 }, async () => {
  assertSetUp();
  const browser = await launch();
  const problems = [];
  try {
    const page = await newPage(browser, problems, { language: 'da' });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
    await signIn(page, ADMIN);
    // Admins land on their organisation: that page is the administration.
    await page.waitForURL(/#\/organisations\/[0-9a-f-]+$/);
    await page.getByRole('heading', { level: 1, name: ORGANISATION }).waitFor();
    await page.getByTestId('admin-note').waitFor();
    assert.equal(await text(page.getByTestId('organisation-kind')), 'Erhvervshus');
    await page.getByRole('heading', { name: 'Medlemmer' }).waitFor();

    // Members: add by e-mail, change the role, remove (the confirmation is accepted).
    const form = page.getByTestId('add-member-form');
    await form.getByLabel('E-mail på personens konto').fill(PERSON);
    await form.getByTestId('add-member-role').selectOption('VIEWER');
    await form.getByRole('button', { name: 'Tilføj medlem' }).click();
    const notice = page.getByTestId('member-notice');
    await eventually(async () => assert.match(await text(notice), /^Cecilie Editor er tilføjet som Læser\.$/));
    assert.deepEqual((await memberships()).filter((m) => m.endsWith(ORGANISATION)), [`VIEWER@${ORGANISATION}`]);

    const name = 'Cecilie Editor';
    await page.getByLabel(`Rolle for ${name}`).selectOption('CONSULTANT');
    await eventually(async () => assert.equal(await text(notice), `${name} er nu Konsulent.`));
    assert.deepEqual((await memberships()).filter((m) => m.endsWith(ORGANISATION)), [`CONSULTANT@${ORGANISATION}`]);

    // The same e-mail again is refused next to the field, in Danish.
    await form.getByLabel('E-mail på personens konto').fill(PERSON);
    await form.getByRole('button', { name: 'Tilføj medlem' }).click();
    await eventually(async () => assert.equal(await text(page.getByTestId('error-email')), 'Personen er allerede medlem.'));

    await page.getByRole('button', { name: `Fjern ${name}` }).click();
    await eventually(async () => assert.equal(await text(notice), `${name} er fjernet.`));
    assert.deepEqual((await memberships()).filter((m) => m.endsWith(ORGANISATION)), []);

    // API keys: the secret is shown once, with a copy button.
    const keyName = `Overblik e2e ${Date.now()}`;
    const keys = page.getByTestId('api-keys');
    await keys.getByLabel('Hvad nøglen skal bruges til').fill(keyName);
    await keys.getByRole('button', { name: 'Opret nøgle' }).click();
    const secret = await text(page.getByTestId('api-key-secret'));
    assert.match(secret, /^ggk_/);
    assert.match(await text(page.getByTestId('api-key-secret-box')), /den vises kun denne ene gang/);
    await page.getByRole('button', { name: 'Kopiér' }).click();
    await page.getByTestId('api-key-copied').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
    await page.getByRole('button', { name: 'Færdig, skjul nøglen' }).click();
    assert.ok(!(await page.content()).includes(secret), 'the secret is gone once dismissed');

    const keyRow = page.locator(`[data-testid="api-key-row"][data-key-name="${keyName}"]`);
    await eventually(async () => assert.equal(await text(keyRow.getByTestId('api-key-last-used')), 'aldrig'));
    // A partner dashboard uses the key: its last use shows after a reload; the secret never does again.
    const used = await fetch(`${BASE_URL}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `ApiKey ${secret}` },
      body: JSON.stringify({ query: '{ firms(first: 1) { edges { node { id } } } }' }),
    });
    assert.equal(used.status, 200);
    await page.reload();
    await eventually(async () => assert.notEqual(await text(keyRow.getByTestId('api-key-last-used')), 'aldrig'));
    assert.ok(!(await page.content()).includes(secret), 'the secret is not shown again');

    await keyRow.getByRole('button', { name: `Tilbagekald ${keyName}` }).click();
    await eventually(async () => assert.match(await text(keyRow.getByTestId('api-key-state')), /^tilbagekaldt /));
    assert.deepEqual(problems, [], 'no errors in the page');
  } finally {
    await browser.close();
  }
});
