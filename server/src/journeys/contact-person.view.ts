import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CONTACT_PERSON_FIELD_CATEGORIES, ContactPerson } from './contact-person.entity';
import { PersonalDataCategory } from './journey.enums';

/** The API shapes of contact persons (in their own module: the area's services build them too). */

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
