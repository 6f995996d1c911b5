// The pages' content in Danish and Swedish, not just their labels: no raw enum code (a value of a GraphQL
// enum, e.g. "SCALE_UP", "NOT_REPORTED") as a word on the main pages of the three users (consultant,
// municipal staff, partner viewer); none of the server's English texts the client now words itself (KPI
// sources, the dashboard's area, the agreement history's "Signed by every party."); and the delegation
// form's host list laid out on a phone (a short legend; the pilot marker beside its municipality).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { BASE_URL, openIn, signIn, withBrowser } from './helpers.mjs';

/** Every value of every enum in the schema (the words a page must never show as they are). */
const ENUM_VALUES = new Set(
  fs
    .readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8')
    .split(/\n(?=enum )/)
    .filter((block) => block.startsWith('enum '))
    .flatMap((block) => block.split('\n').slice(1).map((l) => l.trim()))
    .filter((v) => /^[A-Z][A-Z0-9_]+$/.test(v)),
);
// Values that are also ordinary words or codes on a page: currencies, countries, "KPI", "CVR", a role shown as such.
for (const same of ['DKK', 'SEK', 'EUR', 'DK', 'SE', 'KPI', 'CVR', 'API', 'CSV', 'XLSX', 'KKR']) ENUM_VALUES.delete(same);

/** The server's English sentences (agreement.kpi.ts, dashboard.service.ts, agreement.service.ts) that the client words itself. */
const SERVER_ENGLISH = [
  'External metric: reported in follow-ups.',
  'has no municipality (nor KKR) among its parties',
  'the member municipalities of the KKR',
  'the municipalities the growth house covers',
  'Signed by every party.',
  'Cancel',
];

/** Waits for the main content (no loading text left), then opens every disclosed form so its words are on the page too. */
async function settle(page) {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !/Henter|Hämtar|Loading/.test(document.querySelector('main')?.textContent ?? ''), null, { timeout: 15_000 });
  for (const button of await page.locator('main button[aria-expanded="false"]').all()) await button.click({ timeout: 2000 }).catch(() => {});
}

/** The page's words: text nodes and the label attributes a screen reader reads. */
const pageTexts = (page) =>
  page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!n.parentElement?.closest('script,style')) out.push(n.textContent.replace(/\s+/g, ' ').trim());
    for (const el of document.querySelectorAll('[aria-label],[placeholder],[title]')) for (const a of ['aria-label', 'placeholder', 'title']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
    return out.filter(Boolean);
  });

async function assertWorded(page, label) {
  const texts = await pageTexts(page);
  const codes = [...new Set(texts.flatMap((t) => t.split(/[\s,.:;()·/–-]+/)).filter((w) => ENUM_VALUES.has(w)))];
  assert.deepEqual(codes, [], `raw enum codes on ${label}`);
  const english = SERVER_ENGLISH.filter((s) => texts.some((t) => (s === 'Cancel' ? t === s : t.includes(s))));
  assert.deepEqual(english, [], `English on ${label}`);
}

/** Same-area links of the page (one of each shape), to follow one level down. */
const firstLinks = (page, pattern) => page.evaluate((source) => [...new Set([...document.querySelectorAll('main a[href^="#/"]')].map((a) => a.getAttribute('href')).filter((h) => new RegExp(source).test(h)))].slice(0, 3), pattern.source);

