import { DataSource, EntityManager } from 'typeorm';
import type { ScheduledJob } from '../core/jobs';

/** Default and maximum retention of a contact person's personal data. */
export const DEFAULT_RETENTION_YEARS = 3;
export const MAX_RETENTION_YEARS = 5;

const ANONYMISE = `
  UPDATE contact_person
     SET name = '(anonymised)', role = NULL, email = NULL, phone = NULL, sensitive_note = NULL,
         anonymised_at = now(), version = version + 1, updated_at = now()`;

/** Anonymises one contact person (erasure on request). Returns false when it was anonymised already. */
export async function anonymiseContactPerson(em: EntityManager, id: string): Promise<boolean> {
  const [, affected] = await em.query(`${ANONYMISE} WHERE id = $1 AND anonymised_at IS NULL`, [id]);
  return affected > 0;
}

/** Anonymises every contact person whose retention date has passed. Returns how many. */
export async function anonymiseExpiredContactPersons(ds: DataSource | EntityManager): Promise<number> {
  const [, affected] = await ds.query(`${ANONYMISE} WHERE anonymised_at IS NULL AND retain_until < (now() AT TIME ZONE 'Europe/Copenhagen')::date`);
  return affected;
}

/**
 * Daily, once across all API processes on the database (core/jobs.ts): contact persons past their
 * retention date are anonymised.
 */
export const contactPersonRetentionJob: ScheduledJob = {
  name: 'contact-person-retention',
  everySeconds: 24 * 3600,
  async run(ds) {
    const n = await anonymiseExpiredContactPersons(ds);
    if (n) return `Retention: anonymised ${n} contact person(s) past their retention date.`;
  },
};
