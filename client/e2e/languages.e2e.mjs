// Browser tests of the client's languages: a Danish user gets Danish (labels, number formats), a Swedish
// user Swedish; the language picker switches and is remembered; each role lands where its work is; on a
// phone the navigation folds into a menu.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_URL, signIn, text, withBrowser } from './helpers.mjs';

test('a Danish consultant gets Danish, lands on the worklist, and the choice of Swedish is remembered', { timeout: 60_000 }, async () => {
  await withBrowser(async (open) => {
    const page = await open({ language: 'da' });
    await page.goto(`${BASE_URL}/`);
    assert.equal(await page.getByTestId('sign-in-submit').textContent(), 'Log ind');
    await signIn(page, 'consultant@midtjylland.demo');
    await page.waitForURL(/#\/desk$/);
    assert.equal(await text(page.getByTestId('sign-out')), 'Log ud');
    assert.equal(await text(page.getByTestId('nav-firms')), 'Virksomhedssøgning');
    assert.equal(await text(page.getByTestId('nav-desk')), 'Konsulentens skrivebord');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'da');
    assert.equal(await text(page.getByTestId('firm-finder-submit')), 'Søg');

    await page.getByTestId('language-picker').selectOption('sv');
    await page.getByTestId('sign-out').getByText('Logga ut').waitFor();
    await page.reload();
    await page.getByTestId('sign-out').getByText('Logga ut').waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('growthGraph.language')), 'sv');
  });
});

test('Danish and Swedish number formats on the public investor portal', { timeout: 60_000 }, async () => {
  await withBrowser(async (open) => {
    for (const [language, grouped] of [
      ['da', /^\d{1,3}(\.\d{3})+(,\d{2})? DKK$/],
      ['sv', /^\d{1,3}(\u00a0\d{3})+(,\d{2})? DKK$/],
    ]) {
      const page = await open({ language });
      await page.goto(`${BASE_URL}/#/portal`);
      await page.getByTestId('portal-investment').first().waitFor();
      const all = await page.getByTestId('portal-investment').allTextContents();
      const large = all.map((a) => a.trim()).filter((a) => /\d{4}|[.\u00a0]\d{3}/.test(a));
      assert.ok(large.length > 0, `the portal lists an investment of at least a thousand (${language})`);
      for (const amount of large) assert.match(amount, grouped, `${language}: ${JSON.stringify(amount)}`);
    }
  });
});

test('a Swedish coordinator gets Swedish; a viewer and an admin land where their work is; a phone gets a menu', { timeout: 60_000 }, async () => {
  await withBrowser(async (open) => {
    // An English browser, no language chosen: the organisation's country (SE) decides.
    const kalmar = await open({ language: 'none' });
    await signIn(kalmar, 'coordinator@kalmar.demo');
    await kalmar.getByTestId('sign-out').getByText('Logga ut').waitFor();
    assert.equal(await text(kalmar.getByTestId('nav-investment')), 'Investering');
    assert.equal(await kalmar.evaluate(() => document.documentElement.lang), 'sv');

    const admin = await open();
    await signIn(admin, 'admin@randers.demo');
    await admin.waitForURL(/#\/organisations\/[^/]+$/);
    const editor = await open();
    await signIn(editor, 'editor@randers.demo');
    await editor.waitForURL(/#\/agreements$/);
    const viewer = await open();
    await signIn(viewer, 'viewer@kkr-midtjylland.demo');
    await viewer.waitForURL(/#\/(dashboards|organisations\/[^/]+)$/);
    assert.equal(await viewer.getByTestId('nav-desk').count(), 0, 'a viewer records nothing: no desk in the navigation');

    const phone = await open({ viewport: { width: 375, height: 740 } });
    await signIn(phone, 'consultant@midtjylland.demo', '#/firms');
    assert.equal(await phone.getByTestId('nav-firms').isVisible(), false, 'the navigation is folded away');
    await phone.getByTestId('menu-toggle').click();
    await phone.getByTestId('nav-firms').waitFor({ state: 'visible' });
    assert.equal(await phone.getByTestId('menu-toggle').getAttribute('aria-expanded'), 'true');
  });
});
