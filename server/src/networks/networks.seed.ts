import { EntityManager } from 'typeorm';
import { User } from '../identity/user.entity';
import { Organisation } from '../organisations/organisation.entity';
import { FundingApplication, FundingApplicationStatus, FundingBudgetLine, FundingPool } from './funding.entity';
import { Network, NetworkMeeting, NetworkMember, NetworkWorkingGroupMember } from './network.entity';

const FIRST = ['Anne', 'Bo', 'Camilla', 'Dennis', 'Emil', 'Freja', 'Gustav', 'Helle', 'Ida', 'Jens', 'Karen', 'Lars', 'Maja', 'Niels', 'Ole', 'Pia', 'Rasmus', 'Sofie', 'Thomas', 'Ulla'];
const LAST = ['Andersen', 'Bech', 'Christensen', 'Dahl', 'Eriksen', 'Frost', 'Hansen', 'Jensen', 'Kjær', 'Larsen', 'Madsen', 'Nielsen', 'Olsen', 'Poulsen', 'Storm'];

/**
 * Demo data for networks: Erhvervsnetværk Amager Øst with ~120 members, its working group and secretariat,
 * the 2017 and 2018 meetings (attendance recorded for the past ones), the local committee's pool and the
 * 2018 application from the seed text with its budget (14,600 DKK, computed from the lines).
 * Idempotent: does nothing if the network exists already.
 */
