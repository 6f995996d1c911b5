import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { RequestContext, userIdOf } from '../core/context';
import { Access, Capability, Rules } from '../core/access';
import { userError, UserErrorCode, UserInputRejection } from '../core/errors';
import { MutationPayload, runMutation } from '../core/mutation';
import { isUuid } from '../core/text';
import { Organisation } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { CONTACT_PERSON_FIELD_CATEGORIES, ContactPerson, ContactPersonRevealLog } from './contact-person.entity';
import { actingOrganisation, findFirmForRecording } from './journey.access';
import { PersonalDataCategory } from './journey.enums';
import { AddContactPersonInput, AnonymiseContactPersonInput, RevealContactPersonInput } from './journey.inputs';
import { contactPersonsOfFirm } from './journey.service';
import { anonymiseContactPerson, DEFAULT_RETENTION_YEARS, MAX_RETENTION_YEARS } from './contact-person.retention';

@ObjectType({ description: 'A personal-data field and its category.' })
export class PersonalDataField {
  @Field() field!: string;
  @Field(() => PersonalDataCategory) category!: PersonalDataCategory;
}

@ObjectType({ description: 'A SENSITIVE value: masked (value null) unless revealed with revealContactPerson, which is logged.' })
export class MaskedValue {
  @Field(() => PersonalDataCategory) category!: PersonalDataCategory;
  @Field({ description: 'True when the value is withheld.' }) masked!: boolean;
  @Field({ description: 'Whether anything is recorded (so you know whether a reveal is worth it).' }) present!: boolean;
  @Field(() => String, { nullable: true }) value!: string | null;
}

/** The API shape of a contact person, with the sensitive field masked unless `revealed`. */
@ObjectType('ContactPerson', { description: 'A contact person at a firm: personal data held by one organisation, visible only to its members.' })
export class ContactPersonView {
  @Field(() => ID) id!: string;
  @Field(() => ID) firmId!: string;
  organisationId!: string;
  @Field({ description: 'ORDINARY' }) name!: string;
  @Field(() => String, { nullable: true, description: 'ORDINARY' }) role!: string | null;
  @Field(() => String, { nullable: true, description: 'CONTACT' }) email!: string | null;
  @Field(() => String, { nullable: true, description: 'CONTACT' }) phone!: string | null;
  @Field(() => MaskedValue, { description: 'SENSITIVE (health, trade-union membership, ...).' }) sensitiveNote!: MaskedValue;
  @Field(() => [PersonalDataField], { description: 'The category of each field.' }) fieldCategories!: PersonalDataField[];
  @Field({ description: 'The personal data is anonymised after this date (YYYY-MM-DD).' }) retainUntil!: string;
  @Field(() => Date, { nullable: true, description: 'When the personal data was removed; null while it is held.' }) anonymisedAt!: Date | null;
  @Field(() => Int) version!: number;
  @Field() createdAt!: Date;

  static of(p: ContactPerson, revealed: boolean): ContactPersonView {
    return Object.assign(new ContactPersonView(), {
      id: p.id, firmId: p.firmId, organisationId: p.organisationId, name: p.name, role: p.role, email: p.email, phone: p.phone,
      version: p.version, createdAt: p.createdAt, retainUntil: p.retainUntil, anonymisedAt: p.anonymisedAt,
      sensitiveNote: Object.assign(new MaskedValue(), {
        category: PersonalDataCategory.SENSITIVE, masked: !revealed, present: p.sensitiveNote != null, value: revealed ? p.sensitiveNote : null,
      }),
      fieldCategories: CONTACT_PERSON_FIELD_CATEGORIES.map(([field, category]) => Object.assign(new PersonalDataField(), { field, category })),
    });
  }
}

@ObjectType()
export class ContactPersonPayload extends MutationPayload {
  @Field(() => ContactPersonView, { nullable: true }) contactPerson: ContactPersonView | null = null;
}

