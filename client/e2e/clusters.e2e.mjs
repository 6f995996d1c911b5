// Browser test of the Clusters pages against a running server (API at /graphql, client at /).
//   E2E_BASE_URL=http://127.0.0.1:4567 node --test client/e2e/clusters.e2e.mjs
// Main path, as the cluster's editor: We Build Denmark, its Næstved office with the placement proposal
// (five criteria scored) and the co-financing shares (100 %; a split that does not add up is refused
// with the server's message and nothing is saved), then a new activity (unique title) and its attendance.
// On failure: /tmp/gg-e2e-clusters-failure.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { BASE_URL, CHROMIUM, eventually, fillSignIn, graphql, launch, newContext, PASSWORD, SCREENSHOT_DIR, TIMEOUT } from './helpers.mjs';

const EDITOR = 'cluster@webuild.demo';
const CLUSTER = 'We Build Denmark';
const OFFICE = 'We Build Denmark, regionalt kontor Næstved';
const FAILURE_SCREENSHOT = '/tmp/gg-e2e-clusters-failure.png';

test('clusters: office placement and co-financing, a new activity with attendance', { timeout: 120_000 }, async () => {
  assert.ok(BASE_URL, 'Set E2E_BASE_URL to the running app, e.g. http://127.0.0.1:4567');
  assert.ok(fs.existsSync(CHROMIUM), `No Chromium at ${CHROMIUM}: apt-get install -y chromium`);

  // From the API: the co-financing as seeded (to check nothing changes), and a firm of Næstved to record as attendee.
  const { signIn } = await graphql('mutation($i: SignInInput!) { signIn(input: $i) { token } }', { i: { email: EDITOR, password: PASSWORD } });
  const token = signIn.token;
  const { clusters } = await graphql('{ clusters(first: 50) { edges { node { id name offices { id name coFinancings { id version shares { sharePercent } } } } } } }', {}, token);
  const cluster = clusters.edges.map((e) => e.node).find((c) => c.name === CLUSTER);
  assert.ok(cluster, `the demo data has the cluster ${CLUSTER}`);
  const office = cluster.offices.find((o) => o.name === OFFICE);
  assert.ok(office?.coFinancings.length, 'the Næstved office has a co-financing the cluster sees');
  const { organisationByCode } = await graphql(
    'query { organisationByCode(country: DK, kind: MUNICIPALITY, officialCode: "370") { name firms(first: 20) { edges { node { id name cvr status } } } } }',
    {},
    token,
  );
  const firm = organisationByCode.firms.edges.map((e) => e.node).find((f) => f.status === 'REGISTERED' && f.cvr);
  assert.ok(firm, 'a registered firm in Næstved');
  const title = `E2E matchmaking ${Date.now()}`;

  const browser = await launch();
  const problems = [];
  let page;
  const shot = async (name) => {
    if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, `clusters-${name}.png`), fullPage: true });
  };
  try {
    const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(TIMEOUT);
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));

    await page.goto(`${BASE_URL}/`);
    await fillSignIn(page, EDITOR);
    await page.getByTestId('user-name').waitFor();

    // The cluster list, then We Build Denmark.
    await page.getByTestId('nav-clusters').click();
    await page.getByTestId('cluster-list').getByRole('link', { name: CLUSTER, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: CLUSTER }).waitFor();
    await shot('1-cluster');

    // The Næstved office: host municipality, the placement proposal scored on all five criteria, the decision.
    const officeCard = page.getByTestId('office').filter({ has: page.getByRole('heading', { name: OFFICE }) });
    await officeCard.waitFor();
    assert.equal((await officeCard.getByTestId('host-municipality').textContent())?.trim(), 'Næstved Kommune');
    const proposal = officeCard.getByTestId('placement-proposal').first();
    await proposal.waitFor();
    const criteria = await proposal.getByTestId('placement-score').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-criterion')));
    assert.deepEqual(criteria, ['VALUE_TO_LOCAL_FIRMS', 'ATTRACTION_AND_RETENTION', 'KNOWLEDGE_INSTITUTION_LINKS', 'NETWORK_AND_MATCHMAKING', 'RETURN_ON_PUBLIC_RESEARCH']);
    for (const score of await proposal.getByTestId('placement-score').locator('td.num').allTextContents()) assert.match(score.trim(), /^[1-5]\/5$/);
    assert.match(await proposal.getByTestId('placement-score').first().textContent(), /bygge- og anlægsvirksomheder/, 'the reasoning is shown');
    assert.match(await proposal.getByTestId('proposal-decision').textContent(), /Decision: Approved/);

    // Co-financing: five municipalities whose shares add up to 100 %, amounts per year, benefits.
    const coFinancing = officeCard.getByTestId('co-financing').first();
    assert.equal(await coFinancing.getByTestId('co-financing-share').count(), 5);
    assert.equal((await coFinancing.getByTestId('co-financing-total').textContent())?.trim(), '100 %');
    assert.match(await coFinancing.getByTestId('co-financing-shares').textContent(), /2025/);
    assert.ok((await coFinancing.getByTestId('benefits').locator('li').count()) > 0, 'what member municipalities get');
    await shot('2-office');

    // Shares that do not add up are refused with the server's message next to the total; nothing is saved.
    await coFinancing.getByTestId('edit-co-financing').click();
    const form = officeCard.getByTestId('co-financing-form');
    await form.getByTestId('share-0').fill('45');
    assert.match(await form.getByTestId('share-form-total').textContent(), /105 %: must be exactly 100 %/);
    await form.getByTestId('co-financing-save').click();
    await eventually(async () => assert.match(await form.getByTestId('error-shares').textContent(), /^The shares must add up to exactly 100 %\.$/));
    await shot('3-shares-refused');
    await form.getByTestId('co-financing-cancel').click();
    assert.equal((await officeCard.getByTestId('co-financing').first().getByTestId('co-financing-total').textContent())?.trim(), '100 %');
    const { cluster: after } = await graphql('query($id: ID!) { cluster(id: $id) { offices { id coFinancings { id version shares { sharePercent } } } } }', { id: cluster.id }, token);
    assert.deepEqual(after.offices.find((o) => o.id === office.id).coFinancings, office.coFinancings, 'the refused edit wrote nothing');

    // The member list is visible to the cluster's own editor.
    await page.getByTestId('cluster-member').first().waitFor();

    // A new activity of the Næstved office, with a unique title: it opens on its own page.
    await page.getByTestId('new-activity').click();
    const activityForm = page.getByTestId('create-activity-form');
    await activityForm.getByLabel('Kind').selectOption('MATCHMAKING');
    await activityForm.getByLabel('Title').fill(title);
    await activityForm.getByLabel('Run by').selectOption({ label: OFFICE });
    await activityForm.getByLabel('Starts').fill('2027-03-04T09:00');
    await activityForm.getByLabel('Ends (optional)').fill('2027-03-04T12:00');
    await activityForm.getByLabel('Location (optional)').fill('Næstved');
    await activityForm.getByTestId('create-activity-submit').click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    assert.equal((await page.getByTestId('activity-attendance-count').textContent())?.trim(), '0');

    // Attendance: a firm found by CVR and the host municipality, recorded together.
    const recordForm = page.getByTestId('record-attendance');
    await recordForm.getByTestId('firm-finder-input').fill(firm.cvr);
    await recordForm.getByTestId('firm-finder-submit').click();
    await recordForm.getByRole('button', { name: `Add ${firm.name}` }).click();
    await recordForm.getByLabel('Add an organisation').fill('Næstved Kommune');
    await recordForm.getByLabel('Add an organisation').press('Enter');
    await recordForm.getByRole('button', { name: 'Add Næstved Kommune', exact: true }).click();
    assert.equal(await recordForm.getByTestId('pending-attendee').count(), 2);
    await recordForm.getByTestId('record-attendance-submit').click();
    await recordForm.getByTestId('attendance-recorded').waitFor();
    await eventually(async () => assert.equal((await page.getByTestId('activity-attendance-count').textContent())?.trim(), '2'));
    const attendees = await page.getByTestId('attendee').allTextContents();
    assert.ok(attendees.some((a) => a.includes(firm.name)), `${firm.name} attended: ${attendees}`);
    assert.ok(attendees.some((a) => a.includes('Næstved Kommune')), `Næstved Kommune attended: ${attendees}`);
    await shot('4-activity');

    // The same, from the API: the activity exists once with its two attendees.
    const { clusterActivities } = await graphql(
      'query($f: ClusterActivityFilter) { clusterActivities(filter: $f, first: 100) { edges { node { title attendanceCount office { name } } } } }',
      { f: { clusterId: cluster.id, kinds: ['MATCHMAKING'], startsFrom: '2027-03-01T00:00:00Z' } },
      token,
    );
    const created = clusterActivities.edges.map((e) => e.node).filter((a) => a.title === title);
    assert.deepEqual(created, [{ title, attendanceCount: 2, office: { name: OFFICE } }]);

    assert.deepEqual(problems, [], 'no errors in the page');
  } catch (error) {
    if (page) await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => {});
    if (problems.length > 0 && error instanceof Error) error.message += `\nBrowser problems:\n${problems.join('\n')}`;
    throw error;
  } finally {
    await browser.close();
  }
});
