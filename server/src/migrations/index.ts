import { Foundation1764000000000 } from './1764000000000-Foundation';
import { Journeys1764100000000 } from './1764100000000-Journeys';
import { ProgrammesAndClusters1764200000000 } from './1764200000000-ProgrammesAndClusters';
import { NetworksAndInvestment1764300000000 } from './1764300000000-NetworksAndInvestment';
import { ServiceAgreements1764400000000 } from './1764400000000-ServiceAgreements';
import { ContactPersonRetention1764500000000 } from './1764500000000-ContactPersonRetention';
import { SharedProcessState1765200000000 } from './1765200000000-SharedProcessState';
import { AgreementAcceptanceAndRelationshipConsent1765300000000 } from './1765300000000-AgreementAcceptanceAndRelationshipConsent';
import { FirmRegisterHistory1765300000001 } from './1765300000001-FirmRegisterHistory';
import { AccessPathIndexes1765400000000 } from './1765400000000-AccessPathIndexes';
import { DashboardIndexes1765500000000 } from './1765500000000-DashboardIndexes';
import { RowLevelSecurity1769000000000 } from './1769000000000-RowLevelSecurity';
import { PasswordHashPrivilege1769110000000 } from './1769110000000-PasswordHashPrivilege';
import { DashboardRollups1769120000000 } from './1769120000000-DashboardRollups';
import { ApiKeyLastUsed1769140000000 } from './1769140000000-ApiKeyLastUsed';
import { DashboardEnrolmentRollup1769190000000 } from './1769190000000-DashboardEnrolmentRollup';
import { DashboardOutcomeRollup1769200000000 } from './1769200000000-DashboardOutcomeRollup';
import { AgreementAndNetworkWalls1769210000000 } from './1769210000000-AgreementAndNetworkWalls';
import { PasswordHashWrite1769211000000 } from './1769211000000-PasswordHashWrite';
import { FirmVisibilityEstimate1769215000000 } from './1769215000000-FirmVisibilityEstimate';
import { KpiActualsFromRollups1769216000000 } from './1769216000000-KpiActualsFromRollups';
import { DashboardFirmKey1769224000000 } from './1769224000000-DashboardFirmKey';
import { KpiWall1769226000000 } from './1769226000000-KpiWall';
import { BeginSession1769228000000 } from './1769228000000-BeginSession';
import { DefinerHardening1769234000000 } from './1769234000000-DefinerHardening';

/** Every migration in order; each domain area's schema change adds one here. */
export const migrations: Function[] = [Foundation1764000000000, Journeys1764100000000, ProgrammesAndClusters1764200000000, NetworksAndInvestment1764300000000, ServiceAgreements1764400000000, ContactPersonRetention1764500000000, SharedProcessState1765200000000, AgreementAcceptanceAndRelationshipConsent1765300000000, FirmRegisterHistory1765300000001, AccessPathIndexes1765400000000, DashboardIndexes1765500000000, RowLevelSecurity1769000000000, PasswordHashPrivilege1769110000000, DashboardRollups1769120000000, ApiKeyLastUsed1769140000000, DashboardEnrolmentRollup1769190000000, DashboardOutcomeRollup1769200000000, AgreementAndNetworkWalls1769210000000, PasswordHashWrite1769211000000, FirmVisibilityEstimate1769215000000, KpiActualsFromRollups1769216000000, DashboardFirmKey1769224000000, KpiWall1769226000000, BeginSession1769228000000, DefinerHardening1769234000000];