@ObjectType()
export class RevealContactPersonPayload extends MutationPayload {
  @Field(() => ContactPersonView, { nullable: true, description: 'With the sensitive field revealed.' }) contactPerson: ContactPersonView | null = null;
  @Field(() => ContactPersonRevealLog, { nullable: true }) log: ContactPersonRevealLog | null = null;
}

@Resolver(() => ContactPersonView)
export class ContactPersonResolver {
  @Query(() => [ContactPersonView], { description: 'Contact persons of a firm held by your organisations (sensitive fields masked), by name.' })
  @Access(Rules.userMember(Capability.READ))
  async contactPersons(@Arg('firmId', () => ID) firmId: string, @Ctx() ctx: RequestContext) {
    const scope = ctx.scope.require(Capability.READ);
    if (!isUuid(firmId)) return [];
    const rows = await contactPersonsOfFirm(ctx, scope, firmId);
    return rows.map((p) => ContactPersonView.of(p, false));
  }

  @Mutation(() => ContactPersonPayload, { description: 'Add a contact person at a firm (personal data held by your organisation).' })
  @Access(Rules.member(Capability.RECORD))
  addContactPerson(@Arg('input', { validate: false }) input: AddContactPersonInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
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
      return Object.assign(new ContactPersonPayload(), { contactPerson: ContactPersonView.of(saved, false) });
    }, () => new ContactPersonPayload());
  }

  @Mutation(() => RevealContactPersonPayload, { description: 'Reveal a contact person\'s SENSITIVE fields to you. Logged with your reason.' })
  @Access(Rules.member(Capability.RECORD))
  revealContactPerson(@Arg('input', { validate: false }) input: RevealContactPersonInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const recording = ctx.scope.organisationIds(Capability.RECORD);
      const person = await em.getRepository(ContactPerson).createQueryBuilder('p')
        .where('p.id = :id', { id: input.contactPersonId }).andWhere('p.organisationId = ANY(:recording)', { recording }).getOne();
      if (!person) throw new UserInputRejection([userError('contactPersonId', 'Contact person not found.', UserErrorCode.NOT_FOUND)]);
      const fields = CONTACT_PERSON_FIELD_CATEGORIES.filter(([, c]) => c === PersonalDataCategory.SENSITIVE).map(([f]) => f);
      const log = await em.save(em.create(ContactPersonRevealLog, {
        contactPersonId: person.id, organisationId: person.organisationId, userId: userIdOf(ctx), reason: input.reason.trim(), fields,
      }));
      return Object.assign(new RevealContactPersonPayload(), { contactPerson: ContactPersonView.of(person, true), log });
    }, () => new RevealContactPersonPayload());
  }

  @Mutation(() => ContactPersonPayload, { description: 'Remove a contact person\'s personal data now (erasure). Editors and admins of the holding organisation.' })
  @Access(Rules.member(Capability.EDIT))
  anonymiseContactPerson(@Arg('input', { validate: false }) input: AnonymiseContactPersonInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => {
      const editing = ctx.scope.require(Capability.EDIT);
      const qb = em.getRepository(ContactPerson).createQueryBuilder('p').where('p.id = :id', { id: input.contactPersonId });
      const person = await editing.restrict(qb, 'p.organisationId').getOne();
      if (!person) throw new UserInputRejection([userError('contactPersonId', 'Contact person not found.', UserErrorCode.NOT_FOUND)]);
      if (!(await anonymiseContactPerson(em, person.id))) {
        throw new UserInputRejection([userError('contactPersonId', 'This contact person is anonymised already.', UserErrorCode.INVALID_STATE)]);
      }
      const after = await em.findOneByOrFail(ContactPerson, { id: person.id });
      return Object.assign(new ContactPersonPayload(), { contactPerson: ContactPersonView.of(after, false) });
    }, () => new ContactPersonPayload());
  }

  @FieldResolver(() => Organisation, { description: 'The organisation holding the data.' })
  organisation(@Root() p: ContactPersonView, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(p.organisationId);
  }
}