export async function seedNetworks(em: EntityManager, orgs: Map<string, Organisation>, users: Map<string, User>): Promise<void> {
  const networkOrg = orgs.get('network:amager');
  const kobenhavn = orgs.get('mun:DK:101');
  if (!networkOrg || !kobenhavn) return;
  if (await em.existsBy(Network, { organisationId: networkOrg.id })) return;
  const nicki = users.get('network@amager.demo');

  const network = await em.save(
    em.create(Network, {
      name: 'Erhvervsnetværk Amager Øst',
      description:
        "AØLU's netværk for bydelens erhvervsliv: fokus på Amager Øst som en attraktiv bydel at drive virksomhed i. Facebookgruppe og netværksmøder.",
      ownerOrganisationId: networkOrg.id,
      organisationId: networkOrg.id,
      secretariatOrganisationId: kobenhavn.id,
    }),
  );

  await em.insert(NetworkWorkingGroupMember, [
    { networkId: network.id, personName: 'Lasse Rossen', organisationId: null, role: 'tovholder (Erhvervslivsgruppen, Miljø- og Plan)' },
    { networkId: network.id, personName: 'Nicki Brøchner', organisationId: null, role: 'Erhvervslivsgruppen' },
    { networkId: network.id, personName: null, organisationId: orgs.get('gh:hovedstaden')?.id ?? null, role: 'Københavns Erhvervshus: bidrager til aktiviteterne' },
  ].filter((w) => w.personName || w.organisationId));

  // ~120 members: local firms from the register, plus sole traders known by contact name only.
  const firms: Array<{ id: string }> = await em.query(`SELECT id FROM firm WHERE municipality_id = $1 AND status = 'REGISTERED' ORDER BY name LIMIT 70`, [kobenhavn.id]);
  const contacts = Array.from({ length: 118 - firms.length }, (_, i) => `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`);
  await em.insert(NetworkMember, [
    ...firms.map((f) => ({ networkId: network.id, firmId: f.id, contactName: null })),
    ...contacts.map((c) => ({ networkId: network.id, firmId: null, contactName: c })),
  ]);
  const memberIds: string[] = (await em.query('SELECT id FROM network_member WHERE network_id = $1 ORDER BY id', [network.id])).map((r: { id: string }) => r.id);

  // Meetings: two in 2017 and the four of the 2018 timeline; one upcoming (registrations only).
  const upcoming: string = (await em.query(`SELECT (current_date + 30)::text AS d`))[0].d;
  const meetings: Array<[string, string, number, number]> = [
    ['2017-09-13', 'Netværksmøde: Kend din bydel', 31, 27],
    ['2017-11-22', 'Netværksmøde: Erhverv og bydelsplan', 29, 25],
    ['2018-08-15', 'Netværksmøde: Morgenmøde i Verdensrummet', 33, 28],
    ['2018-09-19', 'Netværksmøde: Rekruttering lokalt', 30, 26],
    ['2018-10-17', 'Netværksmøde: Grøn omstilling i små virksomheder', 32, 30],
    ['2018-11-21', 'Netværksmøde: Årets sidste morgenmøde', 28, 25],
    [upcoming, 'Netværksmøde: Næste morgenmøde', 22, 0],
  ];
  let offset = 0;
  for (const [heldOn, title, registered, attended] of meetings) {
    const past = heldOn < upcoming;
    const meeting = await em.save(
      em.create(NetworkMeeting, { networkId: network.id, heldOn, title, location: 'Verdensrummet, Amager Øst', attendanceRecordedAt: past ? new Date(`${heldOn}T12:00:00Z`) : null }),
    );
    const chosen = Array.from({ length: registered }, (_, i) => memberIds[(offset + i * 3) % memberIds.length]);
    offset += 11;
    await em.query(
      `INSERT INTO network_meeting_participant (meeting_id, member_id, registered_at, attended, attendance_recorded_by_user_id)
       SELECT $1, m, $2::timestamptz, CASE WHEN $3 THEN ord <= $4 ELSE NULL END, CASE WHEN $3 THEN $5::uuid ELSE NULL END
         FROM unnest($6::uuid[]) WITH ORDINALITY AS t(m, ord)`,
      [meeting.id, new Date(`${heldOn}T08:00:00Z`).toISOString(), past, attended, past ? nicki?.id ?? null : null, [...new Set(chosen)]],
    );
  }

  // The local committee's pool and the 2018 application (seed text), approved with its budget.
  const pool = await em.save(
    em.create(FundingPool, {
      ownerOrganisationId: kobenhavn.id,
      name: 'Amager Øst Lokaludvalg: puljemidler til interne projekter',
      description: 'Afsættelse af puljemidler til lokaludvalgets interne projekter. Ansøgninger behandles af lokaludvalget.',
    }),
  );
  const application = await em.save(
    em.create(FundingApplication, {
      poolId: pool.id,
      applicantOrganisationId: networkOrg.id,
      networkId: network.id,
      status: FundingApplicationStatus.APPROVED,
      projectName: 'Fortsættelse af erhvervsnetværk Amager Øst',
      responsible: 'Miljø- og Plan, Erhvervslivsgruppen v. Lasse Rossen og Nicki Brøchner (arbejdsgruppe + tovholder)',
      purpose: "Facilitere rammerne for AØLU's netværk for bydelens erhvervsliv, og sætte fokus på Amager Øst, som en attraktiv bydel at drive virksomhed i.",
      rationale:
        'Formålet er at styrke og sikre det etablerede netværk således at dette på sigt kan blive selvkørende, samt at sikre at Lokaludvalget har en stabil dialog med de lokale erhvervsdrivende.',
      targetGroup:
        'Alle interesserede erhvervsdrivende i bydelen. Primært små og mellemstore virksomheder (SMV). Netværket består i dag af knapt 120 personer, og de to netværksmøder der har været afholdt i 2017 har haft deltagelse af 25-30 erhvervsdrivende pr gang.',
      activities:
        'Projektet består dels af en fortsættelse af facebookgruppen og dels af fire netværksmøder i løbet af efteråret 2018 efter samme princip som de hidtil afholdte møder.',
      expectedShortTermResults: 'Lokaludvalget får indsigt i de emner og problematikker som berører erhvervslivet. Erhvervslivet opdager Lokaludvalget som en aktiv medspiller.',
      expectedLongTermResults:
        'Acceptere erhvervslivet som en vigtig indspiller i bylivet, og få en konstruktiv positiv dialog i gang, der er essentiel, hvis lokaludvalget skal arbejde med en erhvervspolitisk indsats som beskrevet i bydelsplanen.',
      anchoringStrategy:
        'Projektet er forankret i Erhvervslivsgruppen, der er opstået i forbindelse med bydelsplanarbejdet, og nu er forankret i Miljø- og Plan, med repræsentanter fra erhvervslivet og Erhvervshuset. Lasse Rossen er tovholder.',
      partners: 'Lokale erhvervsdrivende fra hele bydelen, Københavns Erhvervshus. Erhvervshuset har udtrykt interesse for aktivt at bidrage til netværkets fremadrettede aktiviteter.',
      timeline:
        '15 august 2018 - afholdelse af netværksmøde\n19 september 2018 - afholdelse af netværksmøde\n17 oktober 2018 - afholdelse af netværksmøde\n21 november 2018 - afholdelse af netværksmøde',
      communication: 'Invitationer sendes ud til netværket via facebook og hjemmeside.',
      secretariatContribution:
        'Udarbejdelse af invitationer og koordinere tilmeldinger, arrangere forplejning, lokaleleje, samt koordinerende deltagelse på afholdelsesdagen. Supportere på tilrettelæggelsen af netværksmødernes indhold.',
      workingGroupContribution: 'Tilrettelæggelse af netværksmødets indhold sammen med sekretariatet, evaluere på processen.',
      submittedAt: new Date('2018-05-30T10:00:00Z'),
      submittedByUserId: nicki?.id ?? null,
      decidedAt: new Date('2018-06-20T17:00:00Z'),
      decidedByUserId: null,
      decidedByOrganisationId: kobenhavn.id,
      amountGranted: '14600.00',
      decisionReason: 'Bevilget af Amager Øst Lokaludvalg.',
    }),
  );
  await em.insert(FundingBudgetLine, [
    { applicationId: application.id, position: 0, description: 'Lokaleleje, Verdensrummet x 2', amount: '1600.00' },
    { applicationId: application.id, position: 1, description: 'Morgenmad og kaffe/te', amount: '8000.00' },
    { applicationId: application.id, position: 2, description: 'Kommunikation', amount: '0.00' },
    { applicationId: application.id, position: 3, description: 'Evt. ekstern oplægsholder', amount: '5000.00' },
  ]);
}
