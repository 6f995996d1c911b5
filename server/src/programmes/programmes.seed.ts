import { EntityManager } from 'typeorm';
import { GrowthPotentialLevel, SizeClass } from '../firms/firm.entity';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';
import { EnrolmentState, ProgrammeEnrolment, ProgrammeEnrolmentEvent } from './programme-enrolment.entity';
import { Programme, ProgrammeFundingSource, ProgrammeKind, ProgrammeKpi, ProgrammeState } from './programme.entity';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

interface SeedProgramme {
  key: string;
  operator: string;
  kind: ProgrammeKind;
  name: string;
  description: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
  state: ProgrammeState;
  levels: GrowthPotentialLevel[];
  regions: string[];
  industries: string[];
  sizes: SizeClass[];
  /** [funder organisation key or null, funder name or null, share in basis points, amount] */
  funding: Array<[string | null, string | null, number, number | null]>;
  kpis: Array<[string, number, string]>;
  /** How many eligible firms to enrol, and how many of them completed / dropped out. */
  enrol?: { n: number; completed: number; dropped: number; consultant: string };
}

const PROGRAMMES: SeedProgramme[] = [
  {
    key: 'vaekstivaerksaetter-midt',
    operator: 'gh:midtjylland',
    kind: ProgrammeKind.ACCELERATOR,
    name: 'Vækstiværksætterprogram Midtjylland',
    description: 'Accelerator for unge virksomheder med højt vækstpotentiale: vækstkortlægning, vækstplan, sparring med erfarne rådgivere og adgang til kapital.',
    startsOn: '2026-09-01',
    endsOn: '2027-06-30',
    capacity: 40,
    state: ProgrammeState.OPEN,
    levels: [GrowthPotentialLevel.HIGH, GrowthPotentialLevel.MEDIUM],
    regions: ['region:DK:1082'],
    industries: [],
    sizes: [SizeClass.MICRO, SizeClass.SMALL],
    funding: [
      ['gh:midtjylland', null, 5000, 1_500_000],
      [null, 'Danmarks Erhvervsfremmebestyrelse (EU Regionalfond)', 5000, 1_500_000],
    ],
    kpis: [
      ['Virksomheder gennemført', 35, 'firms'],
      ['Nye job efter 2 år', 60, 'jobs'],
      ['Øget omsætning efter 2 år', 50_000_000, 'DKK'],
    ],
    enrol: { n: 6, completed: 0, dropped: 1, consultant: 'consultant@midtjylland.demo' },
  },
  {
    key: 'vaekstcamp-hovedstaden',
    operator: 'gh:hovedstaden',
    kind: ProgrammeKind.GROWTH_CAMP,
    name: 'Vækstcamp Hovedstaden efterår 2026',
    description: 'Tre fælles campdage om strategi, salg og finansiering for vækstvirksomheder i hovedstadsregionen.',
    startsOn: '2026-10-05',
    endsOn: '2026-12-15',
    capacity: 20,
    state: ProgrammeState.RUNNING,
    levels: [GrowthPotentialLevel.MEDIUM, GrowthPotentialLevel.HIGH],
    regions: ['region:DK:1084'],
    industries: [],
    sizes: [],
    funding: [['gh:hovedstaden', null, 10000, 400_000]],
    kpis: [['Deltagende virksomheder', 20, 'firms']],
    enrol: { n: 8, completed: 3, dropped: 1, consultant: 'consultant@hovedstaden.demo' },
  },
  {
    key: 'digital-smv-midt',
    operator: 'gh:midtjylland',
    kind: ProgrammeKind.CO_FINANCED_COURSE,
    name: 'Digitalisering i SMV\'er (medfinansieret forløb)',
    description: 'Medfinansieret forløb om digitalt salg og automatisering for små produktionsvirksomheder. Under forberedelse.',
    startsOn: '2027-02-01',
    endsOn: '2027-05-31',
    capacity: 25,
    state: ProgrammeState.DRAFT,
    levels: [],
    regions: ['region:DK:1082'],
    industries: ['10', '25', '28'],
    sizes: [SizeClass.SMALL, SizeClass.MEDIUM],
    funding: [
      ['gh:midtjylland', null, 3333, null],
      ['kkr:1082', null, 3333, null],
      [null, 'Deltagerbetaling (virksomhederne)', 3334, null],
    ],
    kpis: [['Virksomheder med ny digital løsning', 20, 'firms']],
  },
];

