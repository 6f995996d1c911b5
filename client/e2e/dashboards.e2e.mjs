// Browser tests of the partner dashboards against a running server with the demo data.
//   E2E_BASE_URL=http://127.0.0.1:4567 node --test client/e2e/dashboards.e2e.mjs
// The expected figures come from the seeded demo activity, read independently through the API
// (the read-only API keys of the README) - the page must show exactly those.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Papa from 'papaparse';
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.E2E_BASE_URL ?? '').replace(/\/+$/, '');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'growth-graph-demo';
const FAILURE_SCREENSHOT = '/tmp/gg-e2e-dashboards-failure.png';
const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR ?? '';
const TIMEOUT = 20_000;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// The demo activity lies in fixed calendar months; this is the period the tests look at.
const FROM = '2025-12-01';
const TO = '2026-11-30';

async function graphql(query, variables, authorization) {
  const res = await fetch(`${BASE_URL}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  assert.equal(body.errors, undefined, `GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const PANEL = `query($i: DashboardInput!) { dashboard(input: $i) { panels { kind groupBy measures { key }
  rows { key label suppressed ownOnly units values } total { units values suppressed } } } }`;
const viaKey = async (key, input) => (await graphql(PANEL, { i: input }, `ApiKey ${key}`)).dashboard.panels;

const text = async (locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const num = (s) => Number(String(s).replace(/[^\d.-]/g, ''));

async function signIn(page, email) {
  await page.goto(`${BASE_URL}/`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('user-name').waitFor();
}

async function withPage(name, body) {
  assert.ok(BASE_URL, 'Set E2E_BASE_URL to the running app, e.g. http://127.0.0.1:4567');
  assert.ok(fs.existsSync(CHROMIUM), `No Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const problems = [];
  let page;
  try {
    // English, US-style numbers: the assertions parse what Intl prints for en-US.
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US', acceptDownloads: true });
    context.setDefaultTimeout(TIMEOUT);
    // The assertions read English labels: act as a user who picked English (Danish users get Danish by default).
    await context.addInitScript(() => window.localStorage.setItem('growthGraph.language', 'en'));
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
    await body(page);
    if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, `dashboards-${name}.png`), fullPage: true });
    assert.deepEqual(problems, [], 'no errors in the page');
  } catch (error) {
    if (page) await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => {});
    if (problems.length > 0 && error instanceof Error) error.message += `\nBrowser problems:\n${problems.join('\n')}`;
    throw error;
  } finally {
    await browser.close();
  }
}

const dashboardUrl = (params) => `${BASE_URL}/#/dashboards?${new URLSearchParams({ from: FROM, to: TO, ...params })}`;

test('a KKR viewer sees the growth-work chart and table with the figures of the seed', async () => {
  const [expected] = await viaKey('ggk_demo_kkr_midtjylland_read_only', { from: FROM, to: TO, groupBy: 'MUNICIPALITY', panels: ['GROWTH_WORK'] });
  const shown = expected.rows.filter((r) => !r.suppressed);
  assert.ok(shown.length >= 2, 'the seed gives the KKR at least two municipalities above the threshold');
  await withPage('kkr', async (page) => {
    await signIn(page, 'viewer@kkr-midtjylland.demo');
    await page.getByTestId('nav-dashboards').click();
    await page.getByTestId('dash-intro').waitFor();
    assert.match(await text(page.getByTestId('dash-intro')), /KKR Midtjylland/);
    await page.goto(dashboardUrl({ groupBy: 'MUNICIPALITY' }));
    const panel = page.getByTestId('panel-GROWTH_WORK');
    // Wait for the new breakdown (the previous one stays on screen until it arrives).
    await panel.locator('thead th', { hasText: 'Municipality' }).waitFor();
    const mappings = expected.measures.findIndex((m) => m.key === 'mappings');
    for (const r of expected.rows) {
      const row = panel.getByTestId(`row-GROWTH_WORK-${r.key}`);
      const cells = await row.locator('td').allTextContents();
      if (r.suppressed) assert.deepEqual(cells.slice(0, 3), ['<5', '<5', '<5'], `${r.label} is suppressed`);
      else assert.equal(num(cells[2 + mappings]), r.values[mappings], `${r.label}: mappings`);
    }
    const totalCells = await panel.getByTestId('row-GROWTH_WORK-__TOTAL__').locator('td').allTextContents();
    assert.equal(num(totalCells[2 + mappings]), expected.total.values[mappings]);
    // The chart draws the same numbers (bar labels), one bar per shown municipality.
    const chart = page.getByTestId('chart-GROWTH_WORK');
    await chart.locator('.recharts-bar-rectangle').first().waitFor();
    const labels = (await chart.locator('.dash-bar-label, .recharts-label-list text').allTextContents()).filter(Boolean).map(num).sort((a, b) => a - b);
    assert.deepEqual(labels, shown.map((r) => r.values[mappings]).sort((a, b) => a - b));
    // Suppressed groups are named in the chart with "<5" and get no bar.
    const hidden = expected.rows.filter((r) => r.suppressed);
    // (SVG tick labels wrap into several lines: compare without white space.)
    const squeeze = (s) => s.replace(/\s+/g, '');
    for (const r of hidden) assert.ok(squeeze(await text(chart)).includes(squeeze(`${r.label} (<5)`)), `${r.label} (<5) in the chart`);
  });
});

test('a growth house cannot see another house\'s breakdown below the suppression threshold', async () => {
  // The seed's hub work is random: about 6 firms a year (some seeds more than 5), so look for the first
  // period - the year, else one of its quarters - where it is under the threshold.
  const periods = [[FROM, TO], ['2025-12-01', '2026-02-28'], ['2026-03-01', '2026-05-31'], ['2026-06-01', '2026-08-31'], ['2026-09-01', '2026-11-30']];
  let expected;
  let foreignSmall = [];
  let period;
  for (const [from, to] of periods) {
    [expected] = await viaKey('ggk_demo_gh_fyn_read_only', { from, to, groupBy: 'ORGANISATION', panels: ['GROWTH_WORK'] });
    foreignSmall = expected.rows.filter((r) => !r.ownOnly && r.suppressed);
    period = { from, to };
    if (foreignSmall.length > 0) break;
  }
  assert.ok(foreignSmall.length > 0, 'Erhvervshus Sydjylland\'s hub work in Fyn\'s area is under the threshold in the seed (the year or a quarter)');
  await withPage('fyn', async (page) => {
    await signIn(page, 'viewer@fyn.demo');
    await page.goto(dashboardUrl({ groupBy: 'ORGANISATION', ...period }));
    const panel = page.getByTestId('panel-GROWTH_WORK');
    await panel.locator('thead th', { hasText: 'Organisation' }).waitFor();
    for (const r of foreignSmall) {
      const row = panel.getByTestId(`row-GROWTH_WORK-${r.key}`);
      assert.equal(await row.getAttribute('data-suppressed'), 'true');
      // Firms, events and every measure of this period (the previous period is its own breakdown).
      const cells = (await row.locator('td').allTextContents()).slice(0, 2 + expected.measures.length);
      assert.ok(cells.every((c) => c === '<5'), `every figure of ${r.label} is "<5": ${cells}`);
      assert.equal(await row.getByRole('button').count(), 0, 'no drill-down into a suppressed row');
    }
    // Nothing anywhere on the page gives another organisation's group of fewer than 5 firms.
    const units = await panel.locator('tbody tr:not([data-suppressed]) td:nth-child(2)').allTextContents();
    for (const [i, r] of expected.rows.entries()) if (!r.suppressed && !r.ownOnly) assert.ok(r.units >= 5, `row ${i}`);
    assert.ok(units.length >= 1);
  });
});

test('the CSV export of a panel matches its table', async () => {
  await withPage('csv', async (page) => {
    await signIn(page, 'viewer@kkr-midtjylland.demo');
    await page.goto(dashboardUrl({ groupBy: 'MUNICIPALITY' }));
    const table = page.getByTestId('table-REFERRALS');
    await table.locator('thead th', { hasText: 'Municipality' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-REFERRALS').click()]);
    const csv = Papa.parse(fs.readFileSync(await download.path(), 'utf8'), { skipEmptyLines: true }).data;
    // The table's headers, without the drill-down column (not data).
    const headers = await table.locator('thead th').evaluateAll((ths) => ths.filter((th) => !th.querySelector('.visually-hidden')).map((th) => th.textContent.trim()));
    assert.deepEqual(csv[0], headers);
    const rows = await table.locator('tbody tr').all();
    assert.equal(csv.length - 1, rows.length);
    for (const [i, row] of rows.entries()) {
      const label = (await row.locator('th').textContent()).trim();
      const values = await row.locator('td[data-value]').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));
      assert.deepEqual(csv[i + 1], [label, ...values], `row ${i}`);
      // What the reader sees is the same value, formatted in the reader's locale.
      const shown = await row.locator('td[data-value]').allTextContents();
      values.forEach((v, j) => { if (v !== '' && v !== '<5') assert.equal(num(shown[j]), Number(v), `row ${i} column ${j}`); });
    }
    // XLSX of the same panel downloads as a spreadsheet.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('xlsx-REFERRALS').click()]);
    assert.match(xlsx.suggestedFilename(), /referrals\.xlsx$/);
    assert.equal(fs.readFileSync(await xlsx.path()).subarray(0, 2).toString(), 'PK');
  });
});
