import { EntityManager } from 'typeorm';
import { RequestContext } from '../core/context';
import { UserError, userError, UserErrorCode } from '../core/errors';
import { fromJson, jsonObject, memoisedStatement, selectList } from '../core/rows';
import { prepared } from '../core/prepared';
import { likePrefix } from '../core/text';
import { Country, Organisation, OrganisationKind } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { Firm } from './firm.entity';
import { FirmSearch } from './firm.inputs';
import { firmNameOrder } from './firm.loaders';
import { restrictToVisibleFirms, visibleFirmsParams, visibleFirmsShape } from './firm.visibility';
import { isValidCvr, isValidOrganisationsnummer, normaliseOrganisationsnummer } from './identifiers';

/**
 * Firm search: `first + 1` visible firms by name after the keyset position `after` ([lower(name), id]).
 * `search.identifier` is already normalised; `properties` are the columns the query reads (null: all), as
 * plain rows (lean read; core/rows.ts).
 */
export function findFirms(ctx: RequestContext, search: FirmSearch | undefined, first: number, after: [string, string] | null, properties: string[] | null): Promise<Firm[]> {
  // The prefix is a range of the "C"-collated index, which also gives the order (no sort of every match). Given
  // as the range itself (not LIKE), so a cached generic plan can use it too: the statement may be a named one.
  const prefix = search?.namePrefix?.trim() || null;
  const range = prefix ? prefixRange(prefix.toLowerCase()) : null;
  const build = () => {
    const qb = ctx.ds.getRepository(Firm).createQueryBuilder('f').select(selectList(ctx.ds, Firm, 'f', properties));
    restrictToVisibleFirms(qb, 'f', ctx);
    if (range) qb.andWhere(`${firmNameOrder('f')} >= :lo AND ${firmNameOrder('f')} < :hi`, range);
    else if (prefix) qb.andWhere(`${firmNameOrder('f')} LIKE :prefix ESCAPE '\\'`, { prefix: likePrefix(prefix) });
    if (search?.identifier) qb.andWhere('(f.cvr = :id OR f.organisationsnummer = :id)', { id: search.identifier });
    if (search?.municipalityId) qb.andWhere('f.municipalityId = :m', { m: search.municipalityId });
    if (search?.country) qb.andWhere('f.country = :country', { country: search.country });
    if (after) qb.andWhere(`(${firmNameOrder('f')}, f.id) > (:cName COLLATE "C", :cId)`, { cName: after[0], cId: after[1] });
    return qb.orderBy(firmNameOrder('f')).addOrderBy('f.id').limit(first + 1);
  };
  // The values under the builder's names: the builder itself is built only for a new shape (core/rows.ts memoisedStatement).
  const params: Record<string, unknown> = {
    ...visibleFirmsParams(ctx, 'f'),
    ...range,
    prefix: prefix && !range ? likePrefix(prefix) : undefined,
    id: search?.identifier,
    m: search?.municipalityId,
    country: search?.country,
    cName: after?.[0],
    cId: after?.[1],
  };
  // A lookup by CVR / organisationsnummer has one best plan whatever the number (its two indexes), and so has a
  // name prefix given as an index range (the range walks IDX_firm_name_prefix in order): they may go as named
  // statements with a cached plan (core/prepared.ts). Other combinations are sent as before (they are many shapes).
  const named = (search?.identifier && !prefix) || (range && !search?.identifier && !search?.municipalityId && !search?.country);
  const mark = named ? prepared : (sql: string) => sql;
  // The statement's text depends only on which conditions were added, the page size, the columns and the visibility branch.
  const shape = `firm.search|${range ? 'r' : prefix ? 'p' : ''}${search?.identifier ? 'i' : ''}${search?.municipalityId ? 'm' : ''}${search?.country ? 'c' : ''}${after ? 'a' : ''}|${first}|${properties?.join(',') ?? '*'}|${visibleFirmsShape(ctx)}`;
  // With the municipalities' rows when the page needs them (the text around the page, memoised with it).
  const withOrgs = !properties || properties.includes('municipalityId');
  const page = memoisedStatement(ctx.ds, `${shape}|${withOrgs ? 'orgs' : ''}`, build, params, withOrgs ? (sql) => withMunicipalitiesSql(ctx, sql) : undefined);
  if (!withOrgs) return ctx.ds.query(mark(page[0]), page[1]);
  return withMunicipalities(ctx, page, mark);
}

/**
 * The code-point range [lo, hi) of the strings that start with `prefix` (in the "C" collation, which orders by code
 * point): hi is the prefix with its last character's successor. Null when there is no successor (U+10FFFF).
 */
