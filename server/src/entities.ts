import { Firm } from './firms/firm.entity';
import { ApiKey } from './identity/api-key.entity';
import { Membership } from './identity/membership.entity';
import { Session } from './identity/session.entity';
import { User } from './identity/user.entity';
import { OrganisationRelationship } from './organisations/organisation-relationship.entity';
import { Organisation } from './organisations/organisation.entity';

/** Every TypeORM entity; each domain area adds its own here. */
export const entities = [Organisation, OrganisationRelationship, Firm, User, Membership, Session, ApiKey];
