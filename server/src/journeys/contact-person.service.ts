import { EntityManager } from 'typeorm';
import { RequestContext, userIdOf } from '../core/context';
import { Capability } from '../core/access';
import { userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { CONTACT_PERSON_FIELD_CATEGORIES, ContactPerson, ContactPersonRevealLog } from './contact-person.entity';
import { actingOrganisation, findFirmForRecording } from './journey.access';
import { PersonalDataCategory } from './journey.enums';
import { AddContactPersonInput, AnonymiseContactPersonInput, RevealContactPersonInput } from './journey.inputs';
import { anonymiseContactPerson, DEFAULT_RETENTION_YEARS, MAX_RETENTION_YEARS } from './contact-person.retention';
import { ContactPersonView } from './contact-person.view';

/** Contact persons' writes (the resolver stays thin): each runs inside its mutation's transaction. Personal data: see contact-person.entity.ts. */

/** Add a contact person at a firm (personal data held by your organisation). */
export async function addContactPerson(ctx: RequestContext, em: EntityManager, input: AddContactPersonInput) {
  const org = actingOrganisation(ctx, input.organisationId, Capability.RECORD).organisationIds[0];
  const firm = await findFirmForRecording(em, input.firmId, org);
  const [{ today, latest, fallback }] = await em.query(
    `SELECT d::text AS today, (d + make_interval(years => $1))::date::text AS latest, (d + make_interval(years => $2))::date::text AS fallback
       FROM (SELECT (now() AT TIME ZONE 'Europe/Copenhagen')::date AS d) t`,
    [MAX_RETENTION_YEARS, DEFAULT_RETENTION_YEARS],
  );
  if (input.retainUntil && (input.retainUntil <= today || input.retainUntil > latest)) {
    throw new UserInputRejection([userError('retainUntil', `Keep it until a date after today and at most ${MAX_RETENTION_YEARS} years ahead (${latest}).`)]);
  }
  const saved = await em.save(em.create(ContactPerson, {
    firmId: firm.id, organisationId: org, name: input.name.trim(), role: input.role?.trim() || null, email: input.email?.trim().toLowerCase() || null,
    phone: input.phone?.trim() || null, sensitiveNote: input.sensitiveNote?.trim() || null, createdByUserId: userIdOf(ctx),
    retainUntil: input.retainUntil ?? fallback, anonymisedAt: null,
  }));
  return { contactPerson: ContactPersonView.of(saved, false) };
}

/** Reveal a contact person's SENSITIVE fields to you. Logged with your reason. */
export async function revealContactPerson(ctx: RequestContext, em: EntityManager, input: RevealContactPersonInput) {
  const recording = ctx.scope.organisationIds(Capability.RECORD);
  const person = await em.getRepository(ContactPerson).createQueryBuilder('p')
    .where('p.id = :id', { id: input.contactPersonId }).andWhere('p.organisationId = ANY(:recording)', { recording }).getOne();
  if (!person) throw new UserInputRejection([userError('contactPersonId', 'Contact person not found.', UserErrorCode.NOT_FOUND)]);
  const fields = CONTACT_PERSON_FIELD_CATEGORIES.filter(([, c]) => c === PersonalDataCategory.SENSITIVE).map(([f]) => f);
  const log = await em.save(em.create(ContactPersonRevealLog, {
    contactPersonId: person.id, organisationId: person.organisationId, userId: userIdOf(ctx), reason: input.reason.trim(), fields,
  }));
  return { contactPerson: ContactPersonView.of(person, true), log };
}

/** Remove a contact person's personal data now (erasure). Editors and admins of the holding organisation. */
export async function eraseContactPerson(ctx: RequestContext, em: EntityManager, input: AnonymiseContactPersonInput) {
  const editing = ctx.scope.require(Capability.EDIT);
  const qb = em.getRepository(ContactPerson).createQueryBuilder('p').where('p.id = :id', { id: input.contactPersonId });
  const person = await editing.restrict(qb, 'p.organisationId').getOne();
  if (!person) throw new UserInputRejection([userError('contactPersonId', 'Contact person not found.', UserErrorCode.NOT_FOUND)]);
  if (!(await anonymiseContactPerson(em, person.id))) {
    throw new UserInputRejection([userError('contactPersonId', 'This contact person is anonymised already.', UserErrorCode.INVALID_STATE)]);
  }
  const after = await em.findOneByOrFail(ContactPerson, { id: person.id });
  return { contactPerson: ContactPersonView.of(after, false) };
}
