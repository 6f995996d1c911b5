import type { AreaPageProps } from '../areas';
import { can, membershipsWhere } from '../ui/access';
import { ActivityPage } from './ActivityPage';
import { ClusterListPage } from './ClusterListPage';
import { ClusterPage } from './ClusterPage';

/** #/clusters, #/clusters/<clusterId>, #/clusters/<clusterId>/activities/<activityId>. */
export function ClustersArea({ parts, me, actingFor }: AreaPageProps) {
  const [clusterId, sub, subId] = parts;
  // The cluster's editors and admins create activities, record attendance, co-financing and decisions.
  const canEdit = can(me, actingFor, clusterId, 'edit');
  // Editors of a municipality may propose (and revise) placements with it as lead municipality.
  const editableMunicipalities = membershipsWhere(me, actingFor, 'edit')
    .filter((m) => m.organisation.kind === 'MUNICIPALITY')
    .map((m) => ({ id: m.organisation.id, name: m.organisation.name }));
  // The pages' styles are scoped to .pc-area (styles.css, section "Programmes and clusters").
  return (
    <div className="pc-area">
      {!clusterId ? (
        <ClusterListPage />
      ) : sub === 'activities' && subId ? (
        <ActivityPage key={subId} clusterId={clusterId} id={subId} canEdit={canEdit} />
      ) : (
        <ClusterPage key={clusterId} id={clusterId} canEdit={canEdit} municipalities={editableMunicipalities} />
      )}
    </div>
  );
}
