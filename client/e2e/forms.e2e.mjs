// Every screen with a form, in Danish and in Swedish, at desktop width and on a 375 px phone, with its
// disclosed forms opened (every button in the page that says aria-expanded="false"): each <form> is laid out
// by the kit (class "kit-form", ui/Form.tsx), each visible field has a label, and nothing scrolls sideways
// on the phone. Before the kit, three forms used a grid class styled only inside the agreements area. Dates are
// kit fields in the page's language (ui/DateInput: no browser date input, the language's pattern), and on the
// phone each table cell names its column (its header row is hidden there; ui/tableLabels.ts).
// E2E_SCREENSHOT_DIR=/tmp/shots saves each screen as <language>-<width>-<screen>.png.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { assertSetUp, BASE_URL, eventually, launch, newPage, SCREENSHOT_DIR, signIn } from './helpers.mjs';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Screens by user; `follow` opens the first link matching that pattern on `hash` (`followName`: the link so named). */
const SCREENS = [
  { user: 'network@amager.demo', name: 'networks', hash: '#/networks' },
  { user: 'network@amager.demo', name: 'network', hash: '#/networks', follow: `#/networks/${UUID}$` },
  { user: 'cluster@webuild.demo', name: 'clusters', hash: '#/clusters' },
  { user: 'cluster@webuild.demo', name: 'cluster', hash: '#/clusters', followName: 'We Build Denmark' }, // the user's own cluster
  { user: 'consultant@midtjylland.demo', name: 'programmes', hash: '#/programmes' },
  { user: 'consultant@midtjylland.demo', name: 'programme', hash: '#/programmes', follow: `#/programmes/${UUID}$` },
  { user: 'admin@midtjylland.demo', name: 'programme-new', hash: '#/programmes/new' },
  { user: 'consultant@midtjylland.demo', name: 'desk', hash: '#/desk' },
  { user: 'consultant@midtjylland.demo', name: 'desk-firm', hash: '#/desk', follow: `#/desk/firm/${UUID}$` },
  { user: 'investment@copcap.demo', name: 'investment', hash: '#/investment' },
  { user: 'investment@copcap.demo', name: 'inquiry-new', hash: '#/investment/inquiries/new' },
  { user: 'investment@copcap.demo', name: 'delegation-new', hash: '#/investment/delegations/new' },
  { user: 'coordinator@kalmar.demo', name: 'inquiry', hash: '#/investment/inquiries', follow: `#/investment/inquiries/${UUID}$` },
  { user: 'editor@copcap.demo', name: 'portal-projects', hash: '#/investment/projects' },
  // The admin's own organisation (first of "your organisations"): members, API keys, profile.
  { user: 'admin@midtjylland.demo', name: 'organisation-admin', hash: '#/organisations', follow: `#/organisations/${UUID}$` },
  { user: 'admin@midtjylland.demo', name: 'account', hash: '#/account' },
  { user: 'editor@randers.demo', name: 'agreements', hash: '#/agreements' },
  { user: 'editor@randers.demo', name: 'agreement-new', hash: '#/agreements/new' },
  { user: 'editor@randers.demo', name: 'agreement', hash: '#/agreements', follow: `#/agreements/${UUID}$` },
  { user: 'editor@randers.demo', name: 'firm', hash: '#/firms?q=A', follow: `#/firms/${UUID}$` },
];

/** What is wrong with the forms on the page now (empty when all is well). */
const DATE_PATTERN = { da: 'dd.mm.åååå', sv: 'åååå-mm-dd' };