for (const language of ['da', 'sv']) {
  test(`the three users' pages in ${language}: no raw codes, none of the server's English`, { timeout: 300_000 }, async () => {
    await withBrowser(async (open) => {
      // A growth consultant: the desk, firm search, a firm's journey (timeline, growth potential, forms).
      const consultant = await openIn(open, language);
      await signIn(consultant, 'consultant@midtjylland.demo');
      await consultant.waitForURL(/#\/desk$/);
      await settle(consultant);
      await assertWorded(consultant, `desk (${language})`);
      await consultant.goto(`${BASE_URL}/#/firms?q=A`);
      await consultant.getByTestId('firm-result').first().waitFor();
      await assertWorded(consultant, `firm search (${language})`);
      const firm = await consultant.evaluate(() => document.querySelector('main a[href^="#/desk/firm/"]')?.getAttribute('href'));
      await consultant.goto(`${BASE_URL}/${firm ?? '#/desk'}`);
      await settle(consultant);
      await assertWorded(consultant, `a firm's journey (${language})`);

      // Municipal staff: the agreements and each agreement linked from the list (KPI panel, history, forms).
      const editor = await openIn(open, language);
      await signIn(editor, 'editor@randers.demo');
      await editor.getByTestId('agreement-row').first().waitFor();
      await assertWorded(editor, `agreements (${language})`);
      for (const href of await firstLinks(editor, /^#\/agreements\/[0-9a-f-]{36}$/)) {
        await editor.goto(`${BASE_URL}/${href}`);
        await editor.getByTestId('agreement-page').waitFor();
        await editor.getByTestId('kpi-attainment').getByRole('table').or(editor.getByTestId('kpi-attainment').locator('p.muted')).first().waitFor();
        await settle(editor);
        await assertWorded(editor, `agreement ${href} (${language})`);
      }

      // A partner viewer: the KKR's result contract (its external KPIs are "not reported"), then the
      // dashboard (its intro names the area in the reader's language).
      const viewer = await openIn(open, language);
      await signIn(viewer, 'viewer@kkr-midtjylland.demo');
      await viewer.goto(`${BASE_URL}/#/agreements`);
      await viewer.getByTestId('agreement-row').first().waitFor();
      const [contract] = await firstLinks(viewer, /^#\/agreements\/[0-9a-f-]{36}$/);
      await viewer.goto(`${BASE_URL}/${contract}`);
      await viewer.getByTestId('kpi-attainment').getByRole('table').first().waitFor();
      await settle(viewer);
      assert.match(await viewer.getByTestId('kpi-attainment').textContent(), language === 'da' ? /Ikke indberettet endnu/ : /Inte rapporterat än/, 'an external KPI, worded in the page language');
      await assertWorded(viewer, `the KKR's agreement (${language})`);
      await viewer.goto(`${BASE_URL}/#/dashboards`);
      await viewer.getByTestId('dash-intro').waitFor();
      await viewer.locator('main table').first().waitFor();
      await settle(viewer);
      const intro = await viewer.getByTestId('dash-intro').textContent();
      assert.match(intro, language === 'da' ? /KKR's medlemskommuner \(\d+ kommuner\)/ : /KKR:s medlemskommuner \(\d+ kommuner\)/);
      await assertWorded(viewer, `dashboard (${language})`);
    });
  });
}

test('the delegation form on a phone in Swedish: a one-line legend, the pilot marker beside its municipality', { timeout: 90_000 }, async () => {
  await withBrowser(async (open) => {
    const phone = await openIn(open, 'sv', { viewport: { width: 375, height: 740 } });
    await signIn(phone, 'investment@copcap.demo', '#/investment/delegations/new');
    const hosts = phone.locator('fieldset.checkbox-list');
    await hosts.locator('label.checkbox').first().waitFor();
    const legend = await hosts.locator('legend').evaluate((l) => ({ text: l.textContent, height: l.getBoundingClientRect().height, line: parseFloat(getComputedStyle(l).lineHeight) || 24 }));
    assert.equal(legend.text, 'Värdkommuner');
    assert.ok(legend.height < legend.line * 1.6, `the legend is one line (${legend.height} px)`);
    const pilots = await hosts.locator('label.checkbox').evaluateAll((labels) =>
      labels
        .filter((l) => /pilot/.test(l.textContent))
        .map((l) => {
          const name = l.querySelector('span').getBoundingClientRect();
          const marker = l.querySelector('span .nowrap').getBoundingClientRect();
          return { text: l.textContent.trim(), markerStartsAfterName: marker.left >= name.left, markerOneLine: marker.height < 30 };
        }),
    );
    assert.ok(pilots.length > 0, 'the reception has pilot municipalities');
    for (const p of pilots) assert.ok(p.markerStartsAfterName && p.markerOneLine, JSON.stringify(p));
    assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 1, 'no sideways scroll');
  });
});
