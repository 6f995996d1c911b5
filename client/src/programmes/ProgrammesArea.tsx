import type { AreaPageProps } from '../areas';
import { activeMemberships, can, membershipsWhere } from '../ui/access';
import { CataloguePage, OperatedProgrammesPage } from './CataloguePage';
import { CreateProgrammePage, EditProgrammePage } from './CreateProgrammePage';
import { ProgrammePage, type ProgrammeAccess } from './ProgrammePage';

/** #/programmes (catalogue), #/programmes/operated, #/programmes/new, #/programmes/<id>, #/programmes/<id>/edit. */
export function ProgrammesArea({ parts, params, me, actingFor }: AreaPageProps) {
  const memberships = activeMemberships(me, actingFor);
  const operators = membershipsWhere(me, actingFor, 'edit').map((m) => ({ id: m.organisation.id, name: m.organisation.name }));
  const access: ProgrammeAccess = {
    canRecord: (operatorId) => can(me, actingFor, operatorId, 'record'),
    canEdit: (operatorId) => can(me, actingFor, operatorId, 'edit'),
  };
  const [first, second] = parts;
  // The pages' styles are scoped to .pc-area (styles.css, section "Programmes and clusters").
  return (
    <div className="pc-area">
      {!first ? (
        <CataloguePage params={params} canCreate={operators.length > 0} isMember={memberships.length > 0} />
      ) : first === 'operated' ? (
        <OperatedProgrammesPage />
      ) : first === 'new' ? (
        <CreateProgrammePage operators={operators} />
      ) : second === 'edit' ? (
        <EditProgrammePage key={first} id={first} canEdit={access.canEdit} />
      ) : (
        <ProgrammePage key={first} id={first} access={access} />
      )}
    </div>
  );
}
