import type { AreaPageProps } from '../areas';
import { activeMemberships, EDITING_ROLES, hasRole, RECORDING_ROLES } from './access';
import { CataloguePage, OperatedProgrammesPage } from './CataloguePage';
import { CreateProgrammePage } from './CreateProgrammePage';
import { ProgrammePage, type ProgrammeAccess } from './ProgrammePage';

/** #/programmes (catalogue), #/programmes/operated, #/programmes/new, #/programmes/<id>. */
export function ProgrammesArea({ parts, params, me, actingFor }: AreaPageProps) {
  const memberships = activeMemberships(me.memberships, actingFor);
  const operators = memberships.filter((m) => (EDITING_ROLES as readonly string[]).includes(m.role)).map((m) => ({ id: m.organisation.id, name: m.organisation.name }));
  const access: ProgrammeAccess = {
    canRecord: (operatorId) => hasRole(me.memberships, actingFor, operatorId, RECORDING_ROLES),
    canEdit: (operatorId) => hasRole(me.memberships, actingFor, operatorId, EDITING_ROLES),
  };
  const [first] = parts;
  // The pages' styles are scoped to .pc-area (styles.css, section "Programmes and clusters").
  return (
    <div className="pc-area">
      {!first ? (
        <CataloguePage params={params} canCreate={operators.length > 0} isMember={memberships.length > 0} />
      ) : first === 'operated' ? (
        <OperatedProgrammesPage />
      ) : first === 'new' ? (
        <CreateProgrammePage operators={operators} />
      ) : (
        <ProgrammePage key={first} id={first} access={access} />
      )}
    </div>
  );
}
