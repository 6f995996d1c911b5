import { AccessRule } from '../core/access';
import { ForbiddenError } from '../core/errors';

/**
 * Personal data (people's names, e-mail addresses, phone numbers, member lists) is for signed-in people
 * only. API keys serve partner dashboards: register data, their organisation's records and aggregates,
 * never personal data. Put `@Access(personalData)` on every field that returns a person's name or contact
 * details; fields returning a `User` get null for API keys from the identity loaders (see userById).
 * `personal-data.test.ts` walks the schema reachable by an API key and fails on an unguarded field.
 */
export const personalData: AccessRule = {
  description: 'personal data: not API keys',
  check: (ctx) => {
    // Anonymous callers reach people only through signIn's own payload (the public roots hold no people).
    if (ctx.principal?.kind === 'apiKey') throw new ForbiddenError('Personal data is not available to API keys.');
  },
};