/** Demo programmes with enrolments. Call after organisations, firms and users exist. */
export async function seedProgrammes(em: EntityManager, orgs: Map<string, Organisation>, users: Map<string, User>): Promise<void> {
  const org = (key: string) => {
    const o = orgs.get(key);
    if (!o) throw new Error(`seedProgrammes: no organisation ${key}`);
    return o.id;
  };
  for (const p of PROGRAMMES) {
    const programme = await em.save(
      em.create(Programme, {
        operatorOrganisationId: org(p.operator),
        kind: p.kind,
        name: p.name,
        description: p.description,
        startsOn: p.startsOn,
        endsOn: p.endsOn,
        capacity: p.capacity,
        state: p.state,
        eligibleGrowthPotentialLevels: p.levels,
        eligibleRegionIds: p.regions.map(org),
        eligibleIndustryCodePrefixes: p.industries,
        eligibleSizeClasses: p.sizes,
      }),
    );
    await em.insert(
      ProgrammeFundingSource,
      p.funding.map(([funder, name, bp, amount], i) => ({
        programmeId: programme.id,
        funderOrganisationId: funder ? org(funder) : null,
        funderName: name,
        shareBasisPoints: bp,
        amount,
        position: i,
      })),
    );
    await em.insert(ProgrammeKpi, p.kpis.map(([metric, target, unit], i) => ({ programmeId: programme.id, metric, target, unit, position: i })));
    if (!p.enrol) continue;

    // Eligible register firms, picked deterministically.
    const maxEmployees = p.sizes.length && !p.sizes.includes(SizeClass.MEDIUM) && !p.sizes.includes(SizeClass.LARGE) ? 49 : 1_000_000;
    const firms: Array<{ id: string }> = await em.query(
      `SELECT f.id FROM firm f JOIN organisation m ON m.id = f.municipality_id
        WHERE f.status = 'REGISTERED' AND m.region_id = ANY($1) AND (SELECT a.level::text FROM growth_potential_assessment a WHERE a.firm_id = f.id ORDER BY a.assessed_at DESC, a.id DESC LIMIT 1) = ANY($2) AND f.employees <= $3
        ORDER BY f.name, f.id LIMIT $4`,
      [p.regions.map(org), p.levels, maxEmployees, p.enrol.n],
    );
    const userId = users.get(p.enrol.consultant)?.id ?? null;
    const states = firms.map((_, i) =>
      i < p.enrol!.completed ? EnrolmentState.COMPLETED : i < p.enrol!.completed + p.enrol!.dropped ? EnrolmentState.DROPPED_OUT : EnrolmentState.ENROLLED,
    );
    const inserted = await em.insert(
      ProgrammeEnrolment,
      firms.map((f, i) => ({ programmeId: programme.id, firmId: f.id, state: states[i], enrolledByUserId: userId, version: states[i] === EnrolmentState.ENROLLED ? 1 : 2 })),
    );
    const ids = inserted.identifiers.map((x) => x.id as string);
    const events: Array<Partial<ProgrammeEnrolmentEvent>> = [];
    ids.forEach((enrolmentId, i) => {
      // Demo history: enrolled a month ago, the outcome a day ago (real events get the server's clock).
      events.push({ enrolmentId, state: EnrolmentState.ENROLLED, note: null, recordedByUserId: userId, recordedAt: daysAgo(30) });
      if (states[i] === EnrolmentState.COMPLETED) events.push({ enrolmentId, state: EnrolmentState.COMPLETED, note: 'Har gennemført alle campdage.', recordedByUserId: userId, recordedAt: daysAgo(1) });
      if (states[i] === EnrolmentState.DROPPED_OUT) events.push({ enrolmentId, state: EnrolmentState.DROPPED_OUT, note: 'Ingen kapacitet i virksomheden i denne sæson.', recordedByUserId: userId, recordedAt: daysAgo(1) });
    });
    await em.insert(ProgrammeEnrolmentEvent, events);
  }
}
