import { MigrationInterface, QueryRunner } from 'typeorm';
import { O, W } from './1769000000000-RowLevelSecurity';

/**
 * The firm policy compares `status::text` instead of the enum. Under row-level security PostgreSQL uses a
 * column's statistics only with LEAKPROOF operators, and the enum's `<>` is not one: it then estimates
 * `status <> 'PROSPECT'` as 1 - 1/n_distinct, which is 0 whenever ANALYZE's sample holds no prospect
 * (2 prospects in 100,000 firms: most samples). Every firm scan was then planned for one row - the
 * municipality pages read all ~900 firms of each municipality and sorted them (518 ms instead of 19 ms at
 * 100,000 firms), depending on the sample. The text comparison has no statistics and keeps the default
 * estimate (0.995), whatever the sample. Same rows, same meaning; firms/firm.visibility.ts says the same.
 */
const readRule = (orgs: string) => `status::text <> 'PROSPECT' OR owner_organisation_id = ANY(${orgs})`;
const oldRule = (orgs: string) => `status <> 'PROSPECT' OR owner_organisation_id = ANY(${orgs})`;

async function setFirmPolicies(q: QueryRunner, rule: (orgs: string) => string): Promise<void> {
  const write = `cardinality(${W}) > 0 AND (${rule(W)})`;
  await q.query(`ALTER POLICY gg_read ON public.firm USING (${rule(O)})`);
  await q.query(`ALTER POLICY gg_insert ON public.firm WITH CHECK (${write})`);
  await q.query(`ALTER POLICY gg_update ON public.firm USING (${rule(O)}) WITH CHECK (${write})`);
  await q.query(`ALTER POLICY gg_delete ON public.firm USING (${write})`);
}

export class FirmVisibilityEstimate1769215000000 implements MigrationInterface {
  name = 'FirmVisibilityEstimate1769215000000';

  public async up(q: QueryRunner): Promise<void> {
    await setFirmPolicies(q, readRule);
  }

  public async down(q: QueryRunner): Promise<void> {
    await setFirmPolicies(q, oldRule);
  }
}
