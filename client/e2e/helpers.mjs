// The browser tests' one helper module: the API (graphql, apiSignIn), the browser (launch, newPage,
// signIn) and waiting (eventually). Not a test file itself (scripts/test.mjs runs *.e2e.mjs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const BASE_URL = (process.env.E2E_BASE_URL ?? '').replace(/\/+$/, '');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PASSWORD = 'growth-graph-demo';
export const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR ?? '';
export const TIMEOUT = 15_000;
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Fails early, with the fix, when the run is not set up. */
export function assertSetUp() {
  assert.ok(BASE_URL, 'Set E2E_BASE_URL to the running app, e.g. http://127.0.0.1:4567');
  assert.ok(fs.existsSync(CHROMIUM), `No Chromium at ${CHROMIUM}: apt-get install -y chromium`);
}

/** One GraphQL request to the server under test, as the client sends it (POST, JSON); fails on GraphQL errors. */
export async function graphql(query, variables = {}, token = null) {
  const res = await fetch(`${BASE_URL}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  assert.equal(body.errors, undefined, `GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const tokens = new Map();
/** A token for a demo user (signed in once per run). */
export async function apiSignIn(email) {
  if (!tokens.has(email)) {
    const { signIn } = await graphql('mutation($i: SignInInput!) { signIn(input: $i) { token } }', { i: { email, password: PASSWORD } });
    assert.ok(signIn.token, `${email} can sign in`);
    tokens.set(email, signIn.token);
  }
  return tokens.get(email);
}

/** Retries `check` (which throws while not yet true) until it passes or the time is up. */
export async function eventually(check, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Debian's Chromium, headless. */
export const launch = () => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

const LOCALES = { en: 'en-GB', da: 'da-DK', sv: 'sv-SE' };

/**
 * A fresh browser context (own storage: its own session and language). language 'en' (the default)
 * is a user who chose English in the language picker, so tests written against English labels read
 * the same whatever the organisation's country; 'da' / 'sv' is a browser in that language with no
 * choice made (the client then defaults from the organisation's country); 'none' is an English
 * browser with no choice made.
 */
export async function newContext(browser, { language = 'en', ...options } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: LOCALES[language] ?? 'en-GB', ...options });
  if (language === 'en') {
    await context.addInitScript(() => {
      if (!window.localStorage.getItem('growthGraph.language')) window.localStorage.setItem('growthGraph.language', 'en');
    });
  }
  context.setDefaultTimeout(TIMEOUT);
  // Irreversible actions (signing, submitting) ask to confirm: the user says yes.
  context.on('page', (page) => page.on('dialog', (dialog) => dialog.accept()));
  return context;
}

/** A page in a fresh context (see newContext), collecting page errors into `problems`. */
export async function newPage(browser, problems = [], options = {}) {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  return page;
}

/** Signs in as `email` on the sign-in page shown (by test ids: the page speaks the browser's language). */
export async function fillSignIn(page, email) {
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
}

/** Opens `hash` and signs in there as `email`. */
export async function signIn(page, email, hash = '') {
  await page.goto(`${BASE_URL}/${hash}`);
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('user-name').waitFor({ state: 'attached' }); // folded into the menu on a phone
}

/** A locator's text with white space collapsed. */
export const text = async (locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** A valid CVR (mod-11) that is not likely to exist yet. */
export function randomCvr() {
  for (;;) {
    const first7 = String(1 + Math.floor(Math.random() * 9)) + String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
    const weights = [2, 7, 6, 5, 4, 3, 2];
    const sum = [...first7].reduce((s, d, i) => s + weights[i] * Number(d), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check !== 10) return first7 + check;
  }
}

/** A register firm of this run only (Aarhus), so no other test's data is touched or relied on. */
export async function createFirm(token, name) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const { createFirm } = await graphql(
      'mutation($i: CreateFirmInput!) { createFirm(input: $i) { firm { id name cvr } userErrors { field message code } } }',
      { i: { country: 'DK', cvr: randomCvr(), name, municipalityCode: '730', industryCode: '620100' } },
      token,
    );
    if (createFirm.firm) return createFirm.firm;
    assert.ok(createFirm.userErrors.every((e) => e.code === 'DUPLICATE'), JSON.stringify(createFirm.userErrors));
  }
  throw new Error('could not create a firm');
}

const require = createRequire(import.meta.url);
let axeSource = null;
/** The WCAG 2.x A/AA rules (and axe's best practices) the client is held to. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Runs axe-core (npm, a dev dependency of the client) in the page and fails with each violation's rule,
 * impact, help text and the first offending elements. axe is evaluated through the browser protocol, not
 * as a script tag, so the app's Content-Security-Policy stays untouched. `label` names the page in the message.
 */
export async function assertNoAxeViolations(page, label, { exclude = [] } = {}) {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const violations = await page.evaluate(
    async ({ tags, exclude }) => {
      const result = await window.axe.run({ exclude: exclude.map((s) => [s]) }, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    },
    { tags: AXE_TAGS, exclude },
  );
  assert.deepEqual(violations, [], `axe violations on ${label}: ${JSON.stringify(violations, null, 1)}`);
}

/** Runs `body` with a fresh browser; fails on page errors; always closes the browser. */
export async function withBrowser(body) {
  assertSetUp();
  const browser = await launch();
  const problems = [];
  try {
    await body((options) => newPage(browser, problems, options));
    assert.deepEqual(problems, [], 'no errors in the page');
  } finally {
    await browser.close();
  }
}

/** A page whose user chose `language` in the picker (so a Danish organisation's user can read Swedish too). */
export async function openIn(open, language, options = {}) {
  const page = await open({ language, ...options });
  await page.context().addInitScript((l) => window.localStorage.setItem('growthGraph.language', l), language);
  return page;
}
