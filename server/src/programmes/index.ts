import {
  ProgrammeResolver, ProgrammeEligibilityResolver, ProgrammeFundingSourceResolver, ProgrammeEnrolmentResolver, ProgrammeMutationResolver,
} from './programme.resolver';

/** Every resolver class of the programmes area: server/src/schema.ts takes the area's resolvers only from here. */
export const PROGRAMME_RESOLVERS = [
  ProgrammeResolver,
  ProgrammeEligibilityResolver,
  ProgrammeFundingSourceResolver,
  ProgrammeEnrolmentResolver,
  ProgrammeMutationResolver,
] as const;
