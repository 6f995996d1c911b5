/** The consultant's desk (keys "desk.<key>"); see ui/i18n.ts. */
export const messages = {
  'error.occurredAt.INVALID': {
    en: 'Not in the future, and at most 14 days back.',
    da: 'Ikke i fremtiden, og højst 14 dage tilbage.',
    sv: 'Inte i framtiden, och högst 14 dagar bakåt.',
  },
  'error.correction.occurredAt.INVALID': {
    en: 'At most 14 days before the entry was recorded.',
    da: 'Højst 14 dage før indgangen blev registreret.',
    sv: 'Högst 14 dagar före att posten registrerades.',
  },
  'error.milestone.title.REQUIRED': { en: 'Give the milestone a title.', da: 'Giv milepælen en titel.', sv: 'Ge milstolpen en rubrik.' },
  'error.milestone.ownerName.REQUIRED': { en: 'Say who owns the milestone.', da: 'Angiv hvem der ejer milepælen.', sv: 'Ange vem som äger milstolpen.' },
  'error.milestone.dueOn.REQUIRED': { en: 'Give the due date.', da: 'Angiv en frist.', sv: 'Ange ett förfallodatum.' },
  'error.growthMapping.scores.REQUIRED': {
    en: 'Score all 20 decision areas of the Growth Wheel.',
    da: 'Giv point for alle 20 beslutningsområder i Væksthjulet.',
    sv: 'Poängsätt alla 20 beslutsområden i Tillväxthjulet.',
  },
  'error.outcomeReport.currency.REQUIRED': { en: 'Give the currency of revenue and export.', da: 'Angiv valuta for omsætning og eksport.', sv: 'Ange valuta för omsättning och export.' },
  'error.outcomeReport.jobs.REQUIRED': { en: 'Report at least one of jobs, revenue, export.', da: 'Angiv mindst én af job, omsætning, eksport.', sv: 'Ange minst en av jobb, omsättning, export.' },
  'error.recipientOrganisationIds.REQUIRED': { en: 'Name the organisations the firm consented to.', da: 'Angiv de organisationer virksomheden har givet samtykke til.', sv: 'Ange de organisationer företaget har samtyckt till.' },
};
