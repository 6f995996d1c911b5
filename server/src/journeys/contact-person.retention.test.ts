import { createTestApp, TestApp } from '../testing/harness';
import { anonymiseExpiredContactPersons } from './contact-person.retention';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ firmCount: 100 });
});
afterAll(() => app?.close());

const MIDT = { email: 'consultant@midtjylland.demo' };
const ADD = `mutation($i: AddContactPersonInput!) { addContactPerson(input: $i) {
  contactPerson { id name retainUntil anonymisedAt } userErrors { field code message } } }`;
const LIST = 'query($f: ID!) { contactPersons(firmId: $f) { id name email phone anonymisedAt sensitiveNote { present value } } }';
const ANONYMISE = 'mutation($i: AnonymiseContactPersonInput!) { anonymiseContactPerson(input: $i) { contactPerson { name email anonymisedAt } userErrors { field code } } }';

async function firmId() {
  return (await app.ds.query(`SELECT id FROM firm WHERE status = 'REGISTERED' ORDER BY name LIMIT 1`))[0].id as string;
}

it('keeps personal data 3 years by default, at most 5, never a past date', async () => {
  const f = await firmId();
  const ok = await app.exec(ADD, { i: { firmId: f, name: 'Karen Kontakt', email: 'karen@example.invalid' } }, MIDT);
  expect(ok.data.addContactPerson.userErrors).toEqual([]);
  const years = (new Date(ok.data.addContactPerson.contactPerson.retainUntil).getTime() - Date.now()) / (365.25 * 86400_000);
  expect(years).toBeGreaterThan(2.99);
  expect(years).toBeLessThan(3.01);
  for (const retainUntil of ['2020-01-01', '2099-01-01']) {
    const bad = await app.exec(ADD, { i: { firmId: f, name: 'X', retainUntil } }, MIDT);
    expect(bad.data.addContactPerson.userErrors).toMatchObject([{ field: ['input', 'retainUntil'], code: 'INVALID' }]);
  }
});

it('anonymises contact persons whose retention date has passed, and only those', async () => {
  const f = await firmId();
  const add = async (name: string) =>
    (await app.exec(ADD, { i: { firmId: f, name, email: `${name.toLowerCase()}@example.invalid`, phone: '+45 11 22 33 44', sensitiveNote: 'Health note' } }, MIDT)).data.addContactPerson.contactPerson.id;
  const expired = await add('Expired');
  const kept = await add('Kept');
  await app.ds.query(`UPDATE contact_person SET retain_until = current_date - 1 WHERE id = $1`, [expired]);
  expect(await anonymiseExpiredContactPersons(app.ds)).toBeGreaterThanOrEqual(1);
  const [row] = await app.ds.query('SELECT name, role, email, phone, sensitive_note, anonymised_at FROM contact_person WHERE id = $1', [expired]);
  expect(row).toMatchObject({ name: '(anonymised)', role: null, email: null, phone: null, sensitive_note: null });
  expect(row.anonymised_at).toBeTruthy();
  const list = (await app.exec(LIST, { f }, MIDT)).data.contactPersons;
  expect(list.find((p: any) => p.id === kept)).toMatchObject({ name: 'Kept', email: 'kept@example.invalid', anonymisedAt: null, sensitiveNote: { present: true } });
  expect(list.find((p: any) => p.id === expired)).toMatchObject({ name: '(anonymised)', email: null, sensitiveNote: { present: false } });
  // Running it again changes nothing.
  expect(await anonymiseExpiredContactPersons(app.ds)).toBe(0);
});

it('erasure on request: editors of the holding organisation only; others get not found', async () => {
  const f = await firmId();
  const id = (await app.exec(ADD, { i: { firmId: f, name: 'Erase Me', email: 'erase@example.invalid' } }, MIDT)).data.addContactPerson.contactPerson.id;
  const other = await app.exec(ANONYMISE, { i: { contactPersonId: id, reason: 'test' } }, { email: 'admin@hovedstaden.demo' });
  expect(other.data.anonymiseContactPerson.userErrors).toEqual([{ field: ['input', 'contactPersonId'], code: 'NOT_FOUND' }]);
  const consultant = await app.exec(ANONYMISE, { i: { contactPersonId: id, reason: 'test' } }, MIDT);
  expect(consultant.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const admin = await app.exec(ANONYMISE, { i: { contactPersonId: id, reason: 'Request for erasure' } }, { email: 'admin@midtjylland.demo' });
  expect(admin.data.anonymiseContactPerson.contactPerson).toMatchObject({ name: '(anonymised)', email: null });
  const again = await app.exec(ANONYMISE, { i: { contactPersonId: id, reason: 'again' } }, { email: 'admin@midtjylland.demo' });
  expect(again.data.anonymiseContactPerson.userErrors).toEqual([{ field: ['input', 'contactPersonId'], code: 'INVALID_STATE' }]);
});