export function prefixRange(prefix: string): { lo: string; hi: string } | null {
  const chars = [...prefix];
  const last = chars.pop()!.codePointAt(0)!;
  if (last >= 0x10ffff) return null;
  const next = last + 1 >= 0xd800 && last + 1 <= 0xdfff ? 0xe000 : last + 1; // no surrogates in UTF-8
  return { lo: prefix, hi: chars.join('') + String.fromCodePoint(next) };
}

/**
 * The page of `pageSql` (ordered firm rows) with the rows of their municipalities, which prime the
 * organisation loader: `municipality { name }` needs no statement of its own (issue 12: one round trip).
 */
async function withMunicipalities(ctx: RequestContext, [sql, params]: [string, unknown[]], mark: (sql: string) => string): Promise<Firm[]> {
  const [row]: Array<{ rows: Firm[] | null; orgs: Organisation[] | null }> = await ctx.ds.query(mark(sql), params);
  for (const o of row.orgs ?? []) organisationLoaders(ctx).byId.prime(o.id, fromJson(ctx.ds, Organisation, o));
  return (row.rows ?? []).map((f) => fromJson(ctx.ds, Firm, f));
}

/** The statement of withMunicipalities around the page's statement `pageSql`. */
function withMunicipalitiesSql(ctx: RequestContext, pageSql: string): string {
  // json_agg over the ordered page keeps its order (aggregating a sorted subquery; the page has no name column to sort by when none was asked for)
  return `WITH page AS (${pageSql})
     SELECT (SELECT json_agg(page) FROM page) AS rows,
            (SELECT json_agg(${jsonObject(ctx.ds, Organisation, 'o')}) FROM organisation o WHERE o.id IN (SELECT "municipalityId" FROM page)) AS orgs`;
}

/** Checks that need the country or the database; class-validator has done the shapes already. */
export async function checkFirmFields(
  em: EntityManager,
  country: Country,
  input: { cvr?: string; organisationsnummer?: string; industryCode?: string; municipalityCode?: string; foundedOn?: string },
): Promise<{ errors: UserError[]; municipalityId?: string | null; cvr?: string; organisationsnummer?: string }> {
  const errors: UserError[] = [];
  const out: { municipalityId?: string | null; cvr?: string; organisationsnummer?: string } = {};

  if (input.cvr != null) {
    const cvr = input.cvr.replace(/\s/g, '');
    if (country !== Country.DK) errors.push(userError('cvr', 'A CVR number is only for Danish firms (country DK).'));
    else if (!isValidCvr(cvr)) errors.push(userError('cvr', 'Not a valid CVR number: 8 digits, not starting with 0, modulus-11 check.', UserErrorCode.INVALID_IDENTIFIER));
    else out.cvr = cvr;
  }
  if (input.organisationsnummer != null) {
    if (country !== Country.SE) errors.push(userError('organisationsnummer', 'An organisationsnummer is only for Swedish firms (country SE).'));
    else if (!isValidOrganisationsnummer(input.organisationsnummer)) {
      errors.push(userError('organisationsnummer', 'Not a valid organisationsnummer: 10 digits (NNNNNN-NNNN), third digit 2 or more, Luhn check digit.', UserErrorCode.INVALID_IDENTIFIER));
    } else out.organisationsnummer = normaliseOrganisationsnummer(input.organisationsnummer);
  }
  if (input.industryCode != null) {
    const digits = country === Country.DK ? 6 : 5;
    if (!new RegExp(`^\\d{${digits}}$`).test(input.industryCode)) {
      errors.push(userError('industryCode', `Industry code must be ${digits} digits (${country === Country.DK ? 'DB07' : 'SNI 2007'}).`));
    }
  }
  if (input.foundedOn != null && input.foundedOn > new Date().toISOString().slice(0, 10)) {
    errors.push(userError('foundedOn', 'Founding date cannot be in the future.'));
  }
  if (input.municipalityCode != null) {
    const municipality = await em.findOne(Organisation, {
      where: { country, kind: OrganisationKind.MUNICIPALITY, officialCode: input.municipalityCode },
      select: { id: true },
    });
    if (!municipality) {
      errors.push(userError('municipalityCode', `No ${country === Country.DK ? 'Danish' : 'Swedish'} municipality has code "${input.municipalityCode}".`, UserErrorCode.NOT_FOUND));
    } else out.municipalityId = municipality.id;
  }
  return { errors, ...out };
}

export const FIRM_UNIQUE_FIELDS = {
  UQ_firm_cvr: { field: 'cvr', message: 'A firm with this CVR number exists already.' },
  UQ_firm_organisationsnummer: { field: 'organisationsnummer', message: 'A firm with this organisationsnummer exists already.' },
};
