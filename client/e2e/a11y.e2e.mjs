// Accessibility of the main pages, in Danish and in Swedish: axe-core (WCAG 2.x A/AA and best practices)
// finds no violations on sign-in, each role's landing page, the dashboard, an agreement and a firm page;
// on a phone (375 px) the navigation folds into a menu that opens and whose links work.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertNoAxeViolations, BASE_URL, openIn, signIn, text, withBrowser } from './helpers.mjs';

/** Waits until the page's main content has loaded (no loading status left in it). */
async function settled(page) {
  await page.locator('main').waitFor();
  await page.locator('h1').first().waitFor(); // every page names itself; axe checks that too
  await page.waitForFunction(() => !document.querySelector('main [role="status"][aria-busy="true"]') && !/Henter|Hämtar|Loading/.test(document.querySelector('main')?.textContent ?? ''), null, { timeout: 15_000 });
}

const SIGN_IN = { da: 'Log ind', sv: 'Logga in' };

for (const language of ['da', 'sv']) {
  test(`no axe violations on the main pages in ${language === 'da' ? 'Danish' : 'Swedish'}`, { timeout: 300_000 }, async () => {
    await withBrowser(async (open) => {
      const anonymous = await openIn(open, language);
      await anonymous.goto(`${BASE_URL}/`);
      assert.equal(await text(anonymous.getByTestId('sign-in-submit')), SIGN_IN[language]);
      assert.equal(await anonymous.evaluate(() => document.documentElement.lang), language);
      await assertNoAxeViolations(anonymous, `sign-in (${language})`);

      // A consultant lands on the worklist.
      const consultant = await openIn(open, language);
      await signIn(consultant, 'consultant@midtjylland.demo');
      await consultant.waitForURL(/#\/desk$/);
      await settled(consultant);
      await assertNoAxeViolations(consultant, `consultant's landing: the desk (${language})`);

      // The firm page (industry code with its DB07 name).
      await consultant.goto(`${BASE_URL}/#/firms?q=A`);
      await consultant.getByTestId('firm-result').first().waitFor();
      await assertNoAxeViolations(consultant, `firm search (${language})`);
      await consultant.getByTestId('firm-result').first().getByRole('link').first().click();
      await consultant.locator('#firm-title').waitFor();
      await settled(consultant);
      await assertNoAxeViolations(consultant, `firm page (${language})`);

      // Municipal staff land on their agreements; one agreement's page.
      const editor = await openIn(open, language);
      await signIn(editor, 'editor@randers.demo');
      await editor.waitForURL(/#\/agreements$/);
      await editor.getByTestId('agreement-row').first().waitFor();
      await assertNoAxeViolations(editor, `editor's landing: agreements (${language})`);
      await editor.getByTestId('agreement-row').first().getByRole('link').first().click();
      await editor.getByTestId('agreement-page').waitFor();
      await editor.getByTestId('kpi-attainment').getByRole('table').or(editor.getByTestId('kpi-attainment').locator('p.muted')).first().waitFor();
      await settled(editor);
      await assertNoAxeViolations(editor, `agreement page (${language})`);

      // A viewer (KKR) lands on the dashboard.
      const viewer = await openIn(open, language);
      await signIn(viewer, 'viewer@kkr-midtjylland.demo');
      await viewer.waitForURL(/#\/(dashboards|organisations\/[^/]+)$/);
      await viewer.goto(`${BASE_URL}/#/dashboards`);
      await viewer.locator('main table').first().waitFor();
      await settled(viewer);
      await assertNoAxeViolations(viewer, `dashboard (${language})`);

      // An admin lands on the organisation.
      const admin = await openIn(open, language);
      await signIn(admin, 'admin@randers.demo');
      await admin.waitForURL(/#\/organisations\/[^/]+$/);
      await settled(admin);
      await assertNoAxeViolations(admin, `admin's landing: the organisation (${language})`);
    });
  });
}

test('on a phone (375 px) the navigation is a menu that opens, whose links work, and that passes axe', { timeout: 90_000 }, async () => {
  await withBrowser(async (open) => {
    const phone = await openIn(open, 'sv', { viewport: { width: 375, height: 740 } });
    await signIn(phone, 'editor@randers.demo');
    await phone.waitForURL(/#\/agreements$/);
    await settled(phone);
    const toggle = phone.getByTestId('menu-toggle');
    assert.equal(await toggle.isVisible(), true, 'a Menu button on a phone');
    assert.equal(await text(toggle), 'Meny');
    assert.equal(await phone.getByTestId('nav-firms').isVisible(), false, 'the navigation is folded away');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await assertNoAxeViolations(phone, 'phone, menu closed');

    await toggle.click();
    await phone.getByTestId('nav-firms').waitFor({ state: 'visible' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    // The menu fits the screen: no link runs off its right edge.
    const overflow = await phone.evaluate(() => [...document.querySelectorAll('.app-header nav a')].filter((a) => a.getBoundingClientRect().right > window.innerWidth + 1).length);
    assert.equal(overflow, 0, 'every menu link fits within 375 px');
    await assertNoAxeViolations(phone, 'phone, menu open');

    await phone.getByTestId('nav-firms').click();
    await phone.waitForURL(/#\/firms/);
    await phone.locator('#firm-search-title').waitFor();
    assert.equal(await text(phone.locator('#firm-search-title')), 'Företagssök');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'following a link closes the menu');
    assert.equal(await phone.getByTestId('nav-firms').isVisible(), false);

    await toggle.click();
    await phone.getByTestId('nav-agreements').click();
    await phone.waitForURL(/#\/agreements$/);
    await phone.getByTestId('agreement-row').first().waitFor();
    // Tables stay readable: the page itself does not scroll sideways (wide tables scroll in their own box).
    const pageOverflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(pageOverflow <= 1, `the page does not scroll sideways on a phone (${pageOverflow} px too wide)`);
  });
});