async function formProblems(page, phone, language) {
  return page.evaluate(({ phone, datePattern }) => {
    const problems = [];
    const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    const main = document.querySelector('main') ?? document.body;
    const describe = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : ''}`;
    for (const form of main.querySelectorAll('form')) {
      if (!form.classList.contains('kit-form')) problems.push(`form not laid out by the kit (no .kit-form): ${describe(form)} "${(form.textContent ?? '').trim().slice(0, 60)}"`);
    }
    for (const field of main.querySelectorAll('input, select, textarea')) {
      if (field.type === 'hidden' || !visible(field)) continue;
      const named = field.labels?.length || field.getAttribute('aria-label') || field.getAttribute('aria-labelledby') || field.title;
      if (!named) problems.push(`field without a label: ${describe(field)}`);
    }
    // Dates in the page's language: the browser's own date inputs show its language's order (MM/DD/YYYY).
    for (const field of main.querySelectorAll('input[type="date"], input[type="datetime-local"]')) problems.push(`date field in the browser's language, not the page's: ${describe(field)}`);
    for (const field of main.querySelectorAll('input.kit-date')) {
      if (visible(field) && field.placeholder !== datePattern) problems.push(`date field ${describe(field)} asks for "${field.placeholder}", not "${datePattern}"`);
    }
    if (phone) {
      // The header row is hidden on a phone: each data cell names its column (ui/tableLabels.ts).
      for (const table of main.querySelectorAll('table.firm-table')) {
        if (!table.tHead?.rows[0]?.textContent?.trim()) continue;
        for (const cell of table.querySelectorAll('tbody td')) {
          if (cell.colSpan !== 1 || !visible(cell) || !cell.textContent.trim()) continue;
          const before = getComputedStyle(cell, '::before').content;
          if (!cell.dataset.label || !before || before === 'none') problems.push(`table cell without its column's name on the phone: ${describe(table)} "${cell.textContent.trim().slice(0, 40)}"`);
        }
      }
      const overflow = document.documentElement.scrollWidth - window.innerWidth;
      if (overflow > 1) {
        const wide = [...main.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1).slice(-3).map(describe);
        problems.push(`scrolls sideways by ${overflow}px at ${window.innerWidth}px; widest: ${wide.join(', ')}`);
      }
    }
    return problems;
  }, { phone, datePattern: DATE_PATTERN[language] });
}

/** Opens every disclosed part of the page (kit DisclosureButton: aria-expanded="false"), once each. */
async function openDisclosures(page) {
  for (let round = 0; round < 10; round++) {
    const closed = page.locator('main button[aria-expanded="false"]:visible');
    if ((await closed.count()) === 0) return;
    await closed.first().click();
  }
}

/** Waits until the page has loaded what it shows (no "Henter …" / "Hämtar …" / "Loading …" left). */
async function settle(page) {
  await page.waitForLoadState('networkidle');
  await eventually(async () => {
    const loading = await page.evaluate(() => /(Henter|Hämtar|Loading)[^\n]*…/.test(document.querySelector('main')?.innerText ?? ''));
    assert.equal(loading, false, 'still loading');
  }).catch(() => {}); // a page that keeps loading is then seen (and screenshotted) as it is
}

// Each language once and each width once (the layout does not depend on the language, the words do): two
// runs instead of four keep the suite's time down; E2E_FORMS_ALL=1 runs all four.
const RUNS = process.env.E2E_FORMS_ALL === '1' ? [['da', 1280], ['da', 375], ['sv', 1280], ['sv', 375]] : [['da', 375], ['sv', 1280]];
for (const [language, width] of RUNS) {
  {
    test(`forms are laid out by the kit, labelled, and fit (${language}, ${width} px)`, { timeout: 240_000 }, async () => {
      assertSetUp();
      const browser = await launch();
      const problems = [];
      const pageErrors = [];
      try {
        const pages = new Map();
        for (const screen of SCREENS) {
          let page = pages.get(screen.user);
          if (!page) {
            page = await newPage(browser, pageErrors, { language, viewport: { width, height: 900 } });
            // The tester chose the language in the picker: a Danish organisation's user reads Swedish too.
            await page.context().addInitScript((l) => window.localStorage.setItem('growthGraph.language', l), language);
            await signIn(page, screen.user);
            pages.set(screen.user, page);
          }
          await page.goto(`${BASE_URL}/${screen.hash}`);
          await settle(page);
          if (screen.followName) {
            await page.getByRole('link', { name: screen.followName, exact: true }).first().click();
            await settle(page);
          }
          if (screen.follow) {
            const target = await eventually(async () => {
              const hrefs = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
              const found = hrefs.find((h) => new RegExp(screen.follow).test(h ?? ''));
              assert.ok(found, `${screen.name}: no link matching ${screen.follow} on ${screen.hash}`);
              return found;
            });
            await page.goto(`${BASE_URL}/${target}`);
            await settle(page);
          }
          await openDisclosures(page);
          await settle(page);
          const found = await formProblems(page, width < 760, language);
          problems.push(...found.map((p) => `${screen.name}: ${p}`));
          if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${language}-${width}-${screen.name}.png`), fullPage: true });
        }
        assert.ok((await pages.get('editor@randers.demo').locator('main form.kit-form').count()) > 0, 'the firm page shows its register-details form');
      } finally {
        await browser.close();
      }
      assert.deepEqual(problems, []);
      assert.deepEqual(pageErrors.filter((e) => !/Failed to load resource/.test(e)), []);
    });
  }
}
