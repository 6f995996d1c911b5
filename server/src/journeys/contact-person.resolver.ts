import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../core/context';
import { Access, Capability, Rules } from '../core/access';
import { MutationPayload, runMutation } from '../core/mutation';
import { isUuid } from '../core/text';
import { Organisation } from '../organisations/organisation.entity';
import { organisationLoaders } from '../organisations/organisation.loaders';
import { ContactPersonRevealLog } from './contact-person.entity';
import { AddContactPersonInput, AnonymiseContactPersonInput, RevealContactPersonInput } from './journey.inputs';
import { contactPersonsOfFirm } from './journey.service';
import { ContactPersonView, MaskedValue, PersonalDataField } from './contact-person.view';
import { addContactPerson, revealContactPerson, eraseContactPerson } from './contact-person.service';

export { ContactPersonView, MaskedValue, PersonalDataField };

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
    return runMutation(ctx, input, async (em) => Object.assign(new ContactPersonPayload(), await addContactPerson(ctx, em, input)), () => new ContactPersonPayload());
  }

  @Mutation(() => RevealContactPersonPayload, { description: 'Reveal a contact person\'s SENSITIVE fields to you. Logged with your reason.' })
  @Access(Rules.member(Capability.RECORD))
  revealContactPerson(@Arg('input', { validate: false }) input: RevealContactPersonInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new RevealContactPersonPayload(), await revealContactPerson(ctx, em, input)), () => new RevealContactPersonPayload());
  }

  @Mutation(() => ContactPersonPayload, { description: 'Remove a contact person\'s personal data now (erasure). Editors and admins of the holding organisation.' })
  @Access(Rules.member(Capability.EDIT))
  anonymiseContactPerson(@Arg('input', { validate: false }) input: AnonymiseContactPersonInput, @Ctx() ctx: RequestContext) {
    return runMutation(ctx, input, async (em) => Object.assign(new ContactPersonPayload(), await eraseContactPerson(ctx, em, input)), () => new ContactPersonPayload());
  }

  @FieldResolver(() => Organisation, { description: 'The organisation holding the data.' })
  organisation(@Root() p: ContactPersonView, @Ctx() ctx: RequestContext) {
    return organisationLoaders(ctx).byId.load(p.organisationId);
  }
}
