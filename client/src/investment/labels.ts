import type { PortalProjectKind, PortalProjectStatus, SectorFocus } from '../generated/graphql';
import { humanize } from '../ui/labels';

export const SECTORS: SectorFocus[] = ['CLEANTECH', 'CONSTRUCTION', 'ENERGY', 'FOOD', 'ICT', 'LIFE_SCIENCE', 'LOGISTICS', 'MANUFACTURING', 'MARITIME', 'TOURISM', 'OTHER'];
const SECTOR_LABELS: Partial<Record<SectorFocus, string>> = { CLEANTECH: 'Cleantech', ICT: 'ICT', LIFE_SCIENCE: 'Life science' };
export const sectorLabel = (s: SectorFocus) => SECTOR_LABELS[s] ?? humanize(s);

export const PORTAL_KINDS: PortalProjectKind[] = ['BUILDING', 'INFRASTRUCTURE', 'URBAN_DEVELOPMENT', 'ENERGY'];
export const portalKindLabel = (k: PortalProjectKind) => humanize(k);
export const portalStatusLabel = (s: PortalProjectStatus) => humanize(s);
