/** The agreements area's resolver classes: server/src/schema.ts takes them only from here. */
export { AGREEMENT_RESOLVERS } from './agreement.resolver';
